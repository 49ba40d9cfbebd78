"""Managed file transfers through /tmp, as Lambda handlers do them: download_file, work on the
file, upload_file back (client, Bucket and Object forms), and the errors of a missing object
and a missing file.

CPython runs this on the host, so the file names are unique to the process and removed after;
in the lab runtime /tmp is the sandbox's, in memory.
"""
import os

from common import attempt, normalize


def scenario(boto3):
    s3 = boto3.client("s3")
    s3.create_bucket(Bucket="fid-transfer")
    s3.put_object(Bucket="fid-transfer", Key="in/orders.csv", Body=b"id,total\n1,9.50\n")
    s3.put_object(Bucket="fid-transfer", Key="in/blob.bin", Body=bytes(range(256)))
    base = "/tmp/labbook-fidelity-%d" % os.getpid()
    csv, blob, missing = base + "-orders.csv", base + "-blob.bin", base + "-missing.bin"
    out = {}
    try:
        s3.download_file("fid-transfer", "in/orders.csv", csv)
        with open(csv) as f:
            out["downloaded"] = f.read()
        with open(csv, "a") as f:
            f.write("2,20.00\n")
        out["size"] = os.path.getsize(csv)
        s3.upload_file(csv, "fid-transfer", "out/orders.csv", ExtraArgs={"ContentType": "text/csv"})
        got = s3.get_object(Bucket="fid-transfer", Key="out/orders.csv")
        out["uploaded"] = [got["Body"].read().decode(), got["ContentType"], got["ContentLength"]]

        resource = boto3.resource("s3")
        resource.Bucket("fid-transfer").download_file("in/blob.bin", blob)
        with open(blob, "rb") as f:
            out["blob"] = list(f.read()) == list(range(256))
        resource.Object("fid-transfer", "out/blob.bin").upload_file(blob)
        out["blob_back"] = s3.head_object(Bucket="fid-transfer", Key="out/blob.bin")["ContentLength"]

        out["missing_key"] = attempt(s3.download_file, "fid-transfer", "nope", missing)
        out["missing_key_left_a_file"] = os.path.exists(missing)
        try:
            s3.upload_file(missing, "fid-transfer", "never")
            out["missing_file"] = None
        except OSError as e:
            out["missing_file"] = [type(e).__name__, e.errno, e.filename == missing]
        out["keys"] = [o["Key"] for o in s3.list_objects_v2(Bucket="fid-transfer")["Contents"]]
    finally:
        for path in (csv, blob, missing):
            if os.path.exists(path):
                os.remove(path)
    return normalize(out)
