import logging

import boto3
from boto3.dynamodb.types import TypeDeserializer

logger = logging.getLogger(__name__)
logger.setLevel(logging.INFO)

totals = boto3.resource("dynamodb").Table("customer-totals")
deserializer = TypeDeserializer()


def lambda_handler(event, context):
    for record in event["Records"]:
        change = record["dynamodb"]
        # INSERT has only a NewImage, REMOVE only an OldImage, MODIFY both. Taking the old
        # version away and adding the new one handles all three, even a change of customer.
        if "OldImage" in change:
            apply(plain(change["OldImage"]), sign=-1)
        if "NewImage" in change:
            apply(plain(change["NewImage"]), sign=1)
        logger.info("%s %s", record["eventName"], change["Keys"]["order_id"]["S"])


def plain(image):
    """A stream image ({"amount": {"N": "25.5"}}) as plain values ({"amount": Decimal("25.5")})."""
    return {name: deserializer.deserialize(value) for name, value in image.items()}


def apply(order, sign):
    # ADD creates the item (and the attributes) when they do not exist yet, so the first
    # order of a customer needs no special case. Amounts stay Decimal from end to end.
    totals.update_item(
        Key={"customer_id": order["customer"]},
        UpdateExpression="ADD #total :amount, #count :n",
        ExpressionAttributeNames={"#total": "total", "#count": "order_count"},
        ExpressionAttributeValues={":amount": sign * order["amount"], ":n": sign},
    )
