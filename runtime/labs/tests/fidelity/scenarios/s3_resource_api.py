"""The boto3 resource API for S3: Bucket, Object, objects.filter/all, delete."""
from common import normalize


def scenario(boto3):
    s3 = boto3.resource("s3")
    bucket = s3.create_bucket(Bucket="fid-res")
    out = {"bucket_name": bucket.name}
    bucket.put_object(Key="logs/1.txt", Body=b"one")
    bucket.put_object(Key="logs/2.txt", Body=b"two")
    s3.Object("fid-res", "other.txt").put(Body=b"other", Metadata={"K": "v"})
    out["all"] = [o.key for o in bucket.objects.all()]
    out["filtered"] = [[o.key, o.size] for o in bucket.objects.filter(Prefix="logs/")]
    obj = s3.Object("fid-res", "other.txt")
    out["get"] = obj.get()["Body"].read().decode()
    obj.load()
    out["loaded"] = [obj.content_length, obj.content_type, obj.metadata, obj.e_tag]
    s3.Object("fid-res", "logs/1.txt").delete()
    out["after_delete"] = [o.key for o in bucket.objects.all()]
    out["buckets"] = [b.name for b in s3.buckets.all()]
    return out
