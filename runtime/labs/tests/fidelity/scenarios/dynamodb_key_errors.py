"""Key validation: missing key attributes, wrong key types, extra key attributes in GetItem."""
from common import attempt


def scenario(boto3):
    ddb = boto3.client("dynamodb")
    ddb.create_table(
        TableName="fid-keys",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "N"}],
        BillingMode="PAY_PER_REQUEST",
    )
    out = {}
    out["missing_sk"] = attempt(ddb.put_item, TableName="fid-keys", Item={"pk": {"S": "a"}})
    out["missing_pk"] = attempt(ddb.put_item, TableName="fid-keys", Item={"sk": {"N": "1"}})
    out["wrong_type"] = attempt(ddb.put_item, TableName="fid-keys", Item={"pk": {"S": "a"}, "sk": {"S": "one"}})
    out["get_partial_key"] = attempt(ddb.get_item, TableName="fid-keys", Key={"pk": {"S": "a"}})
    out["get_extra_key"] = attempt(ddb.get_item, TableName="fid-keys", Key={"pk": {"S": "a"}, "sk": {"N": "1"}, "x": {"S": "y"}})
    out["get_wrong_type"] = attempt(ddb.get_item, TableName="fid-keys", Key={"pk": {"S": "a"}, "sk": {"S": "1"}})
    out["delete_partial_key"] = attempt(ddb.delete_item, TableName="fid-keys", Key={"sk": {"N": "1"}})
    out["ok"] = attempt(ddb.put_item, TableName="fid-keys", Item={"pk": {"S": "a"}, "sk": {"N": "1.0"}})
    out["get_normalised_number"] = attempt(ddb.get_item, TableName="fid-keys", Key={"pk": {"S": "a"}, "sk": {"N": "1"}})
    return out
