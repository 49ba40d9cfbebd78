import boto3
from botocore.exceptions import ClientError

table = boto3.resource("dynamodb").Table("concerts")


def lambda_handler(event, context):
    order_id = event["order_id"]
    try:
        # One conditional write: DynamoDB checks that the order is not in order_ids yet and
        # adds both the seats and the order id atomically. Two copies running at the same
        # moment cannot both pass, which a get_item followed by an update_item would allow.
        table.update_item(
            Key={"concert_id": event["concert_id"]},
            UpdateExpression="ADD sold :seats, order_ids :ids",
            ConditionExpression="NOT contains(order_ids, :order_id)",
            ExpressionAttributeValues={
                ":seats": event["seats"],
                ":ids": {order_id},  # a Python set becomes a DynamoDB string set
                ":order_id": order_id,
            },
        )
    except ClientError as e:
        if e.response["Error"]["Code"] != "ConditionalCheckFailedException":
            raise
        # Already counted: a retry or a double click. Answer normally, so the caller stops
        # retrying; raising would look like a failure and bring yet another copy.
        return {"status": "duplicate", "order_id": order_id}
    return {"status": "booked", "order_id": order_id}
