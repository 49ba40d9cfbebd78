"""VAT rates, kept in one place for every function that prices something."""

from decimal import Decimal, ROUND_HALF_UP

CENT = Decimal("0.01")

# Standard VAT rates by country. Finance updates this table; functions pick up a new layer
# version instead of each keeping its own copy.
VAT_RATES = {
    "AT": Decimal("0.20"),
    "BE": Decimal("0.21"),
    "DE": Decimal("0.19"),
    "ES": Decimal("0.21"),
    "FI": Decimal("0.255"),
    "FR": Decimal("0.20"),
    "IE": Decimal("0.23"),
    "IT": Decimal("0.22"),
    "NL": Decimal("0.21"),
    "PT": Decimal("0.23"),
}


class UnknownCountry(ValueError):
    """No VAT rate for this country."""


def vat_rate(country):
    try:
        return VAT_RATES[country]
    except KeyError:
        raise UnknownCountry(f"no VAT rate for country '{country}'") from None


def money(amount):
    """A Decimal amount rounded half-up to the cent."""
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)
