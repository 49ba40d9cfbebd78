"""Asynchronous invocation settings, tags, and a DynamoDB stream event source mapping."""

import json

from common import attempt, make_zip

TRUST = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
ARN = "arn:aws:lambda:us-east-1:123456789012:function:f"


def scenario(boto3):
    iam = boto3.client("iam")
    lam = boto3.client("lambda")
    ddb = boto3.client("dynamodb")
    sqs = boto3.client("sqs")
    role = iam.create_role(RoleName="lambda-ex", AssumeRolePolicyDocument=json.dumps(TRUST))["Role"]["Arn"]
    lam.create_function(
        FunctionName="f", Runtime="python3.13", Role=role, Handler="app.handler",
        Code={"ZipFile": make_zip({"app.py": "def handler(e, c):\n    return 1\n"})}, Tags={"team": "a"},
    )
    dlq = sqs.get_queue_attributes(QueueUrl=sqs.create_queue(QueueName="dlq")["QueueUrl"], AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    out = {}
    out["config_missing"] = attempt(lam.get_function_event_invoke_config, FunctionName="f")
    out["put_config"] = attempt(
        lam.put_function_event_invoke_config, FunctionName="f", MaximumRetryAttempts=1, MaximumEventAgeInSeconds=3600,
        DestinationConfig={"OnFailure": {"Destination": dlq}},
    )
    out["get_config"] = attempt(lam.get_function_event_invoke_config, FunctionName="f")
    out["delete_config"] = attempt(lam.delete_function_event_invoke_config, FunctionName="f")
    out["tags"] = attempt(lam.list_tags, Resource=ARN)
    out["tag"] = attempt(lam.tag_resource, Resource=ARN, Tags={"stage": "dev"})
    out["untag"] = attempt(lam.untag_resource, Resource=ARN, TagKeys=["team"])
    out["tags_after"] = attempt(lam.list_tags, Resource=ARN)
    table = ddb.create_table(
        TableName="orders", KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST",
        StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
    )["TableDescription"]
    stream = table["LatestStreamArn"]
    mapping = attempt(lam.create_event_source_mapping, FunctionName="f", EventSourceArn=stream, StartingPosition="TRIM_HORIZON")
    out["stream_mapping"] = {k: mapping.get(k) for k in ("BatchSize", "StartingPosition", "FunctionArn", "MaximumRetryAttempts", "BisectBatchOnFunctionError")}
    return out
