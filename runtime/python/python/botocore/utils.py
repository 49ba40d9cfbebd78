"""Time zones and timestamps as botocore gives them.

botocore uses dateutil: timestamps it parses from ISO strings and HTTP dates carry
`tzutc()`, epoch numbers (JSON protocols, e.g. DynamoDB's CreationDateTime) carry
`tzlocal()`. dateutil is not in the sandbox, so both classes are here, printing as dateutil's
do. Lambda runs with TZ=UTC, so `tzlocal()` is UTC too.
"""

import datetime
import re
import urllib.parse

_ZERO = datetime.timedelta(0)


class tzutc(datetime.tzinfo):
    """UTC, like `dateutil.tz.tzutc` (repr `tzutc()`, equal to any zero-offset zone)."""

    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def utcoffset(self, dt):
        return _ZERO

    def dst(self, dt):
        return _ZERO

    def tzname(self, dt):
        return 'UTC'

    def fromutc(self, dt):
        return dt

    def is_ambiguous(self, dt):
        return False

    def __eq__(self, other):
        if not isinstance(other, datetime.tzinfo):
            return NotImplemented
        return other.utcoffset(None) == _ZERO and (isinstance(other, (tzutc, tzlocal)) or other == datetime.timezone.utc)

    def __hash__(self):
        return hash(_ZERO)

    def __repr__(self):
        return f'{self.__class__.__name__}()'

    __reduce__ = object.__reduce__


class tzlocal(datetime.tzinfo):
    """The local zone, like `dateutil.tz.tzlocal`: UTC on Lambda (TZ=:UTC)."""

    def utcoffset(self, dt):
        return _ZERO

    def dst(self, dt):
        return _ZERO

    def tzname(self, dt):
        return 'UTC'

    def fromutc(self, dt):
        return dt

    def __eq__(self, other):
        if not isinstance(other, datetime.tzinfo):
            return NotImplemented
        return isinstance(other, (tzutc, tzlocal)) or other.utcoffset(None) == _ZERO

    def __hash__(self):
        return hash(_ZERO)

    def __repr__(self):
        return f'{self.__class__.__name__}()'


_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=tzutc())


def from_epoch_ms(ms, tz=None):
    """A wire timestamp (epoch milliseconds) as an aware datetime, exact to the millisecond."""
    dt = _EPOCH + datetime.timedelta(milliseconds=ms)
    if tz is not None:
        dt = dt.replace(tzinfo=tz)
    return dt


_HTTP_DATE = re.compile(r'^[A-Za-z]{3}, (\d{1,2}) ([A-Za-z]{3}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) (GMT|UTC|Z)$')
_MONTHS = {m: i + 1 for i, m in enumerate('Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split())}


def parse_timestamp(value):
    """Parse a timestamp into a datetime: epoch numbers (tzlocal), ISO 8601 and HTTP dates.
    Raises ValueError (or TypeError) for anything else, as dateutil would."""
    if isinstance(value, bool):
        raise TypeError(f'invalid timestamp {value!r}')
    if isinstance(value, (int, float)):
        return from_epoch_ms(int(round(value * 1000)), tzlocal())
    if not isinstance(value, str):
        raise TypeError(f'Parser must be a string or character stream, not {type(value).__name__}')
    text = value.strip()
    try:
        return from_epoch_ms(int(round(float(text) * 1000)), tzlocal())
    except ValueError:
        pass
    m = _HTTP_DATE.match(text)
    if m:
        day, mon, year, hh, mm, ss, _ = m.groups()
        if mon.title() not in _MONTHS:
            raise ValueError(f'Invalid timestamp "{value}"')
        return datetime.datetime(int(year), _MONTHS[mon.title()], int(day), int(hh), int(mm), int(ss), tzinfo=tzutc())
    iso = text
    if iso.endswith(('Z', 'z')):
        iso = iso[:-1] + '+00:00'
    try:
        dt = datetime.datetime.fromisoformat(iso)
    except ValueError:
        raise ValueError(f'Invalid timestamp "{value}"') from None
    if dt.tzinfo is not None and dt.utcoffset() == _ZERO:
        dt = dt.replace(tzinfo=tzutc())
    return dt


def parse_to_aware_datetime(value):
    """A datetime with tzinfo from a datetime (naive = UTC), epoch number or ISO string."""
    if isinstance(value, datetime.datetime):
        dt = value
    else:
        dt = parse_timestamp(value)
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=tzutc())
    else:
        dt = dt.astimezone(tzutc())
    return dt


def iso8601(value):
    """botocore's ISO 8601 wire form of a timestamp parameter (UTC, 'Z')."""
    dt = parse_to_aware_datetime(value)
    if dt.microsecond:
        return dt.strftime('%Y-%m-%dT%H:%M:%S.%fZ')
    return dt.strftime('%Y-%m-%dT%H:%M:%SZ')


def http_date(epoch_seconds):
    """RFC 7231 date, as in HTTP `date` headers."""
    dt = from_epoch_ms(int(epoch_seconds * 1000))
    days = 'Mon Tue Wed Thu Fri Sat Sun'.split()
    months = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split()
    return f'{days[dt.weekday()]}, {dt.day:02d} {months[dt.month - 1]} {dt.year} {dt.hour:02d}:{dt.minute:02d}:{dt.second:02d} GMT'


SAFE_CHARS = '-._~'


def percent_encode(input_str, safe=SAFE_CHARS):
    """URL-encode a string as botocore does (RFC 3986 unreserved characters kept)."""
    if not isinstance(input_str, (bytes, str)):
        input_str = str(input_str)
    if not isinstance(input_str, bytes):
        input_str = input_str.encode('utf-8')
    return urllib.parse.quote(input_str, safe=safe)


def get_service_module_name(service_model):
    """The client class name of a service ('S3', 'SQS', 'DynamoDB', 'SNS')."""
    return service_model.class_name
