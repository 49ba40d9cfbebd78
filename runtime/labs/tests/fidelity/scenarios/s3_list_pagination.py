"""ListObjectsV2 pages with MaxKeys and continuation tokens; a paginator walks them all."""
from common import attempt, normalize


def scenario(boto3):
    s3 = boto3.client("s3")
    s3.create_bucket(Bucket="fid-pages")
    for i in range(7):
        s3.put_object(Bucket="fid-pages", Key="item-%02d" % i, Body=b"x" * i)
    out = {"pages": []}
    kwargs = {"Bucket": "fid-pages", "MaxKeys": 3}
    while True:
        page = s3.list_objects_v2(**kwargs)
        out["pages"].append(normalize(page))
        if not page["IsTruncated"]:
            break
        kwargs["ContinuationToken"] = page["NextContinuationToken"]
    keys = []
    paginator = s3.get_paginator("list_objects_v2")
    for page in paginator.paginate(Bucket="fid-pages", PaginationConfig={"PageSize": 2}):
        keys.append([o["Key"] for o in page.get("Contents", [])])
    out["paginator"] = keys
    out["max_zero"] = attempt(s3.list_objects_v2, Bucket="fid-pages", MaxKeys=0)
    return out
