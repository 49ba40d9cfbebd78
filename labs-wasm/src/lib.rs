//! The lab runtime, compiled to WebAssembly for the browser and used natively by `labbook`.
//!
//! This crate is the seam between the course site and the code that runs a learner's work:
//! the browser loads it (through wasm-bindgen's generated `labs_wasm.js`) only when a page
//! needs it, and the same functions are callable from Rust so every behaviour is testable
//! with `cargo test`. Today it reports what it is; the Python engine and mock services land
//! behind the same entry points.

#[cfg(target_arch = "wasm32")]
use wasm_bindgen::prelude::*;

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
        "services": services(),
    })
    .to_string()
}

/// The mock AWS services this build can stand in for. Empty until the mocks land; the page
/// lists them so a learner can see what a lab may use.
fn services() -> Vec<&'static str> {
    Vec::new()
}

/// JS entry point for [`runtime_info`].
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen(js_name = runtimeInfo)]
pub fn runtime_info_js() -> String {
    runtime_info()
}

/// JS entry point for [`VERSION`].
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen(js_name = version)]
pub fn version_js() -> String {
    VERSION.to_owned()
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
        assert!(info["services"].is_array());
    }
}
