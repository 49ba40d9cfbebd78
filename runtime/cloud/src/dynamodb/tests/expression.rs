//! The expression languages: parsing, placeholders and reserved words, and evaluation of conditions and filters.

use super::*;

fn cond(src: &str) -> Cond {
    expressions::parse_condition(src, Kind::Condition).unwrap_or_else(|e| panic!("{src}: {}", e.message))
}

fn syntax_error(src: &str, kind: Kind) -> String {
    match kind {
        Kind::Update => expressions::parse_update(src).unwrap_err().message,
        Kind::Projection => expressions::parse_projection(src).unwrap_err().message,
        _ => expressions::parse_condition(src, kind).unwrap_err().message,
    }
}

#[test]
fn or_binds_looser_than_and() {
    match cond("a = :a OR b = :b AND c = :c") {
        Cond::Or(left, right) => {
            assert!(matches!(*left, Cond::Cmp(..)));
            assert!(matches!(*right, Cond::And(..)));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn not_binds_tighter_than_and_and_parentheses_regroup() {
    assert!(matches!(cond("NOT a = :a AND b = :b"), Cond::And(l, _) if matches!(*l, Cond::Not(_))));
    assert!(matches!(cond("(a = :a OR b = :b) AND c = :c"), Cond::And(l, _) if matches!(*l, Cond::Or(..))));
    assert!(matches!(cond("not (a = :a and b = :b)"), Cond::Not(inner) if matches!(*inner, Cond::And(..))));
}

#[test]
fn nested_paths_and_list_indexes_parse() {
    let Cond::Exists(p) = cond("attribute_exists(a.b[0].c[12])") else { panic!() };
    assert_eq!(
        p.0,
        vec![
            PathElem::Key("a".into()),
            PathElem::Key("b".into()),
            PathElem::Index(0),
            PathElem::Key("c".into()),
            PathElem::Index(12)
        ]
    );
    let Cond::Cmp(expressions::Operand::Path(p), ..) = cond("#m.#k[3] = :v") else { panic!() };
    assert_eq!(p.0.len(), 3);
}

#[test]
fn between_in_and_functions_parse() {
    assert!(matches!(cond("a BETWEEN :lo AND :hi"), Cond::Between(..)));
    assert!(matches!(cond("a IN (:x, :y, :z)"), Cond::In(_, l) if l.len() == 3));
    assert!(matches!(cond("size(a) > :n"), Cond::Cmp(expressions::Operand::Size(_), ..)));
    assert!(matches!(cond("begins_with(a, :p) AND contains(b, :c)"), Cond::And(..)));
    assert!(matches!(cond("attribute_type(a, :t)"), Cond::Type(..)));
    assert!(matches!(cond("a BETWEEN :lo AND :hi AND b = :b"), Cond::And(l, _) if matches!(*l, Cond::Between(..))));
}

#[test]
fn syntax_errors_quote_the_token_and_its_surroundings() {
    assert_eq!(
        syntax_error("a = = :v", Kind::Condition),
        "Invalid ConditionExpression: Syntax error; token: \"=\", near: \"= = :v\""
    );
    assert_eq!(
        syntax_error("SET a = :v :w", Kind::Update),
        "Invalid UpdateExpression: Syntax error; token: \":w\", near: \":v :w\""
    );
    assert_eq!(
        syntax_error("SET a = ", Kind::Update),
        "Invalid UpdateExpression: Syntax error; token: \"<EOF>\", near: \"=\""
    );
    assert_eq!(
        syntax_error("a = :v AND", Kind::Filter),
        "Invalid FilterExpression: Syntax error; token: \"<EOF>\", near: \"AND\""
    );
    assert_eq!(
        syntax_error("a, b c", Kind::Projection),
        "Invalid ProjectionExpression: Syntax error; token: \"c\", near: \"b c\""
    );
}

#[test]
fn update_expressions_parse_every_clause_once() {
    let u = expressions::parse_update("SET a = :a, b = b + :one REMOVE c[0], d ADD e :e DELETE f :f").unwrap();
    assert_eq!(u.actions.len(), 6);
    let u = expressions::parse_update("set x = list_append(if_not_exists(x, :empty), :new)").unwrap();
    assert_eq!(u.actions.len(), 1);
    assert_eq!(
        expressions::parse_update("SET a = :v SET b = :v").unwrap_err().message,
        "Invalid UpdateExpression: The \"SET\" section can only be used once in an update expression;"
    );
    assert_eq!(
        expressions::parse_update("SET a = foo(b)").unwrap_err().message,
        "Invalid UpdateExpression: Invalid function name; function: foo"
    );
}

#[test]
fn unknown_condition_functions_are_named() {
    assert_eq!(
        syntax_error("exists(a)", Kind::Condition),
        "Invalid ConditionExpression: Invalid function name; function: exists"
    );
}

#[test]
fn reserved_words_are_refused_with_the_expression_named() {
    let mut fx = Fx::with_table(None);
    let e = fx
        .update(json!({"UpdateExpression": "SET status = :s", "ExpressionAttributeValues": {":s": {"S": "x"}}}))
        .unwrap_err();
    assert_eq!(e.message, "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: status");
    let e = fx.err(
        "PutItem",
        json!({"TableName": "T", "Item": {"pk": {"S": "a"}, "sk": {"N": "1"}}, "ConditionExpression": "attribute_not_exists(Name)"}),
    );
    assert_eq!(e.message, "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: Name");
    let msg = fx.invalid(
        "Scan",
        json!({"TableName": "T", "FilterExpression": "data = :d", "ExpressionAttributeValues": {":d": {"S": "x"}}}),
    );
    assert_eq!(msg, "Invalid FilterExpression: Attribute name is a reserved keyword; reserved keyword: data");
    let msg = fx.invalid(
        "GetItem",
        json!({"TableName": "T", "Key": {"pk": {"S": "a"}, "sk": {"N": "1"}}, "ProjectionExpression": "pk, comment"}),
    );
    assert_eq!(msg, "Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: comment");
    assert!(
        reserved::is_reserved("TTL")
            && reserved::is_reserved("year")
            && !reserved::is_reserved("score")
    );
    assert_eq!(reserved::RESERVED_WORDS.len(), 573);
}

#[test]
fn placeholders_make_reserved_words_usable() {
    let mut fx = Fx::with_table(None);
    fx.update(json!({
        "UpdateExpression": "SET #s = :s",
        "ExpressionAttributeNames": {"#s": "status"},
        "ExpressionAttributeValues": {":s": {"S": "done"}},
    }))
    .unwrap();
    assert_eq!(fx.get("a", 1)["Item"]["status"], json!({"S": "done"}));
}

#[test]
fn undefined_values_are_refused_per_expression() {
    let mut fx = Fx::with_table(None);
    let e = fx.update(json!({"UpdateExpression": "SET a = :v"})).unwrap_err();
    assert_eq!(
        e.message,
        "Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :v"
    );
    let e = fx
        .update(json!({
            "UpdateExpression": "SET a = :v",
            "ConditionExpression": "b = :w",
            "ExpressionAttributeValues": {":v": {"S": "x"}},
        }))
        .unwrap_err();
    assert_eq!(
        e.message,
        "Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :w"
    );
    let msg = fx.invalid("Query", json!({"TableName": "T", "KeyConditionExpression": "pk = :p"}));
    assert_eq!(
        msg,
        "Invalid KeyConditionExpression: An expression attribute value used in expression is not defined; attribute value: :p"
    );
    let msg = fx.invalid("Scan", json!({"TableName": "T", "FilterExpression": "a = :a"}));
    assert_eq!(
        msg,
        "Invalid FilterExpression: An expression attribute value used in expression is not defined; attribute value: :a"
    );
}

#[test]
fn undefined_names_are_refused() {
    let mut fx = Fx::with_table(None);
    let msg = fx.invalid(
        "GetItem",
        json!({"TableName": "T", "Key": {"pk": {"S": "a"}, "sk": {"N": "1"}}, "ProjectionExpression": "#x"}),
    );
    assert_eq!(
        msg,
        "Invalid ProjectionExpression: An expression attribute name used in the document path is not defined; attribute name: #x"
    );
}

#[test]
fn unused_placeholders_are_refused() {
    let mut fx = Fx::with_table(None);
    let e = fx
        .update(json!({"UpdateExpression": "SET a = :v", "ExpressionAttributeValues": {":v": {"S": "1"}, ":x": {"S": "1"}}}))
        .unwrap_err();
    assert_eq!(e.message, "Value provided in ExpressionAttributeValues unused in expressions: keys: {:x}");
    let e = fx
        .update(json!({"UpdateExpression": "SET a = :v", "ExpressionAttributeNames": {"#n": "n"}, "ExpressionAttributeValues": {":v": {"S": "1"}}}))
        .unwrap_err();
    assert_eq!(e.message, "Value provided in ExpressionAttributeNames unused in expressions: keys: {#n}");
}

#[test]
fn placeholder_maps_are_validated() {
    let mut fx = Fx::with_table(None);
    let key = json!({"pk": {"S": "a"}, "sk": {"N": "1"}});
    let msg = fx.invalid(
        "DeleteItem",
        json!({"TableName": "T", "Key": key, "ConditionExpression": "a = :a", "ExpressionAttributeValues": {}}),
    );
    assert_eq!(msg, "ExpressionAttributeValues must not be empty");
    let msg = fx.invalid("DeleteItem", json!({"TableName": "T", "Key": key, "ConditionExpression": "a = :a", "ExpressionAttributeValues": {"a": {"S": "x"}}}));
    assert_eq!(msg, "ExpressionAttributeValues contains invalid key: Syntax error; key: \"a\"");
    let msg = fx.invalid("DeleteItem", json!({"TableName": "T", "Key": key, "ConditionExpression": "a = :a", "ExpressionAttributeValues": {":a": {"SS": []}}}));
    assert_eq!(
        msg,
        "ExpressionAttributeValues contains invalid value: One or more parameter values were invalid: An string set  may not be empty for key :a"
    );
    let msg = fx.invalid("GetItem", json!({"TableName": "T", "Key": key, "ExpressionAttributeNames": {"#a": "a"}}));
    assert_eq!(msg, "ExpressionAttributeNames can only be specified when using expressions");
    let msg = fx.invalid("Scan", json!({"TableName": "T", "FilterExpression": ""}));
    assert_eq!(msg, "Invalid FilterExpression: The expression can not be empty;");
}

fn filter_matches(fx: &mut Fx, filter: &str, values: Value) -> Vec<String> {
    let mut params = json!({"TableName": "T", "FilterExpression": filter});
    if !values.as_object().unwrap().is_empty() {
        params["ExpressionAttributeValues"] = values;
    }
    sks(&fx.ok("Scan", params))
}

fn condition_fixture() -> Fx {
    let mut fx = Fx::with_table(None);
    fx.put_n(
        "a",
        1,
        json!({"n": {"N": "9"}, "s": {"S": "Zebra"}, "tags": {"SS": ["x", "y"]}, "l": {"L": [{"S": "x"}]}}),
    );
    fx.put_n("a", 2, json!({"n": {"N": "10"}, "s": {"S": "apple"}, "b": {"B": {"$bytes": "AAE="}}}));
    fx.put_n("a", 3, json!({"n": {"S": "10"}, "s": {"S": "banana split"}}));
    fx
}

#[test]
fn comparisons_are_typed() {
    let mut fx = condition_fixture();
    assert_eq!(filter_matches(&mut fx, "n > :v", json!({":v": {"N": "9.5"}})), ["2"], "numbers numerically, S never");
    assert_eq!(filter_matches(&mut fx, "n = :v", json!({":v": {"N": "10.00"}})), ["2"]);
    assert_eq!(filter_matches(&mut fx, "s < :v", json!({":v": {"S": "a"}})), ["1"], "bytes: 'Z' < 'a'");
    assert_eq!(filter_matches(&mut fx, "n <> :v", json!({":v": {"N": "9"}})), ["2", "3"], "type mismatch is not equal");
    assert_eq!(filter_matches(&mut fx, "nothere <> :v", json!({":v": {"N": "9"}})), ["1", "2", "3"]);
    assert_eq!(filter_matches(&mut fx, "nothere < :v", json!({":v": {"N": "9"}})), Vec::<String>::new());
    assert_eq!(
        filter_matches(&mut fx, "n BETWEEN :lo AND :hi", json!({":lo": {"N": "9"}, ":hi": {"N": "9.9"}})),
        ["1"]
    );
    assert_eq!(filter_matches(&mut fx, "n IN (:a, :b)", json!({":a": {"N": "10"}, ":b": {"S": "10"}})), ["2", "3"]);
}

#[test]
fn condition_functions() {
    let mut fx = condition_fixture();
    assert_eq!(filter_matches(&mut fx, "attribute_exists(tags)", json!({})), ["1"]);
    assert_eq!(filter_matches(&mut fx, "attribute_not_exists(tags)", json!({})), ["2", "3"]);
    assert_eq!(filter_matches(&mut fx, "attribute_type(n, :t)", json!({":t": {"S": "S"}})), ["3"]);
    assert_eq!(filter_matches(&mut fx, "begins_with(s, :p)", json!({":p": {"S": "ban"}})), ["3"]);
    assert_eq!(filter_matches(&mut fx, "begins_with(b, :p)", json!({":p": {"B": {"$bytes": "AA=="}}})), ["2"]);
    assert_eq!(filter_matches(&mut fx, "contains(s, :p)", json!({":p": {"S": "split"}})), ["3"]);
    assert_eq!(filter_matches(&mut fx, "contains(tags, :p)", json!({":p": {"S": "y"}})), ["1"]);
    assert_eq!(filter_matches(&mut fx, "contains(l, :p)", json!({":p": {"S": "x"}})), ["1"]);
    assert_eq!(filter_matches(&mut fx, "size(s) > :n", json!({":n": {"N": "5"}})), ["3"]);
    assert_eq!(filter_matches(&mut fx, "size(tags) = :n", json!({":n": {"N": "2"}})), ["1"]);
}

#[test]
fn logical_operators_follow_precedence() {
    let mut fx = condition_fixture();
    let v = json!({":a": {"N": "9"}, ":b": {"S": "apple"}, ":c": {"S": "nope"}});
    assert_eq!(filter_matches(&mut fx, "n = :a OR s = :b AND s = :c", v.clone()), ["1"]);
    assert_eq!(filter_matches(&mut fx, "(n = :a OR s = :b) AND s = :c", v.clone()), Vec::<String>::new());
    let v = json!({":a": {"N": "9"}, ":b": {"S": "apple"}});
    assert_eq!(filter_matches(&mut fx, "NOT n = :a AND NOT s = :b", v), ["3"]);
}

#[test]
fn condition_static_checks() {
    let mut fx = Fx::with_table(None);
    let msg = fx.invalid(
        "Scan",
        json!({"TableName": "T", "FilterExpression": "a BETWEEN :hi AND :lo", "ExpressionAttributeValues": {":lo": {"N": "1"}, ":hi": {"N": "5"}}}),
    );
    assert_eq!(
        msg,
        "Invalid FilterExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:5}, upper bound operand: AttributeValue: {N:1}"
    );
    let msg = fx.invalid(
        "Scan",
        json!({"TableName": "T", "FilterExpression": "begins_with(a, :n)", "ExpressionAttributeValues": {":n": {"N": "1"}}}),
    );
    assert_eq!(
        msg,
        "Invalid FilterExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N"
    );
}
