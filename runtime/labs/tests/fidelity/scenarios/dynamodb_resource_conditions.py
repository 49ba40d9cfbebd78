"""The resource API with boto3.dynamodb.conditions Key/Attr, update_item and ReturnValues."""
from decimal import Decimal

from common import attempt, normalize


def scenario(boto3):
    from boto3.dynamodb.conditions import Attr, Key

    ddb = boto3.resource("dynamodb")
    table = ddb.create_table(
        TableName="fid-rescond",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "N"}],
        BillingMode="PAY_PER_REQUEST",
    )
    with table.batch_writer() as batch:
        for i in range(1, 11):
            batch.put_item(Item={"pk": "dev#1", "sk": i, "temp": Decimal(str(15 + i * 1.5)), "kind": "even" if i % 2 == 0 else "odd"})
        batch.put_item(Item={"pk": "dev#2", "sk": 1, "temp": Decimal("30"), "kind": "odd", "alert": True})
    out = {}
    r = table.query(KeyConditionExpression=Key("pk").eq("dev#1") & Key("sk").between(3, 6))
    out["between"] = normalize([[i["sk"], i["temp"]] for i in r["Items"]])
    r = table.query(KeyConditionExpression=Key("pk").eq("dev#1"), FilterExpression=Attr("kind").eq("even") & Attr("temp").gt(20), ScanIndexForward=False)
    out["filtered"] = normalize({"sks": [i["sk"] for i in r["Items"]], "Count": r["Count"], "ScannedCount": r["ScannedCount"]})
    r = table.scan(FilterExpression=Attr("alert").exists() | Attr("sk").lt(2))
    out["scan_or"] = normalize(sorted([i["pk"], i["sk"]] for i in r["Items"]))
    r = table.scan(FilterExpression=Attr("kind").is_in(["odd"]) & Attr("temp").between(Decimal("16"), Decimal("22")))
    out["scan_in_between"] = normalize(sorted(i["sk"] for i in r["Items"]))
    r = table.scan(FilterExpression=Attr("kind").begins_with("ev") & Attr("alert").not_exists(), Select="COUNT")
    out["scan_count"] = normalize(r)
    out["update"] = attempt(
        table.update_item,
        Key={"pk": "dev#1", "sk": 1},
        UpdateExpression="SET #t = #t + :d, seen = :s ADD hits :one",
        ExpressionAttributeNames={"#t": "temp"},
        ExpressionAttributeValues={":d": Decimal("0.5"), ":s": {"x", "y"}, ":one": 1},
        ReturnValues="ALL_NEW",
    )
    out["update_cond_fail"] = attempt(
        table.update_item,
        Key={"pk": "dev#1", "sk": 1},
        UpdateExpression="SET #t = :t",
        ConditionExpression=Attr("temp").lt(0),
        ExpressionAttributeNames={"#t": "temp"},
        ExpressionAttributeValues={":t": 0},
    )
    out["delete"] = attempt(table.delete_item, Key={"pk": "dev#2", "sk": 1}, ReturnValues="ALL_OLD")
    out["count"] = table.scan(Select="COUNT")["Count"]
    return out
