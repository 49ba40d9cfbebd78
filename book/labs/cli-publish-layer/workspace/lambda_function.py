from money import format_price


def lambda_handler(event, context):
    label = format_price(event["price"], event.get("currency", "EUR"))
    print(f"{event.get('sku')}: {label}")
    return {"sku": event.get("sku"), "label": label}
