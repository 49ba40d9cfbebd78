//! Events that do not come from a mock service's own state: API Gateway requests (REST
//! payload 1.0 and HTTP API payload 2.0) with proxy-response validation, and EventBridge
//! schedules. Shapes follow AWS's published samples field for field.

use std::collections::BTreeMap;

use mock_cloud::env::{ACCOUNT_ID, REGION, iso_millis};
use serde_json::{Map, Value, json};

use crate::definition::HttpRequest;

/// The HTTP response a client of the API receives.
#[derive(Debug, Clone, PartialEq)]
pub struct HttpResponse {
    /// Status code.
    pub status: u16,
    /// Headers (single-valued view; multi-value headers joined with `, `).
    pub headers: BTreeMap<String, String>,
    /// Body text (base64-decoded when the function said `isBase64Encoded`).
    pub body: String,
    /// Why API Gateway replaced the function's answer, when it did (a malformed proxy
    /// response, a function error): what the API Gateway execution log would say.
    pub gateway_error: Option<String>,
}

impl HttpResponse {
    fn gateway(status: u16, message: &str, why: String) -> HttpResponse {
        let mut headers = BTreeMap::new();
        headers.insert("content-type".into(), "application/json".into());
        HttpResponse {
            status,
            headers,
            body: json!({ "message": message }).to_string(),
            gateway_error: Some(why),
        }
    }

    /// API Gateway's answer when the integration failed (function error or timeout).
    pub fn internal_error(why: String) -> HttpResponse {
        HttpResponse::gateway(502, "Internal server error", why)
    }

    /// API Gateway's answer to a path no route matches (the function is not invoked):
    /// 404 Not Found for HTTP APIs, 403 Missing Authentication Token for REST APIs.
    pub fn no_route(status: u16, message: &str) -> HttpResponse {
        HttpResponse::gateway(status, message, format!("no route matches the request path ({status} {message})"))
    }

    /// API Gateway's answer when the function is throttled.
    pub fn throttled() -> HttpResponse {
        HttpResponse::gateway(429, "Too Many Requests", "Lambda throttled the invocation (TooManyRequestsException)".into())
    }
}

/// Path parameters of `path` against a template like `/orders/{id}` or `/{proxy+}`.
pub fn path_parameters(template: &str, path: &str) -> Option<Map<String, Value>> {
    let t: Vec<&str> = template.trim_matches('/').split('/').collect();
    let p: Vec<&str> = path.trim_matches('/').split('/').collect();
    let mut params = Map::new();
    for (i, seg) in t.iter().enumerate() {
        if let Some(name) = seg.strip_prefix('{').and_then(|s| s.strip_suffix("+}")) {
            params.insert(name.into(), Value::String(p.get(i..)?.join("/")));
            return Some(params);
        }
        let value = p.get(i)?;
        if let Some(name) = seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            params.insert(name.into(), Value::String(percent_decode(value)));
        } else if seg != value {
            return None;
        }
    }
    (t.len() == p.len()).then_some(params)
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match (b[i], b.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok())) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
            }
            (c, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn query_values(query: &BTreeMap<String, Value>) -> Vec<(String, Vec<String>)> {
    query
        .iter()
        .map(|(k, v)| {
            let values = match v {
                Value::Array(items) => items.iter().map(plain).collect(),
                other => vec![plain(other)],
            };
            (k.clone(), values)
        })
        .collect()
}

fn plain(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn default_headers(req: &HttpRequest) -> BTreeMap<String, String> {
    let mut headers: BTreeMap<String, String> = BTreeMap::new();
    headers.insert("Host".into(), "abc123def4.execute-api.us-east-1.amazonaws.com".into());
    headers.insert("User-Agent".into(), "labbook/1.0".into());
    headers.insert("X-Forwarded-For".into(), "203.0.113.10".into());
    headers.insert("X-Forwarded-Port".into(), "443".into());
    headers.insert("X-Forwarded-Proto".into(), "https".into());
    if req.body.is_some() && !req.headers.keys().any(|k| k.eq_ignore_ascii_case("content-type")) {
        headers.insert("Content-Type".into(), "application/json".into());
    }
    headers.extend(req.headers.clone());
    headers
}

/// A REST API (payload format 1.0) proxy event.
pub fn rest_event(req: &HttpRequest, resource: &str, stage: &str, request_id: &str, now_ms: i64) -> Value {
    let headers = default_headers(req);
    let query = query_values(&req.query);
    let single_query: Map<String, Value> = query.iter().map(|(k, v)| (k.clone(), json!(v.last().cloned().unwrap_or_default()))).collect();
    let multi_query: Map<String, Value> = query.iter().map(|(k, v)| (k.clone(), json!(v))).collect();
    let path_params = path_parameters(resource, &req.path);
    json!({
        "resource": resource,
        "path": req.path,
        "httpMethod": req.method.to_uppercase(),
        "headers": headers,
        "multiValueHeaders": headers.iter().map(|(k, v)| (k.clone(), json!([v]))).collect::<Map<_, _>>(),
        "queryStringParameters": if single_query.is_empty() { Value::Null } else { Value::Object(single_query) },
        "multiValueQueryStringParameters": if multi_query.is_empty() { Value::Null } else { Value::Object(multi_query) },
        "pathParameters": match path_params { Some(p) if !p.is_empty() => Value::Object(p), _ => Value::Null },
        "stageVariables": Value::Null,
        "requestContext": {
            "accountId": ACCOUNT_ID,
            "apiId": "abc123def4",
            "domainName": "abc123def4.execute-api.us-east-1.amazonaws.com",
            "domainPrefix": "abc123def4",
            "extendedRequestId": "LabbookExtReqId=",
            "httpMethod": req.method.to_uppercase(),
            "identity": {
                "accessKey": null, "accountId": null, "caller": null, "cognitoAuthenticationProvider": null,
                "cognitoAuthenticationType": null, "cognitoIdentityId": null, "cognitoIdentityPoolId": null,
                "principalOrgId": null, "sourceIp": "203.0.113.10", "user": null, "userAgent": "labbook/1.0", "userArn": null
            },
            "path": format!("/{stage}{}", req.path),
            "protocol": "HTTP/1.1",
            "requestId": request_id,
            "requestTime": clf_time(now_ms),
            "requestTimeEpoch": now_ms,
            "resourceId": "a1b2c3",
            "resourcePath": resource,
            "stage": stage
        },
        "body": req.body,
        "isBase64Encoded": false
    })
}

/// An HTTP API (payload format 2.0) event.
pub fn http_event(req: &HttpRequest, route: &str, request_id: &str, now_ms: i64) -> Value {
    let mut headers: Map<String, Value> = default_headers(req).into_iter().map(|(k, v)| (k.to_lowercase(), json!(v))).collect();
    // Payload 2.0 moves the Cookie header into a `cookies` array (absent without cookies).
    let cookies: Vec<Value> = headers
        .remove("cookie")
        .and_then(|v| v.as_str().map(str::to_owned))
        .map(|c| c.split(';').map(str::trim).filter(|c| !c.is_empty()).map(|c| json!(c)).collect())
        .unwrap_or_default();
    let query = query_values(&req.query);
    let raw_query = query
        .iter()
        .flat_map(|(k, vs)| vs.iter().map(move |v| format!("{k}={v}")))
        .collect::<Vec<_>>()
        .join("&");
    // Repeated parameters arrive comma-joined in payload 2.0.
    let qs: Map<String, Value> = query.iter().map(|(k, v)| (k.clone(), json!(v.join(",")))).collect();
    let route_key = format!("{} {route}", req.method.to_uppercase());
    let mut event = json!({
        "version": "2.0",
        "routeKey": route_key,
        "rawPath": req.path,
        "rawQueryString": raw_query,
        "headers": headers,
        "requestContext": {
            "accountId": ACCOUNT_ID,
            "apiId": "abc123def4",
            "domainName": "abc123def4.execute-api.us-east-1.amazonaws.com",
            "domainPrefix": "abc123def4",
            "http": {
                "method": req.method.to_uppercase(),
                "path": req.path,
                "protocol": "HTTP/1.1",
                "sourceIp": "203.0.113.10",
                "userAgent": "labbook/1.0"
            },
            "requestId": request_id,
            "routeKey": route_key,
            "stage": "$default",
            "time": clf_time(now_ms),
            "timeEpoch": now_ms
        },
        "isBase64Encoded": false
    });
    if !cookies.is_empty() {
        event["cookies"] = Value::Array(cookies);
    }
    if !qs.is_empty() {
        event["queryStringParameters"] = Value::Object(qs);
    }
    if let Some(params) = path_parameters(route, &req.path).filter(|p| !p.is_empty()) {
        event["pathParameters"] = Value::Object(params);
    }
    if let Some(body) = &req.body {
        event["body"] = json!(body);
    }
    event
}

/// An EventBridge scheduled event for `rule`.
pub fn schedule_event(rule: &str, id: &str, now_ms: i64) -> Value {
    let time = iso_millis(now_ms / 1000 * 1000);
    json!({
        "version": "0",
        "id": id,
        "detail-type": "Scheduled Event",
        "source": "aws.events",
        "account": ACCOUNT_ID,
        "time": format!("{}Z", &time[..19]),
        "region": REGION,
        "resources": [format!("arn:aws:events:{REGION}:{ACCOUNT_ID}:rule/{rule}")],
        "detail": {}
    })
}

/// `15/Jan/2026:12:00:00 +0000`, the request time format of API Gateway events.
fn clf_time(now_ms: i64) -> String {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let iso = iso_millis(now_ms);
    let month: usize = iso[5..7].parse().unwrap_or(1);
    format!("{}/{}/{}:{} +0000", &iso[8..10], MONTHS[month - 1], &iso[0..4], &iso[11..19])
}

/// What API Gateway makes of a REST proxy integration's response: exactly
/// `{statusCode, headers?, multiValueHeaders?, body?, isBase64Encoded?}` with the right types,
/// else the 502 a client sees ("Malformed Lambda proxy response" in the execution log).
pub fn rest_response(payload: &Value) -> HttpResponse {
    let malformed = |why: &str| HttpResponse::internal_error(format!("Execution failed due to configuration error: Malformed Lambda proxy response ({why})"));
    let Some(obj) = payload.as_object() else {
        return malformed("the function must return a JSON object");
    };
    if let Some(extra) = obj.keys().find(|k| !["statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded", "cookies"].contains(&k.as_str())) {
        return malformed(&format!("unexpected key `{extra}`"));
    }
    let status = match obj.get("statusCode") {
        Some(Value::Number(n)) if n.as_u64().is_some_and(|s| (100..600).contains(&s)) => n.as_u64().unwrap() as u16,
        Some(Value::String(s)) if s.parse::<u16>().is_ok() => s.parse().unwrap(),
        Some(_) => return malformed("statusCode must be an integer HTTP status"),
        None => return malformed("statusCode is missing"),
    };
    let body = match obj.get("body") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(_) => return malformed("body must be a string; use json.dumps() for objects"),
    };
    let mut headers = BTreeMap::new();
    match obj.get("headers") {
        None | Some(Value::Null) => {}
        Some(Value::Object(h)) => {
            for (k, v) in h {
                match v {
                    Value::String(s) => headers.insert(k.to_lowercase(), s.clone()),
                    Value::Number(_) | Value::Bool(_) => headers.insert(k.to_lowercase(), v.to_string()),
                    _ => return malformed("header values must be strings"),
                };
            }
        }
        Some(_) => return malformed("headers must be an object"),
    }
    if let Some(mv) = obj.get("multiValueHeaders").filter(|v| !v.is_null()) {
        let Some(mv) = mv.as_object() else { return malformed("multiValueHeaders must be an object of lists") };
        for (k, v) in mv {
            let Some(list) = v.as_array() else { return malformed("multiValueHeaders values must be lists") };
            headers.insert(k.to_lowercase(), list.iter().map(plain).collect::<Vec<_>>().join(", "));
        }
    }
    let base64 = match obj.get("isBase64Encoded") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => return malformed("isBase64Encoded must be a boolean"),
    };
    let body = if base64 { decode_base64(&body).unwrap_or(body) } else { body };
    headers.entry("content-type".into()).or_insert_with(|| "application/json".into());
    HttpResponse { status, headers, body, gateway_error: None }
}

/// What an HTTP API makes of a payload-2.0 response: with `statusCode`, as REST does;
/// without it, API Gateway infers a 200 whose body is the returned value as JSON.
pub fn http_response(payload: &Value) -> HttpResponse {
    if payload.get("statusCode").is_some() {
        return rest_response(payload);
    }
    let body = match payload {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let mut headers = BTreeMap::new();
    headers.insert("content-type".into(), "application/json".into());
    HttpResponse { status: 200, headers, body, gateway_error: None }
}

fn decode_base64(s: &str) -> Option<String> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bits = 0u32;
    let mut n = 0;
    let mut out = Vec::new();
    for c in s.bytes().filter(|c| *c != b'=' && !c.is_ascii_whitespace()) {
        let v = ALPHABET.iter().position(|a| *a == c)? as u32;
        bits = (bits << 6) | v;
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n) as u8);
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_templates() {
        assert_eq!(path_parameters("/orders/{id}", "/orders/42").unwrap()["id"], "42");
        assert_eq!(path_parameters("/{proxy+}", "/a/b/c").unwrap()["proxy"], "a/b/c");
        assert!(path_parameters("/orders/{id}", "/users/42").is_none());
        assert!(path_parameters("/orders", "/orders").unwrap().is_empty());
    }

    #[test]
    fn proxy_responses_are_validated_like_api_gateway() {
        let ok = rest_response(&json!({"statusCode": 201, "headers": {"X-Id": "7"}, "body": "{\"ok\":true}"}));
        assert_eq!((ok.status, ok.body.as_str(), ok.headers["x-id"].as_str()), (201, "{\"ok\":true}", "7"));
        for bad in [json!({"body": "x"}), json!({"statusCode": 200, "body": {"a": 1}}), json!("hello"), json!({"statusCode": 200, "data": 1})] {
            let r = rest_response(&bad);
            assert_eq!(r.status, 502, "{bad}");
            assert_eq!(r.body, r#"{"message":"Internal server error"}"#);
            assert!(r.gateway_error.unwrap().contains("Malformed Lambda proxy response"));
        }
        let inferred = http_response(&json!({"items": []}));
        assert_eq!((inferred.status, inferred.body.as_str()), (200, r#"{"items":[]}"#));
        let b64 = rest_response(&json!({"statusCode": 200, "body": "aGk=", "isBase64Encoded": true}));
        assert_eq!(b64.body, "hi");
    }

    #[test]
    fn events_carry_query_path_and_body() {
        let req = HttpRequest {
            method: "post".into(),
            path: "/orders/42".into(),
            query: [("tag".to_string(), json!(["a", "b"]))].into(),
            headers: BTreeMap::new(),
            body: Some("{}".into()),
        };
        let v1 = rest_event(&req, "/orders/{id}", "prod", "r-1", 1_768_478_400_000);
        assert_eq!(v1["httpMethod"], "POST");
        assert_eq!(v1["pathParameters"]["id"], "42");
        assert_eq!(v1["queryStringParameters"]["tag"], "b");
        assert_eq!(v1["multiValueQueryStringParameters"]["tag"], json!(["a", "b"]));
        assert_eq!(v1["requestContext"]["requestTime"], "15/Jan/2026:12:00:00 +0000");
        let v2 = http_event(&req, "/orders/{id}", "r-2", 1_768_478_400_000);
        assert_eq!(v2["routeKey"], "POST /orders/{id}");
        assert_eq!(v2["rawQueryString"], "tag=a&tag=b");
        assert_eq!(v2["queryStringParameters"]["tag"], "a,b");
        assert_eq!(v2["headers"]["content-type"], "application/json");
        let s = schedule_event("nightly", "id-1", 1_768_478_400_123);
        assert_eq!(s["time"], "2026-01-15T12:00:00Z");
        assert_eq!(s["detail-type"], "Scheduled Event");
    }
}
