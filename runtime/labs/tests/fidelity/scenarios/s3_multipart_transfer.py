"""boto3's managed transfers take the multipart path above TransferConfig's multipart_threshold
(8 MiB by default), as s3transfer does: the object's ETag then ends in `-<parts>`. Below it,
one PutObject. upload_fileobj and upload_file, the client and resource forms, and Callback's
byte count."""
import io
import os

from boto3.s3.transfer import TransferConfig

from common import normalize

MB = 1024 * 1024


def scenario(boto3):
    s3 = boto3.client("s3")
    s3.create_bucket(Bucket="fid-mpu-transfer")
    out = {}
    data = bytes(range(251)) * (5 * MB // 251 + 1)  # just over 5 MiB: two parts of the smallest size
    seen = []
    small_parts = TransferConfig(multipart_threshold=5 * MB, multipart_chunksize=5 * MB)
    s3.upload_fileobj(io.BytesIO(data), "fid-mpu-transfer", "fileobj.bin", Config=small_parts,
                      ExtraArgs={"ContentType": "application/octet-stream", "Metadata": {"kind": "big"}},
                      Callback=seen.append)
    out["callback_total"] = sum(seen)
    head = s3.head_object(Bucket="fid-mpu-transfer", Key="fileobj.bin")
    out["fileobj"] = normalize(head)
    out["same"] = s3.get_object(Bucket="fid-mpu-transfer", Key="fileobj.bin")["Body"].read() == data

    s3.upload_fileobj(io.BytesIO(data), "fid-mpu-transfer", "below-default.bin")
    out["below_default_threshold"] = normalize(s3.head_object(Bucket="fid-mpu-transfer", Key="below-default.bin"))

    path = "/tmp/labbook-fidelity-mpu-%d.bin" % os.getpid()
    try:
        with open(path, "wb") as f:
            f.write(bytes(8 * MB))  # exactly the default threshold: multipart, one part
        s3.upload_file(path, "fid-mpu-transfer", "file.bin")
        out["file_default"] = normalize(s3.head_object(Bucket="fid-mpu-transfer", Key="file.bin"))
        boto3.resource("s3").Object("fid-mpu-transfer", "resource.bin").upload_file(
            path, Config=TransferConfig(multipart_threshold=5 * MB, multipart_chunksize=1))
        out["resource"] = normalize(s3.head_object(Bucket="fid-mpu-transfer", Key="resource.bin"))
    finally:
        if os.path.exists(path):
            os.remove(path)
    got = s3.get_object(Bucket="fid-mpu-transfer", Key="fileobj.bin", ChecksumMode="ENABLED")
    out["checksum"] = {k: v for k, v in got.items() if k.startswith("Checksum")}
    out["uploads_left"] = s3.list_multipart_uploads(Bucket="fid-mpu-transfer").get("Uploads", [])
    return out
