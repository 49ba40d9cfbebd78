"""STS GetCallerIdentity: the account every ARN of the labs is in."""

from common import attempt


def scenario(boto3):
    who = attempt(boto3.client("sts").get_caller_identity)
    return {"account": who.get("Account"), "arn_prefix": who.get("Arn", "").split(":")[:5], "status": who["ResponseMetadata"]}
