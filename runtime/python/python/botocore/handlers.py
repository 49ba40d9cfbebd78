"""The service customisations botocore applies around a call (from botocore.handlers).

Before validation ('before-parameter-build'): S3 bucket names are checked against botocore's
regex, `Metadata` must be ASCII, `CopySource` dicts become 'bucket/key' strings, and
ListObjects(V2) ask for url-encoded keys (decoded again after the call, as botocore does, so
responses show `'EncodingType': 'url'` like the real ones); GetObject asks for the object's
checksum (`ChecksumMode='ENABLED'`, botocore's default). After an SQS call, the modelled error
class is chosen by `QueryErrorCode`.
"""

import re
import urllib.parse

from botocore.exceptions import ParamValidationError

VALID_BUCKET = re.compile(r'^[a-zA-Z0-9.\-_]{1,255}$')
_ACCESSPOINT_ARN = (
    r'^arn:(aws).*:(s3|s3-object-lambda):[a-z\-0-9]*:[0-9]{12}:accesspoint[/:][a-zA-Z0-9\-.]{1,63}$'
)
_OUTPOST_ARN = (
    r'^arn:(aws).*:s3-outposts:[a-z\-0-9]+:[0-9]{12}:outpost[/:]'
    r'[a-zA-Z0-9\-]{1,63}[/:]accesspoint[/:][a-zA-Z0-9\-]{1,63}$'
)
VALID_S3_ARN = re.compile('|'.join([_ACCESSPOINT_ARN, _OUTPOST_ARN]))


def validate_bucket_name(params, **kwargs):
    if 'Bucket' not in params:
        return
    bucket = params['Bucket']
    if not VALID_BUCKET.search(bucket) and not VALID_S3_ARN.search(bucket):
        error_msg = (
            f'Invalid bucket name "{bucket}": Bucket name must match '
            f'the regex "{VALID_BUCKET.pattern}" or be an ARN matching '
            f'the regex "{VALID_S3_ARN.pattern}"'
        )
        raise ParamValidationError(report=error_msg)


def validate_ascii_metadata(params, **kwargs):
    metadata = params.get('Metadata')
    if not metadata or not isinstance(metadata, dict):
        return
    for key, value in metadata.items():
        try:
            key.encode('ascii')
            value.encode('ascii')
        except UnicodeEncodeError:
            error_msg = (
                'Non ascii characters found in S3 metadata '
                f'for key "{key}", value: "{value}".  \nS3 metadata can only '
                'contain ASCII characters. '
            )
            raise ParamValidationError(report=error_msg)


def handle_copy_source_param(params, **kwargs):
    """A CopySource dict {'Bucket', 'Key', 'VersionId'?} becomes the 'bucket/key' string.

    botocore also percent-encodes it for the HTTP header; the mock cloud takes the literal
    text, so it is left unencoded here."""
    source = params.get('CopySource')
    if isinstance(source, dict):
        try:
            bucket = source['Bucket']
            key = source['Key']
        except KeyError as e:
            raise ParamValidationError(report=f'Missing required parameter: {str(e)}')
        final = f'{bucket}/object/{key}' if VALID_S3_ARN.search(bucket) else f'{bucket}/{key}'
        version_id = source.get('VersionId')
        if version_id is not None:
            final += f'?versionId={version_id}'
        params['CopySource'] = final


def set_list_objects_encoding_type_url(params, context, **kwargs):
    if 'EncodingType' not in params:
        context['encoding_type_auto_set'] = True
        params['EncodingType'] = 'url'


def _decode_list_object(top_level_keys, nested_keys, parsed, context):
    if parsed.get('EncodingType') == 'url' and context.get('encoding_type_auto_set'):
        for key in top_level_keys:
            if key in parsed:
                parsed[key] = urllib.parse.unquote_plus(parsed[key])
        for top_key, child_key in nested_keys:
            if top_key in parsed:
                for member in parsed[top_key]:
                    member[child_key] = urllib.parse.unquote_plus(member[child_key])


def decode_list_object(parsed, context, **kwargs):
    _decode_list_object(['Delimiter', 'Marker', 'NextMarker'], [('Contents', 'Key'), ('CommonPrefixes', 'Prefix')], parsed, context)


def decode_list_object_v2(parsed, context, **kwargs):
    _decode_list_object(['Delimiter', 'Prefix', 'StartAfter'], [('Contents', 'Key'), ('CommonPrefixes', 'Prefix')], parsed, context)


def handle_request_validation_mode_member(params, model, context=None, **kwargs):
    """botocore 1.36+: with response_checksum_validation 'when_supported' (the default),
    operations that can return a checksum are asked to (GetObject gets ChecksumMode=ENABLED,
    so S3 answers with ChecksumCRC32)."""
    config = (context or {}).get('client_config')
    if config is None:  # presigning: no checksum parameters
        return
    mode = getattr(config, 'response_checksum_validation', None) or 'when_supported'
    if mode != 'when_supported':
        return
    member = model.service_model._data['checksum_validation_members'].get(model.name)
    if member is not None:
        params.setdefault(member, 'ENABLED')


def handle_query_compatible_error_code(parsed, context, **kwargs):
    """SQS: the modelled exception is named by QueryErrorCode, not by Code."""
    parsed_error = parsed.get('Error', {})
    if not parsed_error:
        return
    query_code = parsed_error.get('QueryErrorCode')
    if query_code:
        context['error_code_override'] = query_code


BUILTIN_HANDLERS = [
    ('before-parameter-build', handle_request_validation_mode_member),
    ('before-parameter-build.s3', validate_bucket_name),
    ('before-parameter-build.s3.ListObjects', set_list_objects_encoding_type_url),
    ('before-parameter-build.s3.ListObjectsV2', set_list_objects_encoding_type_url),
    ('before-parameter-build.s3.CopyObject', handle_copy_source_param),
    ('before-parameter-build.s3.UploadPartCopy', handle_copy_source_param),
    ('before-parameter-build.s3.CopyObject', validate_ascii_metadata),
    ('before-parameter-build.s3.PutObject', validate_ascii_metadata),
    ('after-call.s3.ListObjects', decode_list_object),
    ('after-call.s3.ListObjectsV2', decode_list_object_v2),
    ('after-call.sqs.*', handle_query_compatible_error_code),
]
