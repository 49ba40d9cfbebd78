zip function.zip lambda_function.py
aws lambda create-function --function-name report-builder \
    --runtime python3.13 --handler lambda_function.lambda_handler \
    --role arn:aws:iam::123456789012:role/report-builder-role --zip-file fileb://function.zip
rm function.zip
