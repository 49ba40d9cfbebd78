"""The lab runtime's boto3: `boto3.client(...)`, `boto3.resource(...)`, `boto3.Session`.

Same surface as boto3 1.44 for S3, SQS, DynamoDB and SNS, against the lab's mock cloud (see
botocore/__init__.py for how calls travel). The default session is created on first use and
dropped at every cold start (`_reset`, called by the runtime), as a new Lambda execution
environment would start without one.
"""

import logging

from boto3.session import Session

__author__ = 'Amazon Web Services'
__version__ = '1.44.8'

DEFAULT_SESSION = None


def setup_default_session(**kwargs):
    """Set up a default session, passing through any parameters to the session constructor."""
    global DEFAULT_SESSION
    DEFAULT_SESSION = Session(**kwargs)


def set_stream_logger(name='boto3', level=logging.DEBUG, format_string=None):
    """Add a stream handler for the given name and level to the logging module."""
    if format_string is None:
        format_string = "%(asctime)s %(name)s [%(levelname)s] %(message)s"
    logger = logging.getLogger(name)
    logger.setLevel(level)
    handler = logging.StreamHandler()
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter(format_string))
    logger.addHandler(handler)


def _get_default_session():
    if DEFAULT_SESSION is None:
        setup_default_session()
    return DEFAULT_SESSION


def client(*args, **kwargs):
    """Create a low-level service client by name using the default session."""
    return _get_default_session().client(*args, **kwargs)


def resource(*args, **kwargs):
    """Create a resource service client by name using the default session."""
    return _get_default_session().resource(*args, **kwargs)


def _reset():
    """A new execution environment: no default session, fresh request ids."""
    global DEFAULT_SESSION
    DEFAULT_SESSION = None
    from botocore.parsers import reset_request_ids

    reset_request_ids()


class NullHandler(logging.Handler):
    def emit(self, record):
        pass


logging.getLogger('boto3').addHandler(NullHandler())
