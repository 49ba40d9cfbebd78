//! Query and Scan, on tables and indexes, with pagination.

use super::*;

fn query_fixture() -> Fx {
    let mut fx = Fx::with_table(None);
    for sk in 1..=9 {
        fx.put_n("p", sk, json!({"even": {"BOOL": sk % 2 == 0}, "tag": {"S": format!("t{sk}")}}));
    }
    fx.put_n("other", 1, json!({}));
    fx
}

fn query_sk(fx: &mut Fx, cond: &str, values: Value) -> Vec<String> {
    let mut v = json!({":p": {"S": "p"}});
    for (k, val) in values.as_object().unwrap() {
        v[k] = val.clone();
    }
    sks(&fx.query(json!({"KeyConditionExpression": cond, "ExpressionAttributeValues": v})))
}

#[test]
fn query_sort_key_operators() {
    let mut fx = query_fixture();
    assert_eq!(query_sk(&mut fx, "pk = :p", json!({})).len(), 9);
    assert_eq!(query_sk(&mut fx, "pk = :p AND sk = :v", json!({":v": {"N": "3"}})), ["3"]);
    assert_eq!(query_sk(&mut fx, "pk = :p AND sk < :v", json!({":v": {"N": "3"}})), ["1", "2"]);
    assert_eq!(query_sk(&mut fx, "pk = :p AND sk <= :v", json!({":v": {"N": "3"}})), ["1", "2", "3"]);
    assert_eq!(query_sk(&mut fx, "pk = :p AND sk > :v", json!({":v": {"N": "7"}})), ["8", "9"]);
    assert_eq!(query_sk(&mut fx, "pk = :p AND sk >= :v", json!({":v": {"N": "8"}})), ["8", "9"]);
    assert_eq!(
        query_sk(&mut fx, "pk = :p AND sk BETWEEN :a AND :b", json!({":a": {"N": "4"}, ":b": {"N": "6"}})),
        ["4", "5", "6"]
    );
    assert_eq!(
        query_sk(&mut fx, ":v > sk AND pk = :p", json!({":v": {"N": "3"}})),
        ["1", "2"],
        "operands may be swapped"
    );
    assert_eq!(query_sk(&mut fx, "(pk = :p) AND (sk = :v)", json!({":v": {"N": "3"}})), ["3"]);
}

#[test]
fn query_begins_with_on_string_sort_keys() {
    let mut fx = Fx::new();
    fx.ok(
        "CreateTable",
        json!({
            "TableName": "Orders",
            "KeySchema": [{"AttributeName": "customer", "KeyType": "HASH"}, {"AttributeName": "id", "KeyType": "RANGE"}],
            "AttributeDefinitions": [{"AttributeName": "customer", "AttributeType": "S"}, {"AttributeName": "id", "AttributeType": "S"}],
            "BillingMode": "PAY_PER_REQUEST",
        }),
    );
    for id in ["ORDER#2", "ORDER#10", "PROFILE", "ORDER#1"] {
        fx.ok("PutItem", json!({"TableName": "Orders", "Item": {"customer": {"S": "c"}, "id": {"S": id}}}));
    }
    let r = fx.ok(
        "Query",
        json!({
            "TableName": "Orders",
            "KeyConditionExpression": "customer = :c AND begins_with(id, :o)",
            "ExpressionAttributeValues": {":c": {"S": "c"}, ":o": {"S": "ORDER#"}},
        }),
    );
    let ids: Vec<&str> = r["Items"].as_array().unwrap().iter().map(|i| i["id"]["S"].as_str().unwrap()).collect();
    assert_eq!(ids, ["ORDER#1", "ORDER#10", "ORDER#2"], "strings sort by bytes");
}

#[test]
fn query_descending_limit_and_pagination() {
    let mut fx = query_fixture();
    let base = json!({"KeyConditionExpression": "pk = :p", "ExpressionAttributeValues": {":p": {"S": "p"}}, "Limit": 4, "ScanIndexForward": false});
    let first = fx.query(base.clone());
    assert_eq!(sks(&first), ["9", "8", "7", "6"]);
    assert_eq!(first["LastEvaluatedKey"], json!({"pk": {"S": "p"}, "sk": {"N": "6"}}));
    let mut next = base.clone();
    next["ExclusiveStartKey"] = first["LastEvaluatedKey"].clone();
    let second = fx.query(next.clone());
    assert_eq!(sks(&second), ["5", "4", "3", "2"]);
    next["ExclusiveStartKey"] = second["LastEvaluatedKey"].clone();
    let third = fx.query(next);
    assert_eq!(sks(&third), ["1"]);
    assert!(third.get("LastEvaluatedKey").is_none());
}

#[test]
fn query_filter_counts_and_select_count() {
    let mut fx = query_fixture();
    let r = fx.query(json!({
        "KeyConditionExpression": "pk = :p",
        "FilterExpression": "even = :t",
        "ExpressionAttributeValues": {":p": {"S": "p"}, ":t": {"BOOL": true}},
        "Limit": 5,
    }));
    assert_eq!(sks(&r), ["2", "4"]);
    assert_eq!(
        (r["Count"].clone(), r["ScannedCount"].clone()),
        (json!(2), json!(5)),
        "Limit counts items read, not returned"
    );
    let r = fx.query(json!({
        "KeyConditionExpression": "pk = :p",
        "ExpressionAttributeValues": {":p": {"S": "p"}},
        "Select": "COUNT",
    }));
    assert_eq!(r, json!({"Count": 9, "ScannedCount": 9}));
    let r = fx.query(json!({
        "KeyConditionExpression": "pk = :p AND sk = :one",
        "ProjectionExpression": "tag",
        "ExpressionAttributeValues": {":p": {"S": "p"}, ":one": {"N": "1"}},
    }));
    assert_eq!(r["Items"], json!([{"tag": {"S": "t1"}}]));
}

#[test]
fn query_validation_messages() {
    let mut fx = query_fixture();
    let cases = [
        ("sk = :s", json!({":s": {"N": "1"}}), "Query condition missed key schema element: pk"),
        (
            "pk = :p AND foo = :s",
            json!({":p": {"S": "p"}, ":s": {"N": "1"}}),
            "Query condition missed key schema element: sk",
        ),
        ("pk > :p", json!({":p": {"S": "p"}}), "Query key condition not supported"),
        (
            "pk = :p OR sk = :s",
            json!({":p": {"S": "p"}, ":s": {"N": "1"}}),
            "Invalid operator used in KeyConditionExpression: OR",
        ),
        (
            "pk = :p AND sk <> :s",
            json!({":p": {"S": "p"}, ":s": {"N": "1"}}),
            "Invalid operator used in KeyConditionExpression: <>",
        ),
        (
            "pk = :p AND attribute_exists(sk)",
            json!({":p": {"S": "p"}}),
            "Invalid operator used in KeyConditionExpression: attribute_exists",
        ),
        (
            "pk = :p AND sk = :s",
            json!({":p": {"S": "p"}, ":s": {"S": "1"}}),
            "One or more parameter values were invalid: Condition parameter type does not match schema type",
        ),
        (
            "pk = :p AND sk > :a AND sk < :b",
            json!({":p": {"S": "p"}, ":a": {"N": "1"}, ":b": {"N": "5"}}),
            "KeyConditionExpressions must only contain one condition per key",
        ),
        (
            "pk = :p AND sk = pk",
            json!({":p": {"S": "p"}}),
            "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition",
        ),
        ("pk.x = :p", json!({":p": {"S": "p"}}), "KeyConditionExpressions cannot have conditions on nested attributes"),
        (
            "pk = :p",
            json!({":p": {"S": ""}}),
            "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk",
        ),
    ];
    for (expr, values, message) in cases {
        let msg = fx.invalid(
            "Query",
            json!({"TableName": "T", "KeyConditionExpression": expr, "ExpressionAttributeValues": values}),
        );
        assert_eq!(msg, message, "{expr}");
    }
    let msg = fx.invalid(
        "Query",
        json!({"TableName": "T", "KeyConditionExpression": "pk = :p", "FilterExpression": "sk > :s", "ExpressionAttributeValues": {":p": {"S": "p"}, ":s": {"N": "1"}}}),
    );
    assert_eq!(msg, "Filter Expression can only contain non-primary key attributes: Primary key attribute: sk");
    let msg = fx.invalid("Query", json!({"TableName": "T", "IndexName": "nope", "KeyConditionExpression": "pk = :p", "ExpressionAttributeValues": {":p": {"S": "p"}}}));
    assert_eq!(msg, "The table does not have the specified index: nope");
}

fn index_fixture() -> Fx {
    let mut fx = Fx::new();
    fx.ok(
        "CreateTable",
        json!({
            "TableName": "T",
            "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
            "AttributeDefinitions": [
                {"AttributeName": "pk", "AttributeType": "S"},
                {"AttributeName": "sk", "AttributeType": "N"},
                {"AttributeName": "status", "AttributeType": "S"},
                {"AttributeName": "score", "AttributeType": "N"},
            ],
            "GlobalSecondaryIndexes": [{
                "IndexName": "by_status",
                "KeySchema": [{"AttributeName": "status", "KeyType": "HASH"}, {"AttributeName": "score", "KeyType": "RANGE"}],
                "Projection": {"ProjectionType": "KEYS_ONLY"},
            }],
            "LocalSecondaryIndexes": [{
                "IndexName": "by_score",
                "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "score", "KeyType": "RANGE"}],
                "Projection": {"ProjectionType": "ALL"},
            }],
            "BillingMode": "PAY_PER_REQUEST",
        }),
    );
    for (sk, status, score) in [(1, "open", 30), (2, "done", 10), (3, "open", 20), (4, "open", 20)] {
        fx.put_n("p", sk, json!({"status": {"S": status}, "score": {"N": score.to_string()}, "extra": {"S": "e"}}));
    }
    fx.put_n("p", 5, json!({"extra": {"S": "not indexed"}}));
    fx
}

#[test]
fn query_global_secondary_index_with_keys_only_projection() {
    let mut fx = index_fixture();
    let r = fx.query(json!({
        "IndexName": "by_status",
        "KeyConditionExpression": "#s = :s AND score >= :min",
        "ExpressionAttributeNames": {"#s": "status"},
        "ExpressionAttributeValues": {":s": {"S": "open"}, ":min": {"N": "20"}},
        "Limit": 2,
    }));
    assert_eq!(sks(&r), ["3", "4"], "score ascending, ties by table key");
    assert!(r["Items"][0].get("extra").is_none(), "KEYS_ONLY projection");
    assert_eq!(
        r["LastEvaluatedKey"],
        json!({"status": {"S": "open"}, "score": {"N": "20"}, "pk": {"S": "p"}, "sk": {"N": "4"}})
    );
    let d = fx.ok("DescribeTable", json!({"TableName": "T"}))["Table"].clone();
    assert_eq!(d["GlobalSecondaryIndexes"][0]["IndexStatus"], "ACTIVE");
    assert_eq!(d["GlobalSecondaryIndexes"][0]["ItemCount"], 4);
    assert_eq!(d["LocalSecondaryIndexes"][0]["IndexName"], "by_score");
}

#[test]
fn query_local_secondary_index_and_scan_index() {
    let mut fx = index_fixture();
    let r = fx.query(json!({
        "IndexName": "by_score",
        "KeyConditionExpression": "pk = :p",
        "ExpressionAttributeValues": {":p": {"S": "p"}},
        "ScanIndexForward": false,
    }));
    assert_eq!(sks(&r), ["1", "4", "3", "2"]);
    assert_eq!(r["Items"][0]["extra"], json!({"S": "e"}));
    let r = fx.ok("Scan", json!({"TableName": "T", "IndexName": "by_status"}));
    assert_eq!(r["Count"], 4, "items without the index key are not in the index");
}

#[test]
fn index_key_types_are_enforced_on_write() {
    let mut fx = index_fixture();
    let msg = fx.invalid(
        "PutItem",
        json!({"TableName": "T", "Item": {"pk": {"S": "p"}, "sk": {"N": "9"}, "score": {"S": "high"}}}),
    );
    assert_eq!(
        msg,
        "One or more parameter values were invalid: Type mismatch for Index Key score Expected: N Actual: S IndexName: by_status"
    );
}

#[test]
fn scan_filter_limit_and_pagination() {
    let mut fx = query_fixture();
    let mut seen = Vec::new();
    let mut start: Option<Value> = None;
    let mut pages = 0;
    loop {
        let mut params = json!({"TableName": "T", "Limit": 3, "FilterExpression": "attribute_exists(tag)"});
        if let Some(s) = &start {
            params["ExclusiveStartKey"] = s.clone();
        }
        let r = fx.ok("Scan", params);
        pages += 1;
        for item in r["Items"].as_array().unwrap() {
            seen.push(format!("{}/{}", item["pk"]["S"].as_str().unwrap(), item["sk"]["N"].as_str().unwrap()));
        }
        match r.get("LastEvaluatedKey") {
            Some(k) => start = Some(k.clone()),
            None => break,
        }
    }
    assert_eq!(pages, 4);
    assert_eq!(seen.len(), 9, "the item without `tag` is filtered out: {seen:?}");
    assert_eq!(seen[0], "p/1");
}

#[test]
fn scan_segments_partition_the_table() {
    let mut fx = Fx::with_hash_table();
    for i in 0..20 {
        fx.ok("PutItem", json!({"TableName": "H", "Item": {"id": {"S": format!("item{i}")}}}));
    }
    let mut total = 0;
    for segment in 0..3 {
        total +=
            fx.ok("Scan", json!({"TableName": "H", "Segment": segment, "TotalSegments": 3}))["Count"].as_u64().unwrap();
    }
    assert_eq!(total, 20);
    let msg = fx.invalid("Scan", json!({"TableName": "H", "Segment": 3, "TotalSegments": 3}));
    assert_eq!(
        msg,
        "The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 3 is not less than TotalSegments: 3"
    );
}

#[test]
fn key_condition_shapes_are_checked_before_placeholders() {
    let mut fx = Fx::with_table(None);
    for (expr, message) in [
        ("size(pk) = :p", "KeyConditionExpressions cannot contain nested operations"),
        (":a = :b", "Invalid condition in KeyConditionExpression: No key attribute specified"),
        ("pk = :p AND sk = :s AND x = :x", "Conditions can be of length 1 or 2 only"),
        (
            "begins_with(:a, sk) AND pk = :p",
            "Invalid condition in KeyConditionExpression: begins_with operator must have the key attribute as its first operand",
        ),
        ("NOT pk = :p", "Invalid operator used in KeyConditionExpression: NOT"),
        ("pk IN (:p)", "Invalid operator used in KeyConditionExpression: IN"),
    ] {
        let msg = fx.invalid("Query", json!({"TableName": "T", "KeyConditionExpression": expr}));
        assert_eq!(msg, message, "{expr}");
    }
    let msg = fx.invalid("Query", json!({"TableName": "T"}));
    assert_eq!(msg, "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
}

#[test]
fn legacy_key_conditions_query_like_the_expression() {
    let mut fx = Fx::with_table(None);
    for sk in ["1", "2", "3"] {
        fx.put(json!({"pk": {"S": "p"}, "sk": {"N": sk}}));
    }
    let r = fx.query(json!({"KeyConditions": {
        "pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "p"}]},
        "sk": {"ComparisonOperator": "BETWEEN", "AttributeValueList": [{"N": "2"}, {"N": "3"}]},
    }}));
    assert_eq!(sks(&r), ["2", "3"]);
    let msg = fx.invalid("Query", json!({"TableName": "T", "KeyConditions": {"pk": {"ComparisonOperator": "EQ", "AttributeValueList": []}}}));
    assert_eq!(msg, "One or more parameter values were invalid: Invalid number of argument(s) for the EQ ComparisonOperator");
    let msg = fx.invalid(
        "Query",
        json!({"TableName": "T", "KeyConditions": {"pk": {"ComparisonOperator": "EQ", "AttributeValueList": [{"S": "p"}]}}, "FilterExpression": "a = :a"}),
    );
    assert!(msg.starts_with("Can not use both expression and non-expression parameters in the same request"), "{msg}");
}

#[test]
fn modelled_errors_carry_their_message_member_and_tables_their_warm_throughput() {
    let mut fx = Fx::with_table(None);
    let e = fx.call("DescribeTable", json!({"TableName": "missing"})).unwrap_err();
    assert_eq!(e.response()["message"], e.message.as_str(), "botocore copies a modelled error's message member");
    let e = fx.call("Query", json!({"TableName": "T", "KeyConditionExpression": "x"})).unwrap_err();
    assert!(e.response().get("message").is_none(), "ValidationException is not modelled");
    let d = fx.ok("DescribeTable", json!({"TableName": "T"}));
    assert!(d["Table"]["WarmThroughput"].is_object(), "{d}");
    let msg = fx.invalid("Scan", json!({"TableName": "T", "Select": "SPECIFIC_ATTRIBUTES"}));
    assert_eq!(msg, "Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES");
}

#[test]
fn number_sort_keys_sort_numerically() {
    let mut fx = Fx::with_table(None);
    for sk in ["10", "-1", "2", "1.5", "100", "-20"] {
        fx.put(json!({"pk": {"S": "p"}, "sk": {"N": sk}}));
    }
    let r = fx.query(json!({"KeyConditionExpression": "pk = :p AND sk > :z", "ExpressionAttributeValues": {":p": {"S": "p"}, ":z": {"N": "-5"}}}));
    assert_eq!(sks(&r), ["-1", "1.5", "2", "10", "100"]);
}

#[test]
fn tables_can_be_named_by_arn_and_report_consumed_capacity() {
    let mut fx = Fx::with_table(None);
    let arn = "arn:aws:dynamodb:us-east-1:123456789012:table/T";
    let r = fx.ok(
        "PutItem",
        json!({"TableName": arn, "Item": {"pk": {"S": "a"}, "sk": {"N": "1"}}, "ReturnConsumedCapacity": "TOTAL"}),
    );
    assert_eq!(r, json!({"ConsumedCapacity": {"TableName": "T", "CapacityUnits": 1.0}}));
    assert!(fx.get("a", 1).get("Item").is_some());
    let msg = fx.invalid(
        "GetItem",
        json!({"TableName": "T", "Key": {"pk": {"S": "a"}, "sk": {"N": "1"}}, "ReturnConsumedCapacity": "ALL"}),
    );
    assert_eq!(
        msg,
        "1 validation error detected: Value 'ALL' at 'returnConsumedCapacity' failed to satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]"
    );
}

#[test]
fn legacy_parameters_are_refused_not_ignored() {
    let mut fx = Fx::with_table(None);
    let e = fx.err(
        "PutItem",
        json!({"TableName": "T", "Item": {"pk": {"S": "a"}, "sk": {"N": "1"}}, "Expected": {"pk": {"Exists": false}}}),
    );
    assert_eq!(e.code, "NotImplemented");
    assert!(e.message.contains("Expected"));
    let r = fx.ok(
        "GetItem",
        json!({"TableName": "T", "Key": {"pk": {"S": "a"}, "sk": {"N": "1"}}, "AttributesToGet": ["sk"]}),
    );
    assert_eq!(r, json!({}));
}

#[test]
fn update_condition_on_numbers_and_missing_item() {
    let mut fx = Fx::with_table(None);
    let e = fx
        .update(json!({"UpdateExpression": "SET v = :v", "ConditionExpression": "attribute_exists(pk)", "ExpressionAttributeValues": {":v": {"N": "1"}}}))
        .unwrap_err();
    assert_eq!(e.code, "ConditionalCheckFailedException");
    assert_eq!(fx.get("a", 1), json!({}), "a failed update creates nothing");
    fx.put_n("a", 1, json!({"stock": {"N": "10"}}));
    let decrement = json!({
        "UpdateExpression": "SET stock = stock - :q",
        "ConditionExpression": "stock >= :q",
        "ExpressionAttributeValues": {":q": {"N": "4"}},
        "ReturnValues": "UPDATED_NEW",
    });
    assert_eq!(fx.update(decrement.clone()).unwrap()["Attributes"]["stock"], json!({"N": "6"}));
    assert_eq!(fx.update(decrement.clone()).unwrap()["Attributes"]["stock"], json!({"N": "2"}));
    assert_eq!(fx.update(decrement).unwrap_err().code, "ConditionalCheckFailedException");
}

#[test]
fn errors_read_like_botocore_through_the_cloud() {
    let mut cloud = crate::Cloud::default();
    let e = cloud
        .call(
            crate::cloud::Caller::Handler,
            "dynamodb",
            "GetItem",
            &json!({"TableName": "Orders", "Key": {"id": {"S": "1"}}}),
        )
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "An error occurred (ResourceNotFoundException) when calling the GetItem operation: Requested resource not found"
    );
}
