# 1. The execution role and whom it trusts.
cat > trust-policy.json <<'JSON'
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {"Service": "lambda.amazonaws.com"},
      "Action": "sts:AssumeRole"
    }
  ]
}
JSON
aws iam create-role --role-name hello-cli-role --assume-role-policy-document file://trust-policy.json
# 2. What the function may do: write its logs.
aws iam attach-role-policy --role-name hello-cli-role \
    --policy-arn arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
ROLE_ARN=$(aws iam get-role --role-name hello-cli-role --query Role.Arn --output text)
# 3. The package, with the handler's file at its root.
zip function.zip lambda_function.py
# 4. The function.
aws lambda create-function --function-name hello-cli \
    --runtime python3.13 --handler lambda_function.lambda_handler \
    --role "$ROLE_ARN" --zip-file fileb://function.zip
# 5. One invocation.
aws lambda invoke --function-name hello-cli \
    --cli-binary-format raw-in-base64-out --payload '{"name": "Ada"}' response.json
cat response.json
