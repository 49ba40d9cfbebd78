//! boto3's SQS client and resource in the lab runtime.

mod boto3_support;

use boto3_support::{handler, run};
use serde_json::json;

#[test]
fn send_receive_delete_with_message_attributes() {
    let out = run(&handler(
        r#"sqs = boto3.client('sqs')
url = sqs.create_queue(QueueName='orders')['QueueUrl']
sent = sqs.send_message(QueueUrl=url, MessageBody='{"id": 1}', MessageAttributes={
    'kind': {'DataType': 'String', 'StringValue': 'order'},
    'n': {'DataType': 'Number', 'StringValue': '5'},
    'raw': {'DataType': 'Binary', 'BinaryValue': b'\x00\x01'}})
r = sqs.receive_message(QueueUrl=url, MessageAttributeNames=['All'], AttributeNames=['All'], MaxNumberOfMessages=10)
m = r['Messages'][0]
empty = sqs.receive_message(QueueUrl=url)
sqs.delete_message(QueueUrl=url, ReceiptHandle=m['ReceiptHandle'])
return {'url': url, 'sent_keys': sorted(sent), 'body': json.loads(m['Body']),
        'raw': list(m['MessageAttributes']['raw']['BinaryValue']), 'raw_type': type(m['MessageAttributes']['raw']['BinaryValue']).__name__,
        'kind': m['MessageAttributes']['kind'], 'count': m['Attributes']['ApproximateReceiveCount'],
        'same_id': m['MessageId'] == sent['MessageId'], 'empty': sorted(empty),
        'md': sorted(empty['ResponseMetadata']), 'headers': sorted(empty['ResponseMetadata']['HTTPHeaders'])}"#,
    ));
    assert_eq!(out["url"], "https://sqs.us-east-1.amazonaws.com/123456789012/orders");
    assert_eq!(out["sent_keys"], json!(["MD5OfMessageAttributes", "MD5OfMessageBody", "MessageId", "ResponseMetadata"]));
    assert_eq!(out["body"], json!({"id": 1}));
    assert_eq!(out["raw"], json!([0, 1]));
    assert_eq!(out["raw_type"], "bytes");
    assert_eq!(out["kind"], json!({"StringValue": "order", "DataType": "String"}));
    assert_eq!(out["count"], "1");
    assert_eq!(out["same_id"], true);
    assert_eq!(out["empty"], json!(["ResponseMetadata"]));
    assert_eq!(out["md"], json!(["HTTPHeaders", "HTTPStatusCode", "RequestId", "RetryAttempts"]));
    assert_eq!(out["headers"], json!(["content-length", "content-type", "date", "x-amzn-requestid"]));
}

#[test]
fn missing_queue_raises_queue_does_not_exist_chosen_by_query_error_code() {
    let out = run(&handler(
        r#"sqs = boto3.client('sqs')
try:
    sqs.get_queue_url(QueueName='nope')
except sqs.exceptions.QueueDoesNotExist as e:
    return [type(e).__name__, str(e), e.response['Error'], e.response['ResponseMetadata']['HTTPStatusCode']]"#,
    ));
    assert_eq!(
        out,
        json!([
            "QueueDoesNotExist",
            "An error occurred (AWS.SimpleQueueService.NonExistentQueue) when calling the GetQueueUrl operation: The specified queue does not exist.",
            {"Code": "AWS.SimpleQueueService.NonExistentQueue", "Message": "The specified queue does not exist.", "QueryErrorCode": "QueueDoesNotExist", "Type": "Sender"},
            400
        ])
    );
}

#[test]
fn bad_receipt_handle_and_unmodelled_errors() {
    let out = run(&handler(
        r#"sqs = boto3.client('sqs')
url = sqs.create_queue(QueueName='q')['QueueUrl']
out = []
try:
    sqs.delete_message(QueueUrl=url, ReceiptHandle='garbage')
except sqs.exceptions.ReceiptHandleIsInvalid as e:
    out.append([type(e).__name__, e.response['Error']['Code']])
try:
    sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=20)
except botocore.exceptions.ClientError as e:
    out.append([type(e).__name__, e.response['Error']['Code'], e.response['Error']['Message']])
return out"#,
    ));
    assert_eq!(out[0], json!(["ReceiptHandleIsInvalid", "ReceiptHandleIsInvalid"]));
    assert_eq!(out[1][0], "ClientError");
    assert_eq!(out[1][1], "InvalidParameterValue");
}

#[test]
fn nested_parameter_validation() {
    let out = run(&handler(
        r#"sqs = boto3.client('sqs')
out = []
for kw in ({'MessageAttributes': {'a': {'DataType': 'String', 'StringValue': 5}}},
           {'MessageAttributes': {'a': {'StringValue': 'x'}}},
           {'MessageBody': None}, {'DelaySeconds': '5'}):
    args = {'QueueUrl': 'u', 'MessageBody': 'b'}
    args.update(kw)
    try:
        sqs.send_message(**args)
    except botocore.exceptions.ParamValidationError as e:
        out.append(str(e))
try:
    sqs.send_message_batch(QueueUrl='u', Entries=[{'Id': '1'}, {'MessageBody': 'x'}])
except botocore.exceptions.ParamValidationError as e:
    out.append(str(e))
return out"#,
    ));
    assert_eq!(
        out,
        json!([
            "Parameter validation failed:\nInvalid type for parameter MessageAttributes.a.StringValue, value: 5, type: <class 'int'>, valid types: <class 'str'>",
            "Parameter validation failed:\nMissing required parameter in MessageAttributes.a: \"DataType\"",
            "Parameter validation failed:\nInvalid type for parameter MessageBody, value: None, type: <class 'NoneType'>, valid types: <class 'str'>",
            "Parameter validation failed:\nInvalid type for parameter DelaySeconds, value: 5, type: <class 'str'>, valid types: <class 'int'>",
            "Parameter validation failed:\nMissing required parameter in Entries[0]: \"MessageBody\"\nMissing required parameter in Entries[1]: \"Id\""
        ])
    );
}

#[test]
fn batches_and_list_queues_paginator() {
    let out = run(&handler(
        r#"sqs = boto3.client('sqs')
for name in ('a-queue', 'b-queue', 'c-queue'):
    sqs.create_queue(QueueName=name)
url = sqs.get_queue_url(QueueName='a-queue')['QueueUrl']
sent = sqs.send_message_batch(QueueUrl=url, Entries=[{'Id': str(i), 'MessageBody': f'm{i}'} for i in range(3)])
msgs = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)['Messages']
deleted = sqs.delete_message_batch(QueueUrl=url, Entries=[{'Id': m['MessageId'], 'ReceiptHandle': m['ReceiptHandle']} for m in msgs])
p = sqs.get_paginator('list_queues')
pages = list(p.paginate(PaginationConfig={'PageSize': 2}))
return {'sent': sorted(e['Id'] for e in sent['Successful']), 'bodies': sorted(m['Body'] for m in msgs),
        'deleted': len(deleted['Successful']), 'pages': [len(pg['QueueUrls']) for pg in pages],
        'full': p.paginate(QueueNamePrefix='b').build_full_result()}"#,
    ));
    assert_eq!(out["sent"], json!(["0", "1", "2"]));
    assert_eq!(out["bodies"], json!(["m0", "m1", "m2"]));
    assert_eq!(out["deleted"], 3);
    assert_eq!(out["pages"], json!([2, 1]));
    assert_eq!(out["full"], json!({"QueueUrls": ["https://sqs.us-east-1.amazonaws.com/123456789012/b-queue"]}));
}

#[test]
fn sqs_resource_queue_and_messages() {
    let out = run(&handler(
        r#"sqs = boto3.resource('sqs')
q = sqs.create_queue(QueueName='jobs')
same = sqs.get_queue_by_name(QueueName='jobs')
q.send_message(MessageBody='job-1')
msgs = q.receive_messages(MaxNumberOfMessages=5)
m = msgs[0]
body = m.body
m.delete()
return {'repr': repr(q), 'eq': q == same, 'url': q.url, 'cls': type(m).__name__, 'body': body,
        'visible': q.attributes['ApproximateNumberOfMessages'], 'queues': [x.url for x in sqs.queues.all()]}"#,
    ));
    assert_eq!(out["repr"], "sqs.Queue(url='https://sqs.us-east-1.amazonaws.com/123456789012/jobs')");
    assert_eq!(out["eq"], true);
    assert_eq!(out["cls"], "sqs.Message");
    assert_eq!(out["body"], "job-1");
    assert_eq!(out["visible"], "0");
    assert_eq!(out["queues"], json!(["https://sqs.us-east-1.amazonaws.com/123456789012/jobs"]));
}

#[test]
fn fifo_queues_visibility_and_attributes() {
    let out = run(&handler(
        r#"sqs = boto3.client('sqs')
url = sqs.create_queue(QueueName='jobs.fifo', Attributes={'FifoQueue': 'true', 'ContentBasedDeduplication': 'true'})['QueueUrl']
a = sqs.send_message(QueueUrl=url, MessageBody='one', MessageGroupId='g')
b = sqs.send_message(QueueUrl=url, MessageBody='one', MessageGroupId='g')
m = sqs.receive_message(QueueUrl=url, VisibilityTimeout=30)['Messages'][0]
sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=m['ReceiptHandle'], VisibilityTimeout=0)
again = sqs.receive_message(QueueUrl=url, AttributeNames=['ApproximateReceiveCount'])['Messages'][0]
attrs = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=['FifoQueue', 'VisibilityTimeout'])['Attributes']
res = boto3.resource('sqs').Queue(url)
msg = res.receive_messages()
return {'dedup': a['MessageId'] == b['MessageId'], 'seq': 'SequenceNumber' in a, 'count': again['Attributes']['ApproximateReceiveCount'],
        'attrs': attrs, 'in_flight': len(msg), 'fifo': res.attributes['FifoQueue']}"#,
    ));
    assert_eq!(out["dedup"], true);
    assert_eq!(out["seq"], true);
    assert_eq!(out["count"], "2");
    assert_eq!(out["attrs"], json!({"FifoQueue": "true", "VisibilityTimeout": "30"}));
    assert_eq!(out["in_flight"], 0);
    assert_eq!(out["fifo"], "true");
}
