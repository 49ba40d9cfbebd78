//! Tests of the mock DynamoDB: numbers, the expression languages, every operation, the
//! exact error messages learners see, pagination and stream records; one module per job of
//! the service's modules.

use serde_json::{Value, json};

use super::DynamoDb;
use super::expressions::{self, Cond, Kind, PathElem};
use super::number::{self, Number};
use super::reserved;
use crate::AwsError;
use crate::env::{Env, Ids};
use crate::wire::Params;

mod batch;
mod expression;
mod items;
mod numbers;
mod reads;
mod streams;
mod tables;
mod transact;

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
