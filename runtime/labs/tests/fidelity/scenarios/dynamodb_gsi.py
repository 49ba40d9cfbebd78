"""A global secondary index: Query on it, projections, and a table without the index."""
from common import attempt


def scenario(boto3):
    ddb = boto3.client("dynamodb")
    out = {}
    out["create"] = attempt(
        ddb.create_table,
        TableName="fid-gsi",
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[
            {"AttributeName": "id", "AttributeType": "S"},
            {"AttributeName": "email", "AttributeType": "S"},
            {"AttributeName": "city", "AttributeType": "S"},
            {"AttributeName": "age", "AttributeType": "N"},
        ],
        GlobalSecondaryIndexes=[
            {"IndexName": "by-email", "KeySchema": [{"AttributeName": "email", "KeyType": "HASH"}], "Projection": {"ProjectionType": "KEYS_ONLY"}},
            {
                "IndexName": "by-city-age",
                "KeySchema": [{"AttributeName": "city", "KeyType": "HASH"}, {"AttributeName": "age", "KeyType": "RANGE"}],
                "Projection": {"ProjectionType": "ALL"},
            },
        ],
        BillingMode="PAY_PER_REQUEST",
    )
    people = [("u1", "ada@x.io", "Paris", 36), ("u2", "bob@x.io", "Paris", 25), ("u3", "cy@x.io", "Rome", 40), ("u4", None, "Paris", 50)]
    for pid, email, city, age in people:
        item = {"id": {"S": pid}, "city": {"S": city}, "age": {"N": str(age)}}
        if email:
            item["email"] = {"S": email}
        ddb.put_item(TableName="fid-gsi", Item=item)
    out["by_email"] = attempt(
        ddb.query, TableName="fid-gsi", IndexName="by-email", KeyConditionExpression="email = :e", ExpressionAttributeValues={":e": {"S": "bob@x.io"}}
    )
    out["by_city"] = attempt(
        ddb.query,
        TableName="fid-gsi",
        IndexName="by-city-age",
        KeyConditionExpression="city = :c AND age > :a",
        ExpressionAttributeValues={":c": {"S": "Paris"}, ":a": {"N": "30"}},
    )
    out["scan_index"] = attempt(ddb.scan, TableName="fid-gsi", IndexName="by-email", Select="COUNT")
    out["missing_index"] = attempt(
        ddb.query, TableName="fid-gsi", IndexName="nope", KeyConditionExpression="city = :c", ExpressionAttributeValues={":c": {"S": "Paris"}}
    )
    out["consistent_on_gsi"] = attempt(
        ddb.query,
        TableName="fid-gsi",
        IndexName="by-email",
        ConsistentRead=True,
        KeyConditionExpression="email = :e",
        ExpressionAttributeValues={":e": {"S": "bob@x.io"}},
    )
    out["index_names"] = sorted(i["IndexName"] for i in ddb.describe_table(TableName="fid-gsi")["Table"]["GlobalSecondaryIndexes"])
    return out
