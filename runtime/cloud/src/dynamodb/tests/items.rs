//! Single-item reads and writes: PutItem, GetItem, DeleteItem and UpdateItem.

use super::*;

#[test]
fn put_and_get_round_trip_every_type() {
    let mut fx = Fx::with_table(None);
    let item = json!({
        "pk": {"S": "a"},
        "sk": {"N": "1"},
        "s": {"S": "héllo"},
        "n": {"N": "1.50"},
        "b": {"B": {"$bytes": "AP8="}},
        "t": {"BOOL": true},
        "z": {"NULL": true},
        "l": {"L": [{"S": "x"}, {"N": "2"}]},
        "m": {"M": {"k": {"S": "v"}}},
        "ss": {"SS": ["b", "a"]},
        "ns": {"NS": ["10", "9"]},
        "bs": {"BS": [{"$bytes": "AQ=="}]},
    });
    fx.put(item);
    let got = fx.get("a", 1)["Item"].clone();
    assert_eq!(got["n"], json!({"N": "1.5"}));
    assert_eq!(got["b"], json!({"B": {"$bytes": "AP8="}}));
    assert_eq!(got["ss"], json!({"SS": ["a", "b"]}));
    assert_eq!(got["ns"], json!({"NS": ["9", "10"]}));
    assert_eq!(got["m"], json!({"M": {"k": {"S": "v"}}}));
    assert_eq!(got["l"]["L"][1], json!({"N": "2"}));
    assert_eq!(got["z"], json!({"NULL": true}));
    assert_eq!(got.as_object().unwrap().len(), 12);
}

#[test]
fn get_of_a_missing_item_has_no_item_key() {
    let mut fx = Fx::with_table(None);
    assert_eq!(fx.get("nope", 1), json!({}));
}

#[test]
fn get_item_projection_keeps_nested_structure() {
    let mut fx = Fx::with_table(None);
    fx.put_n(
        "a",
        1,
        json!({"m": {"M": {"x": {"S": "1"}, "y": {"S": "2"}}}, "l": {"L": [{"S": "0"}, {"S": "1"}, {"S": "2"}]}, "other": {"S": "o"}}),
    );
    let got = fx.ok(
        "GetItem",
        json!({"TableName": "T", "Key": {"pk": {"S": "a"}, "sk": {"N": "1"}}, "ProjectionExpression": "#m.x, l[2], l[0], nothere"
            , "ExpressionAttributeNames": {"#m": "m"}}),
    );
    assert_eq!(got["Item"], json!({"m": {"M": {"x": {"S": "1"}}}, "l": {"L": [{"S": "0"}, {"S": "2"}]}}));
    let msg = fx.invalid(
        "GetItem",
        json!({"TableName": "T", "Key": {"pk": {"S": "a"}, "sk": {"N": "1"}}, "ProjectionExpression": "m, m.x"}),
    );
    assert_eq!(
        msg,
        "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [m], path two: [m, x]"
    );
}

#[test]
fn put_item_key_validation_messages() {
    let mut fx = Fx::with_table(None);
    let msg = fx.invalid("PutItem", json!({"TableName": "T", "Item": {"pk": {"S": "a"}}}));
    assert_eq!(msg, "One or more parameter values were invalid: Missing the key sk in the item");
    let msg = fx.invalid("PutItem", json!({"TableName": "T", "Item": {"pk": {"S": "a"}, "sk": {"S": "1"}}}));
    assert_eq!(msg, "One or more parameter values were invalid: Type mismatch for key sk expected: N actual: S");
    let msg = fx.invalid("PutItem", json!({"TableName": "T", "Item": {"pk": {"S": ""}, "sk": {"N": "1"}}}));
    assert_eq!(
        msg,
        "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk"
    );
    let msg = fx.invalid("PutItem", json!({"TableName": "T", "Item": {"pk": {"S": "a"}, "sk": {"N": "x1"}}}));
    assert_eq!(msg, "The parameter cannot be converted to a numeric value: x1");
}

#[test]
fn key_parameters_must_match_the_schema() {
    let mut fx = Fx::with_table(None);
    for key in [
        json!({"pk": {"S": "a"}}),
        json!({"pk": {"S": "a"}, "sk": {"S": "1"}}),
        json!({"pk": {"S": "a"}, "sk": {"N": "1"}, "x": {"S": "y"}}),
    ] {
        let msg = fx.invalid("GetItem", json!({"TableName": "T", "Key": key}));
        assert_eq!(msg, "The provided key element does not match the schema");
    }
    let msg = fx.invalid("GetItem", json!({"TableName": "T", "Key": {"pk": {"S": ""}, "sk": {"N": "1"}}}));
    assert_eq!(
        msg,
        "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk"
    );
}

#[test]
fn attribute_values_are_validated() {
    let mut fx = Fx::with_table(None);
    for (value, message) in [
        (json!({"SS": []}), "One or more parameter values were invalid: An string set  may not be empty"),
        (json!({"NS": []}), "One or more parameter values were invalid: An number set  may not be empty"),
        (
            json!({"SS": ["a", "a"]}),
            "One or more parameter values were invalid: Input collection [a, a] contains duplicates.",
        ),
        (
            json!({"NULL": false}),
            "One or more parameter values were invalid: Null attribute value types must have the value of true",
        ),
        (json!({}), "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"),
        (
            json!({"S": "a", "N": "1"}),
            "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes",
        ),
        (
            json!({"N": "1e200"}),
            "Number overflow. Attempting to store a number with magnitude larger than supported range",
        ),
    ] {
        let msg =
            fx.invalid("PutItem", json!({"TableName": "T", "Item": {"pk": {"S": "a"}, "sk": {"N": "1"}, "x": value}}));
        assert_eq!(msg, message);
    }
}

#[test]
fn conditional_put_fails_with_conditional_check_failed() {
    let mut fx = Fx::with_table(None);
    let put = json!({
        "TableName": "T",
        "Item": {"pk": {"S": "a"}, "sk": {"N": "1"}, "v": {"N": "1"}},
        "ConditionExpression": "attribute_not_exists(pk)",
    });
    fx.ok("PutItem", put.clone());
    let e = fx.err("PutItem", put);
    assert_eq!(e.code, "ConditionalCheckFailedException");
    assert_eq!(e.message, "The conditional request failed");
    assert_eq!(e.status, 400);
    assert!(e.response().get("Item").is_none());
}

#[test]
fn failed_condition_returns_the_old_item_when_asked() {
    let mut fx = Fx::with_table(None);
    fx.put_n("a", 1, json!({"v": {"N": "1"}}));
    let e = fx.err(
        "PutItem",
        json!({
            "TableName": "T",
            "Item": {"pk": {"S": "a"}, "sk": {"N": "1"}},
            "ConditionExpression": "v > :v",
            "ExpressionAttributeValues": {":v": {"N": "5"}},
            "ReturnValuesOnConditionCheckFailure": "ALL_OLD",
        }),
    );
    assert_eq!(e.response()["Item"], json!({"pk": {"S": "a"}, "sk": {"N": "1"}, "v": {"N": "1"}}));
    let e = fx
        .update(
            json!({"ConditionExpression": "attribute_not_exists(v)", "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}),
        )
        .unwrap_err();
    assert_eq!(e.response()["Item"]["v"], json!({"N": "1"}));
}

#[test]
fn put_return_values() {
    let mut fx = Fx::with_table(None);
    let item = json!({"pk": {"S": "a"}, "sk": {"N": "1"}, "v": {"S": "old"}});
    assert_eq!(fx.ok("PutItem", json!({"TableName": "T", "Item": item, "ReturnValues": "ALL_OLD"})), json!({}));
    let mut item2 = item.clone();
    item2["v"] = json!({"S": "new"});
    let r = fx.ok("PutItem", json!({"TableName": "T", "Item": item2, "ReturnValues": "ALL_OLD"}));
    assert_eq!(r["Attributes"]["v"], json!({"S": "old"}));
    let msg = fx.invalid("PutItem", json!({"TableName": "T", "Item": item, "ReturnValues": "ALL_NEW"}));
    assert_eq!(msg, "Return values set to invalid value");
}

#[test]
fn items_over_400_kb_are_refused() {
    let mut fx = Fx::with_table(None);
    let big = "x".repeat(400 * 1024);
    let msg = fx
        .invalid("PutItem", json!({"TableName": "T", "Item": {"pk": {"S": "a"}, "sk": {"N": "1"}, "big": {"S": big}}}));
    assert_eq!(msg, "Item size has exceeded the maximum allowed size");
    fx.put_n("a", 1, json!({"half": {"S": "x".repeat(300 * 1024)}}));
    let e = fx
        .update(json!({"UpdateExpression": "SET more = :m", "ExpressionAttributeValues": {":m": {"S": "y".repeat(200 * 1024)}}}))
        .unwrap_err();
    assert_eq!(e.message, "Item size to update has exceeded the maximum allowed size");
}

#[test]
fn delete_item_with_condition_and_return_values() {
    let mut fx = Fx::with_table(None);
    fx.put_n("a", 1, json!({"v": {"N": "3"}}));
    let key = json!({"pk": {"S": "a"}, "sk": {"N": "1"}});
    let e = fx.err(
        "DeleteItem",
        json!({"TableName": "T", "Key": key, "ConditionExpression": "v = :v", "ExpressionAttributeValues": {":v": {"N": "4"}}}),
    );
    assert_eq!(e.code, "ConditionalCheckFailedException");
    let r = fx.ok(
        "DeleteItem",
        json!({"TableName": "T", "Key": key, "ConditionExpression": "v = :v", "ExpressionAttributeValues": {":v": {"N": "3.0"}}, "ReturnValues": "ALL_OLD"}),
    );
    assert_eq!(r["Attributes"]["v"], json!({"N": "3"}));
    assert_eq!(fx.get("a", 1), json!({}));
    assert_eq!(fx.ok("DeleteItem", json!({"TableName": "T", "Key": key, "ReturnValues": "ALL_OLD"})), json!({}));
}

#[test]
fn update_creates_the_item_and_does_arithmetic() {
    let mut fx = Fx::with_table(None);
    let r = fx
        .update(json!({
            "UpdateExpression": "SET visits = if_not_exists(visits, :zero) + :one",
            "ExpressionAttributeValues": {":zero": {"N": "0"}, ":one": {"N": "1"}},
            "ReturnValues": "ALL_NEW",
        }))
        .unwrap();
    assert_eq!(r["Attributes"], json!({"pk": {"S": "a"}, "sk": {"N": "1"}, "visits": {"N": "1"}}));
    let r = fx
        .update(json!({
            "UpdateExpression": "SET visits = visits + :one, price = :p - :d",
            "ExpressionAttributeValues": {":one": {"N": "1"}, ":p": {"N": "0.3"}, ":d": {"N": "0.1"}},
            "ReturnValues": "UPDATED_NEW",
        }))
        .unwrap();
    assert_eq!(r["Attributes"], json!({"visits": {"N": "2"}, "price": {"N": "0.2"}}));
}

#[test]
fn update_list_append_and_nested_paths() {
    let mut fx = Fx::with_table(None);
    fx.put_n("a", 1, json!({"doc": {"M": {"tags": {"L": [{"M": {"c": {"S": "old"}}}]}}}}));
    fx.update(json!({
        "UpdateExpression": "SET doc.tags[0].c = :c, doc.tags = list_append(doc.tags, :more), #l = list_append(if_not_exists(#l, :empty), :more)",
        "ExpressionAttributeNames": {"#l": "log"},
        "ExpressionAttributeValues": {":c": {"S": "new"}, ":more": {"L": [{"S": "x"}]}, ":empty": {"L": []}},
    }))
    .unwrap_err();
    // The two doc paths overlap; do them in two updates.
    fx.update(json!({"UpdateExpression": "SET doc.tags[0].c = :c", "ExpressionAttributeValues": {":c": {"S": "new"}}}))
        .unwrap();
    fx.update(json!({
        "UpdateExpression": "SET doc.tags = list_append(doc.tags, :more), #l = list_append(if_not_exists(#l, :empty), :more)",
        "ExpressionAttributeNames": {"#l": "log"},
        "ExpressionAttributeValues": {":more": {"L": [{"S": "x"}]}, ":empty": {"L": []}},
    }))
    .unwrap();
    let item = fx.get("a", 1)["Item"].clone();
    assert_eq!(item["doc"]["M"]["tags"]["L"], json!([{"M": {"c": {"S": "new"}}}, {"S": "x"}]));
    assert_eq!(item["log"], json!({"L": [{"S": "x"}]}));
}

#[test]
fn update_remove_list_elements_uses_original_indexes() {
    let mut fx = Fx::with_table(None);
    fx.put_n("a", 1, json!({"l": {"L": [{"S": "0"}, {"S": "1"}, {"S": "2"}, {"S": "3"}]}, "gone": {"S": "x"}}));
    fx.update(json!({"UpdateExpression": "REMOVE l[1], l[3], gone, never"})).unwrap();
    let item = fx.get("a", 1)["Item"].clone();
    assert_eq!(item["l"], json!({"L": [{"S": "0"}, {"S": "2"}]}));
    assert!(item.get("gone").is_none());
}

#[test]
fn update_add_and_delete_on_numbers_and_sets() {
    let mut fx = Fx::with_table(None);
    fx.update(json!({
        "UpdateExpression": "ADD n :n, tags :t",
        "ExpressionAttributeValues": {":n": {"N": "5"}, ":t": {"SS": ["a", "b"]}},
    }))
    .unwrap();
    fx.update(json!({
        "UpdateExpression": "ADD n :n, tags :t",
        "ExpressionAttributeValues": {":n": {"N": "-2"}, ":t": {"SS": ["c", "a"]}},
    }))
    .unwrap();
    let item = fx.get("a", 1)["Item"].clone();
    assert_eq!(item["n"], json!({"N": "3"}));
    assert_eq!(item["tags"], json!({"SS": ["a", "b", "c"]}));
    fx.update(
        json!({"UpdateExpression": "DELETE tags :t", "ExpressionAttributeValues": {":t": {"SS": ["a", "b", "z"]}}}),
    )
    .unwrap();
    assert_eq!(fx.get("a", 1)["Item"]["tags"], json!({"SS": ["c"]}));
    fx.update(json!({"UpdateExpression": "DELETE tags :t", "ExpressionAttributeValues": {":t": {"SS": ["c"]}}}))
        .unwrap();
    assert!(fx.get("a", 1)["Item"].get("tags").is_none(), "an emptied set is removed");
}

#[test]
fn update_return_values_updated_old_and_all_old() {
    let mut fx = Fx::with_table(None);
    fx.put_n("a", 1, json!({"x": {"N": "1"}, "y": {"N": "2"}, "m": {"M": {"p": {"S": "1"}, "q": {"S": "2"}}}}));
    let r = fx
        .update(json!({
            "UpdateExpression": "SET x = :v, m.p = :v REMOVE y",
            "ExpressionAttributeValues": {":v": {"N": "9"}},
            "ReturnValues": "UPDATED_OLD",
        }))
        .unwrap();
    assert_eq!(r["Attributes"], json!({"x": {"N": "1"}, "y": {"N": "2"}, "m": {"M": {"p": {"S": "1"}}}}));
    let r = fx.update(json!({"UpdateExpression": "SET z = :v", "ExpressionAttributeValues": {":v": {"N": "1"}}, "ReturnValues": "UPDATED_OLD"})).unwrap();
    assert_eq!(r, json!({}), "nothing was there before");
    let r = fx.update(json!({"UpdateExpression": "REMOVE z", "ReturnValues": "ALL_OLD"})).unwrap();
    assert_eq!(r["Attributes"]["z"], json!({"N": "1"}));
    let r = fx.update(json!({"UpdateExpression": "REMOVE x"})).unwrap();
    assert_eq!(r, json!({}));
}

#[test]
fn update_error_messages() {
    let mut fx = Fx::with_table(None);
    fx.put_n("a", 1, json!({"s": {"S": "x"}, "l": {"L": []}, "ss": {"SS": ["a"]}}));
    let cases = [
        (
            json!({"UpdateExpression": "SET a = b + :v", "ExpressionAttributeValues": {":v": {"N": "1"}}}),
            "The provided expression refers to an attribute that does not exist in the item",
        ),
        (
            json!({"UpdateExpression": "SET a = s + :v", "ExpressionAttributeValues": {":v": {"N": "1"}}}),
            "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: +, operand type: S",
        ),
        (
            json!({"UpdateExpression": "SET l = list_append(l, :v)", "ExpressionAttributeValues": {":v": {"S": "1"}}}),
            "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: list_append, operand type: S",
        ),
        (
            json!({"UpdateExpression": "SET pk = :v", "ExpressionAttributeValues": {":v": {"S": "1"}}}),
            "One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key",
        ),
        (
            json!({"UpdateExpression": "SET a = :v, a.b = :v", "ExpressionAttributeValues": {":v": {"S": "1"}}}),
            "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]",
        ),
        (
            json!({"UpdateExpression": "SET x.y = :v", "ExpressionAttributeValues": {":v": {"S": "1"}}}),
            "The document path provided in the update expression is invalid for update",
        ),
        (
            json!({"UpdateExpression": "ADD s :v", "ExpressionAttributeValues": {":v": {"N": "1"}}}),
            "An operand in the update expression has an incorrect data type",
        ),
        (
            json!({"UpdateExpression": "ADD a :v", "ExpressionAttributeValues": {":v": {"S": "1"}}}),
            "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING, typeSet: ALLOWED_FOR_ADD_OPERAND",
        ),
        (
            json!({"UpdateExpression": "DELETE ss :v", "ExpressionAttributeValues": {":v": {"S": "1"}}}),
            "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: STRING, typeSet: ALLOWED_FOR_DELETE_OPERAND",
        ),
        (
            json!({"UpdateExpression": "DELETE ss :v", "ExpressionAttributeValues": {":v": {"NS": ["1"]}}}),
            "An operand in the update expression has an incorrect data type",
        ),
        (json!({"UpdateExpression": "  "}), "Invalid UpdateExpression: The expression can not be empty;"),
        (
            json!({"UpdateExpression": "SET a = :v", "ExpressionAttributeValues": {":v": {"S": "1"}}, "ReturnValues": "EVERYTHING"}),
            "Return values set to invalid value",
        ),
    ];
    for (params, message) in cases {
        let e = fx.update(params.clone()).unwrap_err();
        assert_eq!(e.message, message, "{params}");
        assert_eq!(e.code, "ValidationException");
    }
    // Nothing was changed by the failed updates.
    assert_eq!(fx.get("a", 1)["Item"].as_object().unwrap().len(), 5);
}

#[test]
fn update_values_are_read_before_any_action_applies() {
    let mut fx = Fx::with_table(None);
    fx.put_n("a", 1, json!({"x": {"N": "1"}, "y": {"N": "2"}}));
    fx.update(json!({"UpdateExpression": "SET x = y, y = x"})).unwrap();
    let item = fx.get("a", 1)["Item"].clone();
    assert_eq!((item["x"].clone(), item["y"].clone()), (json!({"N": "2"}), json!({"N": "1"})));
}
