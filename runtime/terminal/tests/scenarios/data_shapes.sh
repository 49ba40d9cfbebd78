# Whole answers of the data services.
aws sqs create-queue --queue-name jobs
aws sqs send-message --queue-url https://sqs.us-east-1.amazonaws.com/123456789012/jobs --message-body hello
aws sqs get-queue-attributes --queue-url https://sqs.us-east-1.amazonaws.com/123456789012/jobs --attribute-names All --query 'Attributes.[ApproximateNumberOfMessages, VisibilityTimeout, MaximumMessageSize, MessageRetentionPeriod, DelaySeconds]' --output text
aws sqs receive-message --queue-url https://sqs.us-east-1.amazonaws.com/123456789012/jobs --query 'Messages[0].[Body, MD5OfBody]' --output text
aws sqs receive-message --queue-url https://sqs.us-east-1.amazonaws.com/123456789012/jobs
aws sqs delete-queue --queue-url https://sqs.us-east-1.amazonaws.com/123456789012/jobs
aws dynamodb create-table --table-name Notes --attribute-definitions AttributeName=pk,AttributeType=S AttributeName=sk,AttributeType=N --key-schema AttributeName=pk,KeyType=HASH AttributeName=sk,KeyType=RANGE --billing-mode PAY_PER_REQUEST
aws dynamodb put-item --table-name Notes --item '{"pk": {"S": "a"}, "sk": {"N": "1"}, "text": {"S": "first"}}' --return-values ALL_OLD
aws dynamodb put-item --table-name Notes --item '{"pk": {"S": "a"}, "sk": {"N": "1"}, "text": {"S": "again"}}' --return-values ALL_OLD
aws dynamodb query --table-name Notes --key-condition-expression 'pk = :p' --expression-attribute-values '{":p": {"S": "a"}}'
aws dynamodb update-item --table-name Notes --key '{"pk": {"S": "a"}, "sk": {"N": "1"}}' --update-expression 'SET #t = :t' --expression-attribute-names '{"#t": "text"}' --expression-attribute-values '{":t": {"S": "third"}}' --return-values UPDATED_NEW
aws dynamodb delete-item --table-name Notes --key '{"pk": {"S": "a"}, "sk": {"N": "1"}}' --return-values ALL_OLD --output text
aws dynamodb delete-table --table-name Notes --query 'TableDescription.[TableName, TableStatus]' --output text
aws sns create-topic --name alerts
aws sqs create-queue --queue-name inbox --query QueueUrl --output text
aws sns subscribe --topic-arn arn:aws:sns:us-east-1:123456789012:alerts --protocol sqs --notification-endpoint arn:aws:sqs:us-east-1:123456789012:inbox --query 'length(SubscriptionArn)'
aws sns publish --topic-arn arn:aws:sns:us-east-1:123456789012:alerts --message hi --query 'length(MessageId)'
aws sns get-topic-attributes --topic-arn arn:aws:sns:us-east-1:123456789012:nope
aws sqs receive-message --queue-url https://sqs.us-east-1.amazonaws.com/123456789012/inbox --query 'Messages[0].Body' --output text | jq -r .Message
