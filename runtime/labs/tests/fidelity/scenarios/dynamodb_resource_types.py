"""The resource API's Python types: Decimal, set, Binary, nested containers; floats refused."""
from decimal import Decimal

from common import normalize


def scenario(boto3):
    from boto3.dynamodb.types import Binary

    ddb = boto3.resource("dynamodb")
    table = ddb.create_table(
        TableName="fid-res",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    out = {"table_name": table.name}
    item = {
        "pk": "p1",
        "qty": 3,
        "price": Decimal("19.99"),
        "ratio": Decimal("0.10"),
        "neg": -7,
        "flag": True,
        "none": None,
        "name": "Ada",
        "tags": {"a", "b"},
        "nums": {1, 2, Decimal("3.5")},
        "blob": b"\x00\xff",
        "blobs": {b"x", b"y"},
        "list": [1, "two", [Decimal("3.0")], {"k": "v"}],
        "map": {"inner": {"deep": 1}, "empty_list": [], "empty_map": {}},
        "bin": Binary(b"bin"),
    }
    out["put"] = normalize(table.put_item(Item=item))
    got = table.get_item(Key={"pk": "p1"})
    out["item"] = normalize(got["Item"])
    out["qty_type"] = type(got["Item"]["qty"]).__name__
    out["tags_type"] = type(got["Item"]["tags"]).__name__
    out["blob_type"] = type(got["Item"]["blob"]).__name__
    out["blob_value"] = got["Item"]["blob"].value.hex()
    out["missing"] = normalize(table.get_item(Key={"pk": "nope"}))
    try:
        table.put_item(Item={"pk": "f", "x": 1.5})
        out["float"] = "accepted"
    except TypeError as e:
        out["float"] = ["TypeError", str(e)]
    try:
        table.put_item(Item={"pk": "f", "x": {1.5}})
        out["float_set"] = "accepted"
    except TypeError as e:
        out["float_set"] = ["TypeError", str(e)]
    try:
        table.put_item(Item={"pk": "f", "x": Decimal("1.5") / 3})
        out["inexact"] = "accepted"
    except Exception as e:
        out["inexact"] = [type(e).__name__, str(e)]
    out["scan"] = normalize(table.scan()["Items"])
    return out
