//! Labs as data, and everything that runs them: a lab's function runs in [`lab_python`]
//! against the [`mock_cloud`], driven by the lab's scenario through Lambda's event sources,
//! and the result is graded by the lab's checks.

pub mod host;

pub use host::CloudHost;
