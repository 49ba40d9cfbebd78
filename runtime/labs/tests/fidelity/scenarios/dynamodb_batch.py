"""BatchWriteItem (puts and deletes) and BatchGetItem (with projection and missing keys)."""
from common import attempt


def scenario(boto3):
    ddb = boto3.client("dynamodb")
    for name in ("fid-batch-a", "fid-batch-b"):
        ddb.create_table(
            TableName=name,
            KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )
    out = {}
    out["write"] = attempt(
        ddb.batch_write_item,
        RequestItems={
            "fid-batch-a": [{"PutRequest": {"Item": {"id": {"S": "a%d" % i}, "n": {"N": str(i)}}}} for i in range(5)],
            "fid-batch-b": [{"PutRequest": {"Item": {"id": {"S": "b1"}, "x": {"S": "y"}}}}],
        },
    )
    out["delete"] = attempt(
        ddb.batch_write_item,
        RequestItems={"fid-batch-a": [{"DeleteRequest": {"Key": {"id": {"S": "a0"}}}}, {"DeleteRequest": {"Key": {"id": {"S": "zz"}}}}]},
    )
    got = ddb.batch_get_item(
        RequestItems={
            "fid-batch-a": {"Keys": [{"id": {"S": "a1"}}, {"id": {"S": "a0"}}, {"id": {"S": "a3"}}], "ProjectionExpression": "id, n"},
            "fid-batch-b": {"Keys": [{"id": {"S": "b1"}}]},
        }
    )
    responses = {t: sorted(items, key=lambda i: i["id"]["S"]) for t, items in got["Responses"].items()}
    out["get"] = {"Responses": responses, "UnprocessedKeys": got.get("UnprocessedKeys")}
    out["same_key_twice"] = attempt(
        ddb.batch_write_item,
        RequestItems={"fid-batch-a": [{"PutRequest": {"Item": {"id": {"S": "d"}}}}, {"DeleteRequest": {"Key": {"id": {"S": "d"}}}}]},
    )
    out["missing_table"] = attempt(ddb.batch_write_item, RequestItems={"fid-nope": [{"PutRequest": {"Item": {"id": {"S": "x"}}}}]})
    out["get_missing_table"] = attempt(ddb.batch_get_item, RequestItems={"fid-nope": {"Keys": [{"id": {"S": "x"}}]}})
    out["count_a"] = ddb.scan(TableName="fid-batch-a", Select="COUNT")["Count"]
    return out
