import json


def lambda_handler(event, context):
    # TODO: read the name from the event (event.get("name")), and greet "world" when it is
    #       missing or empty.
    # TODO: add headers with "Content-Type": "application/json".
    # TODO: the body must be a string holding JSON: json.dumps({"message": "Hello, <name>!"}).
    return {
        'statusCode': 200,
        'body': 'Hello from Lambda!'
    }
