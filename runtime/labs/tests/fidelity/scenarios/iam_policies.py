"""IAM managed policies: an AWS managed one by ARN, a customer managed one with its document."""

import json
import os

from common import attempt

os.environ["MOTO_IAM_LOAD_MANAGED_POLICIES"] = "true"

DOC = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["sqs:SendMessage"], "Resource": "*"}]}


def scenario(boto3):
    iam = boto3.client("iam")
    out = {}
    out["aws_managed"] = attempt(iam.get_policy, PolicyArn="arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole")
    out["aws_managed_version"] = attempt(
        iam.get_policy_version, PolicyArn="arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole", VersionId="v1"
    )
    out["create"] = attempt(iam.create_policy, PolicyName="send-jobs", PolicyDocument=json.dumps(DOC))
    arn = "arn:aws:iam::123456789012:policy/send-jobs"
    out["version"] = attempt(iam.get_policy_version, PolicyArn=arn, VersionId="v1")
    out["malformed"] = attempt(iam.create_policy, PolicyName="broken", PolicyDocument="{not json")
    return out
