//! [`CloudHost`]: connects a function's boto3 calls to the mock cloud.

use std::cell::RefCell;
use std::rc::Rc;

use lab_python::{Host, HostError};
use mock_cloud::Cloud;
use mock_cloud::cloud::Caller;
use serde_json::Value;

/// The host a function runs against: the shared mock cloud, and the clock the function sees.
///
/// The function's wall clock is the cloud's virtual time plus the real time elapsed since the
/// invocation began, so `time.time()`, log timestamps and `get_remaining_time_in_millis()`
/// advance while the handler runs, and the cloud's timestamps (SentTimestamp, LastModified)
/// agree with what the handler sees.
#[derive(Debug, Clone)]
pub struct CloudHost {
    /// The cloud the function's calls reach.
    pub cloud: Rc<RefCell<Cloud>>,
    started_perf: f64,
    started_virtual_ms: i64,
}

impl CloudHost {
    /// A host over `cloud`, starting its clock now.
    pub fn new(cloud: Rc<RefCell<Cloud>>) -> CloudHost {
        let started_virtual_ms = cloud.borrow().now_ms;
        CloudHost { cloud, started_perf: perf_ms(), started_virtual_ms }
    }
}

fn perf_ms() -> f64 {
    lab_python::perf_seconds() * 1000.0
}

impl Host for CloudHost {
    fn aws_call(&self, service: &str, operation: &str, params: &Value) -> Result<Value, HostError> {
        let mut cloud = self.cloud.borrow_mut();
        cloud.now_ms = self.now_ms() as i64;
        cloud.call(Caller::Handler, service, operation, params).map_err(|e| HostError {
            code: e.code.clone(),
            message: e.message.clone(),
            operation: e.operation.clone(),
            response: e.response(),
        })
    }

    fn now_ms(&self) -> f64 {
        self.started_virtual_ms as f64 + (perf_ms() - self.started_perf)
    }
}
