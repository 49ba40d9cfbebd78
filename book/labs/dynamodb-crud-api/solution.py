import json
from decimal import Decimal

import boto3
from botocore.exceptions import ClientError

table = boto3.resource("dynamodb").Table("items")


def lambda_handler(event, context):
    method = event["requestContext"]["http"]["method"]
    item_id = event["pathParameters"]["id"]

    if method == "GET":
        item = table.get_item(Key={"id": item_id}).get("Item")
        if item is None:
            return respond(404, {"message": "item not found"})
        return respond(200, item)

    if method in ("PUT", "POST"):
        item, error = parse_item(event.get("body"), item_id)
        if error:
            return respond(400, {"message": error})
        if method == "PUT":
            # put_item replaces the whole item, which is exactly PUT's meaning.
            table.put_item(Item=item)
            return respond(200, item)
        try:
            # The condition makes create-if-absent one atomic request: no race between a
            # get_item and a put_item.
            table.put_item(Item=item, ConditionExpression="attribute_not_exists(id)")
        except ClientError as e:
            if e.response["Error"]["Code"] == "ConditionalCheckFailedException":
                return respond(409, {"message": f"item {item_id} already exists"})
            raise
        return respond(201, item)

    if method == "DELETE":
        table.delete_item(Key={"id": item_id})
        return respond(204)

    return respond(405, {"message": f"method {method} not allowed"})


def parse_item(body, item_id):
    """The item a request body describes, or an error message."""
    try:
        # parse_float=Decimal: DynamoDB wants Decimal, and boto3 rejects float.
        data = json.loads(body or "", parse_float=Decimal)
    except json.JSONDecodeError:
        return None, "the body must be JSON"
    if not isinstance(data, dict):
        return None, "the body must be a JSON object"
    name, price = data.get("name"), data.get("price")
    if not isinstance(name, str) or not name.strip():
        return None, "name must be a non-empty string"
    # bool is a subclass of int in Python: true is not a price.
    if isinstance(price, bool) or not isinstance(price, (int, Decimal)) or price < 0:
        return None, "price must be a number of zero or more"
    return {**data, "id": item_id}, None


def to_json(value):
    """json.dumps' fallback for what DynamoDB returns: Decimal numbers."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def respond(status, body=None):
    # A proxy response: integer statusCode, string headers, and body as a string.
    return {
        "statusCode": status,
        "headers": {"Content-Type": "application/json"},
        "body": "" if body is None else json.dumps(body, default=to_json),
    }
