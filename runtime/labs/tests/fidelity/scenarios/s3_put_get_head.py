"""PutObject/GetObject/HeadObject: body, content type, metadata (keys lower-cased), ETag."""
from common import attempt, normalize


def scenario(boto3):
    s3 = boto3.client("s3")
    out = {"create": attempt(s3.create_bucket, Bucket="fid-put-get")}
    out["put"] = attempt(
        s3.put_object,
        Bucket="fid-put-get",
        Key="reports/2026/jan.csv",
        Body=b"id,total\n1,9.99\n",
        ContentType="text/csv",
        Metadata={"Uploaded-By": "ada", "source": "lab"},
    )
    got = s3.get_object(Bucket="fid-put-get", Key="reports/2026/jan.csv")
    body = got.pop("Body").read()
    out["get"] = normalize(got)
    out["body"] = body.decode()
    out["head"] = attempt(s3.head_object, Bucket="fid-put-get", Key="reports/2026/jan.csv")
    # A str body is encoded as UTF-8; no ContentType gives binary/octet-stream.
    out["put_str"] = attempt(s3.put_object, Bucket="fid-put-get", Key="notes.txt", Body="héllo wörld")
    got = s3.get_object(Bucket="fid-put-get", Key="notes.txt")
    out["str_body"] = got["Body"].read().decode("utf-8")
    out["str_type"] = got["ContentType"]
    out["str_length"] = got["ContentLength"]
    # Overwrite replaces body and metadata.
    s3.put_object(Bucket="fid-put-get", Key="notes.txt", Body=b"v2")
    got = s3.get_object(Bucket="fid-put-get", Key="notes.txt")
    out["overwritten"] = [got["Body"].read().decode(), got["ETag"], got["Metadata"]]
    return out
