"""Invalid bucket names: AWS answers InvalidBucketName (moto 5.2.5 accepts some of them)."""
from common import attempt


def scenario(boto3):
    s3 = boto3.client("s3")
    out = {}
    out["Bad_Name"] = attempt(s3.create_bucket, Bucket="Bad_Name")
    out["ab"] = attempt(s3.create_bucket, Bucket="ab")
    out["ends-with-dash-"] = attempt(s3.create_bucket, Bucket="ends-with-dash-")
    out["good"] = attempt(s3.create_bucket, Bucket="good.name-1")
    out["buckets"] = [b["Name"] for b in s3.list_buckets()["Buckets"]]
    return out
