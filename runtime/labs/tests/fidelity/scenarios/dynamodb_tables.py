"""CreateTable/DescribeTable/ListTables/DeleteTable and ResourceNotFoundException."""
from common import attempt


def scenario(boto3):
    ddb = boto3.client("dynamodb")
    out = {}
    out["create"] = attempt(
        ddb.create_table,
        TableName="fid-orders",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "N"}],
        BillingMode="PAY_PER_REQUEST",
    )
    out["create_again"] = attempt(
        ddb.create_table,
        TableName="fid-orders",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    out["create_provisioned"] = attempt(
        ddb.create_table,
        TableName="fid-users",
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        ProvisionedThroughput={"ReadCapacityUnits": 5, "WriteCapacityUnits": 5},
    )
    out["describe"] = attempt(ddb.describe_table, TableName="fid-orders")
    out["list"] = attempt(ddb.list_tables)
    out["list_limit"] = attempt(ddb.list_tables, Limit=1)
    out["describe_missing"] = attempt(ddb.describe_table, TableName="fid-nope")
    out["delete"] = attempt(ddb.delete_table, TableName="fid-users")
    out["delete_missing"] = attempt(ddb.delete_table, TableName="fid-users")
    out["list_after"] = attempt(ddb.list_tables)
    try:
        ddb.describe_table(TableName="fid-nope")
    except ddb.exceptions.ResourceNotFoundException as e:
        out["caught"] = ["ResourceNotFoundException", e.response["Error"]["Code"]]
    return out
