"""VisibilityTimeout hides a received message; it comes back with ApproximateReceiveCount 2."""
import time

from common import attempt


def scenario(boto3):
    sqs = boto3.client("sqs")
    url = sqs.create_queue(QueueName="fid-vis", Attributes={"VisibilityTimeout": "1"})["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody="job")
    out = {}
    first = sqs.receive_message(QueueUrl=url, MessageSystemAttributeNames=["ApproximateReceiveCount"])["Messages"][0]
    out["first_count"] = first["Attributes"]["ApproximateReceiveCount"]
    out["while_hidden"] = "Messages" in sqs.receive_message(QueueUrl=url)
    out["attrs_hidden"] = sqs.get_queue_attributes(
        QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]
    )["Attributes"]
    time.sleep(1.3)
    second = sqs.receive_message(QueueUrl=url, MessageSystemAttributeNames=["All"], VisibilityTimeout=5)["Messages"][0]
    out["second_count"] = second["Attributes"]["ApproximateReceiveCount"]
    out["same_message"] = second["MessageId"] == first["MessageId"]
    out["new_handle"] = second["ReceiptHandle"] != first["ReceiptHandle"]
    # Making it visible again at once.
    out["change"] = attempt(sqs.change_message_visibility, QueueUrl=url, ReceiptHandle=second["ReceiptHandle"], VisibilityTimeout=0)
    third = sqs.receive_message(QueueUrl=url, MessageSystemAttributeNames=["All"])
    out["third_count"] = third["Messages"][0]["Attributes"]["ApproximateReceiveCount"]
    out["bad_timeout"] = attempt(sqs.change_message_visibility, QueueUrl=url, ReceiptHandle=third["Messages"][0]["ReceiptHandle"], VisibilityTimeout=50000)
    return out
