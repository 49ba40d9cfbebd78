//! Table management: create, describe, delete, list, update, time to live.

use super::*;

#[test]
fn create_and_describe_table() {
    let mut fx = Fx::with_table(None);
    let d = fx.ok("DescribeTable", json!({"TableName": "T"}))["Table"].clone();
    assert_eq!(d["TableStatus"], "ACTIVE");
    assert_eq!(d["TableName"], "T");
    assert_eq!(d["TableArn"], "arn:aws:dynamodb:us-east-1:123456789012:table/T");
    assert_eq!(d["ItemCount"], 0);
    assert_eq!(d["CreationDateTime"], json!({"$timestamp": NOW}));
    assert_eq!(d["KeySchema"][1], json!({"AttributeName": "sk", "KeyType": "RANGE"}));
    assert_eq!(d["BillingModeSummary"]["BillingMode"], "PAY_PER_REQUEST");
    assert!(d.get("LatestStreamArn").is_none() && d.get("StreamSpecification").is_none());
    fx.put_n("a", 1, json!({}));
    fx.put_n("a", 2, json!({}));
    assert_eq!(fx.ok("DescribeTable", json!({"TableName": "T"}))["Table"]["ItemCount"], 2);
}

#[test]
fn duplicate_table_is_resource_in_use() {
    let mut fx = Fx::with_table(None);
    let e = fx.err(
        "CreateTable",
        json!({
            "TableName": "T",
            "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}],
            "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}],
            "BillingMode": "PAY_PER_REQUEST",
        }),
    );
    assert_eq!((e.code.as_str(), e.message.as_str()), ("ResourceInUseException", "Table already exists: T"));
}

#[test]
fn missing_tables_are_resource_not_found() {
    let mut fx = Fx::new();
    let e = fx.err("DescribeTable", json!({"TableName": "Nope"}));
    assert_eq!(
        (e.code.as_str(), e.message.as_str()),
        ("ResourceNotFoundException", "Requested resource not found: Table: Nope not found")
    );
    for (op, params) in [
        ("PutItem", json!({"TableName": "Nope", "Item": {"id": {"S": "1"}}})),
        ("GetItem", json!({"TableName": "Nope", "Key": {"id": {"S": "1"}}})),
        ("Scan", json!({"TableName": "Nope"})),
        ("DeleteTable", json!({"TableName": "Nope"})),
    ] {
        let e = fx.err(op, params);
        assert_eq!(
            (e.code.as_str(), e.message.as_str()),
            ("ResourceNotFoundException", "Requested resource not found"),
            "{op}"
        );
    }
}

#[test]
fn delete_and_list_tables() {
    let mut fx = Fx::with_table(None);
    for name in ["B", "A", "C"] {
        fx.ok(
            "CreateTable",
            json!({
                "TableName": name,
                "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
                "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
                "ProvisionedThroughput": {"ReadCapacityUnits": 1, "WriteCapacityUnits": 1},
            }),
        );
    }
    assert_eq!(fx.ok("ListTables", json!({}))["TableNames"], json!(["A", "B", "C", "T"]));
    let page = fx.ok("ListTables", json!({"Limit": 2}));
    assert_eq!(page, json!({"TableNames": ["A", "B"], "LastEvaluatedTableName": "B"}));
    assert_eq!(fx.ok("ListTables", json!({"ExclusiveStartTableName": "B"})), json!({"TableNames": ["C", "T"]}));
    let d = fx.ok("DeleteTable", json!({"TableName": "A"}));
    assert_eq!(d["TableDescription"]["TableStatus"], "DELETING");
    assert_eq!(fx.ok("ListTables", json!({}))["TableNames"], json!(["B", "C", "T"]));
}

#[test]
fn create_table_validation_messages() {
    let mut fx = Fx::new();
    let msg = fx.invalid(
        "CreateTable",
        json!({
            "TableName": "X",
            "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
            "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
        }),
    );
    assert_eq!(
        msg,
        "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED"
    );
    let msg = fx.invalid(
        "CreateTable",
        json!({
            "TableName": "X",
            "BillingMode": "PAY_PER_REQUEST",
            "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
            "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}, {"AttributeName": "x", "AttributeType": "S"}],
        }),
    );
    assert_eq!(
        msg,
        "One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions"
    );
    let msg = fx.invalid(
        "CreateTable",
        json!({
            "TableName": "X",
            "BillingMode": "PAY_PER_REQUEST",
            "KeySchema": [{"AttributeName": "id", "KeyType": "PARTITION"}],
            "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
        }),
    );
    assert_eq!(
        msg,
        "1 validation error detected: Value 'PARTITION' at 'keySchema.1.member.keyType' failed to satisfy constraint: Member must satisfy enum value set: [HASH, RANGE]"
    );
}

#[test]
fn update_table_enables_streams_and_ttl_is_described() {
    let mut fx = Fx::with_table(None);
    assert_eq!(fx.db.stream_arn("T"), None);
    fx.ok(
        "UpdateTable",
        json!({"TableName": "T", "StreamSpecification": {"StreamEnabled": true, "StreamViewType": "KEYS_ONLY"}}),
    );
    assert_eq!(
        fx.db.stream_arn("T").as_deref(),
        Some("arn:aws:dynamodb:us-east-1:123456789012:table/T/stream/2026-01-15T12:00:00.000")
    );
    fx.ok(
        "UpdateTimeToLive",
        json!({"TableName": "T", "TimeToLiveSpecification": {"Enabled": true, "AttributeName": "expires"}}),
    );
    assert_eq!(
        fx.ok("DescribeTimeToLive", json!({"TableName": "T"})),
        json!({"TimeToLiveDescription": {"TimeToLiveStatus": "ENABLED", "AttributeName": "expires"}})
    );
}

#[test]
fn unknown_operations_are_not_implemented() {
    let mut fx = Fx::new();
    let e = fx.err("ExecuteStatement", json!({"Statement": "SELECT * FROM T"}));
    assert_eq!((e.code.as_str(), e.status), ("NotImplemented", 501));
    assert!(e.message.contains("ExecuteStatement"));
}
