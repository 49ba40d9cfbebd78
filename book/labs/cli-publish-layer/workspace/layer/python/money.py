"""Shared price formatting, used by every function that shows a price."""

from decimal import ROUND_HALF_UP, Decimal

SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£"}


def format_price(amount, currency="EUR"):
    cents = Decimal(str(amount)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{SYMBOLS.get(currency, currency + ' ')}{cents}"
