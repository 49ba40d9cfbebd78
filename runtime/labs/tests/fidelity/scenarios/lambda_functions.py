"""Lambda functions: create from a ZIP, read, update code and configuration, list, delete."""

import json

from common import attempt, lambda_config, make_zip

TRUST = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}


def scenario(boto3):
    iam = boto3.client("iam")
    lam = boto3.client("lambda")
    role = iam.create_role(RoleName="lambda-ex", AssumeRolePolicyDocument=json.dumps(TRUST))["Role"]["Arn"]
    code = make_zip({"lambda_function.py": "def lambda_handler(event, context):\n    return event\n"})
    out = {}
    out["create"] = lambda_config(out, "create", attempt(
        lam.create_function,
        FunctionName="hello", Runtime="python3.13", Role=role, Handler="lambda_function.lambda_handler",
        Code={"ZipFile": code}, Description="says hello", Timeout=10, MemorySize=256,
        Environment={"Variables": {"STAGE": "dev"}}, Tags={"course": "lambda"},
    ))
    out["duplicate"] = attempt(
        lam.create_function, FunctionName="hello", Runtime="python3.13", Role=role, Handler="lambda_function.lambda_handler", Code={"ZipFile": code}
    )
    out["get"] = lambda_config(out, "get", attempt(lam.get_function, FunctionName="hello"))
    out["get_by_arn"] = lambda_config(out, "get_by_arn", attempt(
        lam.get_function_configuration, FunctionName="arn:aws:lambda:us-east-1:123456789012:function:hello"
    ))
    out["get_latest"] = lambda_config(out, "get_latest", attempt(lam.get_function_configuration, FunctionName="hello", Qualifier="$LATEST"))
    out["get_missing"] = attempt(lam.get_function, FunctionName="nope")
    out["get_missing_version"] = attempt(lam.get_function, FunctionName="hello", Qualifier="7")
    new_code = make_zip({"lambda_function.py": "def lambda_handler(event, context):\n    return {'v': 2}\n"})
    out["update_code"] = lambda_config(out, "update_code", attempt(lam.update_function_code, FunctionName="hello", ZipFile=new_code))
    out["update_config"] = lambda_config(out, "update_config", attempt(
        lam.update_function_configuration, FunctionName="hello", MemorySize=512, Timeout=30, Environment={"Variables": {"STAGE": "prod"}}
    ))
    out["list"] = lambda_config(out, "list", attempt(lam.list_functions))
    out["delete"] = attempt(lam.delete_function, FunctionName="hello")
    out["delete_again"] = attempt(lam.delete_function, FunctionName="hello")
    return out
