import json
from decimal import Decimal

import boto3

table = boto3.resource("dynamodb").Table("orders")

REQUIRED_FIELDS = ("order_id", "customer", "amount")


def lambda_handler(event, context):
    for record in event["Records"]:
        # TODO: a bad message raises here and fails the whole batch, so Lambda retries the
        #       good messages too. Handle each message in its own try/except and remember the
        #       messageId of every message that failed.
        order = json.loads(record["body"], parse_float=Decimal)
        missing = [f for f in REQUIRED_FIELDS if f not in order]
        if missing:
            raise ValueError(f"missing fields: {', '.join(missing)}")
        table.put_item(Item=order)

    # TODO: return {"batchItemFailures": [{"itemIdentifier": <messageId>}, ...]}
