"""boto3's managed copy (`client.copy`, `Bucket.copy`) above multipart_threshold is a
multipart upload of UploadPartCopy parts, as s3transfer does it: the copy's ETag ends in
`-<parts>`, it keeps the source's content type and metadata (unless MetadataDirective is
REPLACE). Below the threshold it is one CopyObject. UploadPartCopy called directly too."""
from boto3.s3.transfer import TransferConfig

from common import attempt, normalize

MB = 1024 * 1024


def scenario(boto3):
    s3 = boto3.client("s3")
    s3.create_bucket(Bucket="fid-mpu-copy")
    data = bytes(range(256)) * (5 * MB // 256) + b"12345678"
    s3.put_object(Bucket="fid-mpu-copy", Key="src.bin", Body=data, ContentType="application/x-demo",
                  Metadata={"origin": "lab"})
    small = TransferConfig(multipart_threshold=5 * MB, multipart_chunksize=5 * MB)
    out = {}
    seen = []
    s3.copy({"Bucket": "fid-mpu-copy", "Key": "src.bin"}, "fid-mpu-copy", "copy.bin", Config=small, Callback=seen.append)
    out["callback_total"] = sum(seen)
    out["multipart"] = normalize(s3.head_object(Bucket="fid-mpu-copy", Key="copy.bin"))
    s3.copy({"Bucket": "fid-mpu-copy", "Key": "src.bin"}, "fid-mpu-copy", "replaced.bin", Config=small,
            ExtraArgs={"MetadataDirective": "REPLACE", "ContentType": "text/plain"})
    out["replaced"] = normalize(s3.head_object(Bucket="fid-mpu-copy", Key="replaced.bin"))
    s3.copy({"Bucket": "fid-mpu-copy", "Key": "src.bin"}, "fid-mpu-copy", "single.bin")
    out["single"] = normalize(s3.head_object(Bucket="fid-mpu-copy", Key="single.bin"))
    boto3.resource("s3").Bucket("fid-mpu-copy").copy({"Bucket": "fid-mpu-copy", "Key": "src.bin"}, "resource.bin",
                                                      Config=small)
    out["resource_etag"] = s3.head_object(Bucket="fid-mpu-copy", Key="resource.bin")["ETag"]
    out["same"] = s3.get_object(Bucket="fid-mpu-copy", Key="copy.bin")["Body"].read() == data

    upload = s3.create_multipart_upload(Bucket="fid-mpu-copy", Key="manual.bin")["UploadId"]
    part = s3.upload_part_copy(Bucket="fid-mpu-copy", Key="manual.bin", UploadId=upload, PartNumber=1,
                               CopySource={"Bucket": "fid-mpu-copy", "Key": "src.bin"}, CopySourceRange="bytes=0-9")
    out["part_copy"] = normalize(part)
    out["bad_range"] = attempt(s3.upload_part_copy, Bucket="fid-mpu-copy", Key="manual.bin", UploadId=upload,
                               PartNumber=2, CopySource={"Bucket": "fid-mpu-copy", "Key": "src.bin"},
                               CopySourceRange="bytes=0-99999999")
    out["missing_source"] = attempt(s3.upload_part_copy, Bucket="fid-mpu-copy", Key="manual.bin", UploadId=upload,
                                    PartNumber=2, CopySource={"Bucket": "fid-mpu-copy", "Key": "nope"})
    s3.complete_multipart_upload(Bucket="fid-mpu-copy", Key="manual.bin", UploadId=upload,
                                 MultipartUpload={"Parts": [{"ETag": part["CopyPartResult"]["ETag"], "PartNumber": 1}]})
    out["manual"] = s3.get_object(Bucket="fid-mpu-copy", Key="manual.bin")["Body"].read() == data[:10]
    return out
