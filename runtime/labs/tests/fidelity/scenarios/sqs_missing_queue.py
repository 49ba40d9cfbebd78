"""A queue that does not exist: QueueDoesNotExist with SQS's legacy code."""
from common import attempt


def scenario(boto3):
    sqs = boto3.client("sqs")
    missing = "https://sqs.us-east-1.amazonaws.com/123456789012/fid-nope"
    out = {}
    out["get_url"] = attempt(sqs.get_queue_url, QueueName="fid-nope")
    out["send"] = attempt(sqs.send_message, QueueUrl=missing, MessageBody="x")
    out["receive"] = attempt(sqs.receive_message, QueueUrl=missing)
    out["attributes"] = attempt(sqs.get_queue_attributes, QueueUrl=missing, AttributeNames=["All"])
    out["delete_queue"] = attempt(sqs.delete_queue, QueueUrl=missing)
    try:
        sqs.get_queue_url(QueueName="fid-nope")
    except sqs.exceptions.QueueDoesNotExist as e:
        out["caught"] = ["QueueDoesNotExist", e.response["Error"]["Code"]]
    return out
