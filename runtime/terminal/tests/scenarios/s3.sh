# The high-level s3 commands and two s3api calls.
aws s3 mb s3://course-bucket
aws s3 ls
aws s3 cp hello.txt s3://course-bucket/notes/hello.txt
aws s3 ls s3://course-bucket
aws s3 ls s3://course-bucket/notes/
aws s3 cp s3://course-bucket/notes/hello.txt copy.txt
cat copy.txt
aws s3api put-object --bucket course-bucket --key data/one.txt --body hello.txt --query ContentLength
aws s3api list-objects-v2 --bucket course-bucket --query 'Contents[].[Key, Size]' --output text
aws s3api list-objects-v2 --bucket course-bucket --prefix data/ --query 'Contents[].Key'
aws s3api get-object --bucket course-bucket --key nope.txt out.txt
aws s3 rb s3://course-bucket
aws s3 rm s3://course-bucket/notes/hello.txt
aws s3api delete-object --bucket course-bucket --key data/one.txt
aws s3 rb s3://course-bucket
aws s3 ls
aws s3 ls s3://course-bucket
