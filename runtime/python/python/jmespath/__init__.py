"""`jmespath`, as the Lambda Python runtime ships it (a dependency of boto3): the same
compile/search API, backed by botocore's built-in implementation."""

from botocore._jmespath import compile, search  # noqa: F401
