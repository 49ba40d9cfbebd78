"""ConditionExpression on PutItem/DeleteItem, ConditionalCheckFailedException and ReturnValuesOnConditionCheckFailure."""
from common import attempt


def scenario(boto3):
    ddb = boto3.client("dynamodb")
    ddb.create_table(
        TableName="fid-cond",
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    out = {}
    put = dict(TableName="fid-cond", Item={"id": {"S": "u1"}, "v": {"N": "1"}, "state": {"S": "new"}}, ConditionExpression="attribute_not_exists(id)")
    out["first"] = attempt(ddb.put_item, **put)
    out["second"] = attempt(ddb.put_item, **put)
    out["second_old"] = attempt(ddb.put_item, ReturnValuesOnConditionCheckFailure="ALL_OLD", **put)
    out["version_ok"] = attempt(
        ddb.put_item,
        TableName="fid-cond",
        Item={"id": {"S": "u1"}, "v": {"N": "2"}, "state": {"S": "paid"}},
        ConditionExpression="v = :expected AND #s IN (:a, :b)",
        ExpressionAttributeNames={"#s": "state"},
        ExpressionAttributeValues={":expected": {"N": "1"}, ":a": {"S": "new"}, ":b": {"S": "open"}},
        ReturnValues="ALL_OLD",
    )
    out["version_stale"] = attempt(
        ddb.put_item,
        TableName="fid-cond",
        Item={"id": {"S": "u1"}, "v": {"N": "2"}},
        ConditionExpression="v = :expected",
        ExpressionAttributeValues={":expected": {"N": "1"}},
    )
    out["delete_cond_fail"] = attempt(
        ddb.delete_item,
        TableName="fid-cond",
        Key={"id": {"S": "u1"}},
        ConditionExpression="#s = :s",
        ExpressionAttributeNames={"#s": "state"},
        ExpressionAttributeValues={":s": {"S": "new"}},
        ReturnValuesOnConditionCheckFailure="ALL_OLD",
    )
    out["delete_ok"] = attempt(
        ddb.delete_item,
        TableName="fid-cond",
        Key={"id": {"S": "u1"}},
        ConditionExpression="attribute_exists(id) AND v > :one",
        ExpressionAttributeValues={":one": {"N": "1"}},
        ReturnValues="ALL_OLD",
    )
    out["delete_missing"] = attempt(ddb.delete_item, TableName="fid-cond", Key={"id": {"S": "u1"}}, ReturnValues="ALL_OLD")
    out["delete_missing_cond"] = attempt(ddb.delete_item, TableName="fid-cond", Key={"id": {"S": "u1"}}, ConditionExpression="attribute_exists(id)")
    out["bad_return_values"] = attempt(ddb.put_item, TableName="fid-cond", Item={"id": {"S": "x"}}, ReturnValues="ALL_NEW")
    try:
        ddb.put_item(TableName="fid-cond", Item={"id": {"S": "y"}}, ConditionExpression="attribute_exists(id)")
    except ddb.exceptions.ConditionalCheckFailedException as e:
        out["caught"] = [type(e).__name__, e.response["Error"]["Code"], e.response["Error"]["Message"]]
    out["final"] = attempt(ddb.scan, TableName="fid-cond")
    return out
