"""Message attributes of each type, their MD5, and selecting them on receive."""
from common import attempt, normalize


def scenario(boto3):
    sqs = boto3.client("sqs")
    url = sqs.create_queue(QueueName="fid-attrs")["QueueUrl"]
    attrs = {
        "Author": {"DataType": "String", "StringValue": "ada"},
        "Count": {"DataType": "Number", "StringValue": "42"},
        "Price": {"DataType": "Number.float", "StringValue": "9.99"},
        "Blob": {"DataType": "Binary", "BinaryValue": b"\x00\x01\x02"},
        "trace.id": {"DataType": "String.custom", "StringValue": "abc"},
    }
    out = {"send": attempt(sqs.send_message, QueueUrl=url, MessageBody="with attributes", MessageAttributes=attrs)}
    got = sqs.receive_message(QueueUrl=url, MessageAttributeNames=["All"], VisibilityTimeout=0)
    out["all"] = normalize(got["Messages"])
    got = sqs.receive_message(QueueUrl=url, MessageAttributeNames=["Author", "trace.*"], VisibilityTimeout=0)
    out["some"] = normalize(got["Messages"][0].get("MessageAttributes"))
    got = sqs.receive_message(QueueUrl=url, VisibilityTimeout=0)
    out["none"] = sorted(got["Messages"][0].keys())
    out["bad_type"] = attempt(
        sqs.send_message, QueueUrl=url, MessageBody="x", MessageAttributes={"A": {"DataType": "Date", "StringValue": "x"}}
    )
    out["bad_number"] = attempt(
        sqs.send_message, QueueUrl=url, MessageBody="x", MessageAttributes={"A": {"DataType": "Number", "StringValue": "abc"}}
    )
    out["missing_value"] = attempt(sqs.send_message, QueueUrl=url, MessageBody="x", MessageAttributes={"A": {"DataType": "String"}})
    return out
