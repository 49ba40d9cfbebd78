# Command-line mistakes, caught before or by the service.
aws
aws lambda
aws lambda get-function
aws lambda get-function --function-name
aws lambda invoke --function-name my-function
aws --profile nope sts get-caller-identity
aws lambda list-functions --query 'Functions[.FunctionName'
aws lambda list-functions --cli-binary-format raw
aws lambda create-function --function-name f --runtime python3.13 --handler lambda_function.lambda_handler --role arn:aws:iam::123456789012:role/x --zip-file fileb://lambda_function.py
aws lambda create-function --function-name f --runtime python3.13 --handler lambda_function.lambda_handler --role arn:aws:iam::123456789012:role/x --zip-file fileb://missing.zip
aws lambda create-function --function-name f --runtime python3.13 --handler lambda_function.lambda_handler --role arn:aws:iam::123456789012:role/x --code '{"ZipFile": "UEs="}'
aws lambda update-function-configuration --function-name f --timeout 3 --memory-size lots
aws lambda update-function-configuration --function-name f --environment Variables=[STAGE]
aws lambda update-function-configuration --function-name f --environment 'Variables={STAGE=dev},Extra=1'
aws lambda update-function-configuration --function-name f --environment '{"Vars": {}}'
aws lambda update-function-configuration --function-name f --environment '{"Variables": {"STAGE": 1}}'
aws lambda put-function-concurrency --function-name f --reserved-concurrent-executions -1
aws s3 cp missing.txt s3://nowhere/missing.txt
aws s3 ls s3://no-such-bucket
aws s3 mb not-a-uri
aws s3 rb s3://no-such-bucket
aws sqs send-message --queue-url https://sqs.us-east-1.amazonaws.com/123456789012/nope --message-body hi
aws dynamodb put-item --table-name Missing --item '{"id": {"S": "1"}}'
aws dynamodb get-item --table-name Missing --key '{"id": {"S": }}'
aws sts get-caller-identity --output jsonn
aws iam list-roles --no-paginate --max-items 1
aws iam list-roles --no-paginate --page-size 1
aws s3api list-objects-v2 --bucket nowhere --no-paginate --max-items 1
aws iam create-role --role-name bad --assume-role-policy-document '{"Version": "2012-10-17"'
aws lambda list-functions --starting-token not-a-token
aws lambda list-functions --max-items many
