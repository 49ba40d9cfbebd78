import json

import boto3

sns = boto3.client("sns")

TOPIC_ARN = "arn:aws:sns:us-east-1:123456789012:order-events"
EU_COUNTRIES = {"AT", "BE", "DE", "ES", "FI", "FR", "IE", "IT", "NL", "PT"}


def lambda_handler(event, context):
    # TODO: work out the region: "eu" for EU_COUNTRIES, "us" for US and CA, else "other".
    # TODO: gift: "yes" when event["gift"] is true, "no" otherwise (or when it is missing).
    # TODO: publish with MessageAttributes, so the subscriptions' filter policies can match:
    #       {"region": {"DataType": "String", "StringValue": ...}, "gift": {...}}
    sns.publish(TopicArn=TOPIC_ARN, Message=json.dumps(event))

    # TODO: return {"messageId": <the MessageId publish returned>}
    return {}
