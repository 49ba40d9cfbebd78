# A table: create it, put an item, get it back.
aws dynamodb create-table --table-name Books --attribute-definitions AttributeName=id,AttributeType=S --key-schema AttributeName=id,KeyType=HASH --billing-mode PAY_PER_REQUEST --query 'TableDescription.[TableName, TableStatus, KeySchema[0].AttributeName]' --output text
aws dynamodb put-item --table-name Books --item file://item.json
aws dynamodb get-item --table-name Books --key '{"id": {"S": "42"}}'
aws dynamodb get-item --table-name Books --key '{"id": {"S": "42"}}' --query Item.title.S --output text
aws dynamodb get-item --table-name Books --key '{"id": {"S": "42"}}' --output table
aws dynamodb get-item --table-name Books --key '{"id": {"S": "nope"}}'
aws dynamodb get-item --table-name Missing --key '{"id": {"S": "42"}}'
aws dynamodb describe-table --table-name Books --query 'Table.[TableName, ItemCount]' --output text
