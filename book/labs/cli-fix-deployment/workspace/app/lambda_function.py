import json


def lambda_handler(event, context):
    order_id = event.get("orderId", "unknown")
    print(f"Looking up order {order_id}")
    return {
        "statusCode": 200,
        "body": json.dumps({"orderId": order_id, "status": "shipped"}),
    }
