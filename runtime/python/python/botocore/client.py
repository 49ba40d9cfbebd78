"""Clients: `S3`, `SQS`, `DynamoDB`, `SNS` classes with one method per API operation.

A call goes through botocore's steps: keyword arguments only; 'provide-client-params' and
'before-parameter-build' handlers (service customisations, the DynamoDB resource layer);
parameter validation against the real input shape; serialisation to the mock cloud's wire
JSON (blobs as {"$bytes": base64}, timestamps as ISO 8601); the call through
`_labbook.aws_call`; parsing (bytes, datetimes, S3 `Body` as a StreamingBody,
ResponseMetadata); 'after-call' handlers; and for an error response the modelled exception
class (`client.exceptions.NoSuchKey`...) or ClientError.

Methods for real operations the mock does not implement exist and raise NotImplementedError
where the call would leave for the cloud (after the 'before-call' event, so botocore.stub's
Stubber can still answer them).
"""

import json
import os
import re

from botocore import waiter as _waiter
from botocore.config import Config, resolve_client_config
from botocore.errorfactory import FACTORY
from botocore.exceptions import (
    InvalidRegionError,
    NoRegionError,
    OperationNotPageableError,
    ParamValidationError,
    UnknownServiceError,
)
from botocore.handlers import BUILTIN_HANDLERS
from botocore.hooks import HierarchicalEmitter
from botocore.model import load_service_model
from botocore.paginate import Paginator
from botocore.parsers import parse_payload
from botocore.serialize import json_default, serialize
from botocore.validate import ParamValidator

MOCK_SERVICES = ('s3', 'sqs', 'dynamodb', 'sns', 'lambda', 'iam', 'sts')
_VALID_REGION = re.compile(r'^[a-zA-Z0-9](?:[a-zA-Z0-9\-]{0,61}[a-zA-Z0-9])?$')

# Handlers on 'creating-client-class.<service>' (boto3 adds S3's transfer methods this way).
CLASS_EVENTS = HierarchicalEmitter()
_CLASS_CACHE = {}


class ClientMeta:
    """`client.meta`: events, config, endpoint, region, service model, method names."""

    def __init__(self, events, client_config, endpoint_url, service_model, method_to_api_mapping, partition, region_name):
        self.events = events
        self._client_config = client_config
        self._endpoint_url = endpoint_url
        self._service_model = service_model
        self._method_to_api_mapping = method_to_api_mapping
        self._partition = partition
        self._region_name = region_name

    @property
    def service_model(self):
        return self._service_model

    @property
    def region_name(self):
        return self._region_name

    @property
    def endpoint_url(self):
        return self._endpoint_url

    @property
    def config(self):
        return self._client_config

    @property
    def method_to_api_mapping(self):
        return self._method_to_api_mapping

    @property
    def partition(self):
        return self._partition


class BaseClient:
    """What every client class derives from (as botocore.client.BaseClient)."""

    _PY_TO_OP_NAME = {}

    def __init__(self, service_model, region_name, endpoint_url, config, credentials):
        self._service_model = service_model
        self._client_config = config
        self._credentials = credentials
        self._cache = {}
        self._exceptions = None
        events = HierarchicalEmitter()
        for event_name, handler in BUILTIN_HANDLERS:
            events.register(event_name, handler)
        mapping = {py: op for py, op in self._PY_TO_OP_NAME.items()}
        self.meta = ClientMeta(events, config, endpoint_url, service_model, mapping, 'aws', region_name)

    def __getattr__(self, item):
        raise AttributeError(f"'{self.__class__.__name__}' object has no attribute '{item}'")

    def close(self):
        """Closes the client's connections (there are none)."""

    @property
    def exceptions(self):
        if self._exceptions is None:
            self._exceptions = FACTORY.create_client_exceptions(self._service_model)
        return self._exceptions

    # --- pagination and waiters -----------------------------------------------------------------
    def can_paginate(self, operation_name):
        actual_operation_name = self._PY_TO_OP_NAME[operation_name]
        return actual_operation_name in self._service_model._data['pageable_operations']

    def get_paginator(self, operation_name):
        if not self.can_paginate(operation_name):
            raise OperationNotPageableError(operation_name=operation_name)
        actual_operation_name = self._PY_TO_OP_NAME[operation_name]
        config = self._service_model._data['paginators'].get(actual_operation_name)
        if config is None:
            raise NotImplementedError(
                f"labbook's mock {self._service_model.service_name} does not implement "
                f"{actual_operation_name} (paginator {operation_name})"
            )
        cls_name = f'{self.__class__.__name__}.Paginator.{actual_operation_name}'
        paginator_cls = type(cls_name, (Paginator,), {'__module__': 'botocore.client'})
        op_model = self._service_model.operation_model(actual_operation_name)
        return paginator_cls(getattr(self, operation_name), config, op_model)

    @property
    def waiter_names(self):
        from botocore import xform_name

        return sorted(xform_name(n) for n in self._service_model._data['waiter_names'])

    def get_waiter(self, waiter_name):
        from botocore import xform_name

        mapping = {xform_name(n): n for n in self._service_model._data['waiter_names']}
        if waiter_name not in mapping:
            raise ValueError(f'Waiter does not exist: {waiter_name}')
        name = mapping[waiter_name]
        config = self._service_model._data['waiters'].get(name)
        if config is None:
            raise NotImplementedError(
                f"labbook's mock {self._service_model.service_name} does not implement the "
                f"operation the {waiter_name} waiter polls"
            )
        single = _waiter.SingleWaiterConfig(config)
        cls_name = f'{self.__class__.__name__}.Waiter.{name}'
        waiter_cls = type(cls_name, (_waiter.Waiter,), {'__module__': 'botocore.waiter'})
        return waiter_cls(name, single, getattr(self, xform_name(single.operation)))

    # --- presigning -------------------------------------------------------------------------------
    def generate_presigned_url(self, ClientMethod, Params=None, ExpiresIn=3600, HttpMethod=None):
        """A presigned URL (see botocore.signers: right form, but not valid against AWS)."""
        from botocore.signers import generate_presigned_url

        return generate_presigned_url(self, ClientMethod, Params, ExpiresIn, HttpMethod)

    # --- the call pipeline --------------------------------------------------------------------------
    def _emit_api_params(self, api_params, operation_model, context):
        service_id = self._service_model.service_id.hyphenize()
        op = operation_model.name
        responses = self.meta.events.emit(
            f'provide-client-params.{service_id}.{op}', params=api_params, model=operation_model, context=context
        )
        for _, response in responses:
            if response is not None:
                api_params = response
                break
        self.meta.events.emit(
            f'before-parameter-build.{service_id}.{op}', params=api_params, model=operation_model, context=context
        )
        return api_params

    def _validate(self, api_params, operation_model):
        shape = operation_model.input_shape
        if shape is None or not getattr(self.meta.config, 'parameter_validation', True):
            return
        report = ParamValidator().validate(api_params, shape)
        if report.has_errors():
            raise ParamValidationError(report=report.generate_report())

    def _make_api_call(self, operation_name, api_params):
        import _labbook

        operation_model = self._service_model.operation_model(operation_name)
        service_name = self._service_model.service_name
        service_id = self._service_model.service_id.hyphenize()
        request_context = {
            'client_region': self.meta.region_name,
            'client_config': self.meta.config,
            'has_streaming_input': False,
            'auth_type': None,
        }
        api_params = self._emit_api_params(api_params, operation_model, request_context)
        self._validate(api_params, operation_model)
        wire = serialize(api_params, operation_model.input_shape)
        handler, event_response = self.meta.events.emit_until_response(
            f'before-call.{service_id}.{operation_name}',
            model=operation_model, params=wire, request_signer=None, context=request_context,
        )
        if event_response is not None:
            http, parsed = event_response  # a 'before-call' handler answered (botocore.stub)
        elif not operation_model.implemented:
            py_name = next(py for py, op in self._PY_TO_OP_NAME.items() if op == operation_name)
            raise NotImplementedError(
                f"labbook's mock {service_name} does not implement {operation_name} (boto3 method {py_name})"
            )
        else:
            ok, payload = _labbook.aws_call(service_name, operation_name, json.dumps(wire, default=json_default))
            parsed = parse_payload(self, operation_model, ok, payload)
            http = _HttpResponse(parsed['ResponseMetadata']['HTTPStatusCode'], parsed['ResponseMetadata']['HTTPHeaders'])
        self.meta.events.emit(
            f'after-call.{service_id}.{operation_name}',
            http_response=http, parsed=parsed, model=operation_model, context=request_context,
        )
        if http.status_code >= 300:
            error_info = parsed.get('Error', {})
            error_code = request_context.get('error_code_override') or error_info.get('Code')
            raise self.exceptions.from_code(error_code)(parsed, operation_name)
        return parsed


class _HttpResponse:
    """The stand-in for botocore's AWSResponse handed to 'after-call' handlers."""

    def __init__(self, status_code, headers):
        self.status_code = status_code
        self.headers = headers
        self.content = b''


# --- client classes and creation -----------------------------------------------------------------

def _create_api_method(py_operation_name, operation_name, service_model):
    def _api_call(self, *args, **kwargs):
        if args:
            raise TypeError(f"{py_operation_name}() only accepts keyword arguments.")
        return self._make_api_call(operation_name, kwargs)

    _api_call.__name__ = str(py_operation_name)
    _api_call.__qualname__ = 'ClientCreator._create_api_method.<locals>._api_call'
    _api_call.__doc__ = f'Calls {service_model.class_name} {operation_name}.'
    return _api_call


def client_class(service_model):
    """The client class of a service (built once: methods, then 'creating-client-class')."""
    cls = _CLASS_CACHE.get(service_model.service_name)
    if cls is not None:
        return cls
    py_to_op = dict(service_model._data['operations'])
    attrs = {'__module__': __name__, '_PY_TO_OP_NAME': py_to_op}
    for py_name, op_name in py_to_op.items():
        attrs[py_name] = _create_api_method(py_name, op_name, service_model)
    if service_model.service_name == 's3':
        from botocore.signers import generate_presigned_post

        def _presigned_post(self, Bucket, Key, Fields=None, Conditions=None, ExpiresIn=3600):
            """An S3 presigned POST (fake credentials: not valid against AWS)."""
            return generate_presigned_post(self, Bucket, Key, Fields, Conditions, ExpiresIn)

        _presigned_post.__name__ = 'generate_presigned_post'
        attrs['generate_presigned_post'] = _presigned_post
    base_classes = [BaseClient]
    CLASS_EVENTS.emit(
        f'creating-client-class.{service_model.service_id.hyphenize()}',
        class_attributes=attrs, base_classes=base_classes,
    )
    cls = type(service_model.class_name, tuple(base_classes), attrs)
    _CLASS_CACHE[service_model.service_name] = cls
    return cls


def _default_region():
    return os.environ.get('AWS_DEFAULT_REGION') or os.environ.get('AWS_REGION') or None


def create_client(service_name, region_name=None, api_version=None, use_ssl=True, verify=None,
                  endpoint_url=None, aws_access_key_id=None, aws_secret_access_key=None,
                  aws_session_token=None, config=None, aws_account_id=None, default_region=None):
    """A client for one of the mock cloud's services (botocore.session.Session.create_client)."""
    from botocore._models import ALL_SERVICE_NAMES

    if service_name not in MOCK_SERVICES:
        if service_name in ALL_SERVICE_NAMES:
            raise NotImplementedError(
                f"labbook's mock cloud has no service '{service_name}' (it has {', '.join(MOCK_SERVICES)})"
            )
        raise UnknownServiceError(service_name=service_name, known_service_names=', '.join(ALL_SERVICE_NAMES))
    if config is not None and not isinstance(config, Config):
        raise TypeError(f"config must be a botocore.config.Config, not {type(config).__name__}")
    config = config or Config()
    # A Config's region wins over region_name, as botocore merges the client's config over it.
    region = config.region_name or region_name or default_region or _default_region()
    if region is not None and not _VALID_REGION.match(region):
        raise InvalidRegionError(region_name=region)
    if region is None:
        if service_name != 's3':
            raise NoRegionError()
        region = 'us-east-1'
    if endpoint_url is not None:
        if not isinstance(endpoint_url, str) or not re.match(r'^https?://', endpoint_url):
            raise ValueError(f'Invalid endpoint: {endpoint_url}')
    elif service_name == 's3':
        endpoint_url = 'https://s3.amazonaws.com' if region == 'us-east-1' else f'https://s3.{region}.amazonaws.com'
    else:
        endpoint_url = f'https://{service_name}.{region}.amazonaws.com'
    service_model = load_service_model(service_name)
    cls = client_class(service_model)
    credentials = {'access_key': aws_access_key_id, 'secret_key': aws_secret_access_key, 'token': aws_session_token}
    return cls(service_model, region, endpoint_url, resolve_client_config(config, service_name, region), credentials)

