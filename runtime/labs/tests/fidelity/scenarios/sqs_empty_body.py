"""An empty message body: AWS refuses it (moto 5.2.5 accepts it)."""
from common import attempt


def scenario(boto3):
    sqs = boto3.client("sqs")
    url = sqs.create_queue(QueueName="fid-empty")["QueueUrl"]
    out = {"send_empty": attempt(sqs.send_message, QueueUrl=url, MessageBody="")}
    out["count"] = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages"])["Attributes"]
    return out
