# aws configure: settings a learner writes and reads back.
aws configure get region
aws configure set region us-east-1
aws configure get region
aws configure set output json
aws configure get output
aws configure set region eu-west-1 --profile dev
aws configure get region --profile dev
aws configure get profile.dev.region
aws configure list-profiles
aws configure get nothing
aws --profile dev sts get-caller-identity --query Account --output text
aws --region us-east-1 --profile dev sts get-caller-identity --query Account --output text
aws --output text sts get-caller-identity --query Account
