# Global options and empty answers.
aws lambda list-functions --output table
aws lambda list-functions --output text
aws lambda list-functions --output yaml
aws sqs list-queues
aws sqs list-queues --output text
aws dynamodb list-tables --output table
aws lambda get-function --function-name nope --cli-error-format json
aws lambda get-function --function-name nope --cli-error-format yaml
aws lambda get-function --function-name nope --cli-error-format text
aws lambda get-function --function-name nope --cli-error-format legacy
aws lamda list-functions --cli-error-format json
aws lambda list-functions --color off --no-cli-pager --query 'Functions' --output json
aws lambda get-function-configuration --generate-cli-skeleton
aws lambda get-function-configuration --generate-cli-skeleton output
aws lambda list-functions --cli-input-yaml 'MaxItems: 5' --query 'Functions'
aws sts get-caller-identity --query 'to_string(Account)'
aws sts get-caller-identity --query 'Account' --output table
aws sts get-caller-identity --query '[Account]' --output table
aws lambda create-function --generate-cli-skeleton
aws dynamodb put-item --generate-cli-skeleton input
aws sqs get-queue-url --queue-name missing --cli-error-format json
aws s3api get-object --bucket missing-bucket --key k out.txt --cli-error-format json
aws dynamodb get-item --table-name Missing --key '{"id": {"S": "1"}}' --cli-error-format table
