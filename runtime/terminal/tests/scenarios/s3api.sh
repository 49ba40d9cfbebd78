# s3api: objects, metadata, tags, outfiles, --cli-input-json and the skeleton.
aws s3api create-bucket --bucket api-bucket
aws s3api head-bucket --bucket api-bucket
aws s3api head-bucket --bucket missing-bucket
aws s3api put-object --bucket api-bucket --key hello.txt --body hello.txt --content-type text/plain --metadata owner=learner --query ETag --output text
aws s3api head-object --bucket api-bucket --key hello.txt --query '[ContentLength, ContentType, Metadata, ETag]'
aws s3api get-object --bucket api-bucket --key hello.txt downloaded.txt --query '[ContentLength, ContentType]' --output text
cat downloaded.txt
aws s3api get-object --bucket api-bucket --key hello.txt
aws s3api put-object --cli-input-json file://input.json --query ETag --output text
aws s3api list-objects-v2 --bucket api-bucket --query 'Contents[].Key' --output text
aws s3api put-bucket-tagging --bucket api-bucket --tagging 'TagSet=[{Key=course,Value=lambda}]'
aws s3api get-bucket-tagging --bucket api-bucket
aws s3api put-object-tagging --bucket api-bucket --key hello.txt --tagging 'TagSet=[{Key=a,Value=1},{Key=b,Value=2}]'
aws s3api get-object-tagging --bucket api-bucket --key hello.txt --query TagSet
aws s3api copy-object --bucket api-bucket --key copy.txt --copy-source api-bucket/hello.txt --query CopyObjectResult.ETag --output text
aws s3api list-buckets --query 'Buckets[].Name' --output text
aws s3api delete-objects --bucket api-bucket --delete 'Objects=[{Key=hello.txt},{Key=copy.txt},{Key=from-json.txt}]' --query 'length(Deleted)'
aws s3api delete-bucket --bucket api-bucket
aws s3api delete-bucket --bucket api-bucket
aws s3api get-object --bucket api-bucket --key hello.txt
