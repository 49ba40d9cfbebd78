"""Scan with filter functions: contains, size, attribute_type, IN, OR/NOT, nested paths; Count and ScannedCount."""
from common import attempt


def scenario(boto3):
    ddb = boto3.client("dynamodb")
    ddb.create_table(
        TableName="fid-scan",
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "N"}],
        BillingMode="PAY_PER_REQUEST",
    )
    rows = [
        {"id": {"N": "1"}, "name": {"S": "apple pie"}, "tags": {"SS": ["sweet", "baked"]}, "price": {"N": "4.5"}, "meta": {"M": {"vegan": {"BOOL": False}}}},
        {"id": {"N": "2"}, "name": {"S": "green salad"}, "tags": {"SS": ["fresh"]}, "price": {"N": "7"}, "meta": {"M": {"vegan": {"BOOL": True}}}},
        {"id": {"N": "3"}, "name": {"S": "soup"}, "price": {"S": "ask"}, "parts": {"L": [{"S": "a"}, {"S": "b"}, {"S": "c"}]}},
        {"id": {"N": "4"}, "name": {"S": "apple juice"}, "price": {"N": "3"}},
    ]
    for r in rows:
        ddb.put_item(TableName="fid-scan", Item=r)

    def ids(**kw):
        r = ddb.scan(TableName="fid-scan", ProjectionExpression="id", **kw)
        return {"ids": sorted(int(i["id"]["N"]) for i in r["Items"]), "Count": r["Count"], "ScannedCount": r["ScannedCount"]}

    out = {}
    out["all"] = ids()
    out["contains_str"] = ids(FilterExpression="contains(#n, :a)", ExpressionAttributeNames={"#n": "name"}, ExpressionAttributeValues={":a": {"S": "apple"}})
    out["contains_set"] = ids(FilterExpression="contains(tags, :t)", ExpressionAttributeValues={":t": {"S": "fresh"}})
    out["size"] = ids(FilterExpression="size(#n) > :n", ExpressionAttributeNames={"#n": "name"}, ExpressionAttributeValues={":n": {"N": "9"}})
    out["attribute_type"] = ids(FilterExpression="attribute_type(price, :s)", ExpressionAttributeValues={":s": {"S": "S"}})
    out["in"] = ids(FilterExpression="id IN (:a, :b)", ExpressionAttributeValues={":a": {"N": "1"}, ":b": {"N": "4"}})
    out["or_not"] = ids(
        FilterExpression="NOT attribute_exists(tags) OR price < :five",
        ExpressionAttributeValues={":five": {"N": "5"}},
    )
    out["nested"] = ids(FilterExpression="meta.vegan = :t", ExpressionAttributeValues={":t": {"BOOL": True}})
    out["begins_with"] = ids(FilterExpression="begins_with(#n, :g)", ExpressionAttributeNames={"#n": "name"}, ExpressionAttributeValues={":g": {"S": "g"}})
    out["limit"] = attempt(ddb.scan, TableName="fid-scan", Limit=2, Select="COUNT")
    out["count_only"] = attempt(ddb.scan, TableName="fid-scan", Select="COUNT", FilterExpression="attribute_exists(tags)")
    out["bad_select"] = attempt(ddb.scan, TableName="fid-scan", Select="SPECIFIC_ATTRIBUTES")
    return out
