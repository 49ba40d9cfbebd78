"""ValidationException messages for bad expressions: reserved words, undefined/unused values and names, syntax, overlaps."""
from common import attempt


def scenario(boto3):
    ddb = boto3.client("dynamodb")
    ddb.create_table(
        TableName="fid-exprerr",
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    key = {"id": {"S": "a"}}
    ddb.put_item(TableName="fid-exprerr", Item={"id": {"S": "a"}, "n": {"N": "1"}, "s": {"S": "x"}})
    upd = lambda **kw: attempt(ddb.update_item, TableName="fid-exprerr", Key=key, **kw)
    out = {}
    out["reserved"] = upd(UpdateExpression="SET status = :v", ExpressionAttributeValues={":v": {"S": "x"}})
    out["undefined_value"] = upd(UpdateExpression="SET a = :v")
    out["unused_value"] = upd(UpdateExpression="SET a = :v", ExpressionAttributeValues={":v": {"S": "x"}, ":w": {"S": "y"}})
    out["unused_name"] = upd(UpdateExpression="SET a = :v", ExpressionAttributeNames={"#b": "b"}, ExpressionAttributeValues={":v": {"S": "x"}})
    out["syntax"] = upd(UpdateExpression="SET a = ", ExpressionAttributeValues={":v": {"S": "x"}})
    out["overlap"] = upd(UpdateExpression="SET a = :v REMOVE a", ExpressionAttributeValues={":v": {"S": "x"}})
    out["update_key"] = upd(UpdateExpression="SET id = :v", ExpressionAttributeValues={":v": {"S": "b"}})
    out["add_to_string"] = upd(UpdateExpression="ADD s :one", ExpressionAttributeValues={":one": {"N": "1"}})
    out["arith_on_string"] = upd(UpdateExpression="SET s = s + :one", ExpressionAttributeValues={":one": {"N": "1"}})
    out["empty_values_map"] = upd(UpdateExpression="SET a = :v", ExpressionAttributeValues={})
    out["bad_function"] = upd(UpdateExpression="SET a = nope(a)")
    out["condition_reserved"] = attempt(
        ddb.put_item, TableName="fid-exprerr", Item={"id": {"S": "b"}}, ConditionExpression="attribute_not_exists(name)"
    )
    out["state"] = attempt(ddb.get_item, TableName="fid-exprerr", Key=key)
    return out
