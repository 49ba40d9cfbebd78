import logging

logger = logging.getLogger()
# TODO: Lambda's default log level is WARNING, which drops logger.info(...). Set it to INFO.


def lambda_handler(event, context):
    order_id = event["orderId"]
    items = event["items"]  # TODO: an order without "items" has 0 items, it must not fail

    # TODO: log "Received order <id> with <n> item(s)" with logger.info (not print).
    print("got an order")

    return {
        "orderId": order_id,
        "itemCount": len(items),
        # TODO: requestId     <- context.aws_request_id
        # TODO: functionName  <- context.function_name
        # TODO: remainingMs   <- context.get_remaining_time_in_millis()
    }
