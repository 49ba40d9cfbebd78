"""The methods boto3 adds to the S3 client and to the Bucket/Object resources."""

from botocore.exceptions import ClientError

from boto3.s3 import transfer


# --- client methods -------------------------------------------------------------------------------
def upload_file(self, Filename, Bucket, Key, ExtraArgs=None, Callback=None, Config=None):
    """Upload a file (e.g. one in /tmp) to an S3 object."""
    transfer.upload_file(self, Filename, Bucket, Key, ExtraArgs, Callback, Config)


def download_file(self, Bucket, Key, Filename, ExtraArgs=None, Callback=None, Config=None):
    """Download an S3 object to a file (in /tmp: the only writable place on Lambda)."""
    transfer.download_file(self, Bucket, Key, Filename, ExtraArgs, Callback)


def upload_fileobj(self, Fileobj, Bucket, Key, ExtraArgs=None, Callback=None, Config=None):
    """Upload a file-like object (e.g. io.BytesIO) to S3."""
    transfer.upload_fileobj(self, Fileobj, Bucket, Key, ExtraArgs, Callback, Config)


def download_fileobj(self, Bucket, Key, Fileobj, ExtraArgs=None, Callback=None, Config=None):
    """Download an object from S3 into a file-like object (e.g. io.BytesIO)."""
    transfer.download_fileobj(self, Bucket, Key, Fileobj, ExtraArgs, Callback)


def copy(self, CopySource, Bucket, Key, ExtraArgs=None, Callback=None, SourceClient=None, Config=None):
    """Copy an object (a managed copy: one CopyObject, or a multipart copy above the threshold)."""
    transfer.copy(self, CopySource, Bucket, Key, ExtraArgs, Callback, SourceClient, Config)


def inject_s3_transfer_methods(class_attributes, **kwargs):
    for fn in (upload_file, download_file, upload_fileobj, download_fileobj, copy):
        class_attributes[fn.__name__] = fn


# --- resource methods -----------------------------------------------------------------------------
def bucket_load(self, *args, **kwargs):
    """Loads the bucket's attributes from ListBuckets (S3 has no call that describes one)."""
    self.meta.data = {}
    try:
        response = self.meta.client.list_buckets()
        for bucket_data in response['Buckets']:
            if bucket_data['Name'] == self.name:
                self.meta.data = bucket_data
                break
    except ClientError as e:
        if not e.response.get('Error', {}).get('Code') == 'AccessDenied':
            raise


def object_summary_load(self, *args, **kwargs):
    response = self.meta.client.head_object(Bucket=self.bucket_name, Key=self.key)
    if 'ContentLength' in response:
        response['Size'] = response.pop('ContentLength')
    self.meta.data = response


def bucket_upload_file(self, Filename, Key, ExtraArgs=None, Callback=None, Config=None):
    return self.meta.client.upload_file(Filename=Filename, Bucket=self.name, Key=Key, ExtraArgs=ExtraArgs, Callback=Callback, Config=Config)


def bucket_download_file(self, Key, Filename, ExtraArgs=None, Callback=None, Config=None):
    return self.meta.client.download_file(Bucket=self.name, Key=Key, Filename=Filename, ExtraArgs=ExtraArgs, Callback=Callback, Config=Config)


def bucket_upload_fileobj(self, Fileobj, Key, ExtraArgs=None, Callback=None, Config=None):
    return self.meta.client.upload_fileobj(Fileobj=Fileobj, Bucket=self.name, Key=Key, ExtraArgs=ExtraArgs, Callback=Callback, Config=Config)


def bucket_download_fileobj(self, Key, Fileobj, ExtraArgs=None, Callback=None, Config=None):
    return self.meta.client.download_fileobj(Bucket=self.name, Key=Key, Fileobj=Fileobj, ExtraArgs=ExtraArgs, Callback=Callback, Config=Config)


def bucket_copy(self, CopySource, Key, ExtraArgs=None, Callback=None, SourceClient=None, Config=None):
    return self.meta.client.copy(CopySource=CopySource, Bucket=self.name, Key=Key, ExtraArgs=ExtraArgs, Callback=Callback, SourceClient=SourceClient, Config=Config)


def object_upload_file(self, Filename, ExtraArgs=None, Callback=None, Config=None):
    return self.meta.client.upload_file(Filename=Filename, Bucket=self.bucket_name, Key=self.key, ExtraArgs=ExtraArgs, Callback=Callback, Config=Config)


def object_download_file(self, Filename, ExtraArgs=None, Callback=None, Config=None):
    return self.meta.client.download_file(Bucket=self.bucket_name, Key=self.key, Filename=Filename, ExtraArgs=ExtraArgs, Callback=Callback, Config=Config)


def object_upload_fileobj(self, Fileobj, ExtraArgs=None, Callback=None, Config=None):
    return self.meta.client.upload_fileobj(Fileobj=Fileobj, Bucket=self.bucket_name, Key=self.key, ExtraArgs=ExtraArgs, Callback=Callback, Config=Config)


def object_download_fileobj(self, Fileobj, ExtraArgs=None, Callback=None, Config=None):
    return self.meta.client.download_fileobj(Bucket=self.bucket_name, Key=self.key, Fileobj=Fileobj, ExtraArgs=ExtraArgs, Callback=Callback, Config=Config)


def object_copy(self, CopySource, ExtraArgs=None, Callback=None, SourceClient=None, Config=None):
    return self.meta.client.copy(CopySource=CopySource, Bucket=self.bucket_name, Key=self.key, ExtraArgs=ExtraArgs, Callback=Callback, SourceClient=SourceClient, Config=Config)


def _named(fn, name):
    fn.__name__ = name
    return fn


def inject_bucket_methods(class_attributes, **kwargs):
    class_attributes['load'] = _named(bucket_load, 'load')
    class_attributes['upload_file'] = _named(bucket_upload_file, 'upload_file')
    class_attributes['download_file'] = _named(bucket_download_file, 'download_file')
    class_attributes['upload_fileobj'] = _named(bucket_upload_fileobj, 'upload_fileobj')
    class_attributes['download_fileobj'] = _named(bucket_download_fileobj, 'download_fileobj')
    class_attributes['copy'] = _named(bucket_copy, 'copy')


def inject_object_methods(class_attributes, **kwargs):
    class_attributes['upload_file'] = _named(object_upload_file, 'upload_file')
    class_attributes['download_file'] = _named(object_download_file, 'download_file')
    class_attributes['upload_fileobj'] = _named(object_upload_fileobj, 'upload_fileobj')
    class_attributes['download_fileobj'] = _named(object_download_fileobj, 'download_fileobj')
    class_attributes['copy'] = _named(object_copy, 'copy')


def inject_object_summary_methods(class_attributes, **kwargs):
    class_attributes['load'] = _named(object_summary_load, 'load')
