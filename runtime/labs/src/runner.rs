//! Runs a lab's cases: builds the cloud, wires the trigger the way Lambda's event sources
//! work, performs the steps, and lets the event sources run until the cloud is quiet.
//!
//! Event-source semantics, all on the cloud's virtual clock so runs are fast and repeatable:
//! - asynchronous invocation (S3, SNS): a failed event is retried `async_retries` times, one
//!   and then two minutes later, then sent to the on-failure queue if there is one;
//! - SQS mapping: batches of up to `batch_size`; a failed batch becomes visible again after the
//!   queue's visibility timeout and, past `maxReceiveCount`, moves to the dead-letter queue;
//!   with ReportBatchItemFailures only the listed messages are retried;
//! - DynamoDB Streams mapping: batches in order; a failing batch is retried `retries` times;
//! - reserved concurrency: invocations beyond it are throttled (429).
//!
//! In a test lab the function is the test runner: each case deploys the case's implementation
//! as the handler module next to the learner's tests, and invokes the runner once after the
//! steps (source `tests`).

use std::cell::RefCell;
use std::rc::Rc;

use lab_python::{Engine, FunctionConfig, InvokeReport, Outcome};
use mock_cloud::cloud::Caller;
use mock_cloud::env::{ACCOUNT_ID, Env, REGION, iso_millis};
use mock_cloud::{Cloud, cloud::DEFAULT_EPOCH_MS};
use serde_json::{Value, json};

use crate::definition::{Case, CallStep, Lab, Step, TEST_RUNNER_MODULE, Trigger};
use crate::host::CloudHost;
use crate::sources::{self, HttpResponse};

/// Upper bound on event-source rounds after one step: a handler that keeps failing with no
/// dead-letter queue would otherwise be retried for ever.
const MAX_ROUNDS: usize = 60;

/// One invocation (or throttled attempt) during a case.
#[derive(Debug, Clone)]
pub struct Invocation {
    /// What invoked: `direct`, `s3`, `sqs`, `dynamodb`, `sns`, `api`, `schedule`, or `tests`
    /// (a test lab's run of the learner's tests).
    pub source: &'static str,
    /// The event the function received.
    pub event: Value,
    /// What happened; `None` when the invocation was throttled and never ran.
    pub report: Option<InvokeReport>,
}

impl Invocation {
    /// Whether the invocation ran and failed.
    pub fn is_error(&self) -> bool {
        self.report.as_ref().is_some_and(InvokeReport::is_error)
    }
}

/// Everything that happened in one case.
#[derive(Debug, Clone)]
pub struct CaseRun {
    /// Case name.
    pub name: String,
    /// Hidden case.
    pub hidden: bool,
    /// The cloud after setup.
    pub before: Value,
    /// The cloud at the end.
    pub after: Value,
    /// Invocations in order.
    pub invocations: Vec<Invocation>,
    /// HTTP responses the API gave, in order.
    pub responses: Vec<HttpResponse>,
    /// Calls the handler made: `(service.Operation, error code)`.
    pub handler_calls: Vec<(String, Option<String>)>,
    /// A problem in the lab's own setup (an author error, not the learner's).
    pub setup_error: Option<String>,
}

/// Runs cases of one lab with one version of the learner's code.
pub struct Runner<'a> {
    lab: &'a Lab,
    code: String,
    engine: Engine,
    cloud: Rc<RefCell<Cloud>>,
    function_arn: String,
    /// The reserved concurrency of the case running (the case's, or the function's).
    reserved: Option<u32>,
}

impl<'a> Runner<'a> {
    /// A runner for `lab` with `code` as the handler module.
    pub fn new(lab: &'a Lab, code: &str) -> Runner<'a> {
        let f = &lab.def.function;
        let handler = if lab.is_test_lab() { format!("{TEST_RUNNER_MODULE}.run") } else { f.handler.clone() };
        let config = FunctionConfig {
            name: f.name.clone(),
            handler,
            runtime: f.runtime.clone(),
            memory_mb: f.memory,
            timeout_ms: (f.timeout * 1000.0) as u64,
            environment: f.environment.clone(),
            files: lab.files_with(code),
        };
        Runner {
            lab,
            code: code.to_owned(),
            engine: Engine::new(config),
            cloud: Rc::new(RefCell::new(Cloud::default())),
            function_arn: format!("arn:aws:lambda:{REGION}:{ACCOUNT_ID}:function:{}", f.name),
            reserved: f.reserved_concurrency,
        }
    }

    /// Runs `case` from a fresh cloud and a cold function.
    pub fn run_case(&mut self, case: &Case) -> CaseRun {
        self.cloud = Rc::new(RefCell::new(Cloud::new(DEFAULT_EPOCH_MS, 1)));
        self.prepare(case);
        let mut run = CaseRun {
            name: case.name.clone(),
            hidden: case.hidden,
            before: Value::Null,
            after: Value::Null,
            invocations: Vec::new(),
            responses: Vec::new(),
            handler_calls: Vec::new(),
            setup_error: None,
        };
        let setup = self.lab.def.setup.iter().chain(case.setup.iter());
        if let Err(e) = setup.map(|c| self.platform_call(c)).collect::<Result<Vec<_>, _>>().and_then(|_| self.wire_trigger()) {
            run.setup_error = Some(e);
            return run;
        }
        // The mapping starts at LATEST: writes made while building the lab are not events.
        if let Trigger::DynamodbStream { table, .. } = &self.lab.def.trigger {
            let _ = self.cloud.borrow_mut().dynamodb.take_stream_records(table);
        }
        self.cloud.borrow_mut().pending_invokes.clear();
        run.before = self.cloud.borrow().snapshot();
        for step in &case.steps {
            if let Err(e) = self.step(step, &mut run) {
                run.setup_error = Some(e);
                break;
            }
            self.settle(&mut run);
        }
        if self.lab.is_test_lab() && run.setup_error.is_none() {
            run.invocations.extend(self.invoke_sync("tests", json!({})));
        }
        run.after = self.cloud.borrow().snapshot();
        run.handler_calls = self
            .cloud
            .borrow()
            .calls
            .iter()
            .filter(|c| c.caller == Caller::Handler)
            .map(|c| (format!("{}.{}", c.service, c.operation), c.error.clone()))
            .collect();
        run
    }

    /// The learner's "Run" button: `case`'s cloud (setup and its calls, with the trigger not
    /// wired, so nothing fires by itself), then one direct invocation with `event`.
    pub fn run_with_event(&mut self, case: &Case, event: Value) -> CaseRun {
        self.cloud = Rc::new(RefCell::new(Cloud::new(DEFAULT_EPOCH_MS, 1)));
        self.prepare(case);
        let mut run = CaseRun {
            name: case.name.clone(),
            hidden: case.hidden,
            before: Value::Null,
            after: Value::Null,
            invocations: Vec::new(),
            responses: Vec::new(),
            handler_calls: Vec::new(),
            setup_error: None,
        };
        let setup = self.lab.def.setup.iter().chain(case.setup.iter());
        if let Err(e) = setup.map(|c| self.platform_call(c)).collect::<Result<Vec<_>, _>>() {
            run.setup_error = Some(e);
            return run;
        }
        for step in &case.steps {
            if let Step::Call(c) = step {
                let _ = self.platform_call(c);
            }
        }
        self.cloud.borrow_mut().pending_invokes.clear();
        if let Trigger::DynamodbStream { table, .. } = &self.lab.def.trigger {
            let _ = self.cloud.borrow_mut().dynamodb.take_stream_records(table);
        }
        run.before = self.cloud.borrow().snapshot();
        let calls_before = self.cloud.borrow().calls.len();
        let source = if self.lab.is_test_lab() { "tests" } else { "direct" };
        if let Some(inv) = self.invoke_sync(source, event) {
            run.invocations.push(inv);
        }
        run.after = self.cloud.borrow().snapshot();
        run.handler_calls = self.cloud.borrow().calls[calls_before..]
            .iter()
            .filter(|c| c.caller == Caller::Handler)
            .map(|c| (format!("{}.{}", c.service, c.operation), c.error.clone()))
            .collect();
        run
    }

    /// A cold function for `case`: in a test lab, with the case's implementation deployed
    /// next to the learner's tests.
    fn prepare(&mut self, case: &Case) {
        self.reserved = case.reserved_concurrency.or(self.lab.def.function.reserved_concurrency);
        match (&case.implementation, self.lab.is_test_lab()) {
            (Some(name), true) => {
                let mut config = self.engine.config().clone();
                config.files = self.lab.test_files(&self.code, name);
                self.engine.deploy(config);
            }
            _ => self.engine.discard_environment(),
        }
    }

    /// The cloud of the last case.
    pub fn cloud(&self) -> Rc<RefCell<Cloud>> {
        self.cloud.clone()
    }

    fn platform_call(&self, step: &CallStep) -> Result<Value, String> {
        let (service, op) = step.call.split_once('.').ok_or_else(|| format!("bad call `{}`", step.call))?;
        self.cloud
            .borrow_mut()
            .call(Caller::Platform, service, op, &step.params)
            .map_err(|e| format!("lab setup call {} failed: {e}", step.call))
    }

    fn call(&self, service: &str, op: &str, params: Value) -> Result<Value, String> {
        self.cloud
            .borrow_mut()
            .call(Caller::Platform, service, op, &params)
            .map_err(|e| format!("{service}.{op} failed: {e}"))
    }

    /// Connects the trigger as the console or a SAM template would.
    fn wire_trigger(&self) -> Result<(), String> {
        match &self.lab.def.trigger {
            Trigger::S3 { bucket, events, prefix, suffix } => {
                let mut rules = Vec::new();
                if let Some(p) = prefix {
                    rules.push(json!({"Name": "prefix", "Value": p}));
                }
                if let Some(s) = suffix {
                    rules.push(json!({"Name": "suffix", "Value": s}));
                }
                let mut config = json!({"Id": "lab-trigger", "LambdaFunctionArn": self.function_arn, "Events": events});
                if !rules.is_empty() {
                    config["Filter"] = json!({"Key": {"FilterRules": rules}});
                }
                self.call(
                    "s3",
                    "PutBucketNotificationConfiguration",
                    json!({"Bucket": bucket, "NotificationConfiguration": {"LambdaFunctionConfigurations": [config]}}),
                )?;
            }
            Trigger::Sns { topic } => {
                self.call(
                    "sns",
                    "Subscribe",
                    json!({"TopicArn": topic_arn(topic), "Protocol": "lambda", "Endpoint": self.function_arn}),
                )?;
            }
            Trigger::Sqs { queue, .. } => {
                self.call("sqs", "GetQueueUrl", json!({"QueueName": queue}))?;
            }
            Trigger::DynamodbStream { table, .. } => {
                if self.cloud.borrow().dynamodb.stream_arn(table).is_none() {
                    return Err(format!("table `{table}` has no stream; create it with StreamSpecification = {{StreamEnabled = true, StreamViewType = \"NEW_AND_OLD_IMAGES\"}}"));
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn step(&mut self, step: &Step, run: &mut CaseRun) -> Result<(), String> {
        match step {
            Step::Call(c) => {
                // A failing call is part of the scenario (e.g. a conditional write), not an error.
                let _ = self.platform_call(c);
            }
            Step::Invoke { invoke } => {
                if let Some(inv) = self.invoke_sync("direct", invoke.clone()) {
                    run.invocations.push(inv);
                }
            }
            Step::Request { request } => {
                let now = self.cloud.borrow().now_ms;
                let request_id = self.cloud.borrow_mut().ids.uuid();
                // A request that matches no route never reaches the function.
                let (template, not_found) = match &self.lab.def.trigger {
                    Trigger::ApiRest { resource, .. } => (resource, HttpResponse::no_route(403, "Missing Authentication Token")),
                    Trigger::ApiHttp { route } => (route, HttpResponse::no_route(404, "Not Found")),
                    _ => return Err("a request step needs an API trigger".into()),
                };
                if sources::path_parameters(template, &request.path).is_none() {
                    run.responses.push(not_found);
                    return Ok(());
                }
                let (event, rest) = match &self.lab.def.trigger {
                    Trigger::ApiRest { resource, stage } => (sources::rest_event(request, resource, stage, &request_id, now), true),
                    Trigger::ApiHttp { route } => (sources::http_event(request, route, &request_id, now), false),
                    _ => return Err("a request step needs an API trigger".into()),
                };
                match self.invoke_sync("api", event) {
                    Some(inv) => {
                        let response = match inv.report.as_ref().map(|r| &r.outcome) {
                            None => HttpResponse::throttled(),
                            Some(Outcome::Failed(e)) => HttpResponse::internal_error(format!(
                                "Lambda function failed: {}: {}",
                                e.error_type, e.error_message
                            )),
                            Some(Outcome::Returned(_)) => {
                                let payload = inv.report.as_ref().map(InvokeReport::payload).unwrap_or(Value::Null);
                                if rest { sources::rest_response(&payload) } else { sources::http_response(&payload) }
                            }
                        };
                        run.responses.push(response);
                        run.invocations.push(inv);
                    }
                    None => run.responses.push(HttpResponse::throttled()),
                }
            }
            Step::Schedule { .. } => {
                let Trigger::Schedule { rule } = &self.lab.def.trigger else {
                    return Err("a schedule step needs a schedule trigger".into());
                };
                let now = self.cloud.borrow().now_ms;
                let id = self.cloud.borrow_mut().ids.uuid();
                let event = sources::schedule_event(rule, &id, now);
                run.invocations.extend(self.invoke_async("schedule", event));
            }
            Step::Advance { advance } => {
                self.cloud.borrow_mut().now_ms += (advance * 1000.0) as i64;
            }
            Step::Burst { burst } => {
                let limit = self.reserved.unwrap_or(1000);
                for i in 0..burst.count {
                    if i < limit {
                        let report = self.run_function(&burst.event);
                        run.invocations.push(Invocation { source: "direct", event: burst.event.clone(), report: Some(report) });
                    } else {
                        run.invocations.push(Invocation { source: "direct", event: burst.event.clone(), report: None });
                    }
                }
            }
        }
        Ok(())
    }

    /// A synchronous invocation; `None` report when throttled.
    fn invoke_sync(&mut self, source: &'static str, event: Value) -> Option<Invocation> {
        if self.reserved == Some(0) {
            return Some(Invocation { source, event, report: None });
        }
        let report = self.run_function(&event);
        Some(Invocation { source, event, report: Some(report) })
    }

    /// An asynchronous invocation with Lambda's retries and on-failure destination.
    fn invoke_async(&mut self, source: &'static str, event: Value) -> Vec<Invocation> {
        let mut out = Vec::new();
        if self.reserved == Some(0) {
            out.push(Invocation { source, event: event.clone(), report: None });
            self.send_to_failure_destination(&event, None, 0, "EventAgeExceeded");
            return out;
        }
        let attempts = 1 + self.lab.def.function.async_retries;
        for attempt in 0..attempts {
            if attempt > 0 {
                // Lambda waits about one minute, then two, between retries.
                self.cloud.borrow_mut().now_ms += 60_000 * i64::from(attempt);
            }
            let report = self.run_function(&event);
            let failed = report.is_error();
            let payload = report.payload();
            out.push(Invocation { source, event: event.clone(), report: Some(report) });
            if !failed {
                return out;
            }
            if attempt + 1 == attempts {
                self.send_to_failure_destination(&event, Some(payload), attempts, "RetriesExhausted");
            }
        }
        out
    }

    /// Writes the invocation record Lambda's on-failure destination receives.
    fn send_to_failure_destination(&self, event: &Value, error: Option<Value>, count: u32, condition: &str) {
        let Some(queue) = &self.lab.def.function.on_failure_queue else { return };
        let now = self.cloud.borrow().now_ms;
        let request_id = self.cloud.borrow_mut().ids.uuid();
        let record = json!({
            "version": "1.0",
            "timestamp": iso_millis(now),
            "requestContext": {
                "requestId": request_id,
                "functionArn": format!("{}:$LATEST", self.function_arn),
                "condition": condition,
                "approximateInvokeCount": count
            },
            "requestPayload": event,
            "responseContext": {"statusCode": 200, "executedVersion": "$LATEST", "functionError": "Unhandled"},
            "responsePayload": error.unwrap_or(Value::Null)
        });
        let url = mock_cloud::sqs::queue_url(queue);
        let _ = self.call("sqs", "SendMessage", json!({"QueueUrl": url, "MessageBody": record.to_string()}));
    }

    fn run_function(&mut self, event: &Value) -> InvokeReport {
        let host = Rc::new(CloudHost::new(self.cloud.clone()));
        let report = self.engine.invoke(&event.to_string(), host);
        // Virtual time moves on by what the invocation took.
        let mut cloud = self.cloud.borrow_mut();
        cloud.now_ms += report.duration_ms.ceil().max(1.0) as i64 + report.init_ms.unwrap_or(0.0).ceil() as i64;
        report
    }

    /// Runs the event sources until nothing is left to deliver.
    fn settle(&mut self, run: &mut CaseRun) {
        for _ in 0..MAX_ROUNDS {
            let mut worked = false;
            let pending = std::mem::take(&mut self.cloud.borrow_mut().pending_invokes);
            for p in pending {
                if p.function_arn != self.function_arn {
                    continue;
                }
                worked = true;
                let source = if p.event["Records"][0]["EventSource"] == "aws:sns" { "sns" } else { "s3" };
                run.invocations.extend(self.invoke_async(source, p.event));
            }
            worked |= match self.lab.def.trigger.clone() {
                Trigger::Sqs { queue, batch_size, report_batch_item_failures } => {
                    self.poll_sqs(&queue, batch_size, report_batch_item_failures, run)
                }
                Trigger::DynamodbStream { table, batch_size, retries } => self.poll_stream(&table, batch_size, retries, run),
                _ => false,
            };
            if !worked {
                return;
            }
        }
    }

    /// One round of the SQS event source mapping. Returns whether anything happened.
    fn poll_sqs(&mut self, queue: &str, batch_size: usize, partial: bool, run: &mut CaseRun) -> bool {
        let url = mock_cloud::sqs::queue_url(queue);
        let records = {
            let mut cloud = self.cloud.borrow_mut();
            let now = cloud.now_ms;
            let cloud = &mut *cloud;
            let mut env = Env::new(now, &mut cloud.ids);
            cloud.sqs.receive_for_lambda(&url, batch_size, &mut env).unwrap_or_default()
        };
        if records.is_empty() {
            // Messages in flight come back after their visibility timeout: let it pass.
            let waiting = self.in_flight(queue);
            if waiting {
                let visibility = self.queue_visibility_ms(queue);
                self.cloud.borrow_mut().now_ms += visibility + 1;
            }
            return waiting;
        }
        let event = json!({"Records": records});
        let Some(inv) = self.invoke_sync("sqs", event) else { return false };
        let failed_ids: Option<Vec<String>> = match inv.report.as_ref() {
            None => None,
            Some(r) if r.is_error() => None,
            Some(r) if partial => batch_item_failures(&r.payload(), &records),
            Some(_) => Some(Vec::new()),
        };
        run.invocations.push(inv);
        if let Some(failed) = failed_ids {
            let entries: Vec<Value> = records
                .iter()
                .filter(|r| !failed.iter().any(|f| Some(f.as_str()) == r["messageId"].as_str()))
                .enumerate()
                .map(|(i, r)| json!({"Id": i.to_string(), "ReceiptHandle": r["receiptHandle"]}))
                .collect();
            if !entries.is_empty() {
                let _ = self.call("sqs", "DeleteMessageBatch", json!({"QueueUrl": url, "Entries": entries}));
            }
        }
        true
    }

    fn in_flight(&self, queue: &str) -> bool {
        let cloud = self.cloud.borrow();
        let snap = cloud.sqs.snapshot(cloud.now_ms);
        snap["queues"][queue]["Messages"]
            .as_array()
            .is_some_and(|m| m.iter().any(|m| m["Visible"] == false))
    }

    fn queue_visibility_ms(&self, queue: &str) -> i64 {
        let cloud = self.cloud.borrow();
        let snap = cloud.sqs.snapshot(cloud.now_ms);
        snap["queues"][queue]["Attributes"]["VisibilityTimeout"]
            .as_str()
            .and_then(|s| s.parse::<i64>().ok())
            .unwrap_or(30)
            * 1000
    }

    /// One round of the DynamoDB Streams event source mapping.
    fn poll_stream(&mut self, table: &str, batch_size: usize, retries: u32, run: &mut CaseRun) -> bool {
        let records = self.cloud.borrow_mut().dynamodb.take_stream_records(table);
        if records.is_empty() {
            return false;
        }
        for batch in records.chunks(batch_size.max(1)) {
            let event = json!({"Records": batch});
            for _ in 0..=retries {
                let Some(inv) = self.invoke_sync("dynamodb", event.clone()) else { break };
                let ok = !inv.is_error();
                run.invocations.push(inv);
                if ok {
                    break;
                }
            }
        }
        true
    }
}

/// The ids a partial batch response reports as failed; `None` means the whole batch failed
/// (an unparseable response, or an itemIdentifier that is empty or not in the batch).
fn batch_item_failures(payload: &Value, records: &[Value]) -> Option<Vec<String>> {
    let failures = match payload.get("batchItemFailures") {
        None | Some(Value::Null) => return Some(Vec::new()),
        Some(Value::Array(a)) => a,
        Some(_) => return None,
    };
    let mut ids = Vec::new();
    for f in failures {
        let id = f.get("itemIdentifier").and_then(Value::as_str).filter(|s| !s.is_empty())?;
        if !records.iter().any(|r| r["messageId"] == id) {
            return None;
        }
        ids.push(id.to_owned());
    }
    Some(ids)
}

/// The ARN of topic `name`.
pub fn topic_arn(name: &str) -> String {
    format!("arn:aws:sns:{REGION}:{ACCOUNT_ID}:{name}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The handler gets the event as `event.to_string()` (`run_function`), so every number
    /// must come back from that text as it was parsed (fuzz/lab_event found
    /// 184467440737854775808 arriving as another float before serde_json's `float_roundtrip`).
    #[test]
    fn an_events_numbers_reach_the_handler_unchanged() {
        for text in [r#"{"a": -0.0, "b": 1e308, "c": 184467440737854775808, "e": "\ud83d\ude00", "f": [null, false, {}]}"#, "[1.8446744073785478e20, 0.30000000000000004, 2.2250738585072014e-308, -0.0, 1e308]"] {
            let event: Value = serde_json::from_str(text).unwrap();
            let received: Value = serde_json::from_str(&event.to_string()).unwrap();
            assert_eq!(received, event, "{text}");
        }
    }

    #[test]
    fn partial_batch_responses_follow_lambdas_rules() {
        let records = vec![json!({"messageId": "a"}), json!({"messageId": "b"})];
        assert_eq!(batch_item_failures(&json!({"batchItemFailures": [{"itemIdentifier": "b"}]}), &records), Some(vec!["b".into()]));
        assert_eq!(batch_item_failures(&json!({"batchItemFailures": []}), &records), Some(vec![]));
        assert_eq!(batch_item_failures(&json!(null), &records), Some(vec![]));
        assert_eq!(batch_item_failures(&json!({"batchItemFailures": [{"itemIdentifier": ""}]}), &records), None);
        assert_eq!(batch_item_failures(&json!({"batchItemFailures": [{"itemIdentifier": "zzz"}]}), &records), None);
        assert_eq!(batch_item_failures(&json!({"batchItemFailures": "b"}), &records), None);
    }
}
