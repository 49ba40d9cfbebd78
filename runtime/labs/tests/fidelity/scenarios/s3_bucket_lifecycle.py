"""CreateBucket/ListBuckets/HeadBucket/GetBucketLocation/DeleteBucket, BucketNotEmpty."""
from common import attempt


def scenario(boto3):
    s3 = boto3.client("s3")
    out = {}
    out["create"] = attempt(s3.create_bucket, Bucket="fid-life-b")
    out["create2"] = attempt(s3.create_bucket, Bucket="fid-life-a")
    out["list"] = attempt(s3.list_buckets)
    out["head"] = attempt(s3.head_bucket, Bucket="fid-life-a")
    out["location"] = attempt(s3.get_bucket_location, Bucket="fid-life-a")
    s3.put_object(Bucket="fid-life-a", Key="k", Body=b"v")
    out["delete_not_empty"] = attempt(s3.delete_bucket, Bucket="fid-life-a")
    out["delete_object"] = attempt(s3.delete_object, Bucket="fid-life-a", Key="k")
    out["delete"] = attempt(s3.delete_bucket, Bucket="fid-life-a")
    out["list_after"] = [b["Name"] for b in s3.list_buckets()["Buckets"]]
    out["other_region"] = attempt(
        s3.create_bucket, Bucket="fid-life-eu", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"}
    )
    out["other_region_location"] = attempt(s3.get_bucket_location, Bucket="fid-life-eu")
    return out
