"""PutItem/GetItem with every AttributeValue type on the client; missing items; projections."""
from common import attempt, normalize


def make(ddb, name="fid-typed"):
    ddb.create_table(
        TableName=name,
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )


def scenario(boto3):
    ddb = boto3.client("dynamodb")
    make(ddb)
    item = {
        "pk": {"S": "item#1"},
        "name": {"S": "Ada"},
        "age": {"N": "36"},
        "price": {"N": "19.990"},
        "big": {"N": "12345678901234567890123456789012345678"},
        "tiny": {"N": "-0.000001"},
        "active": {"BOOL": True},
        "nothing": {"NULL": True},
        "raw": {"B": b"\x00\x01binary"},
        "tags": {"SS": ["b", "a", "c"]},
        "scores": {"NS": ["3", "1.5", "2"]},
        "blobs": {"BS": [b"x", b"y"]},
        "list": {"L": [{"S": "one"}, {"N": "2"}, {"L": [{"BOOL": False}]}]},
        "map": {"M": {"nested": {"M": {"deep": {"S": "yes"}}}, "n": {"N": "0"}}},
    }
    out = {"put": attempt(ddb.put_item, TableName="fid-typed", Item=item)}
    got = ddb.get_item(TableName="fid-typed", Key={"pk": {"S": "item#1"}})
    item_back = got["Item"]
    # Set order is not defined: compare sets sorted.
    for k in ("tags", "scores"):
        item_back[k] = {list(item_back[k])[0]: sorted(list(item_back[k].values())[0])}
    out["get"] = {"Item": normalize(item_back), "keys": sorted(got)}
    out["missing"] = attempt(ddb.get_item, TableName="fid-typed", Key={"pk": {"S": "nope"}})
    out["consistent"] = sorted(ddb.get_item(TableName="fid-typed", Key={"pk": {"S": "item#1"}}, ConsistentRead=True)["Item"])
    out["projection"] = attempt(
        ddb.get_item,
        TableName="fid-typed",
        Key={"pk": {"S": "item#1"}},
        ProjectionExpression="#n, age, #m.nested.deep, #l[1], #l[2][0]",
        ExpressionAttributeNames={"#n": "name", "#m": "map", "#l": "list"},
    )
    out["missing_table"] = attempt(ddb.get_item, TableName="fid-none", Key={"pk": {"S": "x"}})
    out["empty_string_key"] = attempt(ddb.put_item, TableName="fid-typed", Item={"pk": {"S": ""}})
    out["empty_set"] = attempt(ddb.put_item, TableName="fid-typed", Item={"pk": {"S": "e"}, "s": {"SS": []}})
    out["dup_set"] = attempt(ddb.put_item, TableName="fid-typed", Item={"pk": {"S": "e"}, "s": {"SS": ["a", "a"]}})
    out["bad_number"] = attempt(ddb.put_item, TableName="fid-typed", Item={"pk": {"S": "e"}, "n": {"N": "abc"}})
    out["empty_string_attr"] = attempt(ddb.put_item, TableName="fid-typed", Item={"pk": {"S": "e2"}, "s": {"S": ""}})
    out["after_empty_string"] = attempt(ddb.get_item, TableName="fid-typed", Key={"pk": {"S": "e2"}})
    return out
