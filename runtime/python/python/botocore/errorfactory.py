"""`client.exceptions`: one ClientError subclass per modelled error of a service.

Classes are made once per service (a DynamoDB resource's client and a plain DynamoDB client
share them, as in botocore), live in this module (`botocore.errorfactory.NoSuchKey`), and
`from_code` maps an error code to its class (ClientError for codes the model does not name).
"""

from botocore.exceptions import ClientError


class BaseClientExceptions:
    ClientError = ClientError

    def __init__(self, code_to_exception):
        self._code_to_exception = code_to_exception

    def from_code(self, error_code):
        """The exception class for an error code (ClientError if it is not modelled)."""
        return self._code_to_exception.get(error_code, self.ClientError)

    def __getattr__(self, name):
        exception_cls_names = [exception_cls.__name__ for exception_cls in self._code_to_exception.values()]
        raise AttributeError(
            rf"{self} object has no attribute {name}. "
            rf"Valid exceptions are: {', '.join(exception_cls_names)}"
        )


class ClientExceptionsFactory:
    def __init__(self):
        self._client_exceptions_cache = {}

    def create_client_exceptions(self, service_model):
        service_name = service_model.service_name
        if service_name not in self._client_exceptions_cache:
            self._client_exceptions_cache[service_name] = self._create_client_exceptions(service_model)
        return self._client_exceptions_cache[service_name]

    def _create_client_exceptions(self, service_model):
        cls_props = {}
        code_to_exception = {}
        for error_shape in service_model.error_shapes:
            exception_name = str(error_shape.name)
            exception_cls = type(exception_name, (ClientError,), {'__module__': __name__})
            cls_props[exception_name] = exception_cls
            code_to_exception[str(error_shape.error_code)] = exception_cls
        cls_name = str(service_model.class_name + 'Exceptions')
        cls_props['__module__'] = __name__
        client_exceptions_cls = type(cls_name, (BaseClientExceptions,), cls_props)
        return client_exceptions_cls(code_to_exception)


# Shared by every client (botocore keeps one per session; exception classes must be the same
# objects across clients so `except s3.exceptions.NoSuchKey` catches any S3 client's error).
FACTORY = ClientExceptionsFactory()
