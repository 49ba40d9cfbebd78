//! Through the Cloud: S3 -> SNS -> Lambda.

use super::*;

#[test]
fn s3_notification_fans_out_through_a_topic_to_lambda() {
    use crate::cloud::{Caller, Cloud};
    let mut cloud = Cloud::default();
    let call = |cloud: &mut Cloud, svc: &str, op: &str, p: Value| cloud.call(Caller::Platform, svc, op, &p).unwrap_or_else(|e| panic!("{op}: {e}"));
    call(&mut cloud, "sns", "CreateTopic", json!({"Name": "uploads"}));
    let topic = "arn:aws:sns:us-east-1:123456789012:uploads";
    let sub = call(&mut cloud, "sns", "Subscribe", json!({"TopicArn": topic, "Protocol": "lambda", "Endpoint": FUNCTION}))["SubscriptionArn"].clone();
    call(&mut cloud, "s3", "CreateBucket", json!({"Bucket": "inbox"}));
    call(
        &mut cloud,
        "s3",
        "PutBucketNotificationConfiguration",
        json!({"Bucket": "inbox", "NotificationConfiguration": {"TopicConfigurations": [{"TopicArn": topic, "Events": ["s3:ObjectCreated:*"]}]}}),
    );
    call(&mut cloud, "s3", "PutObject", json!({"Bucket": "inbox", "Key": "new file.txt", "Body": "hi"}));
    assert_eq!(cloud.pending_invokes.len(), 1);
    let invoke = &cloud.pending_invokes[0];
    assert_eq!(invoke.function_arn, FUNCTION);
    let record = &invoke.event["Records"][0];
    assert_eq!(record["EventSubscriptionArn"], sub);
    assert_eq!(record["Sns"]["Subject"], "Amazon S3 Notification");
    let s3_event: Value = serde_json::from_str(record["Sns"]["Message"].as_str().unwrap()).unwrap();
    assert_eq!(s3_event["Records"][0]["s3"]["object"]["key"], "new+file.txt");
    assert_eq!(cloud.sns.snapshot()["Messages"][0]["Deliveries"][0]["Status"], "delivered");
}
