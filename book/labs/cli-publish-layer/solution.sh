cd layer
zip -r ../money-layer.zip python
cd ..
unzip -l money-layer.zip
LAYER_ARN=$(aws lambda publish-layer-version --layer-name money \
    --description "Shared price formatting" --compatible-runtimes python3.13 \
    --zip-file fileb://money-layer.zip --query LayerVersionArn --output text)
echo $LAYER_ARN
aws lambda update-function-configuration --function-name price-tag --layers "$LAYER_ARN"
aws lambda wait function-updated-v2 --function-name price-tag
aws lambda invoke --function-name price-tag \
    --cli-binary-format raw-in-base64-out --payload '{"sku": "mug", "price": 12.5}' response.json
cat response.json
