//! [`Account`]: one simulated AWS account — the mock cloud plus the execution environments of
//! the functions deployed in it — as the terminal's `aws` command talks to it.
//!
//! Every call but Lambda's `Invoke` is the cloud's. `Invoke` is resolved by the cloud (which
//! function, version and alias, whether the request is valid) and then run here: each function
//! version has its own [`Engine`], created when it is first invoked and replaced when its code
//! or configuration changes (a cold start, as after `UpdateFunctionCode`), in an interpreter of
//! that version's own ([`Isolate`]), so several functions never share module state and each
//! stays warm whatever the others do; the response is the Invoke API's (`StatusCode`, `FunctionError`,
//! `LogResult` with the last 4 KB of the log, `ExecutedVersion`, `Payload`).

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use base64::Engine as _;
use lab_python::{Engine, FunctionConfig, InvokeReport, Isolate};
use mock_cloud::Cloud;
use mock_cloud::cloud::Caller;
use mock_cloud::lambda::PreparedInvoke;
use mock_cloud::wire;
use serde_json::{Value, json};
use terminal::{Backend, ServiceError};

use crate::host::CloudHost;

/// Lambda's `LogResult`: the last 4 KB of the invocation's log.
const LOG_TAIL_BYTES: usize = 4096;
/// Upper bound on event-source rounds after one call (a function that writes to the queue it
/// reads from would otherwise run for ever).
const MAX_ROUNDS: usize = 50;

/// One invocation the account ran, for checks and the page.
#[derive(Debug, Clone)]
pub struct AccountInvocation {
    /// The function's name.
    pub function_name: String,
    /// The version that ran.
    pub version: String,
    /// The qualifier the caller named (`prod`, `2`), if any: an alias resolves to `version`.
    pub qualifier: Option<String>,
    /// `RequestResponse` or `Event`.
    pub invocation_type: String,
    /// What happened.
    pub report: InvokeReport,
}

/// The mock cloud with the functions' execution environments.
pub struct Account {
    /// The cloud every call reaches.
    pub cloud: Rc<RefCell<Cloud>>,
    /// Warm environments by (function ARN, version): the revision they run and the engine.
    engines: HashMap<(String, String), (String, Engine)>,
    /// Each function version's interpreter: functions never share one, as on Lambda.
    isolates: HashMap<(String, String), Isolate>,
    /// Every invocation, in order.
    pub invocations: Vec<AccountInvocation>,
    /// Who the calls are from (the terminal is the learner; the grader is the platform).
    pub caller: Caller,
}

impl Default for Account {
    fn default() -> Self {
        Account::new(Rc::new(RefCell::new(Cloud::default())))
    }
}

fn service_error(e: &mock_cloud::AwsError) -> ServiceError {
    ServiceError { code: e.code.clone(), message: e.message.clone(), status: e.status, response: e.response() }
}

impl Account {
    /// An account over `cloud`.
    pub fn new(cloud: Rc<RefCell<Cloud>>) -> Account {
        Account { cloud, engines: HashMap::new(), isolates: HashMap::new(), invocations: Vec::new(), caller: Caller::Platform }
    }

    /// Runs a prepared invocation in the function version's environment.
    fn execute(&mut self, prepared: &PreparedInvoke) -> InvokeReport {
        let key = (prepared.function_arn.clone(), prepared.executed_version.clone());
        let stale = self.engines.get(&key).is_none_or(|(rev, _)| *rev != prepared.revision_id);
        if stale {
            let files: BTreeMap<String, String> =
                prepared.files.iter().filter_map(|(p, b)| String::from_utf8(b.clone()).ok().map(|s| (p.clone(), s))).collect();
            let config = FunctionConfig {
                name: prepared.function_name.clone(),
                handler: prepared.handler.clone(),
                runtime: prepared.runtime.clone(),
                memory_mb: prepared.memory_mb,
                timeout_ms: u64::from(prepared.timeout_s) * 1000,
                environment: prepared.environment.clone(),
                files,
            };
            let seed = self.cloud.borrow_mut().ids.next_u64();
            let isolate = self.isolates.entry(key.clone()).or_default();
            self.engines.insert(key.clone(), (prepared.revision_id.clone(), Engine::new(config).with_id_seed(seed).in_isolate(isolate)));
        }
        let event = if prepared.payload.is_empty() { "{}".to_owned() } else { String::from_utf8_lossy(&prepared.payload).into_owned() };
        let host = Rc::new(CloudHost::new(self.cloud.clone()));
        let engine = &mut self.engines.get_mut(&key).expect("inserted above").1;
        let report = engine.invoke(&event, host);
        let mut cloud = self.cloud.borrow_mut();
        cloud.now_ms += report.duration_ms.ceil().max(1.0) as i64 + report.init_ms.unwrap_or(0.0).ceil() as i64;
        report
    }

    /// Lambda's `Invoke`.
    fn invoke(&mut self, params: &Value) -> Result<Value, ServiceError> {
        let prepared = self.cloud.borrow_mut().invoke_lambda_prepare(params);
        let prepared = match prepared {
            Ok(p) => p,
            Err(e) => {
                self.cloud.borrow_mut().log_call(self.caller, "lambda", "Invoke", params, Some(e.code.clone()));
                return Err(service_error(&e));
            }
        };
        self.cloud.borrow_mut().log_call(self.caller, "lambda", "Invoke", params, None);
        match prepared.invocation_type.as_str() {
            "DryRun" => Ok(json!({"StatusCode": 204})),
            "Event" => {
                self.invoke_async(&prepared);
                Ok(json!({"StatusCode": 202, "Payload": wire::bytes(b"")}))
            }
            _ => {
                let report = self.execute(&prepared);
                // The handler's result as the runtime marshalled it (its keys in the handler's
                // order, as Lambda sends them), not re-serialized.
                let payload = match &report.outcome {
                    lab_python::Outcome::Returned(text) => text.clone(),
                    lab_python::Outcome::Failed(_) => report.payload().to_string(),
                };
                let mut response = json!({
                    "StatusCode": 200,
                    "ExecutedVersion": prepared.executed_version,
                    "Payload": wire::bytes(payload.as_bytes()),
                });
                if report.is_error() {
                    response["FunctionError"] = json!("Unhandled");
                }
                if prepared.log_tail {
                    let log = format!("{}\n", report.log_text());
                    let bytes = log.as_bytes();
                    let mut start = bytes.len().saturating_sub(LOG_TAIL_BYTES);
                    while start < bytes.len() && !log.is_char_boundary(start) {
                        start += 1;
                    }
                    response["LogResult"] = json!(base64::engine::general_purpose::STANDARD.encode(&bytes[start..]));
                }
                self.record(&prepared, report);
                Ok(response)
            }
        }
    }

    /// An asynchronous invocation as Lambda runs it: retried after one and then two minutes
    /// (`MaximumRetryAttempts` of the function's event invoke configuration, 2 by default), then
    /// its record sent to the configured destination (`OnSuccess`/`OnFailure`: a queue, a topic
    /// or a function).
    fn invoke_async(&mut self, prepared: &PreparedInvoke) {
        let qualifier = prepared.invoked_arn.strip_prefix(&format!("{}:", prepared.function_arn)).unwrap_or("$LATEST").to_owned();
        let config = self.cloud.borrow().lambda.function(&prepared.function_name).and_then(|f| f.event_invoke.get(&qualifier).cloned());
        let retries = config.as_ref().and_then(|c| c.max_retries).unwrap_or(2).clamp(0, 2) as u32;
        let mut attempts = 0;
        let (failed, payload) = loop {
            attempts += 1;
            let report = self.execute(prepared);
            let failed = report.is_error();
            let payload = report.payload();
            self.record(prepared, report);
            if !failed || attempts > retries {
                break (failed, payload);
            }
            // Lambda waits about one minute, then two, between retries.
            self.cloud.borrow_mut().now_ms += 60_000 * i64::from(attempts);
        };
        let destination = config.and_then(|c| if failed { c.on_failure } else { c.on_success });
        let Some(destination) = destination else { return };
        let (now, request_id) = {
            let mut cloud = self.cloud.borrow_mut();
            (cloud.now_ms, cloud.ids.uuid())
        };
        let event: Value = serde_json::from_slice(&prepared.payload).unwrap_or_else(|_| json!({}));
        let mut response_context = json!({"statusCode": 200, "executedVersion": prepared.executed_version});
        if failed {
            response_context["functionError"] = json!("Unhandled");
        }
        let record = json!({
            "version": "1.0",
            "timestamp": mock_cloud::env::iso_millis(now),
            "requestContext": {
                "requestId": request_id,
                "functionArn": format!("{}:{qualifier}", prepared.function_arn),
                "condition": if failed { "RetriesExhausted" } else { "Success" },
                "approximateInvokeCount": attempts,
            },
            "requestPayload": event,
            "responseContext": response_context,
            "responsePayload": payload,
        });
        let body = record.to_string();
        if destination.starts_with("arn:aws:sqs:") {
            let url = mock_cloud::sqs::queue_url(destination.rsplit(':').next().unwrap_or_default());
            let _ = self.cloud.borrow_mut().call(Caller::Platform, "sqs", "SendMessage", &json!({"QueueUrl": url, "MessageBody": body}));
        } else if destination.starts_with("arn:aws:sns:") {
            let _ = self.cloud.borrow_mut().call(Caller::Platform, "sns", "Publish", &json!({"TopicArn": destination, "Message": body}));
        } else if destination.starts_with("arn:aws:lambda:") {
            self.cloud.borrow_mut().pending_invokes.push(mock_cloud::cloud::PendingInvoke { function_arn: destination, event: record });
        }
    }

    fn record(&mut self, prepared: &PreparedInvoke, report: InvokeReport) {
        self.invocations.push(AccountInvocation {
            function_name: prepared.function_name.clone(),
            version: prepared.executed_version.clone(),
            qualifier: prepared
                .invoked_arn
                .strip_prefix(&format!("{}:", prepared.function_arn))
                .map(str::to_owned),
            invocation_type: prepared.invocation_type.clone(),
            report,
        });
    }
}

impl Account {
    /// Runs Lambda's event sources until nothing is left to deliver, as Lambda would between two
    /// commands: S3 notifications and SNS subscriptions that target a function (asynchronous
    /// invocations), and the enabled event source mappings — SQS batches (deleted when the
    /// function succeeds; a failed batch comes back after the queue's visibility timeout, on the
    /// account's clock) and DynamoDB stream batches, in order.
    pub fn settle(&mut self) {
        for _ in 0..MAX_ROUNDS {
            let mut worked = false;
            let pending = std::mem::take(&mut self.cloud.borrow_mut().pending_invokes);
            for p in pending {
                worked = true;
                let params = json!({"FunctionName": p.function_arn, "InvocationType": "Event", "Payload": wire::bytes(p.event.to_string().as_bytes())});
                let _ = self.invoke(&params);
            }
            let mappings: Vec<_> = self.cloud.borrow().lambda.event_source_mappings().filter(|m| m.enabled).cloned().collect();
            for m in mappings {
                let function = match &m.qualifier {
                    Some(q) => format!("{}:{q}", m.function_name),
                    None => m.function_name.clone(),
                };
                if m.is_sqs() {
                    let queue = m.event_source_arn.rsplit(':').next().unwrap_or_default();
                    let url = mock_cloud::sqs::queue_url(queue);
                    let records = {
                        let mut cloud = self.cloud.borrow_mut();
                        let now = cloud.now_ms;
                        let cloud = &mut *cloud;
                        let mut env = mock_cloud::Env::new(now, &mut cloud.ids);
                        cloud.sqs.receive_for_lambda(&url, m.batch_size.clamp(1, 10_000) as usize, &mut env).unwrap_or_default()
                    };
                    if records.is_empty() {
                        continue;
                    }
                    worked = true;
                    let event = json!({"Records": records});
                    let params = json!({"FunctionName": function, "Payload": wire::bytes(event.to_string().as_bytes())});
                    let ok = self.invoke(&params).is_ok_and(|r| r.get("FunctionError").is_none());
                    if ok {
                        let entries: Vec<Value> =
                            records.iter().enumerate().map(|(i, r)| json!({"Id": i.to_string(), "ReceiptHandle": r["receiptHandle"]})).collect();
                        let _ = self.cloud.borrow_mut().call(Caller::Platform, "sqs", "DeleteMessageBatch", &json!({"QueueUrl": url, "Entries": entries}));
                    }
                } else if let Some(table) = m.event_source_arn.split(":table/").nth(1).and_then(|t| t.split('/').next()) {
                    let records = self.cloud.borrow_mut().dynamodb.take_stream_records(table);
                    if records.is_empty() {
                        continue;
                    }
                    worked = true;
                    for batch in records.chunks(m.batch_size.clamp(1, 10_000) as usize) {
                        let params = json!({"FunctionName": function, "Payload": wire::bytes(json!({"Records": batch}).to_string().as_bytes())});
                        let _ = self.invoke(&params);
                    }
                }
            }
            if !worked {
                return;
            }
        }
    }
}

impl Backend for Account {
    fn call(&mut self, service: &str, operation: &str, params: &Value) -> Result<Value, ServiceError> {
        let result = if service == "lambda" && operation == "Invoke" {
            self.invoke(params)
        } else {
            let caller = self.caller;
            self.cloud.borrow_mut().call(caller, service, operation, params).map_err(|e| service_error(&e))
        };
        self.settle();
        result
    }
}
