"""shop_common: code the shop's functions share, published as a Lambda layer.

The layer's zip has this package under python/, so Lambda extracts it to
/opt/python/shop_common/ and the function imports it like any installed package.
"""

__version__ = "2.3.0"
