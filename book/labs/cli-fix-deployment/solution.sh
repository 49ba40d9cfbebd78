aws lambda invoke --function-name order-status \
    --cli-binary-format raw-in-base64-out --payload '{"orderId": "A-1001"}' response.json
cat response.json
unzip -l function.zip
aws lambda get-function-configuration --function-name order-status --query Handler --output text
# Re-package with the file at the root of the ZIP and upload the new package.
cd app
zip ../function.zip lambda_function.py
cd ..
unzip -l function.zip
aws lambda update-function-code --function-name order-status --zip-file fileb://function.zip
aws lambda wait function-updated-v2 --function-name order-status
aws lambda invoke --function-name order-status \
    --cli-binary-format raw-in-base64-out --payload '{"orderId": "A-1001"}' response.json
cat response.json
