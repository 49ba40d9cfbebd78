//! Tests of the mock DynamoDB: numbers, the expression languages, every operation, the
//! exact error messages learners see, pagination and stream records.

use serde_json::{Value, json};

use super::DynamoDb;
use super::expressions::{self, Cond, Kind, PathElem};
use super::number::Number;
use crate::AwsError;
use crate::env::{Env, Ids};
use crate::wire::Params;

/// 2026-01-15T12:00:00Z, the cloud's default start.
const NOW: i64 = 1_768_478_400_000;

struct Fx {
    db: DynamoDb,
    ids: Ids,
    now: i64,
}

impl Fx {
    fn new() -> Fx {
        Fx { db: DynamoDb::default(), ids: Ids::new(1), now: NOW }
    }

    /// A fixture with table `T` (pk S, sk N) and the given stream view type.
    fn with_table(stream: Option<&str>) -> Fx {
        let mut fx = Fx::new();
        let mut params = json!({
            "TableName": "T",
            "KeySchema": [{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
            "AttributeDefinitions": [{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "N"}],
            "BillingMode": "PAY_PER_REQUEST",
        });
        if let Some(view) = stream {
            params["StreamSpecification"] = json!({"StreamEnabled": true, "StreamViewType": view});
        }
        fx.ok("CreateTable", params);
        fx
    }

    /// A fixture with hash-only table `H` (id S).
    fn with_hash_table() -> Fx {
        let mut fx = Fx::new();
        fx.ok(
            "CreateTable",
            json!({
                "TableName": "H",
                "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
                "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
                "BillingMode": "PAY_PER_REQUEST",
            }),
        );
        fx
    }

    fn call(&mut self, op: &str, params: Value) -> Result<Value, AwsError> {
        let mut env = Env::new(self.now, &mut self.ids);
        self.db.call(op, Params(&params), &mut env)
    }

    fn ok(&mut self, op: &str, params: Value) -> Value {
        self.call(op, params).unwrap_or_else(|e| panic!("{op} failed: {e}"))
    }

    fn err(&mut self, op: &str, params: Value) -> AwsError {
        match self.call(op, params) {
            Ok(v) => panic!("{op} unexpectedly succeeded: {v}"),
            Err(e) => e,
        }
    }

    /// The error message, asserting a ValidationException.
    fn invalid(&mut self, op: &str, params: Value) -> String {
        let e = self.err(op, params);
        assert_eq!(e.code, "ValidationException", "{}", e.message);
        assert_eq!(e.status, 400);
        e.message
    }

    fn put(&mut self, item: Value) {
        self.ok("PutItem", json!({"TableName": "T", "Item": item}));
    }

    fn put_n(&mut self, pk: &str, sk: i64, extra: Value) {
        let mut item = json!({"pk": {"S": pk}, "sk": {"N": sk.to_string()}});
        if let Value::Object(m) = extra {
            for (k, v) in m {
                item[k] = v;
            }
        }
        self.put(item);
    }

    fn get(&mut self, pk: &str, sk: i64) -> Value {
        self.ok("GetItem", json!({"TableName": "T", "Key": {"pk": {"S": pk}, "sk": {"N": sk.to_string()}}}))
    }

    fn update(&mut self, params: Value) -> Result<Value, AwsError> {
        let mut p = json!({"TableName": "T", "Key": {"pk": {"S": "a"}, "sk": {"N": "1"}}});
        for (k, v) in params.as_object().unwrap() {
            p[k] = v.clone();
        }
        self.call("UpdateItem", p)
    }

    fn query(&mut self, params: Value) -> Value {
        let mut p = json!({"TableName": "T"});
        for (k, v) in params.as_object().unwrap() {
            p[k] = v.clone();
        }
        self.ok("Query", p)
    }

    fn records(&mut self) -> Vec<Value> {
        self.db.take_stream_records("T")
    }
}

fn n(s: &str) -> Number {
    Number::parse(s).unwrap_or_else(|| panic!("{s} is a number"))
}

fn sks(resp: &Value) -> Vec<String> {
    resp["Items"].as_array().unwrap().iter().map(|i| i["sk"]["N"].as_str().unwrap().to_owned()).collect()
}

// ---------------------------------------------------------------------------------------------
// Numbers

#[test]
fn numbers_are_returned_in_canonical_form() {
    for (input, canonical) in [
        ("1.50", "1.5"),
        ("1E+2", "100"),
        ("1e-3", "0.001"),
        ("007", "7"),
        ("-0.0", "0"),
        ("+3", "3"),
        ("-12.340e1", "-123.4"),
        ("123456789012345678901234567890", "123456789012345678901234567890"),
        (".5", "0.5"),
        ("5.", "5"),
    ] {
        assert_eq!(n(input).to_string(), canonical, "{input}");
    }
}

#[test]
fn malformed_numbers_are_refused() {
    for bad in ["", "abc", " 1", "1 ", "1e", "--1", "1.2.3", "NaN", "Infinity", "0x10", "."] {
        assert!(Number::parse(bad).is_none(), "{bad:?}");
    }
}

#[test]
fn numbers_compare_numerically_not_textually() {
    assert!(n("10") > n("9"));
    assert!(n("-1") < n("0.5"));
    assert!(n("-10") < n("-9"));
    assert_eq!(n("1.0"), n("1"));
    assert!(n("0.09") < n("0.1"));
    assert!(n("12345678901234567890123456789012345678") > n("12345678901234567890123456789012345677"));
}

#[test]
fn number_arithmetic_is_exact() {
    assert_eq!(n("0.1").add(&n("0.2")).to_string(), "0.3");
    assert_eq!(n("1").sub(&n("1.5")).to_string(), "-0.5");
    assert_eq!(n("99999999999999999999").add(&n("1")).to_string(), "100000000000000000000");
    assert_eq!(n("-5").add(&n("5")).to_string(), "0");
    assert_eq!(n("-5").sub(&n("-7.25")).to_string(), "2.25");
    assert_eq!(n("1e20").add(&n("1e-5")).to_string(), "100000000000000000000.00001");
}

#[test]
fn number_limits_use_dynamodb_messages() {
    assert_eq!(n(&"1".repeat(39)).check_limits(), Err(super::number::TOO_MANY_DIGITS));
    assert_eq!(n("1e126").check_limits(), Err(super::number::OVERFLOW));
    assert_eq!(n("9.9e125").check_limits(), Ok(()));
    assert_eq!(n("1e-131").check_limits(), Err(super::number::UNDERFLOW));
    assert_eq!(n("1e-130").check_limits(), Ok(()));
}

// ---------------------------------------------------------------------------------------------
// Expression parsing

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

// ---------------------------------------------------------------------------------------------
// Placeholders, reserved words, unused values (through operations)

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
        super::reserved::is_reserved("TTL")
            && super::reserved::is_reserved("year")
            && !super::reserved::is_reserved("score")
    );
    assert_eq!(super::reserved::RESERVED_WORDS.len(), 573);
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

// ---------------------------------------------------------------------------------------------
// Tables

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

// ---------------------------------------------------------------------------------------------
// Items

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

// ---------------------------------------------------------------------------------------------
// UpdateItem

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

// ---------------------------------------------------------------------------------------------
// Conditions and filters (evaluation)

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

// ---------------------------------------------------------------------------------------------
// Query and Scan

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

// ---------------------------------------------------------------------------------------------
// Batches

#[test]
fn batch_write_puts_and_deletes() {
    let mut fx = Fx::with_table(None);
    fx.put_n("a", 1, json!({}));
    let r = fx.ok(
        "BatchWriteItem",
        json!({"RequestItems": {"T": [
            {"PutRequest": {"Item": {"pk": {"S": "b"}, "sk": {"N": "1"}}}},
            {"PutRequest": {"Item": {"pk": {"S": "b"}, "sk": {"N": "2"}}}},
            {"DeleteRequest": {"Key": {"pk": {"S": "a"}, "sk": {"N": "1"}}}},
        ]}}),
    );
    assert_eq!(r, json!({"UnprocessedItems": {}}));
    let scan = fx.ok("Scan", json!({"TableName": "T"}));
    assert_eq!(scan["Count"], 2);
    assert_eq!(fx.get("a", 1), json!({}));
}

#[test]
fn batch_write_limits_and_duplicates() {
    let mut fx = Fx::with_table(None);
    let puts: Vec<Value> =
        (0..26).map(|i| json!({"PutRequest": {"Item": {"pk": {"S": "b"}, "sk": {"N": i.to_string()}}}})).collect();
    let msg = fx.invalid("BatchWriteItem", json!({"RequestItems": {"T": puts}}));
    assert_eq!(msg, "Too many items requested for the BatchWriteItem call");
    let dup = json!({"PutRequest": {"Item": {"pk": {"S": "b"}, "sk": {"N": "1"}}}});
    let msg = fx.invalid("BatchWriteItem", json!({"RequestItems": {"T": [dup.clone(), dup]}}));
    assert_eq!(msg, "Provided list of item keys contains duplicates");
    let e = fx.err(
        "BatchWriteItem",
        json!({"RequestItems": {
            "T": [{"PutRequest": {"Item": {"pk": {"S": "ok"}, "sk": {"N": "1"}}}}],
            "Missing": [{"PutRequest": {"Item": {"id": {"S": "x"}}}}],
        }}),
    );
    assert_eq!(e.code, "ResourceNotFoundException");
    assert_eq!(fx.get("ok", 1), json!({}), "nothing is written when any request is invalid");
}

#[test]
fn batch_get_returns_found_items() {
    let mut fx = Fx::with_table(None);
    fx.put_n("a", 1, json!({"v": {"S": "one"}, "w": {"S": "x"}}));
    fx.put_n("a", 2, json!({"v": {"S": "two"}}));
    let r = fx.ok(
        "BatchGetItem",
        json!({"RequestItems": {"T": {
            "Keys": [{"pk": {"S": "a"}, "sk": {"N": "1"}}, {"pk": {"S": "a"}, "sk": {"N": "3"}}, {"pk": {"S": "a"}, "sk": {"N": "2"}}],
            "ProjectionExpression": "#v",
            "ExpressionAttributeNames": {"#v": "v"},
        }}}),
    );
    assert_eq!(r, json!({"Responses": {"T": [{"v": {"S": "one"}}, {"v": {"S": "two"}}]}, "UnprocessedKeys": {}}));
    let keys: Vec<Value> = (0..101).map(|i| json!({"pk": {"S": "a"}, "sk": {"N": i.to_string()}})).collect();
    let msg = fx.invalid(
        "BatchGetItem",
        json!({"RequestItems": {"T": {"Keys": keys[..60].to_vec()}, "U": {"Keys": keys[60..].to_vec()}}}),
    );
    assert_eq!(msg, "Too many items requested for the BatchGetItem call");
}

// ---------------------------------------------------------------------------------------------
// Streams

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

// ---------------------------------------------------------------------------------------------
// Snapshot

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

// ---------------------------------------------------------------------------------------------
// Transactions

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

// ---------------------------------------------------------------------------------------------
// More Query and table details

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
