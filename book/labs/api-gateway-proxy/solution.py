import json

PRODUCTS = [
    {"sku": "MUG-01", "category": "kitchen", "name": "Mug", "price": 12.5},
    {"sku": "PAN-02", "category": "kitchen", "name": "Frying pan", "price": 34.0},
    {"sku": "CUP-03", "category": "kitchen", "name": "Espresso cup", "price": 6.0},
    {"sku": "KNF-04", "category": "kitchen", "name": "Chef's knife", "price": 49.9},
    {"sku": "TEE-07", "category": "clothing", "name": "T-shirt", "price": 16.5},
    {"sku": "CAP-08", "category": "clothing", "name": "Cap", "price": 12.99},
    {"sku": "SOX-09", "category": "clothing", "name": "Socks", "price": 4.5},
]


class BadRequest(Exception):
    """Input the client must fix: becomes a 400 with this message."""


def lambda_handler(event, context):
    category = event["pathParameters"]["category"]
    # API Gateway sends None, not {}, when the URL has no query string.
    params = event.get("queryStringParameters") or {}
    try:
        max_price = parse_max_price(params.get("max_price"))
        limit = parse_limit(params.get("limit"))
    except BadRequest as e:
        return respond(400, {"message": str(e)})

    in_category = [p for p in PRODUCTS if p["category"] == category]
    if not in_category:
        return respond(404, {"message": f"no category '{category}'"})

    # Filter first, then sort, then cut: the limit applies to the cheapest matches.
    matches = [p for p in in_category if max_price is None or p["price"] <= max_price]
    matches.sort(key=lambda p: p["price"])
    products = [{"sku": p["sku"], "name": p["name"], "price": p["price"]} for p in matches[:limit]]
    return respond(200, {"category": category, "count": len(products), "products": products})


def parse_max_price(raw):
    if raw is None:
        return None
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    # A NaN compares false with everything, so test for what is allowed, not what is not.
    if not value >= 0:
        raise BadRequest("max_price must be a number of zero or more")
    return value


def parse_limit(raw):
    if raw is None:
        return 10
    # int("2.5") raises ValueError, which is what we want: a limit is a whole number.
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if not 1 <= value <= 50:
        raise BadRequest("limit must be a whole number from 1 to 50")
    return value


def respond(status, body):
    # Every answer goes through here, so every answer is a well-formed proxy response:
    # an integer statusCode, string headers, and the body as a JSON string.
    return {
        "statusCode": status,
        "headers": {"Content-Type": "application/json"},
        "body": json.dumps(body),
    }
