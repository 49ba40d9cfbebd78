# Deploying with the CLI: a function, its configuration, versions, an alias, concurrency, a layer.
aws iam create-role --role-name lambda-ex --assume-role-policy-document file://trust-policy.json --query Role.Arn --output text
ROLE_ARN=$(aws iam get-role --role-name lambda-ex --query Role.Arn --output text)
zip function.zip lambda_function.py
aws lambda create-function --function-name my-function \
    --runtime python3.13 --handler lambda_function.lambda_handler \
    --role "$ROLE_ARN" --zip-file fileb://function.zip \
    --query '{Name: FunctionName, Runtime: Runtime, Handler: Handler, Memory: MemorySize, Timeout: Timeout}'
aws lambda get-function-configuration --function-name my-function --query '[FunctionName, Runtime, Handler, MemorySize, Timeout, PackageType]'
aws lambda get-function-configuration --function-name my-function --query '[FunctionName, Runtime, Handler]' --output text
aws lambda list-functions --query 'Functions[].FunctionName' --output text
aws lambda list-functions --query 'Functions[].[FunctionName, Runtime, Handler]' --output text
aws lambda list-functions --query 'Functions[].{Name: FunctionName, Runtime: Runtime, Handler: Handler}' --output table
aws lambda list-functions --query 'Functions[].{Name: FunctionName, Runtime: Runtime}' --output yaml
aws lambda update-function-configuration --function-name my-function --environment Variables={STAGE=dev} --query Environment
aws lambda update-function-configuration --function-name my-function --memory-size 256 --timeout 10 --query '[MemorySize, Timeout]' --output text
aws lambda get-function-configuration --function-name my-function --query Environment.Variables.STAGE --output text
aws lambda publish-version --function-name my-function --description first --query '{Version: Version, Description: Description}'
aws lambda create-alias --function-name my-function --name prod --function-version 1 --query '{Name: Name, Version: FunctionVersion}'
aws lambda get-alias --function-name my-function --name prod --query '[Name, FunctionVersion]' --output text
aws lambda list-versions-by-function --function-name my-function --query 'Versions[].Version' --output text
aws lambda put-function-concurrency --function-name my-function --reserved-concurrent-executions 5
aws lambda get-function-concurrency --function-name my-function
aws lambda get-function-concurrency --function-name my-function --output text
cd layer && zip -r ../layer.zip python && cd ..
aws lambda publish-layer-version --layer-name greetings --zip-file fileb://layer.zip --compatible-runtimes python3.13 --query '{Version: Version, Runtimes: CompatibleRuntimes}'
aws lambda list-layer-versions --layer-name greetings --query 'LayerVersions[].[Version, CompatibleRuntimes[0]]' --output text
aws lambda delete-function --function-name my-function
aws lambda list-functions --query 'Functions[].FunctionName'
