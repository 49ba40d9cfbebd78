"""Resource policy (AddPermission, GetPolicy) and an SQS event source mapping."""

import json

from common import attempt, make_zip

TRUST = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}


def scenario(boto3):
    iam = boto3.client("iam")
    lam = boto3.client("lambda")
    sqs = boto3.client("sqs")
    role = iam.create_role(RoleName="lambda-ex", AssumeRolePolicyDocument=json.dumps(TRUST))["Role"]["Arn"]
    lam.create_function(
        FunctionName="f", Runtime="python3.13", Role=role, Handler="app.handler",
        Code={"ZipFile": make_zip({"app.py": "def handler(e, c):\n    return 1\n"})},
    )
    out = {}
    added = attempt(
        lam.add_permission, FunctionName="f", StatementId="s3-invoke", Action="lambda:InvokeFunction",
        Principal="s3.amazonaws.com", SourceArn="arn:aws:s3:::uploads",
    )
    out["add_permission"] = json.loads(added["Statement"]) if "Statement" in added else added
    out["add_permission_status"] = added.get("ResponseMetadata")
    out["add_permission_again"] = attempt(
        lam.add_permission, FunctionName="f", StatementId="s3-invoke", Action="lambda:InvokeFunction", Principal="s3.amazonaws.com"
    )
    policy = attempt(lam.get_policy, FunctionName="f")
    out["policy"] = json.loads(policy["Policy"]) if "Policy" in policy else policy
    out["policy_missing_function"] = attempt(lam.get_policy, FunctionName="nope")
    url = sqs.create_queue(QueueName="jobs")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    mapping = attempt(lam.create_event_source_mapping, FunctionName="f", EventSourceArn=arn, BatchSize=5)
    out["mapping"] = {k: mapping.get(k) for k in ("BatchSize", "EventSourceArn", "FunctionArn", "ResponseMetadata")}
    listed = attempt(lam.list_event_source_mappings, FunctionName="f")
    out["listed"] = [{k: m.get(k) for k in ("BatchSize", "EventSourceArn", "FunctionArn", "State")} for m in listed.get("EventSourceMappings", [])]
    out["get_missing_mapping"] = attempt(lam.get_event_source_mapping, UUID="00000000-0000-4000-8000-000000000000")
    return out
