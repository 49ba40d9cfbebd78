"""Dumps what the book checks need from botocore's service models, as JSON on stdout.

Usage: python botocore_models.py [--iam-prefixes] SERVICE...   (botocore names: lambda, s3, apigatewayv2 ...)

botocore ships its models gzipped and versioned (botocore/data/<service>/<api-version>/), so
reading them through botocore's own loader is simpler and exact. Names are converted with
`botocore.xform_name(name, "-")`, the function the AWS CLI uses for command and option names.

Output: {"services": {SERVICE: {...}}, "unknown": [names botocore does not have],
         "iam_prefixes": [every service's signingName and endpointPrefix, with --iam-prefixes]}
(--iam-prefixes reads every model's metadata, which takes a few seconds.)
"""

import json
import sys

import botocore
import botocore.session


def strip_docs(shape):
    shape = {k: v for k, v in shape.items() if k != "documentation"}
    if "members" in shape:
        shape["members"] = {m: {k: v for k, v in ref.items() if k != "documentation"} for m, ref in shape["members"].items()}
    return shape


def dump(loader, name):
    model = loader.load_service_model(name, "service-2")
    waiters = {}
    try:
        for waiter, config in loader.load_service_model(name, "waiters-2")["waiters"].items():
            waiters[botocore.xform_name(waiter, "-")] = config["operation"]
    except Exception:  # no waiters for this service
        pass
    paginated = []
    try:
        paginated = sorted(loader.load_service_model(name, "paginators-1")["pagination"])
    except Exception:  # no paginators for this service
        pass
    operations = {}
    for op_name, op in model["operations"].items():
        input_members = {}
        if "input" in op:
            for member in model["shapes"][op["input"]["shape"]].get("members", {}):
                input_members[botocore.xform_name(member, "-")] = member
        output = model["shapes"].get(op.get("output", {}).get("shape"), {})
        payload = output.get("payload")
        # The CLI adds an `outfile` positional where the output's payload is a blob
        # (awscli's streamingoutputarg, via botocore's OperationModel.has_streaming_output).
        streaming_output = payload is not None and model["shapes"][output["members"][payload]["shape"]]["type"] == "blob"
        operations[botocore.xform_name(op_name, "-")] = {
            "name": op_name,
            "streaming_output": streaming_output,
            "input": op.get("input", {}).get("shape"),
            "output": op.get("output", {}).get("shape"),
            "options": input_members,
        }
    return {
        "operations": operations,
        "shapes": {name: strip_docs(shape) for name, shape in model["shapes"].items()},
        "waiters": waiters,
        "paginated": paginated,
        "signing_name": model["metadata"].get("signingName"),
        "endpoint_prefix": model["metadata"].get("endpointPrefix"),
    }


def main():
    session = botocore.session.get_session()
    loader = session.get_component("data_loader")
    available = set(session.get_available_services())
    out = {"botocore": botocore.__version__, "services": {}, "unknown": [], "iam_prefixes": []}
    args = sys.argv[1:]
    with_prefixes = "--iam-prefixes" in args
    for name in [a for a in args if a != "--iam-prefixes"]:
        if name in available:
            out["services"][name] = dump(loader, name)
        else:
            out["unknown"].append(name)
    prefixes = set()
    for name in available if with_prefixes else []:
        metadata = loader.load_service_model(name, "service-2")["metadata"]
        prefixes.update(p for p in (metadata.get("signingName"), metadata.get("endpointPrefix")) if p)
    out["iam_prefixes"] = sorted(prefixes)
    json.dump(out, sys.stdout)


main()
