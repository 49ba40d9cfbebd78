"""Errors for missing keys and buckets, as botocore raises them."""
from common import attempt


def scenario(boto3):
    s3 = boto3.client("s3")
    s3.create_bucket(Bucket="fid-missing")
    out = {}
    out["get_missing_key"] = attempt(s3.get_object, Bucket="fid-missing", Key="nope.txt")
    out["get_missing_bucket"] = attempt(s3.get_object, Bucket="fid-no-such-bucket", Key="a")
    out["head_missing_key"] = attempt(s3.head_object, Bucket="fid-missing", Key="nope.txt")
    out["delete_missing_key"] = attempt(s3.delete_object, Bucket="fid-missing", Key="nope.txt")
    out["put_missing_bucket"] = attempt(s3.put_object, Bucket="fid-no-such-bucket", Key="a", Body=b"x")
    out["list_missing_bucket"] = attempt(s3.list_objects_v2, Bucket="fid-no-such-bucket")
    out["head_bucket_missing"] = attempt(s3.head_bucket, Bucket="fid-no-such-bucket")
    out["delete_bucket_missing"] = attempt(s3.delete_bucket, Bucket="fid-no-such-bucket")
    # The modelled exception classes learners catch.
    try:
        s3.get_object(Bucket="fid-missing", Key="nope.txt")
    except s3.exceptions.NoSuchKey as e:
        out["caught_as"] = ["NoSuchKey", e.response["Error"]["Code"]]
    try:
        s3.list_objects_v2(Bucket="fid-no-such-bucket")
    except s3.exceptions.NoSuchBucket as e:
        out["caught_bucket_as"] = ["NoSuchBucket", e.response["Error"]["Code"]]
    return out
