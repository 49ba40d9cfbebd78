"""Presigned URLs and POSTs: `generate_presigned_url` (every client), `generate_presigned_post`
(S3).

The URLs have the exact form botocore produces (S3 in us-east-1: signature version 2 query
auth, `AWSAccessKeyId`, `Signature`, `x-amz-security-token`, `Expires`; with
`Config(signature_version='s3v4')` or for other services: SigV4 `X-Amz-*` parameters) and are
really signed with the sandbox's credentials, but those credentials are fake: the URLs are not
valid against real AWS and nothing in the lab serves them.
"""

import base64
import hashlib
import hmac
import json
import os
import time

from botocore.exceptions import UnknownClientMethodError
from botocore.utils import from_epoch_ms, percent_encode

# S3 parameters that travel in the query string (presigned GET) or as headers (hoisted into
# the query string of a presigned URL), by API member name.
_S3_QUERY = {
    'VersionId': 'versionId', 'PartNumber': 'partNumber', 'UploadId': 'uploadId',
    'ResponseCacheControl': 'response-cache-control',
    'ResponseContentDisposition': 'response-content-disposition',
    'ResponseContentEncoding': 'response-content-encoding',
    'ResponseContentLanguage': 'response-content-language',
    'ResponseContentType': 'response-content-type', 'ResponseExpires': 'response-expires',
    'Prefix': 'prefix', 'Delimiter': 'delimiter', 'MaxKeys': 'max-keys', 'Marker': 'marker',
    'ContinuationToken': 'continuation-token', 'StartAfter': 'start-after',
    'EncodingType': 'encoding-type', 'FetchOwner': 'fetch-owner',
}
_S3_HEADERS = {
    'ContentType': 'content-type', 'ContentMD5': 'content-md5', 'ACL': 'x-amz-acl',
    'StorageClass': 'x-amz-storage-class', 'ServerSideEncryption': 'x-amz-server-side-encryption',
    'CacheControl': 'cache-control', 'ContentDisposition': 'content-disposition',
}
_HTTP_METHODS = {
    'GetObject': 'GET', 'HeadObject': 'HEAD', 'PutObject': 'PUT', 'DeleteObject': 'DELETE',
    'CopyObject': 'PUT', 'CreateBucket': 'PUT', 'DeleteBucket': 'DELETE', 'HeadBucket': 'HEAD',
    'DeleteObjects': 'POST', 'PutBucketNotificationConfiguration': 'PUT',
}


def _credentials(client):
    creds = client._credentials
    return (
        creds.get('access_key') or os.environ.get('AWS_ACCESS_KEY_ID', ''),
        creds.get('secret_key') or os.environ.get('AWS_SECRET_ACCESS_KEY', ''),
        creds.get('token') if creds.get('access_key') else os.environ.get('AWS_SESSION_TOKEN'),
    )


def _q(value):
    return percent_encode(str(value), safe='-_.~')


def _s3_parts(op_name, params, region, v4):
    bucket = params.get('Bucket', '')
    key = params.get('Key')
    dns_ok = bucket and bucket == bucket.lower() and '.' not in bucket and '_' not in bucket
    domain = 's3.amazonaws.com' if (region == 'us-east-1' or not v4) else f's3.{region}.amazonaws.com'
    if dns_ok:
        host, path = f'{bucket}.{domain}', '/'
    else:
        host, path = domain, f'/{bucket}/' if bucket else '/'
    if key is not None:
        path += percent_encode(key, safe='/~')
    query = []
    if op_name == 'ListObjectsV2':
        query.append(('list-type', '2'))
    for name, value in params.items():
        if name in _S3_QUERY:
            query.append((_S3_QUERY[name], str(value).lower() if isinstance(value, bool) else str(value)))
    headers = []
    for name, value in params.items():
        if name in _S3_HEADERS:
            headers.append((_S3_HEADERS[name], str(value)))
        elif name == 'Metadata' and isinstance(value, dict):
            headers.extend((f'x-amz-meta-{k.lower()}', str(v)) for k, v in value.items())
    return host, path, query, sorted(headers), f'/{bucket}/{key}' if key is not None else f'/{bucket}/'


def _sign_v2(secret, string_to_sign):
    digest = hmac.new(secret.encode('utf-8'), string_to_sign.encode('utf-8'), hashlib.sha1).digest()
    return base64.b64encode(digest).decode('ascii')


def _v4_url(method, host, path, query, headers, service, region, access, secret, token, expires_in):
    now = time.time()
    amz_date = from_epoch_ms(int(now * 1000)).strftime('%Y%m%dT%H%M%SZ')
    scope = f'{amz_date[:8]}/{region}/{service}/aws4_request'
    auth = [
        ('X-Amz-Algorithm', 'AWS4-HMAC-SHA256'),
        ('X-Amz-Credential', f'{access}/{scope}'),
        ('X-Amz-Date', amz_date),
        ('X-Amz-Expires', str(expires_in)),
        ('X-Amz-SignedHeaders', 'host'),
    ]
    if token:
        auth.append(('X-Amz-Security-Token', token))
    all_query = query + headers + auth
    canonical_query = '&'.join(f'{_q(k)}={_q(v)}' for k, v in sorted(all_query))
    canonical = '\n'.join([method, path, canonical_query, f'host:{host}\n', 'host', 'UNSIGNED-PAYLOAD'])
    string_to_sign = '\n'.join(['AWS4-HMAC-SHA256', amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()])
    key = ('AWS4' + secret).encode('utf-8')
    for part in (amz_date[:8], region, service, 'aws4_request'):
        key = hmac.new(key, part.encode('utf-8'), hashlib.sha256).digest()
    signature = hmac.new(key, string_to_sign.encode('utf-8'), hashlib.sha256).hexdigest()
    query_text = '&'.join(f'{_q(k)}={_q(v)}' for k, v in query + headers + auth + [('X-Amz-Signature', signature)])
    return f'https://{host}{path}?{query_text}'


def generate_presigned_url(client, ClientMethod, Params=None, ExpiresIn=3600, HttpMethod=None):
    """A presigned URL for a client method and its parameters (validated as a call would be)."""
    params = dict(Params or {})
    try:
        op_name = client._PY_TO_OP_NAME[ClientMethod]
    except KeyError:
        raise UnknownClientMethodError(method_name=ClientMethod)
    op_model = client.meta.service_model.operation_model(op_name)
    context = {'is_presign_request': True}
    params = client._emit_api_params(params, op_model, context)
    client._validate(params, op_model)
    access, secret, token = _credentials(client)
    region = client.meta.region_name or 'us-east-1'
    service = client.meta.service_model.service_name
    method = HttpMethod or _HTTP_METHODS.get(op_name, 'GET')
    expires_in = int(ExpiresIn)
    if service != 's3':
        host = f'{client.meta.service_model.endpoint_prefix}.{region}.amazonaws.com'
        return _v4_url(method, host, '/', [], [], service, region, access, secret, token, expires_in)
    requested = getattr(client.meta.config, '_requested_signature_version', client.meta.config.signature_version)
    v4 = (requested or '') in ('s3v4', 'v4')
    host, path, query, headers, resource = _s3_parts(op_name, params, region, v4)
    if v4:
        return _v4_url(method, host, path, query, headers, 's3', region, access, secret, token, expires_in)
    expires = int(time.time()) + expires_in
    amz = [(k, v) for k, v in headers if k.startswith('x-amz-')]
    if token:
        amz.append(('x-amz-security-token', token))
    content_type = dict(headers).get('content-type', '')
    string_to_sign = '\n'.join([method, dict(headers).get('content-md5', ''), content_type, str(expires)]) + '\n'
    string_to_sign += ''.join(f'{k}:{v}\n' for k, v in sorted(amz)) + resource
    signature = _sign_v2(secret, string_to_sign)
    parts = query + [('AWSAccessKeyId', access), ('Signature', signature)]
    parts += [(k, v) for k, v in headers if k != 'x-amz-security-token']
    if token:
        parts.append(('x-amz-security-token', token))
    parts.append(('Expires', str(expires)))
    return f'https://{host}{path}?' + '&'.join(f'{_q(k)}={_q(v)}' for k, v in parts)


def generate_presigned_post(client, Bucket, Key, Fields=None, Conditions=None, ExpiresIn=3600):
    """An S3 presigned POST: {'url': ..., 'fields': {...}} with a signed policy document."""
    access, secret, token = _credentials(client)
    fields = dict(Fields or {})
    conditions = list(Conditions or [])
    expiration = from_epoch_ms(int((time.time() + ExpiresIn) * 1000)).strftime('%Y-%m-%dT%H:%M:%SZ')
    conditions.append({'bucket': Bucket})
    if Key.endswith('${filename}'):
        conditions.append(['starts-with', '$key', Key[: -len('${filename}')]])
    else:
        conditions.append({'key': Key})
    fields['key'] = Key
    fields['AWSAccessKeyId'] = access
    if token:
        conditions.append({'x-amz-security-token': token})
        fields['x-amz-security-token'] = token
    policy = json.dumps({'expiration': expiration, 'conditions': conditions})
    policy_b64 = base64.b64encode(policy.encode('utf-8')).decode('utf-8')
    fields['policy'] = policy_b64
    fields['signature'] = _sign_v2(secret, policy_b64)
    return {'url': f'https://{Bucket}.s3.amazonaws.com/', 'fields': fields}

