"""PublishBatch to a topic with an SQS subscriber: Successful/Failed entries and what arrives."""
from common import attempt


def scenario(boto3):
    sns = boto3.client("sns")
    sqs = boto3.client("sqs")
    topic = sns.create_topic(Name="fid-batch-topic")["TopicArn"]
    url = sqs.create_queue(QueueName="fid-batch-topic-q")["QueueUrl"]
    qarn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=qarn, Attributes={"RawMessageDelivery": "true"})
    out = {}
    out["batch"] = attempt(
        sns.publish_batch,
        TopicArn=topic,
        PublishBatchRequestEntries=[
            {"Id": "one", "Message": "first"},
            {"Id": "two", "Message": "second", "Subject": "S"},
            {"Id": "three", "Message": "third", "MessageAttributes": {"k": {"DataType": "String", "StringValue": "v"}}},
        ],
    )
    out["same_ids"] = attempt(
        sns.publish_batch, TopicArn=topic, PublishBatchRequestEntries=[{"Id": "a", "Message": "1"}, {"Id": "a", "Message": "2"}]
    )
    out["too_many"] = attempt(
        sns.publish_batch, TopicArn=topic, PublishBatchRequestEntries=[{"Id": str(i), "Message": "m"} for i in range(11)]
    )
    out["empty"] = attempt(sns.publish_batch, TopicArn=topic, PublishBatchRequestEntries=[])
    got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)
    out["arrived"] = sorted(m["Body"] for m in got.get("Messages", []))
    return out
