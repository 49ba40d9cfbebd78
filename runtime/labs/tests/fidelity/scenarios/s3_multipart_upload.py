"""Multipart upload, call by call: create, upload parts, list uploads and parts, complete
(ETag `"<md5 of the parts' md5s>-<parts>"`), the object it makes, and the errors: parts out of
order, a wrong part ETag, a part under 5 MiB that is not the last, part numbers out of range,
an unknown or aborted upload id."""
from common import attempt, normalize

MB = 1024 * 1024


def scenario(boto3):
    s3 = boto3.client("s3")
    s3.create_bucket(Bucket="fid-mpu")
    out = {}
    created = s3.create_multipart_upload(Bucket="fid-mpu", Key="big/archive.zip", ContentType="application/zip",
                                         Metadata={"Source": "lab"})
    upload = created["UploadId"]
    out["create"] = normalize(created)
    part1 = bytes(range(256)) * (5 * MB // 256)
    part2 = b"the tail"
    r1 = s3.upload_part(Bucket="fid-mpu", Key="big/archive.zip", UploadId=upload, PartNumber=1, Body=part1)
    r2 = s3.upload_part(Bucket="fid-mpu", Key="big/archive.zip", UploadId=upload, PartNumber=2, Body=part2)
    out["upload_part"] = [normalize(r1), normalize(r2)]
    out["reupload_part"] = attempt(s3.upload_part, Bucket="fid-mpu", Key="big/archive.zip", UploadId=upload,
                                   PartNumber=2, Body=part2)
    out["list_uploads"] = attempt(s3.list_multipart_uploads, Bucket="fid-mpu")
    parts = s3.list_parts(Bucket="fid-mpu", Key="big/archive.zip", UploadId=upload)
    out["list_parts"] = normalize(parts)
    out["list_parts_page"] = attempt(s3.list_parts, Bucket="fid-mpu", Key="big/archive.zip", UploadId=upload, MaxParts=1)
    done = [{"ETag": r1["ETag"], "PartNumber": 1}, {"ETag": r2["ETag"], "PartNumber": 2}]
    out["wrong_order"] = attempt(s3.complete_multipart_upload, Bucket="fid-mpu", Key="big/archive.zip", UploadId=upload,
                                 MultipartUpload={"Parts": done[::-1]})
    out["wrong_etag"] = attempt(s3.complete_multipart_upload, Bucket="fid-mpu", Key="big/archive.zip", UploadId=upload,
                                MultipartUpload={"Parts": [done[0], {"ETag": '"0123456789abcdef0123456789abcdef"', "PartNumber": 2}]})
    out["missing_part"] = attempt(s3.complete_multipart_upload, Bucket="fid-mpu", Key="big/archive.zip", UploadId=upload,
                                  MultipartUpload={"Parts": done + [{"ETag": r2["ETag"], "PartNumber": 3}]})
    out["complete"] = attempt(s3.complete_multipart_upload, Bucket="fid-mpu", Key="big/archive.zip", UploadId=upload,
                              MultipartUpload={"Parts": done})
    head = s3.head_object(Bucket="fid-mpu", Key="big/archive.zip")
    out["head"] = normalize(head)
    body = s3.get_object(Bucket="fid-mpu", Key="big/archive.zip")["Body"].read()
    out["body"] = [len(body), body == part1 + part2]
    out["listed"] = normalize(s3.list_objects_v2(Bucket="fid-mpu")["Contents"])
    out["uploads_after"] = attempt(s3.list_multipart_uploads, Bucket="fid-mpu")

    small = s3.create_multipart_upload(Bucket="fid-mpu", Key="small.bin")["UploadId"]
    a = s3.upload_part(Bucket="fid-mpu", Key="small.bin", UploadId=small, PartNumber=1, Body=b"a" * 100)
    b = s3.upload_part(Bucket="fid-mpu", Key="small.bin", UploadId=small, PartNumber=2, Body=b"b" * 100)
    out["too_small"] = attempt(s3.complete_multipart_upload, Bucket="fid-mpu", Key="small.bin", UploadId=small,
                               MultipartUpload={"Parts": [{"ETag": a["ETag"], "PartNumber": 1}, {"ETag": b["ETag"], "PartNumber": 2}]})
    out["part_zero"] = attempt(s3.upload_part, Bucket="fid-mpu", Key="small.bin", UploadId=small, PartNumber=0, Body=b"x")
    out["part_10001"] = attempt(s3.upload_part, Bucket="fid-mpu", Key="small.bin", UploadId=small, PartNumber=10001, Body=b"x")
    out["abort"] = attempt(s3.abort_multipart_upload, Bucket="fid-mpu", Key="small.bin", UploadId=small)
    out["abort_again"] = attempt(s3.abort_multipart_upload, Bucket="fid-mpu", Key="small.bin", UploadId=small)
    out["parts_of_aborted"] = attempt(s3.list_parts, Bucket="fid-mpu", Key="small.bin", UploadId=small)
    # (UploadPart and CompleteMultipartUpload with an unknown id is NoSuchUpload on AWS; moto 5.2.5 crashes with a KeyError,
    # so the mock's own tests cover it.)
    out["unknown_upload"] = attempt(s3.list_parts, Bucket="fid-mpu", Key="small.bin", UploadId="nope")
    out["no_bucket"] = attempt(s3.create_multipart_upload, Bucket="fid-no-such-bucket", Key="k")
    one = s3.create_multipart_upload(Bucket="fid-mpu", Key="one-part.txt")["UploadId"]
    p = s3.upload_part(Bucket="fid-mpu", Key="one-part.txt", UploadId=one, PartNumber=1, Body=b"only part")
    out["one_part"] = attempt(s3.complete_multipart_upload, Bucket="fid-mpu", Key="one-part.txt", UploadId=one,
                              MultipartUpload={"Parts": [{"ETag": p["ETag"], "PartNumber": 1}]})
    out["one_part_get"] = normalize({k: v for k, v in s3.get_object(Bucket="fid-mpu", Key="one-part.txt").items() if k != "Body"})
    out["keys"] = [o["Key"] for o in s3.list_objects_v2(Bucket="fid-mpu")["Contents"]]
    return out
