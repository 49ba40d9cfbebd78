"""`dateutil.tz.tzutc`/`tzlocal`, the time zones botocore attaches to datetimes."""

from botocore.utils import tzlocal, tzutc  # noqa: F401
