"""Bucket notifications to SQS: configuration round trip and the event record a queue receives."""
import json

from common import attempt, normalize


def scenario(boto3):
    s3 = boto3.client("s3")
    sqs = boto3.client("sqs")
    q = sqs.create_queue(QueueName="fid-s3-events")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=q, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    s3.create_bucket(Bucket="fid-notify")
    config = {
        "QueueConfigurations": [
            {
                "Id": "uploads",
                "QueueArn": arn,
                "Events": ["s3:ObjectCreated:*"],
                "Filter": {"Key": {"FilterRules": [{"Name": "prefix", "Value": "uploads/"}]}},
            }
        ]
    }
    out = {"put_config": attempt(s3.put_bucket_notification_configuration, Bucket="fid-notify", NotificationConfiguration=config)}
    out["get_config"] = attempt(s3.get_bucket_notification_configuration, Bucket="fid-notify")
    # Drain whatever configuring the bucket sent (AWS sends an s3:TestEvent).
    drained = sqs.receive_message(QueueUrl=q, MaxNumberOfMessages=10).get("Messages", [])
    out["test_events"] = [json.loads(m["Body"]).get("Event") for m in drained]
    for m in drained:
        sqs.delete_message(QueueUrl=q, ReceiptHandle=m["ReceiptHandle"])
    s3.put_object(Bucket="fid-notify", Key="uploads/my photo.jpg", Body=b"jpeg")
    s3.put_object(Bucket="fid-notify", Key="other/skip.txt", Body=b"no")
    msgs = sqs.receive_message(QueueUrl=q, MaxNumberOfMessages=10).get("Messages", [])
    out["count"] = len(msgs)
    records = []
    for m in msgs:
        for r in json.loads(m["Body"])["Records"]:
            records.append({
                "eventName": r["eventName"],
                "eventSource": r["eventSource"],
                "awsRegion": r["awsRegion"],
                "bucket": r["s3"]["bucket"]["name"],
                "bucket_arn": r["s3"]["bucket"]["arn"],
                "key": r["s3"]["object"]["key"],
                "size": r["s3"]["object"]["size"],
                "eTag": r["s3"]["object"]["eTag"],
                "configurationId": r["s3"]["configurationId"],
            })
    out["records"] = records
    return out
