# What a teammate ran yesterday: it zipped the folder, not the file in it.
zip -r function.zip app
aws lambda create-function --function-name order-status \
    --runtime python3.13 --handler lambda_function.lambda_handler \
    --role arn:aws:iam::123456789012:role/order-status-role --zip-file fileb://function.zip
