# Permissions, event sources, weighted aliases, tags and async invoke settings.
aws iam create-role --role-name lambda-ex --assume-role-policy-document file://trust-policy.json --query Role.RoleName --output text
aws lambda create-function --function-name more --runtime python3.13 --handler lambda_function.lambda_handler --role arn:aws:iam::123456789012:role/lambda-ex --zip-file fileb://function.zip --query Version --output text
aws lambda get-function --function-name more --query '[Configuration.FunctionName, Code.RepositoryType]' --output text
aws lambda publish-version --function-name more --query Version --output text
aws lambda update-function-configuration --function-name more --memory-size 256 --query MemorySize --output text
aws lambda publish-version --function-name more --query Version --output text
aws lambda create-alias --function-name more --name prod --function-version 1 --routing-config 'AdditionalVersionWeights={"2"=0.25}' --query RoutingConfig
aws lambda create-alias --function-name more --name prod --function-version 1 --routing-config AdditionalVersionWeights={2=0.25} --query RoutingConfig
aws lambda update-alias --function-name more --name prod --function-version 2 --routing-config AdditionalVersionWeights={} --query '[FunctionVersion, RoutingConfig]'
aws lambda get-alias --function-name more --name nope
aws lambda add-permission --function-name more --statement-id s3-invoke --action lambda:InvokeFunction --principal s3.amazonaws.com --source-arn arn:aws:s3:::course-bucket --query 'length(Statement)'
aws lambda get-policy --function-name more --query 'length(Policy)'
aws lambda add-permission --function-name more --statement-id s3-invoke --action lambda:InvokeFunction --principal s3.amazonaws.com
aws sqs create-queue --queue-name events --query QueueUrl --output text
aws lambda create-event-source-mapping --function-name more --event-source-arn arn:aws:sqs:us-east-1:123456789012:events --batch-size 5 --query '[BatchSize, EventSourceArn, State]' --output text
aws lambda list-event-source-mappings --function-name more --query 'EventSourceMappings[].[BatchSize, EventSourceArn]' --output text
aws lambda tag-resource --resource arn:aws:lambda:us-east-1:123456789012:function:more --tags team=course,stage=dev
aws lambda list-tags --resource arn:aws:lambda:us-east-1:123456789012:function:more
aws lambda put-function-event-invoke-config --function-name more --maximum-retry-attempts 1 --query MaximumRetryAttempts
aws lambda delete-function-concurrency --function-name more
aws lambda get-function-concurrency --function-name more
aws lambda delete-alias --function-name more --name prod
aws lambda list-aliases --function-name more
aws lambda delete-function --function-name more --query StatusCode
aws lambda delete-function --function-name more
