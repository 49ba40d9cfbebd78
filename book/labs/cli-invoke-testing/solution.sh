aws lambda invoke --function-name order-total \
    --cli-binary-format raw-in-base64-out --payload file://events/two-items.json response.json
cat response.json
aws lambda invoke --function-name order-total \
    --cli-binary-format raw-in-base64-out --payload file://events/two-items.json \
    --log-type Tail --query LogResult --output text response.json | base64 -d
aws lambda invoke --function-name order-total \
    --cli-binary-format raw-in-base64-out --payload file://events/empty-cart.json response.json
echo $?
cat response.json
