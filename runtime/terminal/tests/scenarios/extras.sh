# Waiters, qualifiers, code updates and invoke's errors before any code runs.
aws iam create-role --role-name lambda-ex --assume-role-policy-document file://trust-policy.json --query Role.RoleName --output text
aws lambda create-function --function-name extra --runtime python3.13 --handler lambda_function.lambda_handler --role arn:aws:iam::123456789012:role/lambda-ex --zip-file fileb://function.zip --query State --output text
aws lambda wait function-active --function-name extra
aws lambda wait function-exists --function-name extra
aws lambda update-function-code --function-name extra --zip-file fileb://function.zip --publish --query Version --output text
aws lambda update-function-code --function-name extra --zip-file fileb://trust-policy.json
aws lambda get-function-configuration --function-name extra --qualifier 1 --query '[Version, FunctionArn]' --output text
aws lambda get-function-configuration --function-name extra --qualifier 9
aws lambda list-versions-by-function --function-name extra --max-items 1 --query 'Versions[].Version'
aws lambda list-versions-by-function --function-name extra --no-paginate --query 'Versions[].Version' --output text
aws lambda invoke --function-name nope --payload '{}' --cli-binary-format raw-in-base64-out out.json
aws lambda invoke --function-name extra --invocation-type Sync out.json
aws lambda invoke --function-name extra --payload '{"a": 1}' out.json
aws dynamodb create-table --table-name W --attribute-definitions AttributeName=k,AttributeType=S --key-schema AttributeName=k,KeyType=HASH --billing-mode PAY_PER_REQUEST --query TableDescription.TableStatus --output text
aws dynamodb wait table-exists --table-name W
aws dynamodb describe-table --table-name W --query 'Table.KeySchema' --output table
aws sts get-caller-identity --no-cli-pager --query Account --output text
aws lambda get-function --function-name extra --query 'Configuration.[FunctionName, Version]' --output json
aws lambda delete-function --function-name extra --qualifier 1 --query StatusCode
aws lambda get-function --function-name extra:1
