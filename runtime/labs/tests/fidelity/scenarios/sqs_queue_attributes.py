"""Queue attributes: defaults, All, setting them, unknown names, list/tag/delete queues."""
from common import attempt, normalize


def scenario(boto3):
    sqs = boto3.client("sqs")
    url = sqs.create_queue(QueueName="fid-qattrs", Attributes={"DelaySeconds": "0", "VisibilityTimeout": "45"}, tags={"team": "labs"})["QueueUrl"]
    sqs.create_queue(QueueName="fid-qattrs-2")
    sqs.create_queue(QueueName="other-queue")
    out = {}
    out["all"] = attempt(sqs.get_queue_attributes, QueueUrl=url, AttributeNames=["All"])
    out["none_asked"] = attempt(sqs.get_queue_attributes, QueueUrl=url)
    out["set"] = attempt(sqs.set_queue_attributes, QueueUrl=url, Attributes={"VisibilityTimeout": "60", "MaximumMessageSize": "2048"})
    out["after_set"] = attempt(sqs.get_queue_attributes, QueueUrl=url, AttributeNames=["VisibilityTimeout", "MaximumMessageSize", "DelaySeconds"])
    out["bad_value"] = attempt(sqs.set_queue_attributes, QueueUrl=url, Attributes={"VisibilityTimeout": "99999"})
    out["unknown_name"] = attempt(sqs.get_queue_attributes, QueueUrl=url, AttributeNames=["Colour"])
    out["same_again"] = attempt(sqs.create_queue, QueueName="fid-qattrs", Attributes={"DelaySeconds": "0", "VisibilityTimeout": "60"})
    out["conflicting"] = attempt(sqs.create_queue, QueueName="fid-qattrs", Attributes={"VisibilityTimeout": "10"})
    out["list"] = attempt(sqs.list_queues)
    out["list_prefix"] = attempt(sqs.list_queues, QueueNamePrefix="fid-")
    out["list_none"] = attempt(sqs.list_queues, QueueNamePrefix="zzz")
    out["tags"] = attempt(sqs.list_queue_tags, QueueUrl=url)
    sqs.tag_queue(QueueUrl=url, Tags={"env": "dev"})
    sqs.untag_queue(QueueUrl=url, TagKeys=["team"])
    out["tags_after"] = attempt(sqs.list_queue_tags, QueueUrl=url)
    out["delete"] = attempt(sqs.delete_queue, QueueUrl=url)
    out["list_after"] = normalize(sqs.list_queues(QueueNamePrefix="fid-").get("QueueUrls"))
    return out
