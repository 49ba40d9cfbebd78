# aws s3 with folders: recursive copies, moves, listings and a forced bucket removal.
aws s3 mb s3://site-bucket
aws s3 cp site s3://site-bucket/ --recursive
aws s3 cp index.html s3://site-bucket/
aws s3 ls s3://site-bucket
aws s3 ls s3://site-bucket --recursive
aws s3 ls s3://site-bucket/css/
aws s3 cp notes.txt s3://site-bucket/docs/
aws s3 mv s3://site-bucket/docs/notes.txt s3://site-bucket/archive/notes.txt
aws s3 ls s3://site-bucket/archive/
aws s3 cp s3://site-bucket/index.html -
aws s3 cp s3://site-bucket/nope.html here.html
aws s3 cp s3://site-bucket/css ./downloaded --recursive
ls downloaded
aws s3 rm s3://site-bucket/css --recursive
aws s3 ls s3://site-bucket --recursive
aws s3 rb s3://site-bucket --force
aws s3 ls
aws s3 cp notes.txt s3://missing-bucket/notes.txt
aws s3 cp notes.txt other.txt
aws s3 mb s3://site-bucket/key
aws s3 rb s3://site-bucket/key
aws s3 rm notes.txt
