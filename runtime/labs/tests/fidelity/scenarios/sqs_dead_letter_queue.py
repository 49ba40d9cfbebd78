"""A redrive policy with maxReceiveCount=2: the third receive finds the message in the DLQ."""
import json

from common import attempt, normalize


def scenario(boto3):
    sqs = boto3.client("sqs")
    dlq = sqs.create_queue(QueueName="fid-dlq")["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    policy = json.dumps({"deadLetterTargetArn": dlq_arn, "maxReceiveCount": 2})
    src = sqs.create_queue(QueueName="fid-src", Attributes={"RedrivePolicy": policy})["QueueUrl"]
    out = {"policy": normalize(sqs.get_queue_attributes(QueueUrl=src, AttributeNames=["RedrivePolicy"])["Attributes"])}
    sqs.send_message(QueueUrl=src, MessageBody="poison")
    receives = []
    for _ in range(3):
        got = sqs.receive_message(QueueUrl=src, VisibilityTimeout=0, MessageSystemAttributeNames=["ApproximateReceiveCount"])
        receives.append([m["Attributes"]["ApproximateReceiveCount"] for m in got.get("Messages", [])])
    out["receives"] = receives
    got = sqs.receive_message(QueueUrl=dlq, MessageSystemAttributeNames=["ApproximateReceiveCount"])
    out["in_dlq"] = [[m["Body"], m["Attributes"]["ApproximateReceiveCount"]] for m in got.get("Messages", [])]
    out["sources"] = attempt(sqs.list_dead_letter_source_queues, QueueUrl=dlq)
    return out
