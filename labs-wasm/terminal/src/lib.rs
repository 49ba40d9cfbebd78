//! The lab runtime of pages with a terminal: `labs-wasm` with its `terminal` feature (the
//! terminal's sessions, the `aws` CLI, the simulated account, terminal labs). Plain lab pages
//! load `labs-wasm` alone, so they never download any of it; this crate only links the same
//! exports (`handle`) into a module of its own.

pub use labs_wasm::*;
