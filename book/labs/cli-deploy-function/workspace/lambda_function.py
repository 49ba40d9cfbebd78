import json


def lambda_handler(event, context):
    name = event.get("name") or "world"
    print(f"Greeting {name}")
    return {
        "statusCode": 200,
        "headers": {"Content-Type": "application/json"},
        "body": json.dumps({"message": f"Hello, {name}!"}),
    }
