import logging
import os
from decimal import Decimal, InvalidOperation, ROUND_HALF_UP

logger = logging.getLogger()
logger.setLevel(logging.INFO)

TAX_RATE = Decimal(os.environ.get("TAX_RATE", "0.20"))
MAX_ITEMS = int(os.environ.get("MAX_ITEMS", "50"))
CENT = Decimal("0.01")


class InvalidOrder(Exception):
    """The event does not describe an order we can price."""


def parse_items(order):
    items = order.get("items")
    if not isinstance(items, list) or not items:
        raise InvalidOrder("order must have a non-empty 'items' list")
    if len(items) > MAX_ITEMS:
        raise InvalidOrder(f"order has {len(items)} items; the limit is {MAX_ITEMS}")
    parsed = []
    for position, item in enumerate(items, start=1):
        try:
            sku = str(item["sku"])
            quantity = int(item["quantity"])
            unit_price = Decimal(str(item["unitPrice"]))
        except (KeyError, TypeError, ValueError, InvalidOperation):
            raise InvalidOrder(f"item {position} needs 'sku', 'quantity' and 'unitPrice'") from None
        if quantity < 1 or unit_price < 0:
            raise InvalidOrder(f"item {position} has a bad quantity or price")
        parsed.append((sku, quantity, unit_price))
    return parsed


def price(items, tax_rate):
    subtotal = sum((quantity * unit_price for _, quantity, unit_price in items), Decimal("0"))
    tax = (subtotal * tax_rate).quantize(CENT, rounding=ROUND_HALF_UP)
    return {
        "subtotal": subtotal.quantize(CENT),
        "tax": tax,
        "total": (subtotal + tax).quantize(CENT),
    }


def lambda_handler(event, context):
    order_id = event.get("orderId", "unknown")
    items = parse_items(event)
    totals = price(items, TAX_RATE)
    item_count = sum(quantity for _, quantity, _ in items)
    logger.info("Priced order %s: %d items, total %s", order_id, item_count, totals["total"])
    return {
        "orderId": order_id,
        "itemCount": item_count,
        **{key: str(value) for key, value in totals.items()},
    }
