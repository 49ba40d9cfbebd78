# Whole responses, as a learner sees them without --query.
aws iam create-role --role-name lambda-ex --assume-role-policy-document file://trust-policy.json
ROLE_ARN=$(aws iam get-role --role-name lambda-ex --query Role.Arn --output text)
unzip -l function.zip
aws lambda create-function --function-name shapes --runtime python3.13 --handler lambda_function.lambda_handler --role "$ROLE_ARN" --zip-file fileb://function.zip
aws lambda get-function-configuration --function-name shapes
aws lambda get-function-configuration --function-name shapes --output text
aws lambda get-function-configuration --function-name shapes --output table
aws lambda publish-version --function-name shapes
aws lambda create-alias --function-name shapes --name live --function-version 1
aws lambda list-aliases --function-name shapes
aws lambda get-role --role-name lambda-ex
aws iam get-role --role-name lambda-ex
aws iam get-role --role-name lambda-ex --output yaml
