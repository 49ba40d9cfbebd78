import json

import boto3

table = boto3.resource("dynamodb").Table("items")


def lambda_handler(event, context):
    method = event["requestContext"]["http"]["method"]
    item_id = event["pathParameters"]["id"]

    if method == "GET":
        item = table.get_item(Key={"id": item_id}).get("Item")
        # TODO: answer 404 with {"message": ...} when there is no item.
        # TODO: DynamoDB returns numbers as Decimal, which json.dumps cannot serialize:
        #       pass it a default= function that converts them.
        return {
            "statusCode": 200,
            "headers": {"Content-Type": "application/json"},
            "body": json.dumps(item),
        }

    # TODO: PUT    -> validate the body (400 if bad), put_item, answer 200 with the item.
    # TODO: POST   -> like PUT, but only if the id is free: 201, or 409 if it exists.
    # TODO: DELETE -> delete_item, answer 204 with an empty body.
    return {
        "statusCode": 501,
        "headers": {"Content-Type": "application/json"},
        "body": json.dumps({"message": f"{method} is not implemented yet"}),
    }
