"""ListObjectsV2 with Prefix and Delimiter: Contents, CommonPrefixes, KeyCount, empty listings."""
from common import attempt


def scenario(boto3):
    s3 = boto3.client("s3")
    s3.create_bucket(Bucket="fid-list")
    out = {"empty": attempt(s3.list_objects_v2, Bucket="fid-list")}
    for key in ["a/1.txt", "a/2.txt", "a/sub/3.txt", "b/1.txt", "c.txt", "d.txt"]:
        s3.put_object(Bucket="fid-list", Key=key, Body=key.encode())
    out["all"] = attempt(s3.list_objects_v2, Bucket="fid-list")
    out["delimiter"] = attempt(s3.list_objects_v2, Bucket="fid-list", Delimiter="/")
    out["prefix"] = attempt(s3.list_objects_v2, Bucket="fid-list", Prefix="a/")
    out["prefix_delimiter"] = attempt(s3.list_objects_v2, Bucket="fid-list", Prefix="a/", Delimiter="/")
    out["no_match"] = attempt(s3.list_objects_v2, Bucket="fid-list", Prefix="zzz")
    out["start_after"] = attempt(s3.list_objects_v2, Bucket="fid-list", StartAfter="b/1.txt")
    out["fetch_owner"] = attempt(s3.list_objects_v2, Bucket="fid-list", Prefix="c", FetchOwner=True)
    return out
