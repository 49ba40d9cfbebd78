"""TransactWriteItems (all or nothing, CancellationReasons) and TransactGetItems."""
from common import attempt


def scenario(boto3):
    ddb = boto3.client("dynamodb")
    ddb.create_table(
        TableName="fid-tx",
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    ddb.put_item(TableName="fid-tx", Item={"id": {"S": "acct#1"}, "balance": {"N": "100"}})
    ddb.put_item(TableName="fid-tx", Item={"id": {"S": "acct#2"}, "balance": {"N": "0"}})
    transfer = lambda amount: [
        {
            "Update": {
                "TableName": "fid-tx",
                "Key": {"id": {"S": "acct#1"}},
                "UpdateExpression": "SET balance = balance - :a",
                "ConditionExpression": "balance >= :a",
                "ExpressionAttributeValues": {":a": {"N": str(amount)}},
            }
        },
        {
            "Update": {
                "TableName": "fid-tx",
                "Key": {"id": {"S": "acct#2"}},
                "UpdateExpression": "SET balance = balance + :a",
                "ExpressionAttributeValues": {":a": {"N": str(amount)}},
            }
        },
        {"Put": {"TableName": "fid-tx", "Item": {"id": {"S": "log#%d" % amount}, "amount": {"N": str(amount)}}}},
    ]
    out = {}
    out["ok"] = attempt(ddb.transact_write_items, TransactItems=transfer(30))
    out["insufficient"] = attempt(ddb.transact_write_items, TransactItems=transfer(500))
    out["check_fails"] = attempt(
        ddb.transact_write_items,
        TransactItems=[
            {"ConditionCheck": {"TableName": "fid-tx", "Key": {"id": {"S": "acct#2"}}, "ConditionExpression": "attribute_not_exists(id)", "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}},
            {"Delete": {"TableName": "fid-tx", "Key": {"id": {"S": "acct#1"}}}},
        ],
    )
    out["same_item_twice"] = attempt(
        ddb.transact_write_items,
        TransactItems=[
            {"Put": {"TableName": "fid-tx", "Item": {"id": {"S": "x"}}}},
            {"Delete": {"TableName": "fid-tx", "Key": {"id": {"S": "x"}}}},
        ],
    )
    out["get"] = attempt(
        ddb.transact_get_items,
        TransactItems=[
            {"Get": {"TableName": "fid-tx", "Key": {"id": {"S": "acct#1"}}}},
            {"Get": {"TableName": "fid-tx", "Key": {"id": {"S": "nope"}}}},
            {"Get": {"TableName": "fid-tx", "Key": {"id": {"S": "acct#2"}}, "ProjectionExpression": "balance"}},
        ],
    )
    r = ddb.scan(TableName="fid-tx")
    out["final"] = sorted(([i["id"]["S"], i.get("balance", i.get("amount"))] for i in r["Items"]), key=lambda x: x[0])
    return out
