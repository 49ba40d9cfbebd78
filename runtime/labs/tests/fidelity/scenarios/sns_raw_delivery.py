"""RawMessageDelivery: the bare message arrives, attributes become SQS message attributes."""
from common import attempt, normalize


def scenario(boto3):
    sns = boto3.client("sns")
    sqs = boto3.client("sqs")
    topic = sns.create_topic(Name="fid-raw")["TopicArn"]
    url = sqs.create_queue(QueueName="fid-raw-q")["QueueUrl"]
    qarn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sub = sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=qarn, Attributes={"RawMessageDelivery": "true"}, ReturnSubscriptionArn=True)
    out = {"sub_attrs": attempt(sns.get_subscription_attributes, SubscriptionArn=sub["SubscriptionArn"])}
    sns.publish(
        TopicArn=topic,
        Message="raw body",
        MessageAttributes={"color": {"DataType": "String", "StringValue": "blue"}, "n": {"DataType": "Number", "StringValue": "7"}},
    )
    got = sqs.receive_message(QueueUrl=url, MessageAttributeNames=["All"], MessageSystemAttributeNames=["All"])
    m = got["Messages"][0]
    out["body"] = m["Body"]
    out["attributes"] = normalize(m.get("MessageAttributes"))
    out["md5_attrs"] = m.get("MD5OfMessageAttributes")
    out["system_keys"] = sorted(m["Attributes"])
    out["set_raw_off"] = attempt(sns.set_subscription_attributes, SubscriptionArn=sub["SubscriptionArn"], AttributeName="RawMessageDelivery", AttributeValue="false")
    sns.publish(TopicArn=topic, Message="wrapped now")
    got = sqs.receive_message(QueueUrl=url)
    out["wrapped"] = normalize(sorted(__import__("json").loads(got["Messages"][0]["Body"]).keys()))
    return out
