"""Subscriptions: list (all and by topic), attributes, pending email confirmations, unsubscribe, errors."""
from common import attempt


def scenario(boto3):
    sns = boto3.client("sns")
    sqs = boto3.client("sqs")
    topic = sns.create_topic(Name="fid-subs")["TopicArn"]
    url = sqs.create_queue(QueueName="fid-subs-q")["QueueUrl"]
    qarn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    out = {}
    sq = sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=qarn)
    out["sqs_again"] = attempt(sns.subscribe, TopicArn=topic, Protocol="sqs", Endpoint=qarn)
    out["email"] = attempt(sns.subscribe, TopicArn=topic, Protocol="email", Endpoint="ada@example.com")
    out["email_arn"] = attempt(sns.subscribe, TopicArn=topic, Protocol="email", Endpoint="bob@example.com", ReturnSubscriptionArn=True)
    out["lambda"] = attempt(sns.subscribe, TopicArn=topic, Protocol="lambda", Endpoint="arn:aws:lambda:us-east-1:123456789012:function:fid-fn")
    out["by_topic"] = attempt(sns.list_subscriptions_by_topic, TopicArn=topic)
    out["all"] = attempt(sns.list_subscriptions)
    out["attributes"] = attempt(sns.get_subscription_attributes, SubscriptionArn=sq["SubscriptionArn"])
    out["bad_protocol"] = attempt(sns.subscribe, TopicArn=topic, Protocol="carrier-pigeon", Endpoint="x")
    out["missing_topic"] = attempt(sns.subscribe, TopicArn=topic + "-nope", Protocol="sqs", Endpoint=qarn)
    out["bad_endpoint"] = attempt(sns.subscribe, TopicArn=topic, Protocol="sqs", Endpoint="not-an-arn")
    out["unsubscribe"] = attempt(sns.unsubscribe, SubscriptionArn=sq["SubscriptionArn"])
    out["after"] = [s["Protocol"] for s in sns.list_subscriptions_by_topic(TopicArn=topic)["Subscriptions"]]
    out["attributes_gone"] = attempt(sns.get_subscription_attributes, SubscriptionArn=sq["SubscriptionArn"])
    return out
