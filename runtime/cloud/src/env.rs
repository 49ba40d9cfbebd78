//! What every operation may use besides its own state: the virtual clock, deterministic ids,
//! the account and region, and the effects it has on other services.

use serde_json::Value;

/// Account id used in every ARN and URL.
pub const ACCOUNT_ID: &str = "123456789012";
/// Region of the mock cloud.
pub const REGION: &str = "us-east-1";

/// Context of one call.
#[derive(Debug)]
pub struct Env<'a> {
    /// Virtual time of the call, epoch milliseconds.
    pub now_ms: i64,
    /// Deterministic id source.
    pub ids: &'a mut Ids,
    /// What this call caused elsewhere, routed by [`crate::Cloud`] after the call.
    pub effects: Vec<Effect>,
}

impl<'a> Env<'a> {
    /// A call context at `now_ms`.
    pub fn new(now_ms: i64, ids: &'a mut Ids) -> Env<'a> {
        Env { now_ms, ids, effects: Vec::new() }
    }
}

/// Something a call causes outside its own service.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// An S3 event notification (to a Lambda function, SQS queue or SNS topic).
    S3Notification {
        /// Destination ARN from the bucket's notification configuration.
        target_arn: String,
        /// The notification `Records` entry, already in AWS's exact event format.
        record: Value,
    },
    /// SNS delivering a message to one subscription.
    SnsDelivery {
        /// `sqs` or `lambda` (other protocols are recorded, not delivered).
        protocol: String,
        /// The endpoint ARN (queue or function).
        endpoint: String,
        /// For SQS: the message body SNS sends (the JSON envelope, unless raw delivery).
        /// For Lambda: the `Records` entry of the SNS event.
        payload: Value,
        /// Message attributes for raw delivery to SQS (SQS shape), else null.
        sqs_attributes: Value,
    },
}

/// Deterministic ids: the same sequence of calls gives the same ids, so tests compare exactly.
#[derive(Debug, Clone)]
pub struct Ids {
    state: u64,
}

impl Ids {
    /// An id source seeded with `seed`.
    pub fn new(seed: u64) -> Ids {
        Ids { state: seed ^ 0x9E37_79B9_7F4A_7C15 }
    }

    /// The next 64 pseudo-random bits (splitmix64).
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A version-4-shaped UUID string.
    pub fn uuid(&mut self) -> String {
        let a = self.next_u64();
        let b = self.next_u64();
        format!(
            "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
            (a >> 32) as u32,
            (a >> 16) as u16,
            a as u16 & 0x0fff,
            ((b >> 48) as u16 & 0x3fff) | 0x8000,
            b & 0xffff_ffff_ffff
        )
    }

    /// `n` random hex characters.
    pub fn hex(&mut self, n: usize) -> String {
        let mut s = String::with_capacity(n);
        while s.len() < n {
            s.push_str(&format!("{:016x}", self.next_u64()));
        }
        s.truncate(n);
        s
    }
}

/// ISO-8601 UTC with milliseconds and `Z`, as AWS event payloads write times.
pub fn iso_millis(epoch_ms: i64) -> String {
    let secs = epoch_ms.div_euclid(1000);
    let ms = epoch_ms.rem_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{ms:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian (Howard Hinnant's algorithm).
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_deterministic_and_uuid_shaped() {
        let (mut a, mut b) = (Ids::new(7), Ids::new(7));
        let u = a.uuid();
        assert_eq!(u, b.uuid());
        assert_eq!(u.len(), 36);
        assert_eq!(&u[14..15], "4");
        assert_ne!(u, a.uuid());
    }

    #[test]
    fn iso_times() {
        assert_eq!(iso_millis(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso_millis(1_767_225_600_123), "2026-01-01T00:00:00.123Z");
        assert_eq!(iso_millis(951_782_400_000), "2000-02-29T00:00:00.000Z");
    }
}
