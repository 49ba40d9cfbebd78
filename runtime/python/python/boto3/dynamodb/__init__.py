"""boto3.dynamodb: the DynamoDB high-level interface (types, conditions, Table resource)."""
