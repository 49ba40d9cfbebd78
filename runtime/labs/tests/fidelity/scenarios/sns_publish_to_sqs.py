"""SNS to SQS: subscribe a queue, publish with Subject and attributes, read the JSON envelope."""
import json

from common import attempt, envelope, normalize


def scenario(boto3):
    sns = boto3.client("sns")
    sqs = boto3.client("sqs")
    topic = sns.create_topic(Name="fid-orders")["TopicArn"]
    url = sqs.create_queue(QueueName="fid-orders-q")["QueueUrl"]
    qarn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    out = {"subscribe": attempt(sns.subscribe, TopicArn=topic, Protocol="sqs", Endpoint=qarn)}
    out["publish"] = attempt(
        sns.publish,
        TopicArn=topic,
        Message=json.dumps({"order": 42, "total": "9.99"}),
        Subject="New order",
        MessageAttributes={
            "kind": {"DataType": "String", "StringValue": "order"},
            "amount": {"DataType": "Number", "StringValue": "9.99"},
            "raw": {"DataType": "Binary", "BinaryValue": b"\x01\x02"},
        },
    )
    out["publish_plain"] = attempt(sns.publish, TopicArn=topic, Message="plain text")
    got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, MessageAttributeNames=["All"])
    msgs = got.get("Messages", [])
    out["count"] = len(msgs)
    out["envelopes"] = sorted((envelope(m["Body"]) for m in msgs), key=lambda e: e.get("Message"))
    out["message_keys"] = sorted(sorted(m.keys()) for m in msgs)
    out["inner"] = sorted(json.loads(m["Body"])["Message"] for m in msgs)
    out["md5_ok"] = sorted(normalize(m["MD5OfBody"]) == __import__("hashlib").md5(m["Body"].encode()).hexdigest() for m in msgs)
    return out
