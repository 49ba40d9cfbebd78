"""Serialisation of validated parameters to the mock cloud's wire JSON.

What botocore's protocol serialisers do for HTTP, done for the mock: blobs (bytes, bytearray,
str as UTF-8, file-like objects) become {"$bytes": "<base64>"}, timestamps (datetime, epoch,
ISO strings) ISO 8601 text in UTC, Decimals in double members numbers.
"""

import base64
import decimal

from botocore.utils import iso8601


def blob(value):
    if isinstance(value, str):
        data = value.encode('utf-8')
    elif isinstance(value, (bytes, bytearray)):
        data = bytes(value)
    elif hasattr(value, 'read'):
        data = value.read()
        if isinstance(data, str):
            data = data.encode('utf-8')
    else:
        return value
    return {'$bytes': base64.b64encode(data).decode('ascii')}


def serialize(value, shape):
    """Params as the mock cloud reads them: blobs tagged, timestamps as ISO 8601 text."""
    if shape is None:
        return value
    t = shape.type_name
    if t == 'structure':
        if not isinstance(value, dict):
            return value
        members = shape.members
        return {k: (serialize(v, members[k]) if k in members else v) for k, v in value.items()}
    if t == 'list':
        if not isinstance(value, (list, tuple)):
            return value
        member = shape.member
        return [serialize(v, member) for v in value]
    if t == 'map':
        if not isinstance(value, dict):
            return value
        value_shape = shape.value
        return {k: serialize(v, value_shape) for k, v in value.items()}
    if t == 'blob':
        return blob(value)
    if t == 'timestamp':
        try:
            return iso8601(value)
        except (TypeError, ValueError):
            return value
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() and t in ('integer', 'long') else float(value)
    return value


def json_default(value):
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (bytes, bytearray)):
        return blob(value)
    if isinstance(value, tuple):
        return list(value)
    raise TypeError(f'Object of type {type(value).__name__} is not JSON serializable')

