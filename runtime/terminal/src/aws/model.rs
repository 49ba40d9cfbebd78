//! [`Model`]: the compact service models `tools/gen_model.py` extracts from botocore.
//!
//! The CLI's arguments come from the input shapes (option names are botocore's
//! `xform_name(member, "-")`, types and required members from the model), its output order
//! from the output shapes. The model is data, not code: natively it is compiled in
//! ([`Model::bundled`]); in the browser the page fetches it only where a terminal is.

use std::collections::BTreeMap;

use serde::Deserialize;

/// The committed model, as `tools/gen_model.py` wrote it. Not in the browser's runtime: the
/// page fetches it only where a terminal is.
#[cfg(not(target_arch = "wasm32"))]
pub const BUNDLED_JSON: &str = include_str!("../../model/aws-model.json");

/// All services the terminal knows.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Model {
    /// The botocore version the model came from.
    pub botocore: String,
    /// The mock cloud's services by name (`lambda`, `s3`…).
    pub services: BTreeMap<String, Service>,
    /// Every service name botocore knows (the CLI's command choices).
    pub all_services: Vec<String>,
}

/// One service.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Service {
    /// botocore's hyphenised service id.
    pub service_id: String,
    /// Wire protocol (`rest-json`, `query`, `json`, `rest-xml`).
    pub protocol: String,
    /// Operations by PascalCase name.
    pub operations: BTreeMap<String, Operation>,
    /// Shapes by name.
    pub shapes: BTreeMap<String, Shape>,
    /// Waiters by CLI name (`function-active-v2`).
    #[serde(default)]
    pub waiters: BTreeMap<String, super::wait::Waiter>,
}

/// One operation.
#[derive(Debug, Clone, Deserialize)]
pub struct Operation {
    /// The CLI name (`create-function`).
    pub cli: String,
    /// Whether the mock cloud implements it (else the command fails saying so).
    #[serde(default)]
    pub implemented: bool,
    /// Input shape name.
    pub input: Option<String>,
    /// Output shape name.
    pub output: Option<String>,
    /// Modelled error shapes.
    #[serde(default)]
    pub errors: Vec<String>,
    /// botocore's paginator, for the operations the CLI pages through.
    #[serde(default)]
    pub paginator: Option<Paginator>,
}

/// A paginator config: the request members its tokens go to, the JMESPath expressions that
/// find the next tokens and the results in a page.
#[derive(Debug, Clone, Deserialize)]
pub struct Paginator {
    /// Input token members (`Marker`).
    pub input: Vec<String>,
    /// Output token expressions, one per input token (`NextMarker`).
    pub output: Vec<String>,
    /// The expression saying whether there are more pages (`IsTruncated`).
    pub more: Option<String>,
    /// The page-size member (`MaxItems`), which `--page-size` sets.
    pub limit: Option<String>,
    /// Result keys, aggregated over the pages; the first counts toward `--max-items`.
    pub result: Vec<String>,
    /// Keys taken from the first page as they are.
    #[serde(default, rename = "nonAggregate")]
    pub non_aggregate: Vec<String>,
}

/// One shape, without documentation.
#[derive(Debug, Clone, Deserialize)]
pub struct Shape {
    /// `structure`, `list`, `map`, `string`, `integer`, `long`, `boolean`, `double`, `float`,
    /// `blob`, `timestamp`.
    #[serde(rename = "type")]
    pub kind: String,
    /// Structure members in model order: (member name, shape name, CLI option name as
    /// botocore's `xform_name(member, "-")` gives it).
    #[serde(default)]
    pub members: Vec<(String, String, String)>,
    /// Required members of a structure.
    #[serde(default)]
    pub required: Vec<String>,
    /// A structure's payload member.
    pub payload: Option<String>,
    /// List member shape.
    pub member: Option<String>,
    /// Map key shape.
    pub key: Option<String>,
    /// Map value shape.
    pub value: Option<String>,
    /// `min` constraint (length or value).
    pub min: Option<f64>,
    /// Allowed values of an enum string (documentation only; the CLI does not check them).
    #[serde(rename = "enum", default)]
    pub enum_values: Vec<String>,
}

/// The model `Terminal::new` uses: natively the bundled one; in the browser the one the page
/// fetched and the runtime [`Model::install`]ed.
static DEFAULT: std::sync::RwLock<Option<std::sync::Arc<Model>>> = std::sync::RwLock::new(None);

impl Model {
    /// Makes `model` the one new terminals use (the browser's runtime, once it has it).
    pub fn install(model: std::sync::Arc<Model>) {
        if let Ok(mut slot) = DEFAULT.write() {
            *slot = Some(model);
        }
    }

    /// The model new terminals use: the installed one, else (natively) the bundled one, else
    /// an empty model whose `aws` commands all fail saying the model is missing.
    pub fn default_model() -> std::sync::Arc<Model> {
        if let Some(m) = DEFAULT.read().ok().and_then(|s| s.clone()) {
            return m;
        }
        #[cfg(not(target_arch = "wasm32"))]
        let model = std::sync::Arc::new(Model::bundled());
        #[cfg(target_arch = "wasm32")]
        let model = std::sync::Arc::new(Model { botocore: String::new(), services: BTreeMap::new(), all_services: Vec::new() });
        Model::install(model.clone());
        model
    }

    /// The model compiled into the crate.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn bundled() -> Model {
        Model::from_json(BUNDLED_JSON).expect("the bundled model parses (tests/model.rs checks it)")
    }

    /// A model from `aws-model.json` text.
    pub fn from_json(text: &str) -> Result<Model, serde_json::Error> {
        serde_json::from_str(text)
    }
}

impl Service {
    /// The operation whose CLI name is `cli`.
    pub fn by_cli(&self, cli: &str) -> Option<(&str, &Operation)> {
        self.operations.iter().find(|(_, op)| op.cli == cli).map(|(n, op)| (n.as_str(), op))
    }

    /// A shape by name.
    pub fn shape(&self, name: &str) -> Option<&Shape> {
        self.shapes.get(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_model_has_the_mock_services() {
        let m = Model::bundled();
        for s in ["s3", "sqs", "dynamodb", "sns", "lambda", "iam", "sts"] {
            assert!(m.services.contains_key(s), "{s}");
        }
        let lambda = &m.services["lambda"];
        assert_eq!(lambda.by_cli("create-function").map(|(n, _)| n), Some("CreateFunction"));
    }
}
