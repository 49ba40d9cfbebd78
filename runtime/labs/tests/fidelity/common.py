"""Shared helpers of the fidelity scenarios.

Every scenario returns plain JSON built with `normalize()`, so the same calls made with real
boto3 against moto and with the lab runtime's boto3 against the mock cloud can be compared
value for value. What is random or time-dependent on either side (request ids, receipt
handles, message ids, UUIDs, timestamps, signatures) is replaced by a placeholder that keeps
its presence visible; everything else (codes, messages, ETags, counts, order, types) is kept.
Types boto3 gives that JSON cannot show are tagged: Decimal -> {"$Decimal": "1.5"},
set -> {"$set": [...]}, bytes -> {"$bytes": "<base64>"}, Binary -> {"$Binary": "<base64>"}.
"""

import base64
import datetime
import decimal
import json
import re

from botocore.exceptions import ClientError, ParamValidationError

# Dropped wherever they appear (transport details that differ on every request).
DROP = {"RequestId", "HostId", "HTTPHeaders", "RetryAttempts"}

# Kept as a key, value replaced: present on both sides, never equal between them.
VOLATILE = {
    "ReceiptHandle": "<handle>",
    "MessageId": "<id>",
    "TableId": "<id>",
    "LatestStreamLabel": "<label>",
    "LatestStreamArn": "<stream-arn>",
    "StreamArn": "<stream-arn>",
    "Signature": "<signature>",
    "NextContinuationToken": "<token>",
    "ContinuationToken": "<token>",
    "NextToken": "<token>",
    "LastModified": "<ts>",
    "CreationDate": "<ts>",
    "CreationDateTime": "<ts>",
    "LastIncreaseDateTime": "<ts>",
    "LastDecreaseDateTime": "<ts>",
    "SentTimestamp": "<ts>",
    "ApproximateFirstReceiveTimestamp": "<ts>",
    "CreatedTimestamp": "<ts>",
    "LastModifiedTimestamp": "<ts>",
    "Timestamp": "<ts>",
    "SequenceNumber": "<seq>",
    # S3 multipart upload ids are opaque and random on either side.
    "UploadId": "<upload-id>",
    "NextUploadIdMarker": "<upload-id>",
    "Initiated": "<ts>",
    # Who started a multipart upload: moto names an IAM user of its own, the mock the account.
    "Initiator": "<initiator>",
    # The account's canonical id differs between moto and the mock (and moto still sends the
    # DisplayName that S3 stopped returning in 2025).
    "Owner": "<owner>",
    # The caller's IAM user id: moto and the mock each use their own.
    "SenderId": "<sender>",
    # IAM and Lambda: dates and generated ids.
    "CreateDate": "<ts>",
    "UpdateDate": "<ts>",
    "CreatedDate": "<ts>",
    "RoleId": "<id>",
    "PolicyId": "<id>",
    "RevisionId": "<revision>",
}

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
# SNS's signing certificate changes now and then (and moto makes one per message).
CERT = re.compile(r"SimpleNotificationService-[0-9a-f]+\.pem")


def _binary_type():
    try:
        from boto3.dynamodb.types import Binary
        return Binary
    except Exception:
        return None


def _sort_key(v):
    return json.dumps(v, sort_keys=True)


def normalize(value, key=None):
    """A JSON-serialisable copy of a boto3 response with volatile fields masked."""
    if key in VOLATILE and value is not None:
        return VOLATILE[key]
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if k in DROP:
                continue
            if k == "ResponseMetadata" and isinstance(v, dict):
                out[k] = {"HTTPStatusCode": v.get("HTTPStatusCode")}
                continue
            out[k] = normalize(v, k)
        return out
    if isinstance(value, (list, tuple)):
        return [normalize(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return {"$set": sorted((normalize(v) for v in value), key=_sort_key)}
    if isinstance(value, (bytes, bytearray)):
        return {"$bytes": base64.b64encode(bytes(value)).decode()}
    if isinstance(value, decimal.Decimal):
        return {"$Decimal": str(value)}
    if isinstance(value, (datetime.datetime, datetime.date)):
        return "<ts>"
    if isinstance(value, bool) or value is None or isinstance(value, (int, float)):
        return value
    if isinstance(value, str):
        return CERT.sub("SimpleNotificationService-<cert>.pem", UUID.sub("<uuid>", value))
    binary = _binary_type()
    if binary is not None and isinstance(value, binary):
        return {"$Binary": base64.b64encode(bytes(value.value)).decode()}
    return "<object %s>" % type(value).__name__


def error(e):
    """What a learner can observe of a botocore error, normalised."""
    if isinstance(e, ParamValidationError):
        return {"type": type(e).__name__, "str": str(e)}
    response = dict(e.response)
    error_dict = dict(response.get("Error", {}))
    if "message" in error_dict:
        # moto's query-protocol (SNS) serializer also writes the error shape's `message`
        # member as an XML element, which botocore then shows twice; AWS's XML has only
        # <Type>, <Code> and <Message>. Not something to compare.
        del error_dict["message"]
        response.pop("message", None)
    response["Error"] = error_dict
    meta = response.pop("ResponseMetadata", {}) or {}
    out = {
        "type": type(e).__name__,
        "str": str(e),
        "Error": response.pop("Error", {}),
        "status": meta.get("HTTPStatusCode"),
    }
    if response:
        out["response"] = response
    return normalize(out)


def attempt(fn, *args, **kwargs):
    """Calls fn; returns its normalised response, or {"error": ...} for a botocore error."""
    try:
        return normalize(fn(*args, **kwargs))
    except (ClientError, ParamValidationError) as e:
        return {"error": error(e)}


def code(fn, *args, **kwargs):
    """Calls fn, expecting a ClientError: returns [exception type, code, message]."""
    try:
        fn(*args, **kwargs)
    except ClientError as e:
        return [type(e).__name__, e.response["Error"]["Code"], e.response["Error"]["Message"]]
    except ParamValidationError as e:
        return [type(e).__name__, str(e)]
    return "no error"


def envelope(body):
    """An SNS-to-SQS JSON envelope (a message body), parsed and normalised."""
    return normalize(json.loads(body))


def make_zip(files):
    """A ZIP of {name: text} whose bytes are the same in every Python (fixed times, stored
    entries), so both sides see the same CodeSha256 and CodeSize."""
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, text in files.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.create_system = 3
            info.external_attr = 0o644 << 16
            z.writestr(info, text)
    return buf.getvalue()


# Members of a Lambda function configuration that AWS answers and moto 5.2.5 does not (or not
# always); `lambda_config` moves them out so the rest is compared value for value.
LAMBDA_AWS_ONLY = ("LastUpdateStatus", "LoggingConfig", "RevisionId", "RuntimeVersionConfig")


def lambda_config(out, name, response):
    """`response` (a FunctionConfiguration, a GetFunction answer or a ListVersions/ListFunctions
    answer) with LAMBDA_AWS_ONLY members and an empty `Layers` list removed and listed under
    out["aws_only"][name]; also blanks the presigned code Location."""
    configs = []
    if isinstance(response.get("Configuration"), dict):
        configs.append(response["Configuration"])
        response["Code"]["Location"] = "<url>"
    elif isinstance(response.get("Versions") or response.get("Functions"), list):
        configs.extend(response.get("Versions") or response.get("Functions"))
    elif "FunctionName" in response:
        configs.append(response)
    present = []
    for i, cfg in enumerate(configs):
        for key in LAMBDA_AWS_ONLY:
            if key in cfg:
                present.append("%d:%s" % (i, key))
                del cfg[key]
        if cfg.get("Layers") == []:
            present.append("%d:Layers=[]" % i)
            del cfg["Layers"]
    out.setdefault("aws_only", {})[name] = present
    return response
