#!/usr/bin/env python3
"""Generates runtime/terminal/model/aws-model.json, the part of botocore's service models the
terminal's `aws` command parses arguments and formats output with.

For each service the mock cloud has (s3, sqs, dynamodb, sns, lambda, iam, sts):

- every operation's CLI name (botocore's own `xform_name(op, "-")`), so an operation the mock
  lacks is still a known command (it fails saying so) and a typo gets "Maybe you meant";
- for the operations the mock implements (the arms of `match op` in the service's
  `pub fn call`, as runtime/python/tools/gen_models.py reads them), the input and output shapes:
  member names in model order (the CLI prints responses in that order), types, required
  members, `min` constraints (botocore validates them), enums (for `help`), the payload member
  (`aws lambda invoke`'s outfile), the modelled errors (the CLI shows their extra members
  as "Additional error details"), the paginator (the CLI pages through list operations and
  prints the paginator's result: its result keys, then its non-aggregate keys) and nothing
  else: no documentation.

Usage (from the workspace root; the check in runtime/terminal/tests/model.rs does the same):

    python3 -m venv target/term-gen-venv && target/term-gen-venv/bin/pip install botocore==1.44.8
    target/term-gen-venv/bin/python runtime/terminal/tools/gen_model.py [--check]

Deterministic (sorted services, model order within shapes, no timestamps): regenerating with the
same botocore gives the same bytes; `--check` exits 1 when the committed file differs.
"""

import json
import os
import re
import sys

import botocore
import botocore.exceptions
import botocore.session
from botocore import xform_name

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
CLOUD_SRC = os.path.join(ROOT, "runtime", "cloud", "src")
OUT = os.path.join(ROOT, "runtime", "terminal", "model", "aws-model.json")

SERVICES = ["dynamodb", "iam", "lambda", "s3", "sns", "sqs", "sts"]


def implemented_operations(service):
    """Operation names of the `match op { ... }` in `pub fn call` of the service's module."""
    candidates = [os.path.join(CLOUD_SRC, service, "mod.rs"), os.path.join(CLOUD_SRC, service + ".rs")]
    for path in candidates:
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                text = f.read()
            start = text.index("pub fn call(")
            body = text[start:]
            body = body[: body.index("_ => Err(")]
            return set(re.findall(r'^\s*"([A-Za-z0-9]+)"\s*(?:\|[^=]*)?=>', body, flags=re.M)) | set(
                re.findall(r'\|\s*"([A-Za-z0-9]+)"', body)
            )
    return set()


def shape_def(shape):
    t = shape.type_name
    d = {"type": t}
    md = shape.metadata
    if "min" in md and t in ("string", "list", "map", "integer", "long", "blob"):
        d["min"] = md["min"]
    if t == "string" and shape.enum:
        d["enum"] = list(shape.enum)
    if t == "structure":
        d["members"] = [[name, m.name, xform_name(name, "-")] for name, m in shape.members.items()]
        req = list(md.get("required", []))
        if req:
            d["required"] = req
        payload = shape.serialization.get("payload")
        if payload:
            d["payload"] = payload
        if md.get("exception"):
            d["exception"] = True
    elif t == "list":
        d["member"] = shape.member.name
    elif t == "map":
        d["key"] = shape.key.name
        d["value"] = shape.value.name
    if t == "string" and md.get("jsonvalue"):
        d["jsonvalue"] = True
    return d


def collect(shape, shapes):
    if shape.name in shapes:
        return
    shapes[shape.name] = shape_def(shape)
    t = shape.type_name
    if t == "structure":
        for m in shape.members.values():
            collect(m, shapes)
    elif t == "list":
        collect(shape.member, shapes)
    elif t == "map":
        collect(shape.key, shapes)
        collect(shape.value, shapes)


def as_list(v):
    return v if isinstance(v, list) else [v]


def paginators(session, service):
    """botocore's paginator configs of the service, by operation, tokens and keys as lists."""
    try:
        config = session.get_paginator_model(service)._paginator_config
    except botocore.exceptions.UnknownServiceError:
        return {}
    except botocore.exceptions.DataNotFoundError:
        return {}
    out = {}
    for name, c in config.items():
        p = {"input": as_list(c["input_token"]), "output": as_list(c["output_token"]), "result": as_list(c["result_key"])}
        for key, short in (("more_results", "more"), ("limit_key", "limit")):
            if key in c:
                p[short] = c[key]
        if "non_aggregate_keys" in c:
            p["nonAggregate"] = as_list(c["non_aggregate_keys"])
        out[name] = p
    return out


def service_entry(session, service):
    model = session.get_service_model(service)
    pages = paginators(session, service)
    implemented = implemented_operations(service)
    ops = {}
    shapes = {}
    for name in sorted(model.operation_names):
        op = model.operation_model(name)
        entry = {"cli": xform_name(name, "-")}
        if name in implemented:
            entry["implemented"] = True
            if op.input_shape is not None:
                entry["input"] = op.input_shape.name
                collect(op.input_shape, shapes)
            if op.output_shape is not None:
                entry["output"] = op.output_shape.name
                collect(op.output_shape, shapes)
            if name in pages:
                entry["paginator"] = pages[name]
            errors = sorted(e.name for e in op.error_shapes)
            if errors:
                entry["errors"] = errors
                for e in op.error_shapes:
                    collect(e, shapes)
        ops[name] = entry
    waiters = {}
    try:
        wm = session.get_waiter_model(service)
    except Exception:
        wm = None
    if wm is not None:
        for wname in sorted(wm.waiter_names):
            cfg = wm.get_waiter(wname)
            if cfg.operation not in implemented:
                continue
            waiters[xform_name(wname, "-")] = {
                "name": wname,
                "operation": cfg.operation,
                "acceptors": [
                    {k: v for k, v in (("matcher", a.matcher), ("argument", a.argument), ("state", a.state), ("expected", a.expected)) if v is not None}
                    for a in cfg.acceptors
                ],
            }
    return {
        "serviceId": model.service_id.hyphenize(),
        "waiters": waiters,
        "protocol": model.protocol,
        "operations": ops,
        "shapes": {k: shapes[k] for k in sorted(shapes)},
    }


def main():
    session = botocore.session.get_session()
    doc = {
        "botocore": botocore.__version__,
        "services": {s: service_entry(session, s) for s in SERVICES},
        "allServices": sorted(session.get_available_services()),
    }
    text = json.dumps(doc, indent=None, separators=(",", ":"), sort_keys=False) + "\n"
    if "--check" in sys.argv:
        with open(OUT, encoding="utf-8") as f:
            if f.read() != text:
                print(f"{OUT} is stale: run {sys.argv[0]} to regenerate it", file=sys.stderr)
                sys.exit(1)
        return
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"wrote {OUT} ({len(text)} bytes)")


if __name__ == "__main__":
    main()
