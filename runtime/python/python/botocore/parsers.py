"""Parsing the mock cloud's answers into botocore's response dicts.

Tagged values become Python ones ({"$bytes"} -> bytes, {"$timestamp"} -> datetime with
`tzutc()`, or `tzlocal()` for JSON-protocol services as botocore parses epoch numbers);
members are laid out in the output shape's order (the payload of a rest-xml response last);
S3 GetObject's Body becomes a StreamingBody; every response gets botocore's ResponseMetadata
(RequestId, HostId for S3, HTTPStatusCode, HTTPHeaders, RetryAttempts) with the status the
mock sent (204 deletes, 206 ranges, the error's status). Request ids are deterministic.
"""

import base64
import binascii
import hashlib
import itertools
import json
import time

from botocore.response import streaming_body
from botocore.utils import from_epoch_ms, http_date, parse_timestamp, tzlocal, tzutc


def _untag(value, tz):
    if isinstance(value, dict):
        if len(value) == 1:
            if '$bytes' in value and isinstance(value['$bytes'], str):
                return base64.b64decode(value['$bytes'])
            if '$timestamp' in value and isinstance(value['$timestamp'], (int, float)):
                return from_epoch_ms(int(value['$timestamp']), tz)
        return {k: _untag(v, tz) for k, v in value.items()}
    if isinstance(value, list):
        return [_untag(v, tz) for v in value]
    return value


_counter = itertools.count(1)


def reset_request_ids():
    """Restart the deterministic request-id sequence (a new execution environment)."""
    global _counter
    _counter = itertools.count(1)


def _request_ids(service):
    n = next(_counter)
    digest = hashlib.sha256(f'labbook:{service}:{n}'.encode()).digest()
    hexd = digest.hex()
    if service == 's3':
        host_id = base64.b64encode(hashlib.sha512(digest).digest()[:57]).decode('ascii')
        return hexd[:16].upper(), host_id
    if service == 'dynamodb':
        return base64.b32encode(digest + digest[:3]).decode('ascii')[:52], None
    return f'{hexd[:8]}-{hexd[8:12]}-4{hexd[13:16]}-{"89ab"[digest[8] % 4]}{hexd[17:20]}-{hexd[20:32]}', None


_CONTENT_TYPES = {'json': 'application/x-amz-json-1.0', 'query': 'text/xml', 'rest-xml': 'application/xml'}


def _metadata(client, operation_model, parsed, payload, error):
    service = client._service_model.service_name
    protocol = client._service_model.protocol
    sent = parsed.pop('ResponseMetadata', None) or {}
    status = sent.get('HTTPStatusCode', 400 if error else 200)
    request_id, host_id = _request_ids(service)
    headers = {}
    if service == 's3':
        headers['x-amz-id-2'] = host_id
        headers['x-amz-request-id'] = request_id
    else:
        headers['x-amzn-requestid'] = request_id
    headers['date'] = http_date(time.time())
    if service == 's3' and not error and operation_model.name in ('GetObject', 'HeadObject'):
        if 'LastModified' in parsed:
            headers['last-modified'] = http_date(parsed['LastModified'].timestamp())
        for key, header in (('ETag', 'etag'), ('ContentType', 'content-type'), ('ContentLength', 'content-length'),
                            ('AcceptRanges', 'accept-ranges')):
            if key in parsed:
                headers[header] = str(parsed[key])
    elif status != 204:
        headers['content-type'] = 'application/x-amz-json-1.0' if (protocol == 'json' and not error) else (
            'application/json' if protocol == 'json' else _CONTENT_TYPES.get(protocol, 'text/xml'))
        headers['content-length'] = str(len(payload))
    if service == 'dynamodb':
        headers['x-amz-crc32'] = str(binascii.crc32(payload.encode('utf-8')) & 0xFFFFFFFF)
    if error and protocol == 'json':
        headers['x-amzn-errortype'] = parsed.get('Error', {}).get('QueryErrorCode') or parsed.get('Error', {}).get('Code', '')
    md = {'RequestId': request_id}
    if host_id is not None:
        md['HostId'] = host_id
    md['HTTPStatusCode'] = status
    md['HTTPHeaders'] = headers
    md['RetryAttempts'] = 0
    for k, v in sent.items():
        if k != 'HTTPStatusCode':
            md[k] = v
    return md


def _order(value, shape):
    """A response value laid out as botocore parses it: structure members in the model's order
    (members the model does not name kept at the end), timestamps as datetimes."""
    t = shape.type_name
    if t == 'structure' and isinstance(value, dict):
        members = shape.members
        out = {name: _order(value[name], member) for name, member in members.items() if name in value}
        for k, v in value.items():
            if k not in out:
                out[k] = v
        return out
    if t == 'list' and isinstance(value, list):
        member = shape.member
        return [_order(v, member) for v in value]
    if t == 'map' and isinstance(value, dict):
        value_shape = shape.value
        return {k: _order(v, value_shape) for k, v in value.items()}
    if t == 'timestamp' and isinstance(value, (str, int, float)) and not isinstance(value, bool):
        try:
            return parse_timestamp(value)  # ISO/HTTP dates -> tzutc(), epoch numbers -> tzlocal()
        except (TypeError, ValueError, OverflowError):
            return value
    return value


def parse_payload(client, operation_model, ok, payload):
    """botocore's parsed response for `_labbook.aws_call`'s (ok, payload) answer."""
    model = client._service_model
    tz = tzlocal() if model.protocol == 'json' else tzutc()
    if ok:
        parsed = _untag(json.loads(payload), tz)
        if not isinstance(parsed, dict):
            parsed = {}
        body_member = model._data['streaming_output'].get(operation_model.name)
        output_shape = operation_model.output_shape
        if output_shape is not None:
            parsed = _order(parsed, output_shape)
            if body_member is not None and body_member in parsed:
                parsed[body_member] = parsed.pop(body_member)  # rest-xml: the payload comes last
        if body_member is not None:
            body = parsed.get(body_member, b'')
            if not isinstance(body, (bytes, bytearray)):
                body = str(body).encode('utf-8')
            parsed[body_member] = streaming_body(bytes(body))
        md = _metadata(client, operation_model, parsed, payload, error=False)
    else:
        err = json.loads(payload)
        parsed = _untag(err.get('response') or {}, tz)
        error = parsed.setdefault('Error', {})
        error.setdefault('Code', err.get('code', 'Unknown'))
        error.setdefault('Message', err.get('message', ''))
        md = _metadata(client, operation_model, parsed, payload, error=True)
    if model.protocol == 'rest-xml':
        parsed = {'ResponseMetadata': md, **parsed}
    else:
        parsed['ResponseMetadata'] = md
    return parsed
