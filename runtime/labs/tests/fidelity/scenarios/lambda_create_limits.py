"""What Lambda refuses and moto 5.2.5 accepts: unknown and blocked runtimes, memory and timeout
out of range, reserved environment variables, code that is not a ZIP, no handler."""

import json

from common import attempt, make_zip

TRUST = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]}


def outcome(r):
    """The error code and message, or "created"."""
    if "error" in r:
        return [r["error"]["Error"]["Code"], r["error"]["Error"]["Message"]]
    return "created"


def scenario(boto3):
    iam = boto3.client("iam")
    lam = boto3.client("lambda")
    role = iam.create_role(RoleName="lambda-ex", AssumeRolePolicyDocument=json.dumps(TRUST))["Role"]["Arn"]
    code = {"ZipFile": make_zip({"app.py": "def handler(e, c):\n    return 1\n"})}
    cases = {
        "blocked_runtime": {"Runtime": "python3.9", "Handler": "app.handler", "Code": code},
        "unknown_runtime": {"Runtime": "python9", "Handler": "app.handler", "Code": code},
        "memory_too_big": {"Runtime": "python3.13", "Handler": "app.handler", "Code": code, "MemorySize": 20000},
        "timeout_too_long": {"Runtime": "python3.13", "Handler": "app.handler", "Code": code, "Timeout": 901},
        "reserved_variable": {"Runtime": "python3.13", "Handler": "app.handler", "Code": code, "Environment": {"Variables": {"AWS_REGION": "eu-west-1"}}},
        "not_a_zip": {"Runtime": "python3.13", "Handler": "app.handler", "Code": {"ZipFile": b"def handler(e, c): pass"}},
        "no_handler": {"Runtime": "python3.13", "Code": code},
    }
    out = {}
    for i, (name, params) in enumerate(sorted(cases.items())):
        out[name] = outcome(attempt(lam.create_function, FunctionName="f%d" % i, Role=role, **params))
    out["ok"] = outcome(attempt(lam.create_function, FunctionName="fine", Role=role, Runtime="python3.14", Handler="app.handler", Code=code, MemorySize=10240, Timeout=900))
    return out
