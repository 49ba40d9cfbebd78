import json
import logging
from decimal import Decimal

import boto3

logger = logging.getLogger(__name__)
logger.setLevel(logging.INFO)

table = boto3.resource("dynamodb").Table("orders")

REQUIRED_FIELDS = ("order_id", "customer", "amount")


def lambda_handler(event, context):
    failures = []
    for record in event["Records"]:
        # Each message succeeds or fails on its own: one bad message must not fail the batch.
        try:
            save_order(record["body"])
        except Exception as e:
            logger.error("message %s failed: %s", record["messageId"], e)
            failures.append({"itemIdentifier": record["messageId"]})
    # Lambda deletes every message not listed here; the listed ones become visible again
    # after the visibility timeout and, after maxReceiveCount receives, move to the DLQ.
    return {"batchItemFailures": failures}


def save_order(body):
    # parse_float=Decimal: DynamoDB numbers must be Decimal, boto3 rejects float.
    order = json.loads(body, parse_float=Decimal)
    if not isinstance(order, dict):
        raise ValueError("the message is not a JSON object")
    missing = [f for f in REQUIRED_FIELDS if f not in order]
    if missing:
        raise ValueError(f"missing fields: {', '.join(missing)}")
    table.put_item(Item=order)
    logger.info("saved order %s", order["order_id"])
