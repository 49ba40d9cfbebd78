import json
import logging
from decimal import Decimal, ROUND_HALF_UP

logger = logging.getLogger()
logger.setLevel(logging.INFO)

# TODO: this copy of the VAT table is out of date. Import the layer's instead:
#       from shop_common import tax, http   (the layer is in /opt/python)
VAT_RATES = {"DE": Decimal("0.19"), "FR": Decimal("0.196")}

# TODO: at INIT, log "shop_common <version> from <file>" (shop_common.__version__, __file__).


def lambda_handler(event, context):
    country = event["country"]
    net = sum(Decimal(str(i["unitPrice"])) * i["quantity"] for i in event["items"])
    # TODO: tax.vat_rate(country) raises tax.UnknownCountry: answer 400 with its message.
    rate = VAT_RATES[country]
    vat = (net * rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    # TODO: use tax.money() for every amount, and http.json_response(200, {...}).
    return {
        "statusCode": 200,
        "body": json.dumps({"country": country, "net": str(net), "vat": str(vat), "gross": str(net + vat)}),
    }
