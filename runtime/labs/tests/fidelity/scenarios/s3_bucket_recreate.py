"""Creating a bucket you already own: us-east-1's legacy 200, elsewhere BucketAlreadyOwnedByYou."""
from common import attempt


def scenario(boto3):
    s3 = boto3.client("s3")
    out = {}
    out["first"] = attempt(s3.create_bucket, Bucket="fid-recreate")
    out["again_us_east_1"] = attempt(s3.create_bucket, Bucket="fid-recreate")
    out["eu"] = attempt(
        s3.create_bucket, Bucket="fid-recreate-eu", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
    )
    out["again_eu"] = attempt(
        s3.create_bucket, Bucket="fid-recreate-eu", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
    )
    out["constraint_us_east_1"] = attempt(
        s3.create_bucket, Bucket="fid-recreate-x", CreateBucketConfiguration={"LocationConstraint": "us-east-1"}
    )
    return out
