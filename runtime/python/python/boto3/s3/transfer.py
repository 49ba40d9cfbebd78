"""TransferConfig and S3Transfer: the managed-transfer API, as s3transfer does it, on one thread.

Uploads follow s3transfer: below `multipart_threshold` (8 MiB) one PutObject; at or above it a
multipart upload (CreateMultipartUpload, an UploadPart per `multipart_chunksize` chunk, at least
5 MiB and at most 10,000 parts, CompleteMultipartUpload; AbortMultipartUpload if a part fails),
so the object's ETag ends in `-<parts>` as on AWS; a managed copy of an object that big is a
multipart upload of UploadPartCopy parts. Each call gets the ExtraArgs s3transfer gives
it, and CRC32 checksums as botocore's default asks. A download is a HeadObject (as s3transfer
starts with) and one GetObject. Files are the sandbox's (`_labbook_fs`: /tmp is writable,
/var/task and /opt are not), through the ordinary open(), so a missing file, a missing directory
or a read-only path fail with the OSError boto3 would let through. The argument checks and
errors are boto3's: unknown ExtraArgs -> ValueError "Invalid extra_args key ...", a failed
upload_file -> S3UploadFailedError "Failed to upload <file> to <bucket>/<key>: <error>".
"""

import os

from botocore.exceptions import ClientError

from boto3.exceptions import S3UploadFailedError

KB = 1024
MB = KB * KB

ALLOWED_DOWNLOAD_ARGS = [
    'ChecksumMode', 'VersionId', 'SSECustomerAlgorithm', 'SSECustomerKey', 'SSECustomerKeyMD5',
    'RequestPayer', 'ExpectedBucketOwner',
]
_ALLOWED_SHARED_ARGS = [
    'ACL', 'CacheControl', 'ChecksumAlgorithm', 'ContentDisposition', 'ContentEncoding',
    'ContentLanguage', 'ContentType', 'ExpectedBucketOwner', 'Expires', 'GrantFullControl',
    'GrantRead', 'GrantReadACP', 'GrantWriteACP', 'Metadata', 'ObjectLockLegalHoldStatus',
    'ObjectLockMode', 'ObjectLockRetainUntilDate', 'RequestPayer', 'ServerSideEncryption',
    'StorageClass', 'SSECustomerAlgorithm', 'SSECustomerKey', 'SSECustomerKeyMD5', 'SSEKMSKeyId',
    'SSEKMSEncryptionContext', 'Tagging', 'WebsiteRedirectLocation',
]
FULL_OBJECT_CHECKSUM_ARGS = [
    'ChecksumCRC32', 'ChecksumCRC32C', 'ChecksumCRC64NVME', 'ChecksumMD5', 'ChecksumSHA1',
    'ChecksumSHA256', 'ChecksumSHA512', 'ChecksumXXHASH3', 'ChecksumXXHASH64', 'ChecksumXXHASH128',
]
ALLOWED_UPLOAD_ARGS = _ALLOWED_SHARED_ARGS + ['ChecksumType', 'MpuObjectSize'] + FULL_OBJECT_CHECKSUM_ARGS
ALLOWED_COPY_ARGS = _ALLOWED_SHARED_ARGS + [
    'CopySourceIfMatch', 'CopySourceIfModifiedSince', 'CopySourceIfNoneMatch',
    'CopySourceIfUnmodifiedSince', 'CopySourceSSECustomerAlgorithm', 'CopySourceSSECustomerKey',
    'CopySourceSSECustomerKeyMD5', 'MetadataDirective', 'TaggingDirective', 'AnnotationDirective',
]


# What s3transfer passes on to each call of an upload (s3transfer/upload.py).
PUT_OBJECT_BLOCKLIST = ['ChecksumType', 'MpuObjectSize'] + FULL_OBJECT_CHECKSUM_ARGS
CREATE_MULTIPART_BLOCKLIST = FULL_OBJECT_CHECKSUM_ARGS + ['MpuObjectSize']
UPLOAD_PART_ARGS = [
    'ChecksumAlgorithm', 'SSECustomerKey', 'SSECustomerAlgorithm', 'SSECustomerKeyMD5', 'RequestPayer',
    'ExpectedBucketOwner',
]
COMPLETE_MULTIPART_ARGS = [
    'SSECustomerKey', 'SSECustomerAlgorithm', 'SSECustomerKeyMD5', 'RequestPayer', 'ExpectedBucketOwner',
    'ChecksumType', 'MpuObjectSize',
] + FULL_OBJECT_CHECKSUM_ARGS
PART_CHECKSUMS = ['ChecksumCRC32', 'ChecksumCRC32C', 'ChecksumCRC64NVME', 'ChecksumSHA1', 'ChecksumSHA256']
# And to each call of a multipart copy (s3transfer/copies.py).
CREATE_MULTIPART_COPY_BLOCKLIST = [
    'CopySourceIfMatch', 'CopySourceIfModifiedSince', 'CopySourceIfNoneMatch', 'CopySourceIfUnmodifiedSince',
    'CopySourceSSECustomerAlgorithm', 'CopySourceSSECustomerKey', 'CopySourceSSECustomerKeyMD5',
    'MetadataDirective', 'TaggingDirective',
]
UPLOAD_PART_COPY_ARGS = [
    'CopySourceIfMatch', 'CopySourceIfModifiedSince', 'CopySourceIfNoneMatch', 'CopySourceIfUnmodifiedSince',
    'CopySourceSSECustomerKey', 'CopySourceSSECustomerAlgorithm', 'CopySourceSSECustomerKeyMD5', 'SSECustomerKey',
    'SSECustomerAlgorithm', 'SSECustomerKeyMD5', 'RequestPayer', 'ExpectedBucketOwner',
]
COMPLETE_MULTIPART_COPY_ARGS = ['SSECustomerKey', 'SSECustomerAlgorithm', 'SSECustomerKeyMD5', 'RequestPayer', 'ExpectedBucketOwner']
COPIED_HEAD_FIELDS = [
    'CacheControl', 'ContentDisposition', 'ContentEncoding', 'ContentLanguage', 'ContentType', 'Expires',
    'Metadata', 'WebsiteRedirectLocation',
]
MIN_PART_SIZE = 5 * MB
MAX_PART_SIZE = 5 * 1024 * MB
MAX_PARTS = 10000


class TransferConfig:
    """s3transfer's settings; the thresholds and chunk size decide when and how an upload is
    split into parts (the concurrency settings change nothing: the sandbox has one thread)."""

    def __init__(self, multipart_threshold=8 * MB, max_concurrency=10, multipart_chunksize=8 * MB,
                 num_download_attempts=5, max_io_queue=100, io_chunksize=256 * KB, use_threads=True,
                 max_bandwidth=None, preferred_transfer_client='auto'):
        self.multipart_threshold = multipart_threshold
        self.max_concurrency = max_concurrency
        self.multipart_chunksize = multipart_chunksize
        self.num_download_attempts = num_download_attempts
        self.max_io_queue = max_io_queue
        self.io_chunksize = io_chunksize
        self.use_threads = use_threads
        self.max_bandwidth = max_bandwidth
        self.preferred_transfer_client = preferred_transfer_client


def _validate_all_known_args(actual, allowed):
    for kwarg in actual:
        if kwarg not in allowed:
            raise ValueError(f"Invalid extra_args key '{kwarg}', must be one of: {', '.join(allowed)}")


def _filename(filename):
    if isinstance(filename, os.PathLike):
        filename = os.fspath(filename)
    if not isinstance(filename, str):
        raise ValueError('Filename must be a string or a path-like object')
    return filename


def _chunksize(chunksize, size):
    """s3transfer's ChunksizeAdjuster: within S3's part sizes, and few enough parts."""
    chunksize = min(max(chunksize, MIN_PART_SIZE), MAX_PART_SIZE)
    while -(-size // chunksize) > MAX_PARTS:
        chunksize *= 2
    return chunksize


def _with_checksum_default(client, extra_args):
    """s3transfer asks for CRC32 checksums when botocore computes them by default."""
    config = getattr(client.meta, 'config', None)
    if getattr(config, 'request_checksum_calculation', None) in (None, 'when_supported'):
        if not any(k in extra_args for k in ['ChecksumAlgorithm'] + FULL_OBJECT_CHECKSUM_ARGS):
            extra_args['ChecksumAlgorithm'] = 'CRC32'
    return extra_args


def _multipart_upload(client, data, bucket, key, extra_args, config, callback):
    chunksize = _chunksize(config.multipart_chunksize, len(data))
    create_args = {k: v for k, v in extra_args.items() if k not in CREATE_MULTIPART_BLOCKLIST}
    upload_id = client.create_multipart_upload(Bucket=bucket, Key=key, **create_args)['UploadId']
    part_args = {k: v for k, v in extra_args.items() if k in UPLOAD_PART_ARGS}
    try:
        parts = []
        for number, start in enumerate(range(0, len(data), chunksize), start=1):
            chunk = data[start:start + chunksize]
            response = client.upload_part(Bucket=bucket, Key=key, UploadId=upload_id, PartNumber=number,
                                          Body=chunk, **part_args)
            part = {'ETag': response['ETag'], 'PartNumber': number}
            for checksum in PART_CHECKSUMS:
                if checksum in response:
                    part[checksum] = response[checksum]
            parts.append(part)
            if callback is not None:
                callback(len(chunk))
        complete_args = {k: v for k, v in extra_args.items() if k in COMPLETE_MULTIPART_ARGS}
        client.complete_multipart_upload(Bucket=bucket, Key=key, UploadId=upload_id,
                                         MultipartUpload={'Parts': parts}, **complete_args)
    except Exception:
        client.abort_multipart_upload(Bucket=bucket, Key=key, UploadId=upload_id)
        raise


def upload_fileobj(client, fileobj, bucket, key, extra_args=None, callback=None, config=None):
    if not hasattr(fileobj, 'read'):
        raise ValueError('Fileobj must implement read')
    extra_args = dict(extra_args or {})
    _validate_all_known_args(extra_args, ALLOWED_UPLOAD_ARGS)
    config = config or TransferConfig()
    data = fileobj.read()
    if isinstance(data, str):
        data = data.encode('utf-8')
    extra_args = _with_checksum_default(client, extra_args)
    if len(data) >= config.multipart_threshold:
        _multipart_upload(client, data, bucket, key, extra_args, config, callback)
        return
    put_args = {k: v for k, v in extra_args.items() if k not in PUT_OBJECT_BLOCKLIST}
    client.put_object(Bucket=bucket, Key=key, Body=data, **put_args)
    if callback is not None:
        callback(len(data))


def download_fileobj(client, bucket, key, fileobj, extra_args=None, callback=None):
    if not hasattr(fileobj, 'write'):
        raise ValueError('Fileobj must implement write')
    extra_args = dict(extra_args or {})
    _validate_all_known_args(extra_args, ALLOWED_DOWNLOAD_ARGS)
    head_args = {k: v for k, v in extra_args.items() if k != 'ChecksumMode'}
    client.head_object(Bucket=bucket, Key=key, **head_args)
    body = client.get_object(Bucket=bucket, Key=key, **extra_args)['Body'].read()
    fileobj.write(body)
    if callback is not None:
        callback(len(body))


def upload_file(client, filename, bucket, key, extra_args=None, callback=None, config=None):
    filename = _filename(filename)
    _validate_all_known_args(extra_args or {}, ALLOWED_UPLOAD_ARGS)
    with open(filename, 'rb') as f:
        try:
            upload_fileobj(client, f, bucket, key, extra_args, callback, config)
        except ClientError as e:
            raise S3UploadFailedError(f"Failed to upload {filename} to {bucket}/{key}: {e}")


def download_file(client, bucket, key, filename, extra_args=None, callback=None):
    filename = _filename(filename)
    extra_args = dict(extra_args or {})
    _validate_all_known_args(extra_args, ALLOWED_DOWNLOAD_ARGS)
    head_args = {k: v for k, v in extra_args.items() if k != 'ChecksumMode'}
    client.head_object(Bucket=bucket, Key=key, **head_args)
    body = client.get_object(Bucket=bucket, Key=key, **extra_args)['Body'].read()
    with open(filename, 'wb') as f:
        f.write(body)
    if callback is not None:
        callback(len(body))


def _multipart_copy(client, copy_source, bucket, key, extra_args, head, config, callback):
    """s3transfer's multipart copy: the new object gets the source's headers and metadata
    (from HeadObject, unless MetadataDirective is REPLACE; tags are not copied, as in
    s3transfer), and each part is an UploadPartCopy of a byte range, guarded by the source's
    ETag."""
    size = head['ContentLength']
    create_args = {k: v for k, v in extra_args.items() if k not in CREATE_MULTIPART_COPY_BLOCKLIST}
    if extra_args.get('MetadataDirective') != 'REPLACE':
        for name in COPIED_HEAD_FIELDS:
            if name in head and name not in create_args:
                create_args[name] = head[name]
    upload_id = client.create_multipart_upload(Bucket=bucket, Key=key, **create_args)['UploadId']
    part_args = {k: v for k, v in extra_args.items() if k in UPLOAD_PART_COPY_ARGS}
    part_args.setdefault('CopySourceIfMatch', head['ETag'])
    chunksize = _chunksize(config.multipart_chunksize, size)
    try:
        parts = []
        for number, start in enumerate(range(0, size, chunksize), start=1):
            last = min(start + chunksize, size) - 1
            response = client.upload_part_copy(Bucket=bucket, Key=key, UploadId=upload_id, PartNumber=number,
                                               CopySource=copy_source, CopySourceRange=f'bytes={start}-{last}',
                                               **part_args)
            part = {'ETag': response['CopyPartResult']['ETag'], 'PartNumber': number}
            for checksum in PART_CHECKSUMS:
                if checksum in response['CopyPartResult']:
                    part[checksum] = response['CopyPartResult'][checksum]
            parts.append(part)
            if callback is not None:
                callback(last + 1 - start)
        complete_args = {k: v for k, v in extra_args.items() if k in COMPLETE_MULTIPART_COPY_ARGS}
        return client.complete_multipart_upload(Bucket=bucket, Key=key, UploadId=upload_id,
                                                MultipartUpload={'Parts': parts}, **complete_args)
    except Exception:
        client.abort_multipart_upload(Bucket=bucket, Key=key, UploadId=upload_id)
        raise


def copy(client, copy_source, bucket, key, extra_args=None, callback=None, source_client=None, config=None):
    extra_args = dict(extra_args or {})
    _validate_all_known_args(extra_args, ALLOWED_COPY_ARGS)
    config = config or TransferConfig()
    if isinstance(copy_source, dict):
        request = {'Bucket': copy_source.get('Bucket'), 'Key': copy_source.get('Key')}
        if copy_source.get('VersionId') is not None:
            request['VersionId'] = copy_source['VersionId']
        head = (source_client or client).head_object(**request)
        if head.get('ContentLength', 0) >= config.multipart_threshold:
            return _multipart_copy(client, copy_source, bucket, key, extra_args, head, config, callback)
    response = client.copy_object(CopySource=copy_source, Bucket=bucket, Key=key, **extra_args)
    if callback is not None:
        callback(0)
    return response


class S3Transfer:
    """boto3.s3.transfer.S3Transfer over one client."""

    ALLOWED_DOWNLOAD_ARGS = ALLOWED_DOWNLOAD_ARGS
    ALLOWED_UPLOAD_ARGS = ALLOWED_UPLOAD_ARGS
    ALLOWED_COPY_ARGS = ALLOWED_COPY_ARGS

    def __init__(self, client=None, config=None, osutil=None, manager=None):
        if client is None:
            raise ValueError('Either a boto3.Client or s3transfer.manager.TransferManager must be provided')
        self._client = client
        self._config = config

    def upload_file(self, filename, bucket, key, callback=None, extra_args=None):
        upload_file(self._client, filename, bucket, key, extra_args, callback, self._config)

    def download_file(self, bucket, key, filename, extra_args=None, callback=None):
        download_file(self._client, bucket, key, filename, extra_args, callback)

    def __enter__(self):
        return self

    def __exit__(self, *args):
        pass
