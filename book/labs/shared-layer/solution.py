import logging
from decimal import Decimal

# The layer's python/ folder is extracted to /opt/python, which is on sys.path: the import
# works exactly as for a package bundled with the function.
import shop_common
from shop_common import http, tax

logger = logging.getLogger()
logger.setLevel(logging.INFO)

# Top-level code runs once per execution environment (INIT). The version and the path show,
# in the logs, which layer version this function really runs.
logger.info("shop_common %s from %s", shop_common.__version__, shop_common.__file__)


def lambda_handler(event, context):
    country = event["country"]
    try:
        # One VAT table for every function: when finance changes a rate, the functions pick
        # it up with the next layer version instead of each fixing its own copy.
        rate = tax.vat_rate(country)
    except tax.UnknownCountry as e:
        return http.json_response(400, {"message": str(e)})

    # Decimal from the string, never float: money must add up exactly.
    net = tax.money(sum(Decimal(str(i["unitPrice"])) * i["quantity"] for i in event["items"]))
    vat = tax.money(net * rate)
    return http.json_response(200, {"country": country, "net": net, "vat": vat, "gross": tax.money(net + vat)})
