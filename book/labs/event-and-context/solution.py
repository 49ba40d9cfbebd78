import logging

logger = logging.getLogger()
# Lambda's Python runtime sets the level to WARNING: without this, INFO records are dropped.
logger.setLevel(logging.INFO)


def lambda_handler(event, context):
    order_id = event["orderId"]
    # .get with a default: an order without "items" is an empty order, not a KeyError.
    items = event.get("items", [])

    # %-style arguments: logging formats the message only if the record is emitted. Lambda's
    # formatter adds "[INFO]", the UTC time and the request id in front of it.
    logger.info("Received order %s with %d item(s)", order_id, len(items))

    return {
        "orderId": order_id,
        "itemCount": len(items),
        # Read from the context on every invocation: each one has its own request id, and
        # the remaining time counts down from this invocation's start.
        "requestId": context.aws_request_id,
        "functionName": context.function_name,
        "remainingMs": context.get_remaining_time_in_millis(),
    }
