//! The AWS managed policies the course attaches, with the documents AWS publishes
//! (`managed_policies.json`, taken from moto 5.2.5's copy of AWS's list; data, not code).

use std::sync::OnceLock;

use serde_json::Value;

/// One AWS managed policy.
#[derive(Debug, Clone)]
pub struct ManagedPolicy {
    /// `PolicyName`.
    pub name: String,
    /// `arn:aws:iam::aws:policy<path><name>`.
    pub arn: String,
    /// `Path` (`/` or `/service-role/`).
    pub path: String,
    /// `DefaultVersionId` (`v1`...).
    pub default_version: String,
    /// The default version's document.
    pub document: Value,
    /// `CreateDate`, epoch milliseconds.
    pub created_ms: i64,
    /// `UpdateDate`, epoch milliseconds.
    pub updated_ms: i64,
}

fn all() -> &'static [ManagedPolicy] {
    static POLICIES: OnceLock<Vec<ManagedPolicy>> = OnceLock::new();
    POLICIES.get_or_init(|| {
        let data: serde_json::Map<String, Value> =
            serde_json::from_str(include_str!("managed_policies.json")).expect("managed_policies.json is valid JSON");
        data.into_iter()
            .map(|(name, p)| {
                let path = p["Path"].as_str().unwrap_or("/").to_owned();
                ManagedPolicy {
                    arn: format!("arn:aws:iam::aws:policy{path}{name}"),
                    path,
                    default_version: p["DefaultVersionId"].as_str().unwrap_or("v1").to_owned(),
                    document: p["Document"].clone(),
                    created_ms: parse_date(p["CreateDate"].as_str().unwrap_or_default()),
                    updated_ms: parse_date(p["UpdateDate"].as_str().unwrap_or_default()),
                    name,
                }
            })
            .collect()
    })
}

/// The AWS managed policy with ARN `arn`, if the mock knows it.
pub fn aws_managed_policy(arn: &str) -> Option<&'static ManagedPolicy> {
    all().iter().find(|p| p.arn == arn)
}

/// All AWS managed policies the mock knows, by name.
pub(crate) fn aws_managed_policies() -> &'static [ManagedPolicy] {
    all()
}

/// `2015-04-09T15:03:43+00:00` to epoch milliseconds (0 if malformed: the data is ours).
fn parse_date(s: &str) -> i64 {
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|x| x.parse::<i64>().ok()).unwrap_or(0);
    let (y, m, d) = (num(0..4), num(5..7), num(8..10));
    let (hh, mm, ss) = (num(11..13), num(14..16), num(17..19));
    // Days from civil (Howard Hinnant), the inverse of env::civil_from_days.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    ((days * 86_400) + hh * 3600 + mm * 60 + ss) * 1000
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::env::iso_millis;

    #[test]
    fn the_course_policies_resolve_by_arn_with_their_documents() {
        let basic = aws_managed_policy("arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole").unwrap();
        assert_eq!(basic.path, "/service-role/");
        assert_eq!(basic.document["Statement"][0]["Action"][0], "logs:CreateLogGroup");
        for arn in [
            "arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole",
            "arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole",
            "arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess",
            "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
            "arn:aws:iam::aws:policy/AmazonDynamoDBReadOnlyAccess",
        ] {
            assert!(aws_managed_policy(arn).is_some_and(|p| p.document["Statement"].is_array()), "{arn}");
        }
        assert!(aws_managed_policy("arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole").is_none(), "the path is part of the ARN");
    }

    #[test]
    fn dates_parse_to_epoch_ms() {
        assert_eq!(iso_millis(parse_date("2015-04-09T15:03:43+00:00")), "2015-04-09T15:03:43.000Z");
        assert_eq!(iso_millis(parse_date("2024-02-29T00:00:00+00:00")), "2024-02-29T00:00:00.000Z");
    }
}
