"""GetObject with Range (206, ContentRange), unsatisfiable ranges, IfMatch/IfNoneMatch."""
from common import attempt, normalize


def scenario(boto3):
    s3 = boto3.client("s3")
    s3.create_bucket(Bucket="fid-range")
    put = s3.put_object(Bucket="fid-range", Key="digits", Body=b"0123456789")
    out = {}
    for r in ["bytes=0-4", "bytes=-3", "bytes=7-", "bytes=5-100"]:
        got = s3.get_object(Bucket="fid-range", Key="digits", Range=r)
        body = got.pop("Body").read().decode()
        out[r] = [body, normalize(got)]
    out["unsatisfiable"] = attempt(s3.get_object, Bucket="fid-range", Key="digits", Range="bytes=20-30")
    out["if_match_ok"] = s3.get_object(Bucket="fid-range", Key="digits", IfMatch=put["ETag"])["Body"].read().decode()
    out["if_match_bad"] = attempt(s3.get_object, Bucket="fid-range", Key="digits", IfMatch='"0000"')
    out["if_none_match"] = attempt(s3.get_object, Bucket="fid-range", Key="digits", IfNoneMatch=put["ETag"])
    return out
