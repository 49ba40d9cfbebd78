# List operations: the CLI pages through them and prints the paginator's result.
aws s3 mb s3://listing-bucket
aws s3api list-objects-v2 --bucket listing-bucket
aws s3api put-object --bucket listing-bucket --key a.txt --body hello.txt --query ETag --output text
aws s3api put-object --bucket listing-bucket --key b/c.txt --body hello.txt --query ETag --output text
aws s3api list-objects-v2 --bucket listing-bucket --query 'Contents[].Key'
aws s3api list-objects-v2 --bucket listing-bucket --delimiter / --query '[Contents[].Key, CommonPrefixes[].Prefix]'
aws s3api list-objects-v2 --bucket listing-bucket --delimiter / --output text --query 'CommonPrefixes[].Prefix'
aws s3api list-objects-v2 --bucket listing-bucket --max-items 1 --query '[Contents[].Key, NextToken]'
aws s3api list-objects-v2 --bucket listing-bucket --max-items 1 --query NextToken --output text
aws dynamodb create-table --table-name Books --attribute-definitions AttributeName=id,AttributeType=S --key-schema AttributeName=id,KeyType=HASH --billing-mode PAY_PER_REQUEST --query TableDescription.TableName --output text
aws dynamodb put-item --table-name Books --item file://item.json
aws dynamodb put-item --table-name Books --item '{"id": {"S": "7"}, "title": {"S": "Seven"}}'
aws dynamodb scan --table-name Books --query '[Count, ScannedCount, ConsumedCapacity]'
aws dynamodb scan --table-name Books --query 'Items[].id.S' --output text
aws dynamodb list-tables
aws dynamodb list-tables --output text
aws iam create-role --role-name one --assume-role-policy-document file://trust-policy.json --query Role.RoleName --output text
aws iam create-role --role-name two --assume-role-policy-document file://trust-policy.json --query Role.RoleName --output text
aws iam create-role --role-name three --assume-role-policy-document file://trust-policy.json --query Role.RoleName --output text
aws iam list-roles --query 'sort(Roles[].RoleName)' --output text
aws iam list-roles --max-items 2 --query '{Count: length(Roles), Next: NextToken}'
aws iam list-roles --max-items 2 --starting-token eyJNYXJrZXIiOiBudWxsLCAiYm90b190cnVuY2F0ZV9hbW91bnQiOiAyfQ== --query 'length(Roles)'
aws iam list-roles --page-size 1 --query 'length(Roles)'
aws iam list-roles --max-items 3 --query NextToken
aws iam list-role-policies --role-name one
aws iam list-role-policies --role-name one --output text
aws sqs create-queue --queue-name alpha --query QueueUrl --output text
aws sqs create-queue --queue-name beta --query QueueUrl --output text
aws sqs list-queues
aws sqs list-queues --output text
aws sqs list-queues --queue-name-prefix al --query 'QueueUrls[0]' --output text
aws sns create-topic --name news --query TopicArn --output text
aws sns list-topics
aws sns list-topics --output text
aws lambda list-functions
aws lambda list-layers
