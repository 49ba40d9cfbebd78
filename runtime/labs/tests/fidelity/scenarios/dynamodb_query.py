"""Query: key conditions (=, begins_with, BETWEEN, <), order, Limit and paging, Select COUNT, filters, errors."""
from common import attempt, normalize


def scenario(boto3):
    ddb = boto3.client("dynamodb")
    ddb.create_table(
        TableName="fid-query",
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    for i in range(1, 8):
        ddb.put_item(
            TableName="fid-query",
            Item={"pk": {"S": "user#1"}, "sk": {"S": "order#%03d" % i}, "total": {"N": str(i * 10)}, "status": {"S": "paid" if i % 2 else "open"}},
        )
    ddb.put_item(TableName="fid-query", Item={"pk": {"S": "user#1"}, "sk": {"S": "profile"}, "name": {"S": "Ada"}})
    ddb.put_item(TableName="fid-query", Item={"pk": {"S": "user#2"}, "sk": {"S": "order#001"}, "total": {"N": "5"}})
    q = lambda **kw: attempt(ddb.query, TableName="fid-query", **kw)
    out = {}
    out["eq"] = q(KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "user#2"}})
    out["begins_with"] = q(
        KeyConditionExpression="pk = :p AND begins_with(sk, :o)",
        ExpressionAttributeValues={":p": {"S": "user#1"}, ":o": {"S": "order#"}},
        ProjectionExpression="sk, #t",
        ExpressionAttributeNames={"#t": "total"},
    )
    out["reserved_in_projection"] = q(
        KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "user#2"}}, ProjectionExpression="sk, total"
    )
    out["between_desc"] = q(
        KeyConditionExpression="pk = :p AND sk BETWEEN :a AND :b",
        ExpressionAttributeValues={":p": {"S": "user#1"}, ":a": {"S": "order#002"}, ":b": {"S": "order#005"}},
        ScanIndexForward=False,
        ProjectionExpression="sk",
    )
    out["less_than"] = q(
        KeyConditionExpression="pk = :p AND sk < :b",
        ExpressionAttributeValues={":p": {"S": "user#1"}, ":b": {"S": "order#003"}},
        ProjectionExpression="sk",
    )
    pages = []
    kwargs = dict(KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "user#1"}}, Limit=3, ProjectionExpression="sk")
    while True:
        page = ddb.query(TableName="fid-query", **kwargs)
        pages.append(normalize(page))
        if "LastEvaluatedKey" not in page:
            break
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]
    out["pages"] = pages
    out["count"] = q(KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "user#1"}}, Select="COUNT")
    out["filter"] = q(
        KeyConditionExpression="pk = :p AND begins_with(sk, :o)",
        FilterExpression="#s = :paid AND #t >= :min",
        ExpressionAttributeNames={"#s": "status", "#t": "total"},
        ExpressionAttributeValues={":p": {"S": "user#1"}, ":o": {"S": "order#"}, ":paid": {"S": "paid"}, ":min": {"N": "30"}},
        ProjectionExpression="sk, #t",
    )
    out["filter_with_limit"] = q(
        KeyConditionExpression="pk = :p",
        FilterExpression="#t > :min",
        ExpressionAttributeNames={"#t": "total"},
        ExpressionAttributeValues={":p": {"S": "user#1"}, ":min": {"N": "45"}},
        Limit=4,
        ProjectionExpression="sk",
    )
    out["missed_key"] = q(KeyConditionExpression="sk = :s", ExpressionAttributeValues={":s": {"S": "profile"}})
    out["filter_on_key"] = q(
        KeyConditionExpression="pk = :p", FilterExpression="sk = :s", ExpressionAttributeValues={":p": {"S": "user#1"}, ":s": {"S": "profile"}}
    )
    out["non_key_in_condition"] = q(
        KeyConditionExpression="pk = :p AND #t = :t",
        ExpressionAttributeNames={"#t": "total"},
        ExpressionAttributeValues={":p": {"S": "user#1"}, ":t": {"N": "10"}},
    )
    out["begins_with_on_hash"] = q(KeyConditionExpression="begins_with(pk, :p)", ExpressionAttributeValues={":p": {"S": "user"}})
    out["legacy_key_conditions"] = q(KeyConditions={"pk": {"AttributeValueList": [{"S": "user#2"}], "ComparisonOperator": "EQ"}})
    out["none_found"] = q(KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "user#9"}})
    return out
