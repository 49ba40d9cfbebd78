//! Stream records and the state snapshot.

use super::*;

#[test]
fn stream_records_for_new_and_old_images() {
    let mut fx = Fx::with_table(Some("NEW_AND_OLD_IMAGES"));
    let arn = "arn:aws:dynamodb:us-east-1:123456789012:table/T/stream/2026-01-15T12:00:00.000";
    assert_eq!(fx.db.stream_arn("T").as_deref(), Some(arn));
    assert_eq!(fx.ok("DescribeTable", json!({"TableName": "T"}))["Table"]["LatestStreamArn"], arn);
    fx.now += 5_500;
    fx.put_n("a", 1, json!({"v": {"N": "1"}, "bin": {"B": {"$bytes": "AQI="}}}));
    fx.update(json!({"UpdateExpression": "SET v = v + :one", "ExpressionAttributeValues": {":one": {"N": "1"}}}))
        .unwrap();
    fx.ok("DeleteItem", json!({"TableName": "T", "Key": {"pk": {"S": "a"}, "sk": {"N": "1"}}}));
    let records = fx.records();
    assert_eq!(records.len(), 3);
    let names: Vec<&str> = records.iter().map(|r| r["eventName"].as_str().unwrap()).collect();
    assert_eq!(names, ["INSERT", "MODIFY", "REMOVE"]);
    let insert = &records[0];
    assert_eq!(insert["eventVersion"], "1.1");
    assert_eq!(insert["eventSource"], "aws:dynamodb");
    assert_eq!(insert["awsRegion"], "us-east-1");
    assert_eq!(insert["eventSourceARN"], arn);
    let id = insert["eventID"].as_str().unwrap();
    assert!(id.len() == 32 && id.chars().all(|c| c.is_ascii_hexdigit()));
    let d = &insert["dynamodb"];
    assert_eq!(d["ApproximateCreationDateTime"], json!((NOW + 5_500) / 1000));
    assert_eq!(d["Keys"], json!({"pk": {"S": "a"}, "sk": {"N": "1"}}));
    assert_eq!(d["NewImage"]["bin"], json!({"B": {"$bytes": "AQI="}}));
    assert!(d.get("OldImage").is_none());
    assert_eq!(d["StreamViewType"], "NEW_AND_OLD_IMAGES");
    assert_eq!(d["SequenceNumber"], "100000000000000000001");
    assert!(d["SizeBytes"].as_u64().unwrap() > 0);
    let modify = &records[1]["dynamodb"];
    assert_eq!(
        (modify["OldImage"]["v"].clone(), modify["NewImage"]["v"].clone()),
        (json!({"N": "1"}), json!({"N": "2"}))
    );
    assert_eq!(modify["SequenceNumber"], "100000000000000000002");
    let remove = &records[2]["dynamodb"];
    assert!(remove.get("NewImage").is_none());
    assert_eq!(remove["OldImage"]["v"], json!({"N": "2"}));
    assert!(fx.records().is_empty(), "taking drains the records");
}

#[test]
fn stream_view_types_choose_the_images() {
    for (view, new_on_modify, old_on_modify) in [
        ("KEYS_ONLY", false, false),
        ("NEW_IMAGE", true, false),
        ("OLD_IMAGE", false, true),
        ("NEW_AND_OLD_IMAGES", true, true),
    ] {
        let mut fx = Fx::with_table(Some(view));
        fx.put_n("a", 1, json!({"v": {"N": "1"}}));
        fx.put_n("a", 1, json!({"v": {"N": "2"}}));
        fx.ok("DeleteItem", json!({"TableName": "T", "Key": {"pk": {"S": "a"}, "sk": {"N": "1"}}}));
        let records = fx.records();
        let modify = &records[1]["dynamodb"];
        assert_eq!(modify.get("NewImage").is_some(), new_on_modify, "{view}");
        assert_eq!(modify.get("OldImage").is_some(), old_on_modify, "{view}");
        assert!(records[0]["dynamodb"].get("OldImage").is_none(), "{view}: INSERT has no old image");
        assert!(records[2]["dynamodb"].get("NewImage").is_none(), "{view}: REMOVE has no new image");
        assert_eq!(records[2]["dynamodb"]["Keys"], json!({"pk": {"S": "a"}, "sk": {"N": "1"}}));
        assert_eq!(records[0]["dynamodb"]["StreamViewType"], view);
    }
}

#[test]
fn writes_that_change_nothing_make_no_records() {
    let mut fx = Fx::with_table(Some("NEW_IMAGE"));
    fx.put_n("a", 1, json!({"v": {"N": "1"}, "ss": {"SS": ["x", "y"]}}));
    fx.put_n("a", 1, json!({"v": {"N": "1.0"}, "ss": {"SS": ["y", "x"]}}));
    fx.update(json!({"UpdateExpression": "SET v = :v", "ExpressionAttributeValues": {":v": {"N": "1"}}})).unwrap();
    fx.ok("DeleteItem", json!({"TableName": "T", "Key": {"pk": {"S": "zzz"}, "sk": {"N": "1"}}}));
    let e = fx.err(
        "PutItem",
        json!({"TableName": "T", "Item": {"pk": {"S": "a"}, "sk": {"N": "1"}}, "ConditionExpression": "attribute_not_exists(pk)"}),
    );
    assert_eq!(e.code, "ConditionalCheckFailedException");
    assert_eq!(fx.records().len(), 1);
}

#[test]
fn batch_writes_make_stream_records() {
    let mut fx = Fx::with_table(Some("KEYS_ONLY"));
    fx.ok(
        "BatchWriteItem",
        json!({"RequestItems": {"T": [
            {"PutRequest": {"Item": {"pk": {"S": "b"}, "sk": {"N": "1"}}}},
            {"PutRequest": {"Item": {"pk": {"S": "b"}, "sk": {"N": "2"}}}},
        ]}}),
    );
    let records = fx.records();
    assert_eq!(records.len(), 2);
    assert_eq!(records[1]["dynamodb"]["SequenceNumber"], "100000000000000000002");
    assert!(records[0]["dynamodb"].get("NewImage").is_none());
    assert!(fx.db.take_stream_records("Nope").is_empty());
}

#[test]
fn snapshot_lists_tables_and_items_in_key_order() {
    let mut fx = Fx::with_table(Some("NEW_IMAGE"));
    fx.put_n("b", 1, json!({}));
    fx.put_n("a", 10, json!({"bin": {"B": {"$bytes": "AA=="}}}));
    fx.put_n("a", 9, json!({}));
    let snap = fx.db.snapshot();
    let t = &snap["tables"]["T"];
    assert_eq!(t["KeySchema"][0]["AttributeName"], "pk");
    assert_eq!(t["AttributeDefinitions"][1], json!({"AttributeName": "sk", "AttributeType": "N"}));
    assert_eq!(t["StreamSpecification"], json!({"StreamEnabled": true, "StreamViewType": "NEW_IMAGE"}));
    let keys: Vec<String> = t["Items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| format!("{}{}", i["pk"]["S"].as_str().unwrap(), i["sk"]["N"].as_str().unwrap()))
        .collect();
    assert_eq!(keys, ["a9", "a10", "b1"]);
    assert_eq!(t["Items"][1]["bin"], json!({"B": {"$bytes": "AA=="}}));
}
