"""Binary bodies, empty bodies, ETags as quoted MD5, keys with spaces/plus/unicode and their order."""
import hashlib

from common import attempt


def scenario(boto3):
    s3 = boto3.client("s3")
    s3.create_bucket(Bucket="fid-bin")
    data = bytes(range(256)) * 4
    out = {}
    out["put_binary"] = attempt(s3.put_object, Bucket="fid-bin", Key="blob.bin", Body=data)
    got = s3.get_object(Bucket="fid-bin", Key="blob.bin")
    body = got["Body"].read()
    out["binary_ok"] = body == data
    out["etag_is_md5"] = got["ETag"] == '"%s"' % hashlib.md5(data).hexdigest()
    out["put_empty"] = attempt(s3.put_object, Bucket="fid-bin", Key="empty")
    got = s3.get_object(Bucket="fid-bin", Key="empty")
    out["empty"] = [got["Body"].read().decode(), got["ContentLength"], got["ETag"]]
    keys = ["my file.txt", "a+b.txt", "café/menu.txt", "Zeta", "zeta", "_under", "日本.txt", "a/b/c"]
    for k in keys:
        s3.put_object(Bucket="fid-bin", Key=k, Body=k.encode("utf-8"))
    listing = s3.list_objects_v2(Bucket="fid-bin")
    out["order"] = [o["Key"] for o in listing["Contents"]]
    out["sizes"] = [o["Size"] for o in listing["Contents"]]
    out["get_unicode"] = s3.get_object(Bucket="fid-bin", Key="café/menu.txt")["Body"].read().decode()
    out["get_space"] = s3.get_object(Bucket="fid-bin", Key="my file.txt")["Body"].read().decode()
    return out
