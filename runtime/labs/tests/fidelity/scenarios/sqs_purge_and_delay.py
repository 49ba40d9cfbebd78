"""DelaySeconds keeps messages back; PurgeQueue empties the queue."""
from common import attempt


def scenario(boto3):
    sqs = boto3.client("sqs")
    url = sqs.create_queue(QueueName="fid-purge")["QueueUrl"]
    out = {}
    sqs.send_message(QueueUrl=url, MessageBody="now")
    sqs.send_message(QueueUrl=url, MessageBody="later", DelaySeconds=60)
    out["attrs"] = sqs.get_queue_attributes(
        QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesDelayed"]
    )["Attributes"]
    got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)
    out["received"] = [m["Body"] for m in got.get("Messages", [])]
    out["purge"] = attempt(sqs.purge_queue, QueueUrl=url)
    out["after_purge"] = sqs.get_queue_attributes(
        QueueUrl=url,
        AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesDelayed", "ApproximateNumberOfMessagesNotVisible"],
    )["Attributes"]
    out["purge_again"] = attempt(sqs.purge_queue, QueueUrl=url)
    return out
