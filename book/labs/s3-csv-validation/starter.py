import csv
import io
import json

import boto3

s3 = boto3.client("s3")


def lambda_handler(event, context):
    for record in event["Records"]:
        bucket = record["s3"]["bucket"]["name"]
        # TODO: S3 URL-encodes the key in the event (a space arrives as "+").
        #       Decode it with urllib.parse.unquote_plus before using it.
        key = record["s3"]["object"]["key"]

        text = s3.get_object(Bucket=bucket, Key=key)["Body"].read().decode("utf-8")
        rows = list(csv.DictReader(io.StringIO(text)))

        # TODO: check each row (order_id, quantity, email, in that order) and split the rows
        #       into valid ones (quantity as an int) and rejects {"line", "reason", "row"}.

        name = key.removeprefix("incoming/").removesuffix(".csv")
        s3.put_object(Bucket=bucket, Key=f"processed/{name}.json", Body=json.dumps(rows))

        # TODO: write rejects/<name>.json, but only when some rows were rejected.

        # TODO: log "<key>: <n> valid, <m> rejected" at INFO level with the logging module.
