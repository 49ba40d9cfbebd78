"""FIFO queues: group ordering, content-based deduplication, sequence numbers, required ids."""
from common import attempt


def scenario(boto3):
    sqs = boto3.client("sqs")
    out = {}
    out["bad_name"] = attempt(sqs.create_queue, QueueName="fid-orders", Attributes={"FifoQueue": "true"})
    url = sqs.create_queue(
        QueueName="fid-orders.fifo", Attributes={"FifoQueue": "true", "ContentBasedDeduplication": "true"}
    )["QueueUrl"]
    out["no_group"] = attempt(sqs.send_message, QueueUrl=url, MessageBody="x")
    first = sqs.send_message(QueueUrl=url, MessageBody="a1", MessageGroupId="A")
    dup = sqs.send_message(QueueUrl=url, MessageBody="a1", MessageGroupId="A")
    out["dedup_same_id"] = first["MessageId"] == dup["MessageId"]
    out["has_sequence"] = "SequenceNumber" in first
    sqs.send_message(QueueUrl=url, MessageBody="a2", MessageGroupId="A")
    sqs.send_message(QueueUrl=url, MessageBody="b1", MessageGroupId="B")
    sqs.send_message(QueueUrl=url, MessageBody="a3", MessageGroupId="A", MessageDeduplicationId="explicit")
    got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, MessageSystemAttributeNames=["MessageGroupId", "MessageDeduplicationId"])
    out["received"] = [[m["Body"], m["Attributes"].get("MessageGroupId")] for m in got.get("Messages", [])]
    out["count"] = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"])["Attributes"]
    plain = sqs.create_queue(QueueName="fid-plain.fifo", Attributes={"FifoQueue": "true"})["QueueUrl"]
    out["no_dedup_id"] = attempt(sqs.send_message, QueueUrl=plain, MessageBody="x", MessageGroupId="g")
    out["attrs"] = attempt(sqs.get_queue_attributes, QueueUrl=plain, AttributeNames=["FifoQueue", "ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit"])
    return out
