# The execution role a learner creates before a function.
aws iam create-role --role-name lambda-ex --assume-role-policy-document file://trust-policy.json --query Role.RoleName --output text
aws iam get-role --role-name lambda-ex --query Role.Arn --output text
ROLE_ARN=$(aws iam get-role --role-name lambda-ex --query Role.Arn --output text)
echo "$ROLE_ARN"
aws iam attach-role-policy --role-name lambda-ex --policy-arn arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
aws iam list-attached-role-policies --role-name lambda-ex
aws iam list-attached-role-policies --role-name lambda-ex --output table
aws iam list-attached-role-policies --role-name lambda-ex --output text
aws iam get-role --role-name nobody
aws iam create-role --role-name lambda-ex --assume-role-policy-document file://trust-policy.json
aws iam create-role --role-name other --assume-role-policy-document file://missing.json
