import boto3
from botocore.exceptions import ClientError

table = boto3.resource("dynamodb").Table("concerts")


def lambda_handler(event, context):
    order_id = event["order_id"]

    # TODO: this adds the seats every time a copy of the order runs. Make it idempotent:
    #       also ADD the order id to the string set `order_ids`, with the condition
    #       "NOT contains(order_ids, :order_id)", in this same update_item call.
    table.update_item(
        Key={"concert_id": event["concert_id"]},
        UpdateExpression="ADD sold :seats",
        ExpressionAttributeValues={":seats": event["seats"]},
    )

    # TODO: when the condition fails (ConditionalCheckFailedException), the order was already
    #       counted: return {"status": "duplicate", "order_id": order_id} instead of raising.
    return {"status": "booked", "order_id": order_id}
