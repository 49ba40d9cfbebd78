"""botocore.exceptions: the class hierarchy and message formats of the real botocore.

`BotoCoreError` subclasses are built from keyword arguments formatted into `fmt` (and keep
them in `.kwargs`); `ClientError` is what a service error becomes ("An error occurred (Code)
when calling the Op operation: Message"), and each client's modelled exceptions
(`client.exceptions.NoSuchKey`...) subclass it. Message texts follow botocore 1.44
(Apache-2.0).
"""


def _exception_from_packed_args(exception_cls, args=None, kwargs=None):
    return exception_cls(*(args or ()), **(kwargs or {}))


class BotoCoreError(Exception):
    """The base exception class for BotoCore exceptions."""

    fmt = 'An unspecified error occurred'

    def __init__(self, **kwargs):
        msg = self.fmt.format(**kwargs)
        Exception.__init__(self, msg)
        self.kwargs = kwargs

    def __reduce__(self):
        return _exception_from_packed_args, (self.__class__, None, self.kwargs)


class DataNotFoundError(BotoCoreError):
    fmt = 'Unable to load data for: {data_path}'


class UnknownServiceError(DataNotFoundError):
    fmt = "Unknown service: '{service_name}'. Valid service names are: {known_service_names}"


class UnknownRegionError(BotoCoreError):
    fmt = "Unknown region: '{region_name}'. {error_msg}"


class ApiVersionNotFoundError(BotoCoreError):
    fmt = 'Unable to load data {data_path} for: {api_version}'


class HTTPClientError(BotoCoreError):
    fmt = 'An HTTP Client raised an unhandled exception: {error}'

    def __init__(self, request=None, response=None, **kwargs):
        self.request = request
        self.response = response
        super().__init__(**kwargs)


class ConnectionError(BotoCoreError):
    fmt = 'An HTTP Client failed to establish a connection: {error}'


class EndpointConnectionError(ConnectionError):
    fmt = 'Could not connect to the endpoint URL: "{endpoint_url}"'


class SSLError(ConnectionError):
    fmt = 'SSL validation failed for {endpoint_url} {error}'


class ConnectionClosedError(HTTPClientError):
    fmt = 'Connection was closed before we received a valid response from endpoint URL: "{endpoint_url}".'


class ReadTimeoutError(HTTPClientError):
    fmt = 'Read timeout on endpoint URL: "{endpoint_url}"'


class ConnectTimeoutError(ConnectionError):
    fmt = 'Connect timeout on endpoint URL: "{endpoint_url}"'


class ProxyConnectionError(ConnectionError):
    fmt = 'Failed to connect to proxy URL: "{proxy_url}"'


class ResponseStreamingError(HTTPClientError):
    fmt = 'An error occurred while reading from response stream: {error}'


class NoCredentialsError(BotoCoreError):
    fmt = 'Unable to locate credentials'


class NoAuthTokenError(BotoCoreError):
    fmt = 'Unable to locate authorization token'


class PartialCredentialsError(BotoCoreError):
    fmt = 'Partial credentials found in {provider}, missing: {cred_var}'


class CredentialRetrievalError(BotoCoreError):
    fmt = 'Error when retrieving credentials from {provider}: {error_msg}'


class UnknownSignatureVersionError(BotoCoreError):
    fmt = 'Unknown Signature Version: {signature_version}.'


class ServiceNotInRegionError(BotoCoreError):
    fmt = 'Service {service_name} not available in region {region_name}'


class BaseEndpointResolverError(BotoCoreError):
    """Base error for endpoint resolving errors."""


class NoRegionError(BaseEndpointResolverError):
    fmt = 'You must specify a region.'


class ProfileNotFound(BotoCoreError):
    fmt = 'The config profile ({profile}) could not be found'


class ConfigParseError(BotoCoreError):
    fmt = 'Unable to parse config file: {path}'


class ConfigNotFound(BotoCoreError):
    fmt = 'The specified config file ({path}) could not be found.'


class MissingParametersError(BotoCoreError):
    fmt = 'The following required parameters are missing for {object_name}: {missing}'


class ValidationError(BotoCoreError):
    fmt = "Invalid value ('{value}') for param {param} of type {type_name} "


class ParamValidationError(BotoCoreError):
    fmt = 'Parameter validation failed:\n{report}'


class UnknownKeyError(ValidationError):
    fmt = "Unknown key '{value}' for param '{param}'.  Must be one of: {choices}"


class RangeError(ValidationError):
    fmt = 'Value out of range for param {param}: {min_value} <= {value} <= {max_value}'


class UnknownParameterError(ValidationError):
    fmt = "Unknown parameter '{name}' for operation {operation}.  Must be one of: {choices}"


class InvalidRegionError(ValidationError, ValueError):
    fmt = "Provided region_name '{region_name}' doesn't match a supported format."


class AliasConflictParameterError(ValidationError):
    fmt = (
        "Parameter '{original}' and its alias '{alias}' were provided "
        "for operation {operation}.  Only one of them may be used."
    )


class UnknownServiceStyle(BotoCoreError):
    fmt = 'The service style ({service_style}) is not understood.'


class PaginationError(BotoCoreError):
    fmt = 'Error during pagination: {message}'


class OperationNotPageableError(BotoCoreError):
    fmt = 'Operation cannot be paginated: {operation_name}'


class ChecksumError(BotoCoreError):
    fmt = (
        'Checksum {checksum_type} failed, expected checksum '
        '{expected_checksum} did not match calculated checksum '
        '{actual_checksum}.'
    )


class UnseekableStreamError(BotoCoreError):
    fmt = 'Need to rewind the stream {stream_object}, but stream is not seekable.'


class WaiterError(BotoCoreError):
    fmt = 'Waiter {name} failed: {reason}'

    def __init__(self, name, reason, last_response):
        super().__init__(name=name, reason=reason)
        self.last_response = last_response


class IncompleteReadError(BotoCoreError):
    fmt = '{actual_bytes} read, but total bytes expected is {expected_bytes}.'


class InvalidExpressionError(BotoCoreError):
    fmt = 'Invalid expression {expression}: Only dotted lookups are supported.'


class WaiterConfigError(BotoCoreError):
    fmt = 'Error processing waiter config: {error_msg}'


class UnknownClientMethodError(BotoCoreError):
    fmt = 'Client does not have method: {method_name}'


class UnsupportedSignatureVersionError(BotoCoreError):
    fmt = 'Signature version(s) are not supported: {signature_version}'


class ClientError(Exception):
    """An error response from a service: `e.response` is botocore's parsed error response
    ({'Error': {'Code', 'Message', ...}, 'ResponseMetadata': {...}}), `e.operation_name` the
    API operation (PascalCase)."""

    MSG_TEMPLATE = (
        'An error occurred ({error_code}) when calling the {operation_name} '
        'operation{retry_info}: {error_message}'
    )

    def __init__(self, error_response, operation_name):
        retry_info = self._get_retry_info(error_response)
        error = error_response.get('Error', {})
        msg = self.MSG_TEMPLATE.format(
            error_code=error.get('Code', 'Unknown'),
            error_message=error.get('Message', 'Unknown'),
            operation_name=operation_name,
            retry_info=retry_info,
        )
        super().__init__(msg)
        self.response = error_response
        self.operation_name = operation_name

    def _get_retry_info(self, response):
        retry_info = ''
        if 'ResponseMetadata' in response:
            metadata = response['ResponseMetadata']
            if metadata.get('MaxAttemptsReached', False):
                if 'RetryAttempts' in metadata:
                    retry_info = f" (reached max retries: {metadata['RetryAttempts']})"
        return retry_info

    def __reduce__(self):
        return ClientError, (self.response, self.operation_name)


class EventStreamError(ClientError):
    pass


class InvalidS3AddressingStyleError(BotoCoreError):
    fmt = 'S3 addressing style {s3_addressing_style} is invalid. Valid options are: \'auto\', \'virtual\', and \'path\''


class InvalidRetryConfigurationError(BotoCoreError):
    fmt = 'Cannot provide retry configuration for "{retry_config_option}". Valid retry configuration options are: {valid_options}'


class InvalidMaxRetryAttemptsError(InvalidRetryConfigurationError):
    fmt = 'Value provided to "max_attempts": {provided_max_attempts} must be an integer greater than or equal to {min_value}.'


class InvalidRetryModeError(InvalidRetryConfigurationError):
    fmt = 'Invalid value provided to "mode": "{provided_retry_mode}" must be one of: {valid_modes}'


class StubResponseError(BotoCoreError):
    fmt = 'Error getting response stub for operation {operation_name}: {reason}'


class StubAssertionError(StubResponseError, AssertionError):
    pass


class UnStubbedResponseError(StubResponseError):
    pass


class InvalidConfigError(BotoCoreError):
    fmt = '{error_msg}'


class MissingDependencyException(BotoCoreError):
    fmt = "Missing Dependency: {msg}"


class CapacityNotAvailableError(BotoCoreError):
    fmt = 'Insufficient request capacity available.'


class FlexibleChecksumError(BotoCoreError):
    fmt = '{error_msg}'


class EndpointProviderError(BotoCoreError):
    fmt = '{msg}'


class EndpointResolutionError(EndpointProviderError):
    fmt = '{msg}'
