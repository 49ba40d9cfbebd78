def lambda_handler(event, context):
    items = event["items"]
    if not items:
        raise ValueError("an order needs at least one item")
    total = sum(item["price"] * item["quantity"] for item in items)
    print(f"Order {event.get('orderId')}: {len(items)} line(s), total {total:.2f}")
    return {"orderId": event.get("orderId"), "total": round(total, 2)}
