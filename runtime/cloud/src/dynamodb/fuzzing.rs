//! Entry point of the `dynamodb_expression` fuzz target (`fuzz/`, feature `fuzzing`).
//!
//! The expression parsers are crate-private, and reaching them through whole API calls would
//! spend most executions creating tables; this runs one text through every parser, the
//! placeholder resolution a request makes, and evaluation against a fixed item, the way a
//! learner's Query or UpdateItem would.

use serde_json::json;

use super::eval::{apply_update, eval, project};
use super::expressions::{Kind, parse_condition, parse_projection, parse_update};
use super::placeholders::Placeholders;
use super::types::{Item, item_from_json};

/// Parses `src` as each kind of expression; what parses is resolved and run. Never panics
/// (that is what the fuzzer checks): every bad expression must be an `AwsError`.
pub fn expression(src: &str) {
    for kind in [Kind::Condition, Kind::Filter, Kind::KeyCondition] {
        let _ = parse_condition(src, kind);
    }
    let _ = parse_update(src);
    let _ = parse_projection(src);

    let item = sample_item();
    if let Ok(Some(c)) = placeholders().condition(Some(src), Kind::Condition) {
        eval(&c, &item);
    }
    let _ = placeholders().key_condition(Some(src));
    if let Ok(Some(u)) = placeholders().update(Some(src)) {
        let _ = apply_update(&u, &item);
    }
    if let Ok(Some(paths)) = placeholders().projection(Some(src)) {
        project(&item, &paths);
    }
}

/// Placeholders of every type, so that resolution and evaluation are reached.
fn placeholders() -> Placeholders {
    let names = json!({"#a": "a", "#n": "n", "#l": "l", "#m": "m", "#pk": "pk"});
    let values = json!({
        ":s": {"S": "x"}, ":n": {"N": "1"}, ":big": {"N": "9.9999999999999999999999999999999999999E+125"},
        ":tiny": {"N": "-1E-130"}, ":b": {"B": "AA=="}, ":ss": {"SS": ["x", "y"]}, ":ns": {"NS": ["1", "2"]},
        ":l": {"L": [{"N": "1"}]}, ":m": {"M": {"a": {"S": "x"}}}, ":t": {"BOOL": true}, ":null": {"NULL": true}
    });
    Placeholders::from_params(Some(&names), Some(&values)).expect("the fixed placeholders are valid")
}

fn sample_item() -> Item {
    item_from_json(&json!({
        "pk": {"S": "k"}, "a": {"S": "abc"}, "n": {"N": "9.9999999999999999999999999999999999999E+125"},
        "l": {"L": [{"N": "1"}, {"S": "two"}, {"L": []}]}, "m": {"M": {"a": {"M": {"b": {"N": "-1E-130"}}}}},
        "ss": {"SS": ["x"]}, "ns": {"NS": ["1"]}, "bs": {"BS": ["AA=="]}, "b": {"B": "AQ=="}
    }))
    .expect("the fixed item is valid")
}
