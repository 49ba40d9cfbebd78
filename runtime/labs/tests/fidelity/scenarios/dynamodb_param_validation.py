"""botocore's client-side validation: missing and unknown parameters, wrong types."""
from common import attempt


def scenario(boto3):
    ddb = boto3.client("dynamodb")
    out = {}
    out["missing_table_name"] = attempt(ddb.get_item, Key={"pk": {"S": "x"}})
    out["unknown_param"] = attempt(ddb.get_item, TableName="t", Key={"pk": {"S": "x"}}, Colour="red")
    out["wrong_type"] = attempt(ddb.put_item, TableName="t", Item="not a dict")
    out["short_name"] = attempt(ddb.describe_table, TableName="ab")
    return out
