import json


def lambda_handler(event, context):
    who = event.get("name", "world")
    print(f"Greeting {who}")
    greeting = {"message": f"Hello, {who}!"}
    return {
        "statusCode": 200,
        "headers": {"Content-Type": "application/json"},
        "body": json.dumps(greeting),
    }
