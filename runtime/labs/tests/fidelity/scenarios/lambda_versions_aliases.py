"""Versions and aliases: publish, list, alias with weighted routing, missing alias."""

import json

from common import attempt, lambda_config, make_zip

TRUST = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}


def scenario(boto3):
    iam = boto3.client("iam")
    lam = boto3.client("lambda")
    role = iam.create_role(RoleName="lambda-ex", AssumeRolePolicyDocument=json.dumps(TRUST))["Role"]["Arn"]
    lam.create_function(
        FunctionName="f", Runtime="python3.13", Role=role, Handler="app.handler",
        Code={"ZipFile": make_zip({"app.py": "def handler(e, c):\n    return 1\n"})},
    )
    out = {}
    out["v1"] = lambda_config(out, "v1", attempt(lam.publish_version, FunctionName="f", Description="first"))
    lam.update_function_code(FunctionName="f", ZipFile=make_zip({"app.py": "def handler(e, c):\n    return 2\n"}))
    out["v2"] = lambda_config(out, "v2", attempt(lam.publish_version, FunctionName="f"))
    out["versions"] = lambda_config(out, "versions", attempt(lam.list_versions_by_function, FunctionName="f"))
    out["alias"] = attempt(
        lam.create_alias, FunctionName="f", Name="live", FunctionVersion="1", Description="stable",
        RoutingConfig={"AdditionalVersionWeights": {"2": 0.25}},
    )
    out["alias_again"] = attempt(lam.create_alias, FunctionName="f", Name="live", FunctionVersion="1")
    out["get_alias"] = attempt(lam.get_alias, FunctionName="f", Name="live")
    out["get_by_alias"] = lambda_config(out, "get_by_alias", attempt(lam.get_function_configuration, FunctionName="f", Qualifier="live"))
    out["update_alias"] = attempt(lam.update_alias, FunctionName="f", Name="live", FunctionVersion="2", RoutingConfig={"AdditionalVersionWeights": {}})
    out["aliases"] = attempt(lam.list_aliases, FunctionName="f")
    out["missing_alias"] = attempt(lam.get_alias, FunctionName="f", Name="nope")
    out["delete_alias"] = attempt(lam.delete_alias, FunctionName="f", Name="live")
    return out
