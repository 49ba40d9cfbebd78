"""FIFO topics: naming, MessageGroupId required, deduplication, delivery to a FIFO queue in order."""
from common import attempt


def scenario(boto3):
    sns = boto3.client("sns")
    sqs = boto3.client("sqs")
    out = {}
    out["bad_name"] = attempt(sns.create_topic, Name="fid-events", Attributes={"FifoTopic": "true"})
    topic = sns.create_topic(Name="fid-events.fifo", Attributes={"FifoTopic": "true", "ContentBasedDeduplication": "true"})["TopicArn"]
    url = sqs.create_queue(QueueName="fid-events-q.fifo", Attributes={"FifoQueue": "true", "ContentBasedDeduplication": "true"})["QueueUrl"]
    qarn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    out["subscribe"] = attempt(sns.subscribe, TopicArn=topic, Protocol="sqs", Endpoint=qarn, Attributes={"RawMessageDelivery": "true"})
    out["no_group"] = attempt(sns.publish, TopicArn=topic, Message="x")
    first = sns.publish(TopicArn=topic, Message="e1", MessageGroupId="g")
    out["first_keys"] = sorted(k for k in first if k != "ResponseMetadata")
    sns.publish(TopicArn=topic, Message="e2", MessageGroupId="g")
    sns.publish(TopicArn=topic, Message="e1", MessageGroupId="g")
    got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)
    out["received"] = [m["Body"] for m in got.get("Messages", [])]
    out["topic_attrs"] = attempt(sns.get_topic_attributes, TopicArn=topic)
    return out
