"""ServiceModel, OperationModel and Shape over the generated model extract (`_models`).

Only what the shim uses (and a learner might inspect) is modelled: operation names, input
shapes of the operations the mock cloud implements, modelled errors. Shapes of operations the
mock does not implement are not carried (their methods raise NotImplementedError anyway).
"""


class OperationNotFoundError(Exception):
    """An operation name the service does not have (botocore.model's)."""


class ServiceId(str):
    """A service id ('DynamoDB'); `hyphenize()` gives the event-name form ('dynamodb')."""

    def hyphenize(self):
        return self.lower().replace(' ', '-')


class Shape:
    """One shape: `type_name`, `name`, `metadata` (required, min...), and for containers
    `members` (structure), `member` (list), `key`/`value` (map)."""

    def __init__(self, name, definition, service):
        self.name = name
        self._def = definition
        self._service = service
        self.type_name = definition['type']
        md = {}
        for k in ('required', 'min', 'union', 'document', 'jsonvalue'):
            if k in definition:
                md[k] = definition[k]
        self.metadata = md
        self.serialization = {}
        self.is_document_type = bool(definition.get('document'))
        self.is_tagged_union = bool(definition.get('union'))
        self.required_members = list(definition.get('required', ()))
        self._members = None

    @property
    def members(self):
        if self._members is None:
            self._members = {n: self._service.shape(s) for n, s in self._def.get('members', {}).items()}
        return self._members

    @property
    def member(self):
        return self._service.shape(self._def['member'])

    @property
    def key(self):
        return self._service.shape(self._def['key'])

    @property
    def value(self):
        return self._service.shape(self._def['value'])

    def __repr__(self):
        return f'<{self.__class__.__name__}({self.name})>'


class StructureShape(Shape):
    pass


class ListShape(Shape):
    pass


class MapShape(Shape):
    pass


class StringShape(Shape):
    pass


class ErrorShape:
    """A modelled error: `name` (the exception class name) and `error_code`."""

    def __init__(self, name, code):
        self.name = name
        self.error_code = code
        self.type_name = 'structure'
        self.metadata = {'exception': True}

    def __repr__(self):
        return f'<ErrorShape({self.name})>'


_SHAPE_CLASSES = {'structure': StructureShape, 'list': ListShape, 'map': MapShape, 'string': StringShape}


class OperationModel:
    def __init__(self, service, name):
        self.service_model = service
        self.name = name
        self.implemented = name in service._data['implemented']
        shapes = service._data['implemented'].get(name, (None, None))
        self._input_name, self._output_name = shapes
        from botocore import xform_name

        self.py_name = xform_name(name)

    @property
    def input_shape(self):
        return self.service_model.shape(self._input_name) if self._input_name else None

    @property
    def output_shape(self):
        if not self._output_name or self._output_name not in self.service_model._data['shapes']:
            return None
        return self.service_model.shape(self._output_name)

    @property
    def has_streaming_output(self):
        return self.name in self.service_model._data['streaming_output']

    def __repr__(self):
        return f'OperationModel(name={self.name})'


class ServiceModel:
    """One service's model: name, ids, operations, shapes and modelled errors."""

    def __init__(self, data):
        self._data = data
        self.service_name = data['service_name']
        self.service_id = ServiceId(data['service_id'])
        self.api_version = data['api_version']
        self.protocol = data['protocol']
        self.endpoint_prefix = data['endpoint_prefix']
        self.signing_name = data['signing_name']
        self.class_name = data['class_name']
        self.metadata = {
            'apiVersion': self.api_version,
            'endpointPrefix': self.endpoint_prefix,
            'protocol': self.protocol,
            'serviceId': str(self.service_id),
            'signingName': self.signing_name,
        }
        self._shapes = {}
        self._operations = {}

    @property
    def operation_names(self):
        return list(self._data['operations'].values())

    @property
    def implemented_operation_names(self):
        """The operations labbook's mock cloud implements (not a botocore attribute)."""
        return sorted(self._data['implemented'])

    def operation_model(self, operation_name):
        op = self._operations.get(operation_name)
        if op is None:
            if operation_name not in self._data['operations'].values():
                raise OperationNotFoundError(operation_name)
            op = self._operations[operation_name] = OperationModel(self, operation_name)
        return op

    def shape(self, name):
        s = self._shapes.get(name)
        if s is None:
            definition = self._data['shapes'][name]
            cls = _SHAPE_CLASSES.get(definition['type'], Shape)
            s = self._shapes[name] = cls(name, definition, self)
        return s

    @property
    def shape_names(self):
        return list(self._data['shapes'])

    @property
    def error_shapes(self):
        return [ErrorShape(n, c) for n, c in self._data['errors'].items()]

    def __repr__(self):
        return f'ServiceModel({self.service_name})'


_cache = {}


def load_service_model(service_name):
    """The ServiceModel of an s3/sqs/dynamodb/sns/lambda/iam/sts (cached; the data never changes)."""
    model = _cache.get(service_name)
    if model is None:
        from botocore._models import MODELS

        model = _cache[service_name] = ServiceModel(MODELS[service_name])
    return model
