# Release v1 is live as version 1.
cd releases/v1
zip ../../greeter.zip lambda_function.py
cd ../..
aws lambda create-function --function-name greeter \
    --runtime python3.13 --handler lambda_function.lambda_handler \
    --role arn:aws:iam::123456789012:role/greeter-role --zip-file fileb://greeter.zip
aws lambda publish-version --function-name greeter --description "release v1"
rm greeter.zip
