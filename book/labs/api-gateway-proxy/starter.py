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


def lambda_handler(event, context):
    category = event["pathParameters"]["category"]
    # TODO: queryStringParameters is None when the request has no query string.
    # TODO: max_price and limit are strings: convert and check them, 400 when they are bad.
    limit = int(event["queryStringParameters"]["limit"])

    found = [p for p in PRODUCTS if p["category"] == category]
    # TODO: 404 when the category has no products; filter by max_price; sort by price.
    products = [{"sku": p["sku"], "name": p["name"], "price": p["price"]} for p in found][:limit]

    # TODO: a proxy response needs "headers", and "body" must be a string (json.dumps).
    return {
        "statusCode": 200,
        "body": {"category": category, "count": len(products), "products": products},
    }
