//! The lab runtime, compiled to WebAssembly for the browser and used natively by tests.
//!
//! The page loads it (through wasm-bindgen's generated `labs_wasm.js`, inside a Web Worker)
//! only when a lab is about to be used. Everything here is a thin JSON-in, JSON-out layer over
//! the `labs` crate, so the browser runs exactly the code `cargo test` and `labbook lab`
//! exercise.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen::prelude::*;

mod quiz;
pub use quiz::grade_question;

/// The runtime's version, as the page shows it ("Lab runtime 0.1.0").
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Describes this build of the runtime as JSON: `{"name", "version", "target", "services"}`.
///
/// The page calls this right after instantiating the module, both to show the learner that
/// the runtime is ready and as a cheap end-to-end proof that JS ↔ wasm calls work.
pub fn runtime_info() -> String {
    serde_json::json!({
        "name": env!("CARGO_PKG_NAME"),
        "version": VERSION,
        "target": if cfg!(target_arch = "wasm32") { "wasm32" } else { "native" },
        "python": "3.13 (RustPython)",
        "services": ["s3", "sqs", "dynamodb", "sns", "apigateway", "events"],
    })
    .to_string()
}

/// The handler the runtime check runs: the course's first example.
const HELLO: &str = "def lambda_handler(event, context):\n    return {'statusCode': 200, 'body': 'Hello from Lambda!'}\n";

/// Runs a real Python handler once and reports how it went, as JSON:
/// `{"result", "log", "initMs", "durationMs"}`. The "is my browser ready?" check calls this,
/// so a learner knows labs will work before reaching one.
pub fn self_test() -> String {
    use std::cell::RefCell;
    use std::rc::Rc;
    let cloud = Rc::new(RefCell::new(mock_cloud::Cloud::default()));
    let mut engine = lab_python::Engine::new(lab_python::FunctionConfig::with_code(HELLO));
    let report = engine.invoke("{}", Rc::new(labs::CloudHost::new(cloud)));
    serde_json::json!({
        "result": report.payload(),
        "log": report.log,
        "initMs": report.init_ms,
        "durationMs": report.duration_ms,
    })
    .to_string()
}

/// One lab, loaded from the JSON `labbook build` writes for it, ready to run code.
pub struct LabSession {
    lab: labs::Lab,
}

impl LabSession {
    /// Parses a lab from its JSON.
    pub fn from_json(json: &str) -> Result<LabSession, String> {
        serde_json::from_str(json).map(|lab| LabSession { lab }).map_err(|e| format!("bad lab data: {e}"))
    }

    /// The default event of the "Run" button, as JSON.
    pub fn sample_event(&self) -> String {
        labs::report::sample_event(&self.lab).to_string()
    }

    /// One invocation of `code` with `event_json` (empty: the sample event), as JSON.
    pub fn run(&self, code: &str, event_json: &str) -> String {
        let event = if event_json.trim().is_empty() {
            None
        } else {
            match serde_json::from_str(event_json) {
                Ok(v) => Some(v),
                Err(e) => return serde_json::json!({"eventError": format!("the test event is not valid JSON: {e}")}).to_string(),
            }
        };
        labs::report::run_json(&self.lab, code, event).to_string()
    }

    /// Grades `code` on every case (hidden ones too), as JSON.
    pub fn grade(&self, code: &str) -> String {
        labs::report::grade_json(&labs::grade(&self.lab, code, true)).to_string()
    }
}

#[cfg(target_arch = "wasm32")]
mod js {
    use super::*;

    /// JS entry point for [`runtime_info`].
    #[wasm_bindgen(js_name = runtimeInfo)]
    pub fn runtime_info_js() -> String {
        runtime_info()
    }

    /// JS entry point for [`VERSION`].
    #[wasm_bindgen(js_name = version)]
    pub fn version_js() -> String {
        VERSION.to_owned()
    }

    /// JS entry point for [`self_test`].
    #[wasm_bindgen(js_name = selfTest)]
    pub fn self_test_js() -> String {
        self_test()
    }

    /// A lab, for JS.
    #[wasm_bindgen(js_name = LabSession)]
    pub struct JsLabSession(LabSession);

    #[wasm_bindgen(js_class = LabSession)]
    impl JsLabSession {
        /// Loads a lab from its JSON.
        #[wasm_bindgen(constructor)]
        pub fn new(json: &str) -> Result<JsLabSession, JsError> {
            LabSession::from_json(json).map(JsLabSession).map_err(|e| JsError::new(&e))
        }

        /// The default test event (JSON).
        #[wasm_bindgen(js_name = sampleEvent)]
        pub fn sample_event(&self) -> String {
            self.0.sample_event()
        }

        /// Runs the code once with the event (JSON text; empty = sample event).
        pub fn run(&self, code: &str, event_json: &str) -> String {
            self.0.run(code, event_json)
        }

        /// Grades the code on every case.
        pub fn grade(&self, code: &str) -> String {
            self.0.grade(code)
        }
    }

    /// JS entry point for [`grade_question`].
    #[wasm_bindgen(js_name = gradeQuestion)]
    pub fn grade_question_js(question_json: &str, response_json: &str) -> String {
        grade_question(question_json, response_json)
    }

    /// Rust panics go to the console before the instance traps.
    #[wasm_bindgen(start)]
    pub fn start() {
        std::panic::set_hook(Box::new(|info| {
            web_log(&format!("labs-wasm panic: {info}"));
        }));
    }

    #[wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(js_namespace = console, js_name = error)]
        fn web_log(s: &str);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runtime_info_names_this_crate_and_version() {
        let info: serde_json::Value = serde_json::from_str(&runtime_info()).unwrap();
        assert_eq!(info["name"], "labs-wasm");
        assert_eq!(info["version"], VERSION);
        assert_eq!(info["target"], "native");
        assert!(info["services"].as_array().unwrap().iter().any(|s| s == "sqs"));
    }

    #[test]
    fn self_test_runs_a_python_handler() {
        let v: serde_json::Value = serde_json::from_str(&self_test()).unwrap();
        assert_eq!(v["result"]["body"], "Hello from Lambda!");
        assert!(v["log"][0].as_str().unwrap().starts_with("START RequestId: "));
    }

    #[test]
    fn bad_lab_json_is_an_error_not_a_panic() {
        let err = LabSession::from_json("{\"id\": 3}").err().unwrap();
        assert!(err.starts_with("bad lab data:"), "{err}");
    }
}
