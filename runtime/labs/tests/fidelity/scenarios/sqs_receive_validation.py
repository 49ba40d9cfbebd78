"""ReceiveMessage parameter checks: MaxNumberOfMessages out of 1..10, bad receipt handles."""
from common import attempt


def scenario(boto3):
    sqs = boto3.client("sqs")
    url = sqs.create_queue(QueueName="fid-validate")["QueueUrl"]
    out = {}
    out["max_11"] = attempt(sqs.receive_message, QueueUrl=url, MaxNumberOfMessages=11)
    out["max_0"] = attempt(sqs.receive_message, QueueUrl=url, MaxNumberOfMessages=0)
    out["bad_handle"] = attempt(sqs.delete_message, QueueUrl=url, ReceiptHandle="garbage")
    out["bad_visibility_handle"] = attempt(sqs.change_message_visibility, QueueUrl=url, ReceiptHandle="garbage", VisibilityTimeout=10)
    out["missing_body"] = attempt(sqs.send_message, QueueUrl=url)
    out["delay_too_long"] = attempt(sqs.send_message, QueueUrl=url, MessageBody="x", DelaySeconds=901)
    out["bad_name"] = attempt(sqs.create_queue, QueueName="has space")
    out["too_big"] = attempt(sqs.send_message, QueueUrl=url, MessageBody="x" * (1048576 + 1))
    return out
