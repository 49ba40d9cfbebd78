//! Event source mappings: Create/List/Get/Update/DeleteEventSourceMapping for SQS queues and
//! DynamoDB streams. The mock records them; the lab runtime polls their sources and invokes.

use serde_json::{Value, json};

use super::errors::{Violations, conflict, invalid_parameter, resource_not_found};
use super::functions::with_status;
use super::names::{function_arn, function_ref};
use super::{Lambda, Peers};
use crate::AwsError;
use crate::env::{ACCOUNT_ID, Env, REGION};
use crate::wire::{Params, timestamp};

/// An event source mapping.
#[derive(Debug, Clone, PartialEq)]
pub struct EventSourceMapping {
    /// `UUID`.
    pub uuid: String,
    /// `EventSourceArn`: an SQS queue or a DynamoDB stream.
    pub event_source_arn: String,
    /// The function's name.
    pub function_name: String,
    /// The qualifier the mapping invokes (an alias or version), if any.
    pub qualifier: Option<String>,
    /// `BatchSize`.
    pub batch_size: i64,
    /// `MaximumBatchingWindowInSeconds`.
    pub batching_window_s: i64,
    /// `Enabled`.
    pub enabled: bool,
    /// `StartingPosition` (streams only).
    pub starting_position: Option<String>,
    /// `FunctionResponseTypes` (`ReportBatchItemFailures`).
    pub function_response_types: Vec<String>,
    /// `MaximumRetryAttempts` (streams; -1 = until the record expires).
    pub max_retries: i64,
    /// `BisectBatchOnFunctionError` (streams).
    pub bisect_on_error: bool,
    /// `DestinationConfig.OnFailure.Destination` (streams).
    pub on_failure: Option<String>,
    /// `ScalingConfig.MaximumConcurrency` (SQS).
    pub max_concurrency: Option<i64>,
    /// `FilterCriteria`, as given.
    pub filter_criteria: Option<Value>,
    /// `LastModified`, epoch milliseconds.
    pub modified_ms: i64,
}

impl EventSourceMapping {
    /// Whether the source is an SQS queue (else a DynamoDB stream).
    pub fn is_sqs(&self) -> bool {
        self.event_source_arn.starts_with("arn:aws:sqs:")
    }

    /// The mapping's JSON. `transition` is the state of the immediate answer to a create,
    /// update or delete (`Creating`, `Updating`, `Deleting`); later reads say `Enabled` or
    /// `Disabled`.
    pub fn to_json(&self, transition: impl Into<Option<&'static str>>) -> Value {
        let state = transition.into().unwrap_or(if self.enabled { "Enabled" } else { "Disabled" });
        let mut v = json!({
            "UUID": self.uuid,
            "BatchSize": self.batch_size,
            "MaximumBatchingWindowInSeconds": self.batching_window_s,
            "EventSourceArn": self.event_source_arn,
            "FunctionArn": function_arn(&self.function_name, self.qualifier.as_deref().unwrap_or("")),
            "LastModified": timestamp(self.modified_ms),
            "State": state,
            "StateTransitionReason": "USER_INITIATED",
            "FunctionResponseTypes": self.function_response_types,
            "EventSourceMappingArn": format!("arn:aws:lambda:{REGION}:{ACCOUNT_ID}:event-source-mapping:{}", self.uuid),
        });
        if !self.is_sqs() {
            v["StartingPosition"] = json!(self.starting_position);
            v["ParallelizationFactor"] = json!(1);
            v["DestinationConfig"] = json!({"OnFailure": self.on_failure.as_ref().map_or(json!({}), |d| json!({"Destination": d}))});
            v["MaximumRecordAgeInSeconds"] = json!(-1);
            v["BisectBatchOnFunctionError"] = json!(self.bisect_on_error);
            v["MaximumRetryAttempts"] = json!(self.max_retries);
            v["TumblingWindowInSeconds"] = json!(0);
            v["LastProcessingResult"] = json!("No records processed");
        }
        if let Some(n) = self.max_concurrency {
            v["ScalingConfig"] = json!({"MaximumConcurrency": n});
        }
        if let Some(f) = &self.filter_criteria {
            v["FilterCriteria"] = f.clone();
        }
        v
    }
}

/// Checks batch size and batching window for the source kind (`fifo`: an SQS FIFO queue).
fn check_batching(sqs: bool, fifo: bool, batch: i64, window: i64) -> Result<(), AwsError> {
    let mut v = Violations::default();
    if batch < 1 {
        v.add(batch, "batchSize", "Member must have value greater than or equal to 1");
    } else if batch > 10_000 {
        v.add(batch, "batchSize", "Member must have value less than or equal to 10000");
    }
    if !(0..=300).contains(&window) {
        let bound = if window < 0 { "greater than or equal to 0" } else { "less than or equal to 300" };
        v.add(window, "maximumBatchingWindowInSeconds", &format!("Member must have value {bound}"));
    }
    v.check()?;
    if fifo && batch > 10 {
        return Err(invalid_parameter("Batch size for FIFO queues cannot be greater than 10."));
    }
    if sqs && batch > 10 && window < 1 {
        return Err(invalid_parameter("Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10"));
    }
    Ok(())
}

fn strings(p: Params<'_>, key: &str) -> Vec<String> {
    p.opt_array(key).map(|a| a.iter().filter_map(Value::as_str).map(str::to_owned).collect()).unwrap_or_default()
}

impl Lambda {
    pub(super) fn create_event_source_mapping(&mut self, p: Params<'_>, env: &mut Env<'_>, peers: &dyn Peers) -> Result<Value, AwsError> {
        let r = function_ref(p, false)?;
        self.resolve(&r)?;
        let source = p.opt_str("EventSourceArn").ok_or_else(|| invalid_parameter("Unrecognized event source, must be kinesis, dynamodb stream or sqs."))?;
        let sqs = source.starts_with("arn:aws:sqs:");
        let stream = source.starts_with("arn:aws:dynamodb:") && source.contains("/stream/");
        if sqs {
            if !peers.queue_exists(source) {
                return Err(invalid_parameter(
                    "Error occurred while ReceiveMessage. SQS Error Code: AWS.SimpleQueueService.NonExistentQueue. SQS Error Message: The specified queue does not exist for this wsdl version.",
                ));
            }
            if p.opt_str("StartingPosition").is_some() {
                return Err(invalid_parameter("Unsupported starting position for the SQS event source."));
            }
        } else if stream {
            if !peers.stream_exists(source) {
                return Err(invalid_parameter(format!("Stream not found: {source}")));
            }
            match p.opt_str("StartingPosition") {
                Some("LATEST" | "TRIM_HORIZON") => {}
                Some(other) => return Err(invalid_parameter(format!("Unsupported starting position {other} for the DynamoDB stream event source."))),
                None => return Err(invalid_parameter("1 validation error detected: Value null at 'startingPosition' failed to satisfy constraint: Member must not be null.")),
            }
        } else {
            return Err(invalid_parameter("Unrecognized event source, must be kinesis, dynamodb stream or sqs."));
        }
        let batch = p.opt_i64("BatchSize").unwrap_or(if sqs { 10 } else { 100 });
        let window = p.opt_i64("MaximumBatchingWindowInSeconds").unwrap_or(0);
        check_batching(sqs, source.ends_with(".fifo"), batch, window)?;
        if let Some(existing) = self.mappings.values().find(|m| m.event_source_arn == source && m.function_name == r.name) {
            let kind = if sqs { "SQS" } else { "DynamoDB stream" };
            return Err(conflict(format!(
                "An event source mapping with {kind} arn (\" {source} \") and function (\" {} \") already exists. Please update or delete the existing mapping with UUID {}",
                r.name, existing.uuid
            )));
        }
        let mapping = EventSourceMapping {
            uuid: env.ids.uuid(),
            event_source_arn: source.to_owned(),
            function_name: r.name.clone(),
            qualifier: r.qualifier.clone(),
            batch_size: batch,
            batching_window_s: window,
            enabled: p.opt_bool("Enabled").unwrap_or(true),
            starting_position: p.opt_str("StartingPosition").map(str::to_owned),
            function_response_types: strings(p, "FunctionResponseTypes"),
            max_retries: p.opt_i64("MaximumRetryAttempts").unwrap_or(-1),
            bisect_on_error: p.opt_bool("BisectBatchOnFunctionError").unwrap_or(false),
            on_failure: p.get("DestinationConfig").and_then(|d| d["OnFailure"]["Destination"].as_str()).map(str::to_owned),
            max_concurrency: p.get("ScalingConfig").and_then(|s| s["MaximumConcurrency"].as_i64()),
            filter_criteria: p.get("FilterCriteria").cloned(),
            modified_ms: env.now_ms,
        };
        let out = mapping.to_json("Creating");
        self.mappings.insert(mapping.uuid.clone(), mapping);
        Ok(with_status(out, 202))
    }

    pub(super) fn list_event_source_mappings(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let source = p.opt_str("EventSourceArn");
        let function = match p.get("FunctionName") {
            Some(_) => Some(function_ref(p, false)?),
            None => None,
        };
        let list: Vec<Value> = self
            .mappings
            .values()
            .filter(|m| source.is_none_or(|s| m.event_source_arn == s))
            .filter(|m| function.as_ref().is_none_or(|f| m.function_name == f.name && (f.qualifier.is_none() || f.qualifier == m.qualifier)))
            .map(|m| m.to_json(None))
            .collect();
        Ok(json!({"EventSourceMappings": list}))
    }

    pub(super) fn get_event_source_mapping(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let uuid = p.str("UUID")?;
        Ok(self.mappings.get(uuid).ok_or_else(resource_not_found)?.to_json(None))
    }

    pub(super) fn update_event_source_mapping(&mut self, p: Params<'_>, env: &mut Env<'_>) -> Result<Value, AwsError> {
        let uuid = p.str("UUID")?;
        let target = match p.get("FunctionName") {
            Some(_) => {
                let r = function_ref(p, false)?;
                self.resolve(&r)?;
                Some(r)
            }
            None => None,
        };
        let m = self.mappings.get_mut(uuid).ok_or_else(resource_not_found)?;
        let batch = p.opt_i64("BatchSize").unwrap_or(m.batch_size);
        let window = p.opt_i64("MaximumBatchingWindowInSeconds").unwrap_or(m.batching_window_s);
        check_batching(m.is_sqs(), m.event_source_arn.ends_with(".fifo"), batch, window)?;
        m.batch_size = batch;
        m.batching_window_s = window;
        if let Some(r) = target {
            m.function_name = r.name;
            m.qualifier = r.qualifier;
        }
        if let Some(e) = p.opt_bool("Enabled") {
            m.enabled = e;
        }
        if p.get("FunctionResponseTypes").is_some() {
            m.function_response_types = strings(p, "FunctionResponseTypes");
        }
        if let Some(n) = p.opt_i64("MaximumRetryAttempts") {
            m.max_retries = n;
        }
        if let Some(b) = p.opt_bool("BisectBatchOnFunctionError") {
            m.bisect_on_error = b;
        }
        if let Some(s) = p.get("ScalingConfig") {
            m.max_concurrency = s["MaximumConcurrency"].as_i64();
        }
        if let Some(f) = p.get("FilterCriteria") {
            m.filter_criteria = Some(f.clone());
        }
        m.modified_ms = env.now_ms;
        Ok(with_status(m.to_json("Updating"), 202))
    }

    pub(super) fn delete_event_source_mapping(&mut self, p: Params<'_>) -> Result<Value, AwsError> {
        let uuid = p.str("UUID")?;
        let m = self.mappings.remove(uuid).ok_or_else(resource_not_found)?;
        Ok(with_status(m.to_json("Deleting"), 202))
    }
}
