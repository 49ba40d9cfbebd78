import csv
import io
import json
import logging
import urllib.parse

import boto3

# Clients are created once per execution environment and reused by warm invocations.
s3 = boto3.client("s3")

logger = logging.getLogger(__name__)
# Lambda's runtime leaves the root logger at WARNING: without this, INFO lines never appear.
logger.setLevel(logging.INFO)

INCOMING = "incoming/"


def lambda_handler(event, context):
    # One S3 event can carry several records: handle each of them.
    for record in event["Records"]:
        bucket = record["s3"]["bucket"]["name"]
        # The key is URL-encoded in the event: "march+sales%2Breturns.csv" is "march sales+returns.csv".
        key = urllib.parse.unquote_plus(record["s3"]["object"]["key"])
        process_file(bucket, key)


def process_file(bucket, key):
    text = s3.get_object(Bucket=bucket, Key=key)["Body"].read().decode("utf-8")
    valid, rejects = [], []
    # Line 1 is the header, so the first row is line 2.
    for line, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        reason = problem_with(row)
        if reason is None:
            valid.append({"order_id": row["order_id"], "email": row["email"], "quantity": int(row["quantity"])})
        else:
            rejects.append({"line": line, "reason": reason, "row": row})

    name = key.removeprefix(INCOMING).removesuffix(".csv")
    put_json(bucket, f"processed/{name}.json", valid)
    if rejects:
        put_json(bucket, f"rejects/{name}.json", rejects)
    # The upload stays where it is: never delete the partner's original file.
    logger.info("%s: %d valid, %d rejected", key, len(valid), len(rejects))


def problem_with(row):
    """The first reason `row` is invalid, or None when it is fine."""
    if not (row.get("order_id") or "").strip():
        return "missing order_id"
    try:
        quantity = int(row.get("quantity") or "")
    except ValueError:
        quantity = 0
    if quantity <= 0:
        return "quantity must be a positive integer"
    if "@" not in (row.get("email") or ""):
        return "invalid email"
    return None


def put_json(bucket, key, data):
    s3.put_object(Bucket=bucket, Key=key, Body=json.dumps(data), ContentType="application/json")
