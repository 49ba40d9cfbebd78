# Deployed without its layer: every invocation fails to import `money`.
zip function.zip lambda_function.py
aws lambda create-function --function-name price-tag \
    --runtime python3.13 --handler lambda_function.lambda_handler \
    --role arn:aws:iam::123456789012:role/price-tag-role --zip-file fileb://function.zip
rm function.zip
