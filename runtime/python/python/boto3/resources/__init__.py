"""boto3.resources: resource objects (Table, Bucket, Queue...) built from boto3's definitions."""
