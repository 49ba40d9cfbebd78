"""Layers (publish, get, list, attach) and reserved concurrency (put, get, delete)."""

import json

from common import attempt, lambda_config, make_zip

TRUST = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}


def without_location(r):
    if isinstance(r.get("Content"), dict):
        r["Content"]["Location"] = "<url>"
    return r


def scenario(boto3):
    iam = boto3.client("iam")
    lam = boto3.client("lambda")
    role = iam.create_role(RoleName="lambda-ex", AssumeRolePolicyDocument=json.dumps(TRUST))["Role"]["Arn"]
    out = {}
    layer = make_zip({"python/helpers.py": "def greet():\n    return 'hi'\n"})
    out["publish"] = without_location(attempt(
        lam.publish_layer_version, LayerName="helpers", Description="shared code", Content={"ZipFile": layer},
        CompatibleRuntimes=["python3.13"], LicenseInfo="MIT",
    ))
    out["get"] = without_location(attempt(lam.get_layer_version, LayerName="helpers", VersionNumber=1))
    out["versions"] = attempt(lam.list_layer_versions, LayerName="helpers")
    out["layers"] = attempt(lam.list_layers)
    out["get_missing"] = attempt(lam.get_layer_version, LayerName="helpers", VersionNumber=9)
    out["function"] = lambda_config(out, "function", attempt(
        lam.create_function, FunctionName="f", Runtime="python3.13", Role=role, Handler="app.handler",
        Code={"ZipFile": make_zip({"app.py": "import helpers\n\ndef handler(e, c):\n    return helpers.greet()\n"})},
        Layers=["arn:aws:lambda:us-east-1:123456789012:layer:helpers:1"],
    ))
    out["put_concurrency"] = attempt(lam.put_function_concurrency, FunctionName="f", ReservedConcurrentExecutions=5)
    out["get_concurrency"] = attempt(lam.get_function_concurrency, FunctionName="f")
    out["get_function"] = lambda_config(out, "get_function", attempt(lam.get_function, FunctionName="f"))
    out["delete_concurrency"] = attempt(lam.delete_function_concurrency, FunctionName="f")
    out["get_after_delete"] = attempt(lam.get_function_concurrency, FunctionName="f")
    out["concurrency_missing_function"] = attempt(lam.put_function_concurrency, FunctionName="nope", ReservedConcurrentExecutions=1)
    return out
