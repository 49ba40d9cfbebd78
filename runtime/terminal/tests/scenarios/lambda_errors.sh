# The mistakes a learner makes, and what the CLI answers.
aws iam create-role --role-name lambda-ex --assume-role-policy-document file://trust-policy.json --query Role.Arn --output text
ROLE_ARN=$(aws iam get-role --role-name lambda-ex --query Role.Arn --output text)
zip -q function.zip lambda_function.py
aws lambda get-function --function-name missing-function
aws lambda create-function --function-name my-function --runtime python3.13 --handler lambda_function.lambda_handler --role "$ROLE_ARN" --zip-file fileb://function.zip --query FunctionName --output text
aws lambda create-function --function-name my-function --runtime python3.13 --handler lambda_function.lambda_handler --role "$ROLE_ARN" --zip-file fileb://function.zip
aws lambda create-function --function-name other --runtime python3.13 --handler lambda_function.lambda_handler --zip-file fileb://function.zip
aws lambda get-function --function-name my-function --verbose
aws lamda list-functions
aws lambda list-function
aws lambda list-functions --output jsn
aws lambda update-function-configuration --function-name my-function --environment Variables={STAGE=dev
aws lambda update-function-configuration --function-name my-function --environment '{"Variables": {"STAGE": "dev"}'
aws lambda invoke --function-name my-function --payload 'not base64!' response.json
aws lambda put-function-concurrency --function-name my-function --reserved-concurrent-executions five
aws lambda get-function-configuration --function-name my-function --query FunctionName --output text && echo deployed
aws lambda get-function-configuration --function-name nope --query FunctionName --output text && echo deployed
