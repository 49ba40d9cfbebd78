"""Conditional writes: PutObject with IfNoneMatch='*' creates an object only if the key is free
(the idempotent-write pattern), IfMatch overwrites only the version the caller read, and
CompleteMultipartUpload takes the same conditions."""
from common import attempt


def scenario(boto3):
    s3 = boto3.client("s3")
    s3.create_bucket(Bucket="fid-cond-write")
    out = {}
    out["create"] = attempt(s3.put_object, Bucket="fid-cond-write", Key="once", Body=b"first", IfNoneMatch="*")
    out["create_again"] = attempt(s3.put_object, Bucket="fid-cond-write", Key="once", Body=b"second", IfNoneMatch="*")
    etag = s3.head_object(Bucket="fid-cond-write", Key="once")["ETag"]
    out["match_stale"] = attempt(s3.put_object, Bucket="fid-cond-write", Key="once", Body=b"third",
                                 IfMatch='"0123456789abcdef0123456789abcdef"')
    out["match_current"] = attempt(s3.put_object, Bucket="fid-cond-write", Key="once", Body=b"fourth", IfMatch=etag)
    out["match_missing"] = attempt(s3.put_object, Bucket="fid-cond-write", Key="absent", Body=b"x", IfMatch=etag)
    out["body"] = s3.get_object(Bucket="fid-cond-write", Key="once")["Body"].read().decode()
    upload = s3.create_multipart_upload(Bucket="fid-cond-write", Key="once")["UploadId"]
    part = s3.upload_part(Bucket="fid-cond-write", Key="once", UploadId=upload, PartNumber=1, Body=b"mpu")
    out["complete_if_none_match"] = attempt(s3.complete_multipart_upload, Bucket="fid-cond-write", Key="once",
                                            UploadId=upload, IfNoneMatch="*",
                                            MultipartUpload={"Parts": [{"ETag": part["ETag"], "PartNumber": 1}]})
    out["keys"] = [o["Key"] for o in s3.list_objects_v2(Bucket="fid-cond-write")["Contents"]]
    return out
