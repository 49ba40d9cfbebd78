"""DeleteObjects: deleted and missing keys, Quiet mode, final listing."""
from common import attempt


def scenario(boto3):
    s3 = boto3.client("s3")
    s3.create_bucket(Bucket="fid-del")
    for k in ["a", "b", "c", "d"]:
        s3.put_object(Bucket="fid-del", Key=k, Body=k.encode())
    out = {}
    out["delete"] = attempt(s3.delete_objects, Bucket="fid-del", Delete={"Objects": [{"Key": "a"}, {"Key": "missing"}]})
    out["quiet"] = attempt(s3.delete_objects, Bucket="fid-del", Delete={"Objects": [{"Key": "b"}], "Quiet": True})
    out["remaining"] = [o["Key"] for o in s3.list_objects_v2(Bucket="fid-del").get("Contents", [])]
    out["delete_one"] = attempt(s3.delete_object, Bucket="fid-del", Key="c")
    out["remaining2"] = s3.list_objects_v2(Bucket="fid-del")["KeyCount"]
    return out
