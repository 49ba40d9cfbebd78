"""Runs fidelity scenarios with *real* boto3/botocore against *our* mock cloud: a diagnostic.

    python run_bridge.py OUT.json [scenario ...]

The Rust test starts this with pipes and serves the mock cloud on them. Every API call that
real botocore makes (after its own parameter validation and customisations, before anything
goes on the wire) is sent to the test as a line `@@FID {"service", "operation", "params"}`
and answered with one line `{"status", "body"}` from `mock_cloud::Cloud::call`; botocore then
parses that answer as if it came from AWS (modelled exception classes, resource-layer
transforms, S3 key decoding). `@@FID {"reset": true}` asks for a fresh cloud before each
scenario.

So when moto and our lab runtime disagree, this third run says who is to blame: if real
botocore over our mock agrees with moto, the lab runtime's boto3 shim is off; if it does not,
the mock service is (or moto deviates from AWS).
"""

import base64
import datetime
import decimal
import importlib.util
import json
import os
import sys
import threading
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
SCENARIOS = os.path.join(HERE, "scenarios")

os.environ.update({
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_REGION": "us-east-1",
})
os.environ.pop("AWS_PROFILE", None)
os.environ.pop("AWS_ENDPOINT_URL", None)
sys.path.insert(0, HERE)

import boto3  # noqa: E402
from botocore.awsrequest import AWSResponse  # noqa: E402
from botocore.response import StreamingBody  # noqa: E402
from dateutil.tz import tzutc  # noqa: E402

# The protocol owns the real stdout; anything a scenario prints goes to stderr.
_channel = sys.stdout
sys.stdout = sys.stderr


def _encode(o):
    if isinstance(o, (bytes, bytearray)):
        return {"$bytes": base64.b64encode(bytes(o)).decode()}
    if isinstance(o, datetime.datetime):
        if o.tzinfo is None:
            o = o.replace(tzinfo=datetime.timezone.utc)
        return {"$timestamp": int(o.timestamp() * 1000)}
    if isinstance(o, decimal.Decimal):
        return str(o)
    if hasattr(o, "read"):
        data = o.read()
        return _encode(data.encode() if isinstance(data, str) else data)
    raise TypeError("cannot send %r to the mock" % type(o).__name__)


def _decode(v):
    if isinstance(v, dict):
        if set(v) == {"$bytes"}:
            return base64.b64decode(v["$bytes"])
        if set(v) == {"$timestamp"}:
            return datetime.datetime.fromtimestamp(v["$timestamp"] / 1000, tzutc())
        return {k: _decode(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_decode(x) for x in v]
    return v


# s3transfer's multipart uploads and copies call from several threads: one request and its
# answer at a time on the pipe, or two threads' lines interleave and the bridge hangs.
_rpc_lock = threading.Lock()


def _rpc(message):
    with _rpc_lock:
        _channel.write("@@FID " + json.dumps(message, default=_encode) + "\n")
        _channel.flush()
        line = sys.stdin.readline()
    if not line:
        raise SystemExit("the test closed the bridge")
    return json.loads(line)


def _capture(params, model, context, **kwargs):
    # Registered last: sees the parameters after botocore's and boto3's own handlers.
    context["fidelity_params"] = json.loads(json.dumps(params, default=_encode))


def _answer(model, context, **kwargs):
    params = context.get("fidelity_params", {})
    service = model.service_model.service_name
    if service == "s3" and model.name == "CopyObject" and isinstance(params.get("CopySource"), str):
        # botocore URL-quotes CopySource for the wire; the mock takes it as the caller gave it.
        from urllib.parse import unquote
        params["CopySource"] = unquote(params["CopySource"])
    answer = _rpc({"service": service, "operation": model.name, "params": params})
    status = answer["status"]
    body = _decode(answer["body"])
    if service == "iam":
        # The mock answers policy documents as boto3 shows them (dicts); on the wire they are
        # URL-encoded JSON, which botocore's own after-call handler decodes.
        _encode_policies(body)
    meta = body.setdefault("ResponseMetadata", {})
    meta.update({"RequestId": "bridge", "HTTPStatusCode": status, "HTTPHeaders": {}, "RetryAttempts": 0})
    if status < 300 and model.has_streaming_output:
        member = model.output_shape.serialization.get("payload")
        data = body.get(member) or b""
        body[member] = StreamingBody(_Raw(data), len(data))
    return AWSResponse("https://mock.invalid/", status, {}, None), body


def _encode_policies(value):
    from urllib.parse import quote

    if isinstance(value, dict):
        for k, v in value.items():
            if k in ("AssumeRolePolicyDocument", "PolicyDocument", "Document") and isinstance(v, dict):
                value[k] = quote(json.dumps(v))
            else:
                _encode_policies(v)
    elif isinstance(value, list):
        for v in value:
            _encode_policies(v)


class _Raw:
    def __init__(self, data):
        self._data = data
        self._pos = 0

    def read(self, amt=None):
        if amt is None:
            amt = len(self._data) - self._pos
        chunk = self._data[self._pos:self._pos + amt]
        self._pos += len(chunk)
        return chunk

    def close(self):
        pass


def load(name):
    spec = importlib.util.spec_from_file_location(name, os.path.join(SCENARIOS, name + ".py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    out_path = sys.argv[1]
    names = sys.argv[2:] or sorted(f[:-3] for f in os.listdir(SCENARIOS) if f.endswith(".py"))
    results = {}
    for name in names:
        _rpc({"reset": True})
        boto3.setup_default_session(region_name="us-east-1")
        events = boto3.DEFAULT_SESSION.events
        events.register_last("before-parameter-build", _capture)
        events.register_last("before-call", _answer)
        try:
            results[name] = load(name).scenario(boto3)
            json.dumps(results[name])
        except Exception:
            results[name] = {"$exception": traceback.format_exc()}
    with open(out_path, "w") as f:
        json.dump({"results": results}, f, indent=1, sort_keys=True, ensure_ascii=False)
    _channel.write("@@DONE\n")
    _channel.flush()


if __name__ == "__main__":
    main()
