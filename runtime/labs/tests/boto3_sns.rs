//! boto3's SNS client and resource in the lab runtime.

mod boto3_support;

use boto3_support::{handler, run};
use serde_json::json;

#[test]
fn publish_to_a_subscribed_queue() {
    let out = run(&handler(
        r#"sns = boto3.client('sns')
sqs = boto3.client('sqs')
topic = sns.create_topic(Name='alerts')['TopicArn']
url = sqs.create_queue(QueueName='inbox')['QueueUrl']
arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=['QueueArn'])['Attributes']['QueueArn']
sub = sns.subscribe(TopicArn=topic, Protocol='sqs', Endpoint=arn, ReturnSubscriptionArn=True)
pub = sns.publish(TopicArn=topic, Message='disk full', Subject='ops', MessageAttributes={'level': {'DataType': 'String', 'StringValue': 'high'}})
body = json.loads(sqs.receive_message(QueueUrl=url)['Messages'][0]['Body'])
subs = sns.list_subscriptions_by_topic(TopicArn=topic)['Subscriptions']
return {'topic': topic, 'sub': sub['SubscriptionArn'].startswith(topic + ':'), 'pub_keys': sorted(pub),
        'type': body['Type'], 'message': body['Message'], 'subject': body['Subject'], 'attr': body['MessageAttributes']['level'],
        'subs': [s['Protocol'] for s in subs]}"#,
    ));
    assert_eq!(out["topic"], "arn:aws:sns:us-east-1:123456789012:alerts");
    assert_eq!(out["sub"], true);
    assert_eq!(out["pub_keys"], json!(["MessageId", "ResponseMetadata"]));
    assert_eq!(out["type"], "Notification");
    assert_eq!(out["message"], "disk full");
    assert_eq!(out["subject"], "ops");
    assert_eq!(out["attr"], json!({"Type": "String", "Value": "high"}));
    assert_eq!(out["subs"], json!(["sqs"]));
}

#[test]
fn sns_errors_use_the_modelled_classes() {
    let out = run(&handler(
        r#"sns = boto3.client('sns')
out = []
try:
    sns.publish(TopicArn='arn:aws:sns:us-east-1:123456789012:nope', Message='x')
except sns.exceptions.NotFoundException as e:
    out.append([type(e).__name__, e.response['Error']['Code'], e.response['ResponseMetadata']['HTTPStatusCode']])
try:
    sns.create_topic(Name='bad name!')
except sns.exceptions.InvalidParameterException as e:
    out.append([type(e).__name__, e.response['Error']['Code'], str(e).startswith('An error occurred (InvalidParameter) when calling the CreateTopic operation: ')])
try:
    sns.publish(TopicArn='arn:aws:sns:us-east-1:123456789012:nope')
except botocore.exceptions.ParamValidationError as e:
    out.append(str(e))
return out"#,
    ));
    assert_eq!(out[0][0], "NotFoundException");
    assert_eq!(out[0][1], "NotFound");
    assert_eq!(out[0][2], 404);
    assert_eq!(out[1], json!(["InvalidParameterException", "InvalidParameter", true]));
    assert_eq!(out[2], "Parameter validation failed:\nMissing required parameter in input: \"Message\"");
}

#[test]
fn list_topics_paginator_and_publish_batch() {
    let out = run(&handler(
        r#"sns = boto3.client('sns')
for i in range(3):
    sns.create_topic(Name=f't{i}')
full = sns.get_paginator('list_topics').paginate().build_full_result()
batch = sns.publish_batch(TopicArn=full['Topics'][0]['TopicArn'], PublishBatchRequestEntries=[{'Id': 'a', 'Message': 'one'}, {'Id': 'b', 'Message': 'two'}])
return {'topics': [t['TopicArn'].rsplit(':', 1)[1] for t in full['Topics']], 'ok': sorted(e['Id'] for e in batch['Successful']),
        'failed': batch['Failed']}"#,
    ));
    assert_eq!(out, json!({"topics": ["t0", "t1", "t2"], "ok": ["a", "b"], "failed": []}));
}

#[test]
fn sns_resource_topic() {
    let out = run(&handler(
        r#"sns = boto3.resource('sns')
topic = sns.create_topic(Name='news')
r = topic.publish(Message='hello')
return {'repr': repr(topic), 'arn': topic.arn, 'msg': 'MessageId' in r, 'owner': topic.attributes['Owner'],
        'topics': [t.arn for t in sns.topics.all()], 'cls': type(sns).__name__}"#,
    ));
    assert_eq!(out["repr"], "sns.Topic(arn='arn:aws:sns:us-east-1:123456789012:news')");
    assert_eq!(out["msg"], true);
    assert_eq!(out["owner"], "123456789012");
    assert_eq!(out["topics"], json!(["arn:aws:sns:us-east-1:123456789012:news"]));
    assert_eq!(out["cls"], "sns.ServiceResource");
}

#[test]
fn raw_delivery_and_subscription_resource() {
    let out = run(&handler(
        r#"sns = boto3.resource('sns')
sqs = boto3.resource('sqs')
topic = sns.create_topic(Name='raw')
queue = sqs.create_queue(QueueName='raw-inbox')
sub = topic.subscribe(Protocol='sqs', Endpoint=queue.attributes['QueueArn'], ReturnSubscriptionArn=True)
sub.set_attributes(AttributeName='RawMessageDelivery', AttributeValue='true')
topic.publish(Message='plain body', MessageAttributes={'k': {'DataType': 'String', 'StringValue': 'v'}})
m = queue.receive_messages(MessageAttributeNames=['All'])[0]
return {'sub_cls': type(sub).__name__, 'raw': sub.attributes['RawMessageDelivery'], 'body': m.body,
        'attrs': m.message_attributes, 'subs': [s.arn == sub.arn for s in topic.subscriptions.all()]}"#,
    ));
    assert_eq!(out["sub_cls"], "sns.Subscription");
    assert_eq!(out["raw"], "true");
    assert_eq!(out["body"], "plain body");
    assert_eq!(out["attrs"], json!({"k": {"StringValue": "v", "DataType": "String"}}));
    assert_eq!(out["subs"], json!([true]));
}
