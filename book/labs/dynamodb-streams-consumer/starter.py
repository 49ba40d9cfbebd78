import boto3
from boto3.dynamodb.types import TypeDeserializer

totals = boto3.resource("dynamodb").Table("customer-totals")
deserializer = TypeDeserializer()


def lambda_handler(event, context):
    for record in event["Records"]:
        change = record["dynamodb"]
        if record["eventName"] == "INSERT":
            # The image is typed ({"amount": {"N": "25.5"}}): deserialize it into plain values.
            order = {k: deserializer.deserialize(v) for k, v in change["NewImage"].items()}
            totals.update_item(
                Key={"customer_id": order["customer"]},
                UpdateExpression="ADD #total :amount, #count :n",
                ExpressionAttributeNames={"#total": "total", "#count": "order_count"},
                ExpressionAttributeValues={":amount": order["amount"], ":n": 1},
            )
        # TODO: REMOVE -> take the OldImage's amount away from its customer, one order fewer.
        # TODO: MODIFY -> take the OldImage away and add the NewImage (the customer may change).
