"""BatchWriteItem with 26 requests: AWS's limit is 25 (moto 5.2.5 accepts 26)."""
from common import attempt


def scenario(boto3):
    ddb = boto3.client("dynamodb")
    ddb.create_table(
        TableName="fid-limit",
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    out = {}
    out["twenty_five"] = attempt(
        ddb.batch_write_item, RequestItems={"fid-limit": [{"PutRequest": {"Item": {"id": {"S": "a%02d" % i}}}} for i in range(25)]}
    )
    out["twenty_six"] = attempt(
        ddb.batch_write_item, RequestItems={"fid-limit": [{"PutRequest": {"Item": {"id": {"S": "b%02d" % i}}}} for i in range(26)]}
    )
    out["count"] = ddb.scan(TableName="fid-limit", Select="COUNT")["Count"]
    return out
