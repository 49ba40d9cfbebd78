"""Publish errors: missing topic, missing message, bad attributes, subject rules, too large."""
from common import attempt


def scenario(boto3):
    sns = boto3.client("sns")
    topic = sns.create_topic(Name="fid-pub")["TopicArn"]
    out = {}
    out["missing_topic"] = attempt(sns.publish, TopicArn=topic + "-nope", Message="x")
    out["bad_arn"] = attempt(sns.publish, TopicArn="not-an-arn", Message="x")
    out["empty_message"] = attempt(sns.publish, TopicArn=topic, Message="")
    out["subject_newline"] = attempt(sns.publish, TopicArn=topic, Message="x", Subject="line\nbreak")
    out["subject_too_long"] = attempt(sns.publish, TopicArn=topic, Message="x", Subject="s" * 101)
    out["attr_no_value"] = attempt(sns.publish, TopicArn=topic, Message="x", MessageAttributes={"a": {"DataType": "String"}})
    out["attr_bad_number"] = attempt(sns.publish, TopicArn=topic, Message="x", MessageAttributes={"a": {"DataType": "Number", "StringValue": "x"}})
    out["too_large"] = attempt(sns.publish, TopicArn=topic, Message="x" * (262144 + 1))
    out["ok"] = attempt(sns.publish, TopicArn=topic, Message="fine", Subject="Hello")
    out["json_structure_bad"] = attempt(sns.publish, TopicArn=topic, Message='{"sqs": "x"}', MessageStructure="json")
    out["json_structure_ok"] = attempt(sns.publish, TopicArn=topic, Message='{"default": "d", "sqs": "x"}', MessageStructure="json")
    return out
