# Release v2 becomes version 2.
cd releases/v2
zip ../../v2.zip lambda_function.py
cd ../..
aws lambda update-function-code --function-name greeter --zip-file fileb://v2.zip
# On AWS the update takes a moment; publishing before it ends is refused.
aws lambda wait function-updated-v2 --function-name greeter
aws lambda publish-version --function-name greeter --description "release v2"
# Release v3 becomes version 3.
cd releases/v3
zip ../../v3.zip lambda_function.py
cd ../..
aws lambda update-function-code --function-name greeter --zip-file fileb://v3.zip
aws lambda wait function-updated-v2 --function-name greeter
aws lambda publish-version --function-name greeter --description "release v3"
aws lambda invoke --function-name greeter --qualifier 3 response.json
cat response.json
# prod: version 2, with 10% of the traffic to version 3.
aws lambda create-alias --function-name greeter --name prod --function-version 2 \
    --routing-config AdditionalVersionWeights={3=0.1}
aws lambda invoke --function-name greeter --qualifier prod response.json
aws lambda get-alias --function-name greeter --name prod
