# Who am I? The first command of the CLI chapters.
aws sts get-caller-identity
aws sts get-caller-identity --query Account --output text
aws sts get-caller-identity --output yaml
