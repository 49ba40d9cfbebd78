"""Item size limit (400 KB), number range and precision limits."""
from common import attempt


def scenario(boto3):
    ddb = boto3.client("dynamodb")
    ddb.create_table(
        TableName="fid-limits",
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    out = {}
    out["too_large"] = attempt(ddb.put_item, TableName="fid-limits", Item={"id": {"S": "big"}, "data": {"S": "x" * (400 * 1024)}})
    out["just_fits"] = attempt(ddb.put_item, TableName="fid-limits", Item={"id": {"S": "ok"}, "data": {"S": "x" * (390 * 1024)}})
    out["too_precise"] = attempt(ddb.put_item, TableName="fid-limits", Item={"id": {"S": "n"}, "n": {"N": "1." + "1" * 40}})
    out["too_big"] = attempt(ddb.put_item, TableName="fid-limits", Item={"id": {"S": "n"}, "n": {"N": "1E+126"}})
    out["normalised"] = attempt(ddb.put_item, TableName="fid-limits", Item={"id": {"S": "norm"}, "a": {"N": "007.50"}, "b": {"N": "-0"}, "c": {"N": "1e3"}})
    out["read_back"] = attempt(ddb.get_item, TableName="fid-limits", Key={"id": {"S": "norm"}})
    out["count"] = ddb.scan(TableName="fid-limits", Select="COUNT")["Count"]
    return out
