"""`dateutil`, which the Lambda Python runtime ships as a dependency of botocore. Only `tz`
(tzutc, tzlocal) is provided: the part botocore's datetimes use."""
