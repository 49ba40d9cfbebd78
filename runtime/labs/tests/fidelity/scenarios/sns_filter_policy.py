"""Subscription filter policies (attributes and message body scope) decide what is delivered."""
import json


def scenario(boto3):
    sns = boto3.client("sns")
    sqs = boto3.client("sqs")
    topic = sns.create_topic(Name="fid-filter")["TopicArn"]

    def queue(name, policy, scope=None):
        url = sqs.create_queue(QueueName=name)["QueueUrl"]
        arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        attrs = {"FilterPolicy": json.dumps(policy), "RawMessageDelivery": "true"}
        if scope:
            attrs["FilterPolicyScope"] = scope
        sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn, Attributes=attrs)
        return url

    big = queue("fid-big", {"amount": [{"numeric": [">=", 100]}]})
    eu = queue("fid-eu", {"region": ["eu-west-1", "eu-central-1"], "kind": [{"anything-but": "test"}]})
    body = queue("fid-body", {"order": {"status": ["paid"]}}, scope="MessageBody")
    prefix = queue("fid-prefix", {"sku": [{"prefix": "book-"}], "gift": [{"exists": False}]})

    def attrs(**kw):
        out = {}
        for k, v in kw.items():
            if isinstance(v, (int, float)):
                out[k] = {"DataType": "Number", "StringValue": str(v)}
            else:
                out[k] = {"DataType": "String", "StringValue": v}
        return out

    sns.publish(TopicArn=topic, Message="m1", MessageAttributes=attrs(amount=150, region="eu-west-1", kind="real", sku="book-1"))
    sns.publish(TopicArn=topic, Message="m2", MessageAttributes=attrs(amount=50, region="us-east-1", sku="pen-1"))
    sns.publish(TopicArn=topic, Message="m3", MessageAttributes=attrs(amount=100, region="eu-central-1", kind="test", sku="book-2", gift="yes"))
    sns.publish(TopicArn=topic, Message=json.dumps({"order": {"status": "paid", "id": 1}}))
    sns.publish(TopicArn=topic, Message=json.dumps({"order": {"status": "open", "id": 2}}))
    sns.publish(TopicArn=topic, Message="not json")

    def bodies(url):
        got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)
        return sorted(m["Body"] for m in got.get("Messages", []))

    out = {"big": bodies(big), "eu": bodies(eu), "body": bodies(body), "prefix": bodies(prefix)}
    return out

    sns.publish(TopicArn=topic, Message="m1", MessageAttributes=attrs(amount=150, region="eu-west-1", kind="real", sku="book-1"))
    sns.publish(TopicArn=topic, Message="m2", MessageAttributes=attrs(amount=50, region="us-east-1", sku="pen-1"))
    sns.publish(TopicArn=topic, Message="m3", MessageAttributes=attrs(amount=100, region="eu-central-1", kind="test", sku="book-2", gift="yes"))
    sns.publish(TopicArn=topic, Message=json.dumps({"order": {"status": "paid", "id": 1}}))
    sns.publish(TopicArn=topic, Message=json.dumps({"order": {"status": "open", "id": 2}}))
    sns.publish(TopicArn=topic, Message="not json")

    def bodies(url):
        got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)
        return sorted(m["Body"] for m in got.get("Messages", []))

    out = {"big": bodies(big), "eu": bodies(eu), "body": bodies(body), "prefix": bodies(prefix)}
    out["bad_policy"] = None
    try:
        sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint="arn:aws:sqs:us-east-1:123456789012:fid-big", Attributes={"FilterPolicy": "{not json"})
    except sns.exceptions.InvalidParameterException as e:
        out["bad_policy"] = [e.response["Error"]["Code"], e.response["Error"]["Message"]]
    return out
