//! TransactWriteItems and TransactGetItems.

use super::*;

#[test]
fn transact_write_commits_every_action() {
    let mut fx = Fx::with_table(Some("KEYS_ONLY"));
    fx.put_n("a", 1, json!({"n": {"N": "1"}}));
    fx.put_n("a", 2, json!({}));
    fx.put_n("a", 3, json!({}));
    let r = fx.ok(
        "TransactWriteItems",
        json!({"TransactItems": [
            {"Put": {"TableName": "T", "Item": {"pk": {"S": "b"}, "sk": {"N": "1"}}, "ConditionExpression": "attribute_not_exists(pk)"}},
            {"Update": {"TableName": "T", "Key": {"pk": {"S": "a"}, "sk": {"N": "1"}}, "UpdateExpression": "ADD n :one",
                "ExpressionAttributeValues": {":one": {"N": "1"}}}},
            {"Delete": {"TableName": "T", "Key": {"pk": {"S": "a"}, "sk": {"N": "2"}}}},
            {"ConditionCheck": {"TableName": "T", "Key": {"pk": {"S": "a"}, "sk": {"N": "3"}}, "ConditionExpression": "attribute_exists(pk)"}},
        ]}),
    );
    assert_eq!(r, json!({}));
    assert_eq!(fx.get("a", 1)["Item"]["n"], json!({"N": "2"}));
    assert_eq!(fx.get("a", 2), json!({}));
    assert!(fx.get("b", 1).get("Item").is_some());
    let names: Vec<String> = fx.records().iter().map(|r| r["eventName"].as_str().unwrap().to_owned()).collect();
    assert_eq!(names[3..], ["INSERT", "MODIFY", "REMOVE"], "the condition check writes nothing");
}

#[test]
fn transact_write_is_cancelled_as_a_whole() {
    let mut fx = Fx::with_table(None);
    fx.put_n("a", 1, json!({"n": {"N": "1"}}));
    let e = fx.err(
        "TransactWriteItems",
        json!({"TransactItems": [
            {"Put": {"TableName": "T", "Item": {"pk": {"S": "b"}, "sk": {"N": "1"}}}},
            {"ConditionCheck": {"TableName": "T", "Key": {"pk": {"S": "a"}, "sk": {"N": "1"}}, "ConditionExpression": "n > :n",
                "ExpressionAttributeValues": {":n": {"N": "5"}}, "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}},
        ]}),
    );
    assert_eq!(e.code, "TransactionCanceledException");
    assert_eq!(
        e.message,
        "Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]"
    );
    let reasons = &e.response()["CancellationReasons"];
    assert_eq!(reasons[0], json!({"Code": "None"}));
    assert_eq!(reasons[1]["Code"], "ConditionalCheckFailed");
    assert_eq!(reasons[1]["Item"]["n"], json!({"N": "1"}));
    assert_eq!(fx.get("b", 1), json!({}), "the put was not applied");
    let key = json!({"pk": {"S": "a"}, "sk": {"N": "1"}});
    let msg = fx.invalid(
        "TransactWriteItems",
        json!({"TransactItems": [
            {"Delete": {"TableName": "T", "Key": key}},
            {"Update": {"TableName": "T", "Key": key, "UpdateExpression": "REMOVE n"}},
        ]}),
    );
    assert_eq!(msg, "Transaction request cannot include multiple operations on one item");
}

#[test]
fn transact_get_returns_one_response_per_key() {
    let mut fx = Fx::with_table(None);
    fx.put_n("a", 1, json!({"n": {"N": "1"}, "m": {"S": "x"}}));
    let r = fx.ok(
        "TransactGetItems",
        json!({"TransactItems": [
            {"Get": {"TableName": "T", "Key": {"pk": {"S": "a"}, "sk": {"N": "1"}}, "ProjectionExpression": "n"}},
            {"Get": {"TableName": "T", "Key": {"pk": {"S": "a"}, "sk": {"N": "2"}}}},
        ]}),
    );
    assert_eq!(r, json!({"Responses": [{"Item": {"n": {"N": "1"}}}, {}]}));
}
