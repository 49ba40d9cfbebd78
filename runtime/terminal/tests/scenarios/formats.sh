# One answer in every output format, with and without --query.
aws iam create-role --role-name lambda-ex --assume-role-policy-document file://trust-policy.json --query Role.RoleName --output text
aws lambda create-function --function-name fmt --runtime python3.13 --handler lambda_function.lambda_handler --role arn:aws:iam::123456789012:role/lambda-ex --zip-file fileb://function.zip --environment 'Variables={STAGE=dev,DEBUG=1}' --query Version --output text
Q='{Name: FunctionName, Memory: MemorySize, Env: Environment.Variables, Arch: Architectures, Storage: EphemeralStorage, Tracing: TracingConfig.Mode, Missing: Nope}'
aws lambda get-function-configuration --function-name fmt --query "$Q"
aws lambda get-function-configuration --function-name fmt --query "$Q" --output text
aws lambda get-function-configuration --function-name fmt --query "$Q" --output table
aws lambda get-function-configuration --function-name fmt --query "$Q" --output yaml
aws lambda get-function-configuration --function-name fmt --query "$Q" --output yaml-stream
aws lambda get-function-configuration --function-name fmt --query "$Q" --output off
aws lambda get-function-configuration --function-name fmt --query Nope
aws lambda get-function-configuration --function-name fmt --query Nope --output text
aws lambda get-function-configuration --function-name fmt --query Nope --output table
aws lambda get-function-configuration --function-name fmt --query Nope --output yaml
aws lambda get-function-configuration --function-name fmt --query '[MemorySize, `true`, `1.5`, `"x"`]' --output text
aws lambda get-function-configuration --function-name fmt --query '[MemorySize, `true`, `1.5`, `"x"`]' --output yaml
aws lambda get-function-configuration --function-name fmt --query '[[FunctionName, MemorySize], [Runtime]]' --output text
aws lambda get-function-configuration --function-name fmt --query '[[FunctionName, MemorySize], [Runtime]]' --output table
aws lambda get-function-configuration --function-name fmt --query 'Environment' --output table
aws lambda get-function-configuration --function-name fmt --query 'Environment.Variables' --output text
aws lambda get-function-configuration --function-name fmt --query 'Architectures' --output table
aws lambda get-function-configuration --function-name fmt --query 'Architectures[0]'
aws lambda get-function-configuration --function-name fmt --query 'Architectures[0]' --output yaml
aws lambda get-function-configuration --function-name fmt --query 'length(Architectures)' --output table
aws lambda list-functions --query 'Functions[].{N: FunctionName, M: MemorySize, A: Architectures}' --output text
aws lambda list-functions --query 'Functions[].{N: FunctionName, M: MemorySize, A: Architectures}' --output table
aws lambda list-functions --query 'Functions[].{N: FunctionName, M: MemorySize, A: Architectures}' --output yaml
aws lambda list-functions --query 'Functions[?MemorySize > `100`].FunctionName | [0]' --output text
aws lambda list-functions --query 'sort_by(Functions, &FunctionName)[].FunctionName' --output json
