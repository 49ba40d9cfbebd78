"""botocore.stub.Stubber: canned responses for a client, as in botocore.

With the stubber active, each call takes the next queued response instead of reaching the
mock cloud (in order; a call of another operation, or one too many, is an error), checks the
parameters against `expected_params` (`ANY` matches anything), and still validates them as
a real call does. `add_response` validates the canned response against the operation's output
shape where the shim carries it (the operations the mock implements).
"""

import copy
from collections import deque
from pprint import pformat

from botocore.exceptions import ParamValidationError, StubAssertionError, StubResponseError, UnStubbedResponseError
from botocore.validate import validate_parameters


class _ANY:
    """A helper object that compares equal to everything."""

    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    def __repr__(self):
        return '<ANY>'


ANY = _ANY()


class _StubbedResponse:
    def __init__(self, status_code):
        self.status_code = status_code
        self.headers = {}
        self.content = b''
        self.raw = None


class Stubber:
    """Queues responses and errors for a client's calls."""

    def __init__(self, client):
        self.client = client
        self._event_id = 'boto_stubber'
        self._expected_params_event_id = 'boto_stubber_expected_params'
        self._queue = deque()

    def __enter__(self):
        self.activate()
        return self

    def __exit__(self, exception_type, exception_value, traceback):
        self.deactivate()

    def activate(self):
        """Activates the stubber on the client."""
        self.client.meta.events.register_first(
            'before-parameter-build.*.*', self._assert_expected_params, unique_id=self._expected_params_event_id
        )
        self.client.meta.events.register('before-call.*.*', self._get_response_handler, unique_id=self._event_id)

    def deactivate(self):
        """Deactivates the stubber on the client."""
        self.client.meta.events.unregister(
            'before-parameter-build.*.*', self._assert_expected_params, unique_id=self._expected_params_event_id
        )
        self.client.meta.events.unregister('before-call.*.*', self._get_response_handler, unique_id=self._event_id)

    def add_response(self, method, service_response, expected_params=None):
        """Queues a successful response for `method` (a client method name)."""
        self._add_response(method, service_response, expected_params)

    def _add_response(self, method, service_response, expected_params):
        if not hasattr(self.client, method):
            raise ValueError(f"Client {self.client.meta.service_model.service_name} does not have method: {method}")
        operation_name = self.client.meta.method_to_api_mapping.get(method)
        self._validate_operation_response(operation_name, service_response)
        self._queue.append({
            'operation_name': operation_name,
            'response': (_StubbedResponse(200), service_response),
            'expected_params': expected_params,
        })

    def add_client_error(self, method, service_error_code='', service_message='', http_status_code=400,
                         service_error_meta=None, expected_params=None, response_meta=None, modeled_fields=None):
        """Queues a ClientError (the modelled class for the code, if there is one)."""
        parsed_response = {
            'ResponseMetadata': {'HTTPStatusCode': http_status_code},
            'Error': {'Message': service_message, 'Code': service_error_code},
        }
        if service_error_meta is not None:
            parsed_response['Error'].update(service_error_meta)
        if response_meta is not None:
            parsed_response['ResponseMetadata'].update(response_meta)
        if modeled_fields is not None:
            parsed_response.update(modeled_fields)
        operation_name = self.client.meta.method_to_api_mapping.get(method)
        self._queue.append({
            'operation_name': operation_name,
            'response': (_StubbedResponse(http_status_code), parsed_response),
            'expected_params': expected_params,
        })

    def assert_no_pending_responses(self):
        """Asserts that all expected calls were made."""
        remaining = len(self._queue)
        if remaining != 0:
            raise AssertionError(f"{remaining} responses remaining in queue.")

    def _assert_expected_call_order(self, model, params):
        if not self._queue:
            raise UnStubbedResponseError(
                operation_name=model.name,
                reason=(
                    'Unexpected API Call: A call was made but no additional '
                    'calls expected. Either the API Call was not stubbed or '
                    'it was called multiple times.'
                ),
            )
        name = self._queue[0]['operation_name']
        if name != model.name:
            raise StubResponseError(operation_name=model.name, reason=f'Operation mismatch: found response for {name}.')

    def _get_response_handler(self, model, params, context, **kwargs):
        self._assert_expected_call_order(model, params)
        return self._queue.popleft()['response']

    def _assert_expected_params(self, model, params, context, **kwargs):
        if context and context.get('is_presign_request'):
            return
        self._assert_expected_call_order(model, params)
        expected_params = self._queue[0]['expected_params']
        if expected_params is None:
            return
        for param, value in expected_params.items():
            if param not in params or expected_params[param] != params[param]:
                raise StubAssertionError(
                    operation_name=model.name,
                    reason=f'Expected parameters:\n{pformat(expected_params)},\nbut received:\n{pformat(params)}',
                )
        if sorted(expected_params.keys()) != sorted(params.keys()):
            raise StubAssertionError(
                operation_name=model.name,
                reason=f'Expected parameters:\n{pformat(expected_params)},\nbut received:\n{pformat(params)}',
            )

    def _validate_operation_response(self, operation_name, service_response):
        operation_model = self.client.meta.service_model.operation_model(operation_name)
        if not operation_model.implemented:
            return  # the shim does not carry this operation's shapes
        response = service_response
        if 'ResponseMetadata' in response:
            response = copy.copy(service_response)
            del response['ResponseMetadata']
        shape = operation_model.output_shape
        if shape is not None:
            validate_parameters(response, shape)
        elif response:
            raise ParamValidationError(report="Service response should only contain ResponseMetadata.")
