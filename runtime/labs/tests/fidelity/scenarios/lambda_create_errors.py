"""What CreateFunction refuses: a missing or malformed role, a duplicate, and what boto3 stops."""

import json

from common import attempt, make_zip

TRUST = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}


def scenario(boto3):
    iam = boto3.client("iam")
    lam = boto3.client("lambda")
    role = iam.create_role(RoleName="lambda-ex", AssumeRolePolicyDocument=json.dumps(TRUST))["Role"]["Arn"]
    code = {"ZipFile": make_zip({"app.py": "def handler(e, c):\n    return 1\n"})}
    base = {"FunctionName": "f", "Runtime": "python3.13", "Handler": "app.handler", "Code": code}
    out = {}
    out["role_missing"] = attempt(lam.create_function, Role="arn:aws:iam::123456789012:role/nobody", **base)
    out["role_malformed"] = attempt(lam.create_function, Role="lambda-ex", **base)
    out["memory_below_min"] = attempt(lam.create_function, Role=role, MemorySize=64, **base)
    out["missing_role_param"] = attempt(lam.create_function, **base)
    out["created"] = attempt(lam.create_function, Role=role, **base)["FunctionName"]
    out["conflict"] = attempt(lam.create_function, Role=role, **base)
    return out
