import json


def lambda_handler(event, context):
    # .get() returns None for a missing key instead of raising KeyError; `or` also turns an
    # empty name into the default.
    name = event.get("name") or "world"
    return {
        # An integer: API Gateway reads it as the HTTP status.
        "statusCode": 200,
        "headers": {"Content-Type": "application/json"},
        # The body is always a string. json.dumps turns the dict into JSON text the client
        # can parse; returning the dict itself would make API Gateway reject the response.
        "body": json.dumps({"message": f"Hello, {name}!"}),
    }
