"""Conditional reads and copies: IfMatch, IfNoneMatch, IfModifiedSince and IfUnmodifiedSince on
GetObject and HeadObject (412 Precondition Failed, 304 Not Modified), how S3 combines them
(a matching IfMatch overrides IfUnmodifiedSince, an IfNoneMatch overrides IfModifiedSince), and
CopyObject's CopySourceIf* (412). Dates are taken from the object's own LastModified, so the
scenario does not depend on either side's clock."""
import datetime

from common import attempt

HOUR = datetime.timedelta(hours=1)


def status(fn, **kwargs):
    """200, or the error's code and status, of one call."""
    got = attempt(fn, **kwargs)
    if "error" in got:
        e = got["error"]
        return [e["Error"].get("Code"), e["status"], e["Error"].get("Message"), e["Error"].get("Condition")]
    return got["ResponseMetadata"]["HTTPStatusCode"]


def scenario(boto3):
    s3 = boto3.client("s3")
    s3.create_bucket(Bucket="fid-cond")
    etag = s3.put_object(Bucket="fid-cond", Key="k", Body=b"data")["ETag"]
    modified = s3.head_object(Bucket="fid-cond", Key="k")["LastModified"]
    other = '"0123456789abcdef0123456789abcdef"'
    cases = {
        "modified_since_before": {"IfModifiedSince": modified - HOUR},
        "modified_since_same": {"IfModifiedSince": modified},
        "unmodified_since_before": {"IfUnmodifiedSince": modified - HOUR},
        "unmodified_since_same": {"IfUnmodifiedSince": modified},
        "unmodified_since_after": {"IfUnmodifiedSince": modified + HOUR},
        "match_and_unmodified_before": {"IfMatch": etag, "IfUnmodifiedSince": modified - HOUR},
        "match_other_and_unmodified_after": {"IfMatch": other, "IfUnmodifiedSince": modified + HOUR},
        "none_match_same_and_modified_before": {"IfNoneMatch": etag, "IfModifiedSince": modified - HOUR},
        "match_star": {"IfMatch": "*"},
        "none_match_star": {"IfNoneMatch": "*"},
        "match_and_none_match_other": {"IfMatch": etag, "IfNoneMatch": other},
    }
    out = {"get": {}, "head": {}, "copy": {}}
    for name, conditions in cases.items():
        out["get"][name] = status(s3.get_object, Bucket="fid-cond", Key="k", **conditions)
        out["head"][name] = status(s3.head_object, Bucket="fid-cond", Key="k", **conditions)
    copies = {
        "match": {"CopySourceIfMatch": etag},
        "match_other": {"CopySourceIfMatch": other},
        "none_match_same": {"CopySourceIfNoneMatch": etag},
        "none_match_other": {"CopySourceIfNoneMatch": other},
        "modified_since_before": {"CopySourceIfModifiedSince": modified - HOUR},
        "modified_since_same": {"CopySourceIfModifiedSince": modified},
        "unmodified_since_before": {"CopySourceIfUnmodifiedSince": modified - HOUR},
        "unmodified_since_same": {"CopySourceIfUnmodifiedSince": modified},
        "match_and_unmodified_before": {"CopySourceIfMatch": etag, "CopySourceIfUnmodifiedSince": modified - HOUR},
        "none_match_same_and_modified_before": {"CopySourceIfNoneMatch": etag, "CopySourceIfModifiedSince": modified - HOUR},
    }
    for name, conditions in copies.items():
        out["copy"][name] = status(s3.copy_object, Bucket="fid-cond", Key="copy-" + name,
                                   CopySource={"Bucket": "fid-cond", "Key": "k"}, **conditions)
    out["keys"] = [o["Key"] for o in s3.list_objects_v2(Bucket="fid-cond")["Contents"]]
    return out
