"""SendMessageBatch and DeleteMessageBatch: Successful and Failed entries, batch errors."""
from common import attempt, normalize


def scenario(boto3):
    sqs = boto3.client("sqs")
    url = sqs.create_queue(QueueName="fid-batch")["QueueUrl"]
    out = {}
    out["send"] = attempt(
        sqs.send_message_batch,
        QueueUrl=url,
        Entries=[
            {"Id": "a", "MessageBody": "first"},
            {"Id": "b", "MessageBody": "second", "DelaySeconds": 0},
            {"Id": "c", "MessageBody": "third", "MessageAttributes": {"K": {"DataType": "String", "StringValue": "v"}}},
        ],
    )
    out["empty_batch"] = attempt(sqs.send_message_batch, QueueUrl=url, Entries=[])
    out["too_many"] = attempt(sqs.send_message_batch, QueueUrl=url, Entries=[{"Id": str(i), "MessageBody": "x"} for i in range(11)])
    out["same_ids"] = attempt(sqs.send_message_batch, QueueUrl=url, Entries=[{"Id": "x", "MessageBody": "1"}, {"Id": "x", "MessageBody": "2"}])
    got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)
    bodies = sorted(m["Body"] for m in got["Messages"])
    out["bodies"] = bodies
    entries = [{"Id": "m%d" % i, "ReceiptHandle": m["ReceiptHandle"]} for i, m in enumerate(got["Messages"])]
    entries.append({"Id": "bad", "ReceiptHandle": "not-a-handle"})
    result = sqs.delete_message_batch(QueueUrl=url, Entries=entries)
    out["delete_successful"] = sorted(e["Id"] for e in result.get("Successful", []))
    out["delete_failed"] = normalize(result.get("Failed"))
    out["left"] = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages"])["Attributes"]
    return out
