"""CreateTopic (idempotent), ListTopics, Get/SetTopicAttributes, DeleteTopic, NotFound."""
from common import attempt


def scenario(boto3):
    sns = boto3.client("sns")
    out = {}
    out["create"] = attempt(sns.create_topic, Name="fid-alerts")
    out["create_again"] = attempt(sns.create_topic, Name="fid-alerts")
    out["create_b"] = attempt(sns.create_topic, Name="fid-billing", Attributes={"DisplayName": "Billing"})
    arn = out["create"]["TopicArn"]
    out["list"] = attempt(sns.list_topics)
    out["attributes"] = attempt(sns.get_topic_attributes, TopicArn=arn)
    out["set_display_name"] = attempt(sns.set_topic_attributes, TopicArn=arn, AttributeName="DisplayName", AttributeValue="Alerts")
    out["display_name"] = sns.get_topic_attributes(TopicArn=arn)["Attributes"]["DisplayName"]
    out["bad_attribute"] = attempt(sns.set_topic_attributes, TopicArn=arn, AttributeName="Colour", AttributeValue="red")
    out["missing_attributes"] = attempt(sns.get_topic_attributes, TopicArn=arn.replace("fid-alerts", "fid-nope"))
    out["bad_name"] = attempt(sns.create_topic, Name="has space")
    out["delete"] = attempt(sns.delete_topic, TopicArn=arn)
    out["delete_again"] = attempt(sns.delete_topic, TopicArn=arn)
    out["list_after"] = attempt(sns.list_topics)
    return out
