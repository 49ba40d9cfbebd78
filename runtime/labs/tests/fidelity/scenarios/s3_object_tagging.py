"""Object tags: PutObject's Tagging= (a URL-encoded query string), Get/Put/DeleteObjectTagging,
GetObject's TagCount, CopyObject's TaggingDirective (COPY keeps the source's tags, REPLACE takes
Tagging=), upload_file's ExtraArgs Tagging, and the limits: 10 tags, key 128 and value 256
characters, no repeated key, and the errors of a missing key or bucket."""
from common import attempt, normalize


def scenario(boto3):
    s3 = boto3.client("s3")
    s3.create_bucket(Bucket="fid-tags")
    out = {}
    out["put"] = attempt(s3.put_object, Bucket="fid-tags", Key="report.csv", Body=b"a,b\n",
                         Tagging="project=lab%20one&stage=raw")
    out["get_tags"] = attempt(s3.get_object_tagging, Bucket="fid-tags", Key="report.csv")
    got = s3.get_object(Bucket="fid-tags", Key="report.csv")
    out["tag_count"] = got.get("TagCount")
    out["head_tag_count"] = s3.head_object(Bucket="fid-tags", Key="report.csv").get("TagCount")
    out["replace_tags"] = attempt(s3.put_object_tagging, Bucket="fid-tags", Key="report.csv",
                                  Tagging={"TagSet": [{"Key": "stage", "Value": "clean"}, {"Key": "owner", "Value": "ana"}]})
    out["after_replace"] = attempt(s3.get_object_tagging, Bucket="fid-tags", Key="report.csv")

    out["copy_default"] = attempt(s3.copy_object, Bucket="fid-tags", Key="copy-default.csv",
                                  CopySource={"Bucket": "fid-tags", "Key": "report.csv"})
    out["copy_default_tags"] = attempt(s3.get_object_tagging, Bucket="fid-tags", Key="copy-default.csv")
    out["copy_replace"] = attempt(s3.copy_object, Bucket="fid-tags", Key="copy-replace.csv",
                                  CopySource={"Bucket": "fid-tags", "Key": "report.csv"},
                                  TaggingDirective="REPLACE", Tagging="copied=yes")
    out["copy_replace_tags"] = attempt(s3.get_object_tagging, Bucket="fid-tags", Key="copy-replace.csv")
    out["copy_replace_none"] = attempt(s3.copy_object, Bucket="fid-tags", Key="copy-none.csv",
                                       CopySource={"Bucket": "fid-tags", "Key": "report.csv"}, TaggingDirective="REPLACE")
    out["copy_replace_none_tags"] = attempt(s3.get_object_tagging, Bucket="fid-tags", Key="copy-none.csv")
    out["copy_bad_directive"] = attempt(s3.copy_object, Bucket="fid-tags", Key="copy-bad.csv",
                                        CopySource={"Bucket": "fid-tags", "Key": "report.csv"}, TaggingDirective="MERGE")

    out["delete_tags"] = attempt(s3.delete_object_tagging, Bucket="fid-tags", Key="report.csv")
    out["after_delete"] = attempt(s3.get_object_tagging, Bucket="fid-tags", Key="report.csv")
    out["untagged_count"] = s3.get_object(Bucket="fid-tags", Key="report.csv").get("TagCount")

    eleven = [{"Key": "k%d" % i, "Value": "v"} for i in range(11)]
    out["too_many"] = attempt(s3.put_object_tagging, Bucket="fid-tags", Key="report.csv", Tagging={"TagSet": eleven})
    out["ten"] = attempt(s3.put_object_tagging, Bucket="fid-tags", Key="report.csv", Tagging={"TagSet": eleven[:10]})
    out["long_key"] = attempt(s3.put_object_tagging, Bucket="fid-tags", Key="report.csv",
                              Tagging={"TagSet": [{"Key": "k" * 129, "Value": "v"}]})
    out["long_value"] = attempt(s3.put_object_tagging, Bucket="fid-tags", Key="report.csv",
                                Tagging={"TagSet": [{"Key": "k", "Value": "v" * 257}]})
    out["same_key_twice"] = attempt(s3.put_object_tagging, Bucket="fid-tags", Key="report.csv",
                                    Tagging={"TagSet": [{"Key": "k", "Value": "1"}, {"Key": "k", "Value": "2"}]})
    out["missing_key"] = attempt(s3.get_object_tagging, Bucket="fid-tags", Key="nope")
    out["put_missing_key"] = attempt(s3.put_object_tagging, Bucket="fid-tags", Key="nope",
                                     Tagging={"TagSet": [{"Key": "k", "Value": "v"}]})
    out["missing_bucket"] = attempt(s3.get_object_tagging, Bucket="fid-tags-nope", Key="k")
    # (An empty TagSet clears the tags on AWS; moto 5.2.5 crashes on it, so the mock's own tests cover it.)
    return normalize(out)
