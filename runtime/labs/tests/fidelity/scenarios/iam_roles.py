"""IAM roles as a Lambda learner makes them: trust policy, managed and inline policies, errors."""

import json
import os

from common import attempt

# moto loads AWS managed policies (AWSLambdaBasicExecutionRole...) only when asked to.
os.environ["MOTO_IAM_LOAD_MANAGED_POLICIES"] = "true"

TRUST = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}],
}
BASIC = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
INLINE = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data/*"}]}


def scenario(boto3):
    iam = boto3.client("iam")
    out = {}
    out["create"] = attempt(iam.create_role, RoleName="lambda-ex", AssumeRolePolicyDocument=json.dumps(TRUST), Description="for the course")
    out["duplicate"] = attempt(iam.create_role, RoleName="lambda-ex", AssumeRolePolicyDocument=json.dumps(TRUST))
    out["get"] = attempt(iam.get_role, RoleName="lambda-ex")
    out["get_missing"] = attempt(iam.get_role, RoleName="nobody")
    out["attach"] = attempt(iam.attach_role_policy, RoleName="lambda-ex", PolicyArn=BASIC)
    out["attach_missing"] = attempt(iam.attach_role_policy, RoleName="lambda-ex", PolicyArn="arn:aws:iam::aws:policy/NoSuchPolicy")
    out["attached"] = attempt(iam.list_attached_role_policies, RoleName="lambda-ex")
    out["put_inline"] = attempt(iam.put_role_policy, RoleName="lambda-ex", PolicyName="read-data", PolicyDocument=json.dumps(INLINE))
    out["get_inline"] = attempt(iam.get_role_policy, RoleName="lambda-ex", PolicyName="read-data")
    out["inline_names"] = attempt(iam.list_role_policies, RoleName="lambda-ex")
    out["delete_attached"] = attempt(iam.delete_role, RoleName="lambda-ex")
    out["detach"] = attempt(iam.detach_role_policy, RoleName="lambda-ex", PolicyArn=BASIC)
    out["detach_again"] = attempt(iam.detach_role_policy, RoleName="lambda-ex", PolicyArn=BASIC)
    out["delete_inline"] = attempt(iam.delete_role_policy, RoleName="lambda-ex", PolicyName="read-data")
    out["list"] = attempt(iam.list_roles)
    out["delete"] = attempt(iam.delete_role, RoleName="lambda-ex")
    out["after_delete"] = attempt(iam.get_role, RoleName="lambda-ex")
    return out
