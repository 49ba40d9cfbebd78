"""UpdateItem: SET/REMOVE/ADD/DELETE, arithmetic, if_not_exists, list_append, nested paths, every ReturnValues."""
from common import attempt


def scenario(boto3):
    ddb = boto3.client("dynamodb")
    ddb.create_table(
        TableName="fid-upd",
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    key = {"id": {"S": "c1"}}
    out = {}
    out["create_by_update"] = attempt(
        ddb.update_item,
        TableName="fid-upd",
        Key=key,
        UpdateExpression="SET visits = if_not_exists(visits, :zero) + :one, tags = :tags, profile = :p, history = :h",
        ExpressionAttributeValues={
            ":zero": {"N": "0"},
            ":one": {"N": "1"},
            ":tags": {"SS": ["new"]},
            ":p": {"M": {"city": {"S": "Paris"}, "zip": {"S": "75001"}}},
            ":h": {"L": [{"S": "created"}]},
        },
        ReturnValues="ALL_NEW",
    )
    out["updated_new"] = attempt(
        ddb.update_item,
        TableName="fid-upd",
        Key=key,
        UpdateExpression="SET visits = visits + :one, profile.city = :c, history = list_append(history, :more) ADD tags :t, points :five",
        ExpressionAttributeValues={":one": {"N": "1"}, ":c": {"S": "Lyon"}, ":more": {"L": [{"S": "moved"}]}, ":t": {"SS": ["vip"]}, ":five": {"N": "5"}},
        ReturnValues="UPDATED_NEW",
    )
    out["updated_old"] = attempt(
        ddb.update_item,
        TableName="fid-upd",
        Key=key,
        UpdateExpression="REMOVE profile.zip, history[0] DELETE tags :old SET points = points - :two",
        ExpressionAttributeValues={":old": {"SS": ["new"]}, ":two": {"N": "2"}},
        ReturnValues="UPDATED_OLD",
    )
    out["all_old"] = attempt(
        ddb.update_item,
        TableName="fid-upd",
        Key=key,
        UpdateExpression="SET #l = list_append(:front, #l)",
        ExpressionAttributeNames={"#l": "history"},
        ExpressionAttributeValues={":front": {"L": [{"S": "first"}]}},
        ReturnValues="ALL_OLD",
    )
    out["none"] = attempt(ddb.update_item, TableName="fid-upd", Key=key, UpdateExpression="SET flag = :t", ExpressionAttributeValues={":t": {"BOOL": True}})
    out["none_explicit"] = attempt(ddb.update_item, TableName="fid-upd", Key=key, UpdateExpression="REMOVE flag", ReturnValues="NONE")
    out["condition_fail"] = attempt(
        ddb.update_item,
        TableName="fid-upd",
        Key=key,
        UpdateExpression="SET visits = :v",
        ConditionExpression="visits > :big",
        ExpressionAttributeValues={":v": {"N": "0"}, ":big": {"N": "100"}},
        ReturnValuesOnConditionCheckFailure="ALL_OLD",
    )
    out["final"] = attempt(ddb.get_item, TableName="fid-upd", Key=key)
    return out
