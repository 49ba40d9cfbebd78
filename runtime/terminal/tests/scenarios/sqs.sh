# A queue: create it, send, receive.
aws sqs create-queue --queue-name orders --query QueueUrl --output text
QUEUE_URL=$(aws sqs get-queue-url --queue-name orders --query QueueUrl --output text)
aws sqs send-message --queue-url "$QUEUE_URL" --message-body '{"order": 1}' --query MD5OfMessageBody --output text
aws sqs receive-message --queue-url "$QUEUE_URL" --query 'Messages[0].Body' --output text
aws sqs get-queue-attributes --queue-url "$QUEUE_URL" --attribute-names VisibilityTimeout --output text
aws sqs get-queue-url --queue-name missing
aws sqs list-queues --query 'length(QueueUrls)'
