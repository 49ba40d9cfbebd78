zip function.zip lambda_function.py
aws lambda create-function --function-name order-total \
    --runtime python3.13 --handler lambda_function.lambda_handler \
    --role arn:aws:iam::123456789012:role/order-total-role --zip-file fileb://function.zip
