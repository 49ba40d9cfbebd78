import json

import boto3

# Created once per execution environment, reused by warm invocations.
sns = boto3.client("sns")

TOPIC_ARN = "arn:aws:sns:us-east-1:123456789012:order-events"
EU_COUNTRIES = {"AT", "BE", "DE", "ES", "FI", "FR", "IE", "IT", "NL", "PT"}


def region_of(country):
    if country in EU_COUNTRIES:
        return "eu"
    if country in ("US", "CA"):
        return "us"
    # No warehouse subscribes to "other": the order reaches only the unfiltered subscribers.
    return "other"


def lambda_handler(event, context):
    response = sns.publish(
        TopicArn=TOPIC_ARN,
        # The order as it came: every subscriber gets the same copy.
        Message=json.dumps(event),
        # Filter policies match message attributes, so the routing facts go here. Values are
        # strings: the gift-wrap policy matches the string "yes", not a JSON boolean.
        MessageAttributes={
            "region": {"DataType": "String", "StringValue": region_of(event.get("country"))},
            "gift": {"DataType": "String", "StringValue": "yes" if event.get("gift") else "no"},
        },
    )
    # One publish, however many subscribers: adding a queue to the topic needs no code change.
    return {"messageId": response["MessageId"]}
