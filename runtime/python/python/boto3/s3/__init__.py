"""boto3.s3: S3 transfer helpers (upload_file, download_fileobj, ...) and TransferConfig."""
