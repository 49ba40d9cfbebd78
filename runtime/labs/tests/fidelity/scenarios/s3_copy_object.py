"""CopyObject: metadata COPY and REPLACE, copying onto itself, missing source."""
from common import attempt, normalize


def scenario(boto3):
    s3 = boto3.client("s3")
    s3.create_bucket(Bucket="fid-copy-src")
    s3.create_bucket(Bucket="fid-copy-dst")
    s3.put_object(Bucket="fid-copy-src", Key="in/a b.json", Body=b'{"a": 1}', ContentType="application/json", Metadata={"stage": "raw"})
    out = {}
    out["copy"] = attempt(s3.copy_object, Bucket="fid-copy-dst", Key="out/a.json", CopySource={"Bucket": "fid-copy-src", "Key": "in/a b.json"})
    h = s3.head_object(Bucket="fid-copy-dst", Key="out/a.json")
    out["copied_head"] = [h["ContentType"], h["Metadata"], h["ETag"], h["ContentLength"]]
    out["replace"] = attempt(
        s3.copy_object,
        Bucket="fid-copy-dst",
        Key="out/b.json",
        CopySource="fid-copy-src/in/a b.json",
        MetadataDirective="REPLACE",
        Metadata={"stage": "clean"},
        ContentType="text/plain",
    )
    h = s3.head_object(Bucket="fid-copy-dst", Key="out/b.json")
    out["replaced_head"] = [h["ContentType"], h["Metadata"]]
    out["onto_itself"] = attempt(s3.copy_object, Bucket="fid-copy-src", Key="in/a b.json", CopySource={"Bucket": "fid-copy-src", "Key": "in/a b.json"})
    out["onto_itself_replace"] = attempt(
        s3.copy_object, Bucket="fid-copy-src", Key="in/a b.json", CopySource={"Bucket": "fid-copy-src", "Key": "in/a b.json"},
        MetadataDirective="REPLACE", Metadata={"stage": "again"},
    )
    out["after_self_copy"] = normalize(s3.head_object(Bucket="fid-copy-src", Key="in/a b.json")["Metadata"])
    out["missing_source"] = attempt(s3.copy_object, Bucket="fid-copy-dst", Key="x", CopySource={"Bucket": "fid-copy-src", "Key": "nope"})
    out["listing"] = [o["Key"] for o in s3.list_objects_v2(Bucket="fid-copy-dst")["Contents"]]
    return out
