"""The basic cycle: send, receive with attributes, delete, empty receive (no Messages key)."""
from common import attempt, normalize


def scenario(boto3):
    sqs = boto3.client("sqs")
    out = {"create": attempt(sqs.create_queue, QueueName="fid-basic")}
    url = out["create"]["QueueUrl"]
    out["get_url"] = attempt(sqs.get_queue_url, QueueName="fid-basic")
    out["send"] = attempt(sqs.send_message, QueueUrl=url, MessageBody='{"order": 1}')
    out["send2"] = attempt(sqs.send_message, QueueUrl=url, MessageBody="second ✓")
    got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, MessageSystemAttributeNames=["All"])
    out["receive"] = normalize(got)
    handles = [m["ReceiptHandle"] for m in got.get("Messages", [])]
    out["hidden_now"] = attempt(sqs.receive_message, QueueUrl=url)
    out["delete"] = [attempt(sqs.delete_message, QueueUrl=url, ReceiptHandle=h) for h in handles]
    out["counts"] = normalize(
        sqs.get_queue_attributes(
            QueueUrl=url,
            AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
        )
    )
    out["receive_plain"] = attempt(sqs.receive_message, QueueUrl=url, WaitTimeSeconds=0)
    return out
