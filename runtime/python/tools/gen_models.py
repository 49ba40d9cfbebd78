#!/usr/bin/env python3
"""Generates runtime/python/python/botocore/_models.py from the real botocore package.

The lab's botocore shim validates parameters, names client methods and raises modelled
exceptions exactly as botocore does; for that it needs a small part of botocore's service
models (Apache-2.0): for s3, sqs, dynamodb, sns, lambda, iam and sts

- every operation name and its boto3 method name (computed with botocore's own xform_name);
- the input shapes of the operations the mock cloud implements (types, required members,
  `min` constraints, streaming blobs), with documentation and constraints botocore does not
  validate (max, pattern, enum) stripped;
- the output shapes of the same operations (responses are ordered like botocore's, and the
  boto3 resource layer finds DynamoDB AttributeValues in them by shape name), and which
  output member is a streaming payload (S3 GetObject's Body);
- the modelled error shapes (exception class name -> error code);
- paginator and waiter configurations of the implemented operations;
- the list of every service name botocore knows (UnknownServiceError lists them).

It also writes runtime/python/python/boto3/_resources.py: boto3's resource definitions
(resources-1.json) of the same services, from the boto3 package installed next to botocore.

Which operations the mock implements is read from the Rust sources: the arms of the
`match op` in each service's `pub fn call` (runtime/cloud/src/<service>/mod.rs, or
runtime/cloud/src/<service>.rs for a one-file service).

Usage (from the workspace root):

    python3 -m venv target/py && target/py/bin/pip install boto3
    target/py/bin/python runtime/python/tools/gen_models.py

The output is deterministic (sorted keys, no timestamps), so a regeneration with the same
botocore version is a no-op diff.
"""

import os
import re
import sys

import botocore
import botocore.session
from botocore import xform_name

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
CLOUD_SRC = os.path.join(ROOT, "runtime", "cloud", "src")
OUT = os.path.join(ROOT, "runtime", "python", "python", "botocore", "_models.py")
RESOURCES_OUT = os.path.join(ROOT, "runtime", "python", "python", "boto3", "_resources.py")

SERVICES = ["s3", "sqs", "dynamodb", "sns", "lambda", "iam", "sts"]
# The services whose boto3 resource interface (boto3.resource(...)) the shim offers.
RESOURCE_SERVICES = ["s3", "sqs", "dynamodb", "sns"]

def resource_definitions(service):
    """boto3's resources-1.json of a service (the newest API version)."""
    import json

    try:
        import boto3
    except ImportError:
        raise SystemExit("install boto3 next to botocore: the resource definitions come from it")
    root = os.path.join(os.path.dirname(boto3.__file__), "data", service)
    version = sorted(os.listdir(root))[-1]
    with open(os.path.join(root, version, "resources-1.json"), encoding="utf-8") as f:
        return json.load(f)


def resource_shape_names(service):
    """The shapes whose members become attributes of the service's boto3 resources."""
    if service not in RESOURCE_SERVICES:
        return []
    resources = resource_definitions(service).get("resources", {})
    return sorted({r["shape"] for r in resources.values() if "shape" in r})


def implemented_operations(service):
    """The operation names of the `match op { ... }` in `pub fn call` of the service module."""
    path = os.path.join(CLOUD_SRC, service, "mod.rs")
    if not os.path.exists(path):
        path = os.path.join(CLOUD_SRC, service + ".rs")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    start = text.index("pub fn call(")
    body = text[start:]
    end = body.index("_ => Err(")
    body = body[:end]
    ops = re.findall(r'^\s*"([A-Za-z0-9]+)"\s*=>', body, flags=re.M)
    if not ops:
        raise SystemExit(f"no operations found in {path}")
    return ops


def shape_def(shape):
    """The compact definition of one shape (without its children)."""
    t = shape.type_name
    d = {"type": t}
    md = shape.metadata
    if "min" in md and t in ("string", "list", "map", "integer", "long", "blob"):
        d["min"] = md["min"]
    if t == "structure":
        d["members"] = {name: m.name for name, m in shape.members.items()}
        req = list(md.get("required", []))
        if req:
            d["required"] = req
        if md.get("union"):
            d["union"] = True
        if md.get("document"):
            d["document"] = True
    elif t == "list":
        d["member"] = shape.member.name
    elif t == "map":
        d["key"] = shape.key.name
        d["value"] = shape.value.name
    if md.get("jsonvalue") or shape.serialization.get("jsonvalue"):
        d["jsonvalue"] = True
    return d


def collect_full(shape, shapes):
    """Adds `shape` and everything reachable from it to `shapes`."""
    if shape.name in shapes:
        return
    shapes[shape.name] = shape_def(shape)
    for child in children(shape):
        collect_full(child, shapes)


def children(shape):
    t = shape.type_name
    if t == "structure":
        return list(shape.members.values())
    if t == "list":
        return [shape.member]
    if t == "map":
        return [shape.key, shape.value]
    return []


def streaming_output_member(op):
    out = op.output_shape
    if out is None:
        return None
    payload = out.serialization.get("payload")
    if payload and out.members[payload].type_name == "blob" and out.members[payload].serialization.get("streaming", out.members[payload].metadata.get("streaming")):
        return payload
    for name, m in out.members.items():
        if m.type_name == "blob" and m.metadata.get("streaming"):
            return name
    return None


def service_entry(session, service):
    model = session.get_service_model(service)
    implemented = implemented_operations(service)
    missing = [op for op in implemented if op not in model.operation_names]
    if missing:
        raise SystemExit(f"{service}: the mock implements operations botocore does not know: {missing}")
    from botocore.utils import get_service_module_name

    shapes = {}
    ops = {}
    streaming = {}
    for name in sorted(implemented):
        op = model.operation_model(name)
        if op.input_shape is not None:
            collect_full(op.input_shape, shapes)
        ops[name] = [op.input_shape.name if op.input_shape else None, op.output_shape.name if op.output_shape else None]
        s = streaming_output_member(op)
        if s:
            streaming[name] = s
    # Output shapes too: the member order of a parsed response is the shape's (botocore
    # builds response dicts member by member), and the resource layer finds AttributeValues
    # in them by shape name.
    for name in sorted(implemented):
        op = model.operation_model(name)
        if op.output_shape is not None:
            collect_full(op.output_shape, shapes)

    try:
        paginators = session.get_paginator_model(service)._paginator_config
    except Exception:
        paginators = {}
    try:
        waiter_model = session.get_waiter_model(service)
        waiters = {n: waiter_model._waiter_config[n] for n in waiter_model.waiter_names}
    except Exception:
        waiters = {}
    for cfg in waiters.values():
        cfg.pop("description", None)

    return {
        "service_name": service,
        "class_name": get_service_module_name(model),
        "service_id": model.service_id,
        "api_version": model.api_version,
        "protocol": model.metadata.get("protocol"),
        "endpoint_prefix": model.endpoint_prefix,
        "signing_name": model.signing_name,
        "operations": {xform_name(op): op for op in model.operation_names},
        "implemented": ops,
        "streaming_output": streaming,
        "errors": {str(e.name): str(e.error_code) for e in model.error_shapes},
        # Operations whose response checksum botocore asks for by default
        # (response_checksum_validation=when_supported sets this member to ENABLED).
        "checksum_validation_members": {
            name: model.operation_model(name).http_checksum["requestValidationModeMember"]
            for name in sorted(implemented)
            if model.operation_model(name).http_checksum.get("requestValidationModeMember")
        },
        "shapes": dict(sorted(shapes.items())),
        # Every pageable operation and waiter of the real service (the mock may implement
        # fewer: those raise NotImplementedError instead of OperationNotPageableError).
        "pageable_operations": sorted(paginators),
        # Member names of the shapes boto3 resources expose as attributes.
        "resource_shapes": {
            name: list(model.shape_for(name).members) for name in resource_shape_names(service)
        },
        "waiter_names": sorted(waiters),
        "paginators": {k: v for k, v in sorted(paginators.items()) if k in implemented},
        "waiters": {k: v for k, v in sorted(waiters.items()) if v["operation"] in implemented},
    }


def plain(value):
    """OrderedDicts (botocore's loader) as plain dicts, order kept, so repr is a literal."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def wrap_items(items, width=96):
    out, line = [], "   "
    for item in items:
        if len(line) + len(item) + 2 > width:
            out.append(line)
            line = "   "
        line += " " + item + ","
    out.append(line)
    return out


def main():
    session = botocore.session.get_session()
    models = {s: service_entry(session, s) for s in SERVICES}
    all_services = sorted(session.get_available_services())
    header = (
        f'"""Service model data for the lab\'s botocore (generated: do not edit).\n\n'
        f"Generated from botocore {botocore.__version__} (Apache-2.0 service models) by\n"
        f"runtime/python/tools/gen_models.py; regenerate with that script after changing the\n"
        f'operations the mock cloud implements.\n"""\n\n'
        f'BOTOCORE_VERSION = {botocore.__version__!r}\n\n'
    )
    lines = [
        "# Every service name botocore knows (UnknownServiceError lists them).",
        "ALL_SERVICE_NAMES = [",
    ]
    lines += wrap_items([repr(n) for n in all_services])
    lines += [
        "]",
        "",
        "# Per service: operations (boto3 method -> API name), implemented operations",
        "# (API name -> [input shape, output shape]), modelled errors (class -> code), shapes",
        "# (member order is botocore's: ParamValidationError lists members in that order),",
        "# paginators and waiters.",
        "MODELS = {}",
    ]
    for service, entry in models.items():
        lines.append("")
        lines.append(f"MODELS[{service!r}] = {{")
        for key, value in entry.items():
            if isinstance(value, dict) and key in ("operations", "implemented", "errors", "checksum_validation_members", "resource_shapes", "shapes", "paginators", "waiters", "streaming_output"):
                lines.append(f"    {key!r}: {{")
                for k, v in value.items():
                    lines.append(f"        {k!r}: {plain(v)!r},")
                lines.append("    },")
            else:
                lines.append(f"    {key!r}: {plain(value)!r},")
        lines.append("}")
    body = "\n".join(lines) + "\n"
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(header + body)
    print(f"wrote {OUT} ({os.path.getsize(OUT)} bytes)", file=sys.stderr)
    write_resources()


def write_resources():
    """boto3's resource definitions (resources-1.json, Apache-2.0) of RESOURCE_SERVICES."""
    import boto3

    data = os.path.join(os.path.dirname(boto3.__file__), "data")
    lines = [
        '"""boto3 resource definitions for the lab\'s boto3 (generated: do not edit).',
        "",
        f"Generated from boto3 {boto3.__version__} (Apache-2.0 resources-1.json) by",
        'runtime/python/tools/gen_models.py."""',
        "",
        f"BOTO3_VERSION = {boto3.__version__!r}",
        "",
        "# boto3.resource() names every service that has a resource interface.",
        f"AVAILABLE_RESOURCES = {sorted(os.listdir(data))!r}",
        "",
        "RESOURCES = {}",
    ]
    for service in RESOURCE_SERVICES:
        definition = resource_definitions(service)
        lines.append("")
        lines.append(f"RESOURCES[{service!r}] = {{")
        lines.append(f"    'service': {plain(definition['service'])!r},")
        lines.append("    'resources': {")
        for name, res in definition.get("resources", {}).items():
            lines.append(f"        {name!r}: {plain(res)!r},")
        lines.append("    },")
        lines.append("}")
    with open(RESOURCES_OUT, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print(f"wrote {RESOURCES_OUT} ({os.path.getsize(RESOURCES_OUT)} bytes)", file=sys.stderr)


if __name__ == "__main__":
    main()
