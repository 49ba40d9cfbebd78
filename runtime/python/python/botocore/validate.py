"""Parameter validation, as botocore's ParamValidator does it (same checks, same report).

All errors are collected before one ParamValidationError is raised; the report lines are
botocore's ("Missing required parameter in input: \"Bucket\"", "Unknown parameter in input:
\"Foo\", must be one of: ...", "Invalid type for parameter Key, value: 1, type: <class
'int'>, valid types: <class 'str'>", "Invalid length for parameter Key, value: 0, valid min
length: 1"...). Only `min` is checked besides types and required members, as in botocore.
"""

import datetime
import decimal
import json

from botocore.exceptions import ParamValidationError
from botocore.utils import parse_to_aware_datetime


def validate_parameters(params, shape):
    report = ParamValidator().validate(params, shape)
    if report.has_errors():
        raise ParamValidationError(report=report.generate_report())


def type_check(valid_types):
    def _create_type_check_guard(func):
        def _on_passes_type_check(self, param, shape, errors, name):
            if _type_check(param, errors, name):
                return func(self, param, shape, errors, name)

        def _type_check(param, errors, name):
            if not isinstance(param, valid_types):
                valid_type_names = [str(t) for t in valid_types]
                errors.report(name, 'invalid type', param=param, valid_types=valid_type_names)
                return False
            return True

        return _on_passes_type_check

    return _create_type_check_guard


def range_check(name, value, shape, error_type, errors):
    if 'min' in shape.metadata:
        min_allowed = shape.metadata['min']
        if value < min_allowed:
            errors.report(name, error_type, param=value, min_allowed=min_allowed)


class ValidationErrors:
    def __init__(self):
        self._errors = []

    def has_errors(self):
        return bool(self._errors)

    def generate_report(self):
        return '\n'.join(self._format_error(e) for e in self._errors)

    def _format_error(self, error):
        error_type, name, additional = error
        name = self._get_name(name)
        if error_type == 'missing required field':
            return f"Missing required parameter in {name}: \"{additional['required_name']}\""
        elif error_type == 'unknown field':
            valid_names = ', '.join(additional['valid_names'])
            return f'Unknown parameter in {name}: "{additional["unknown_param"]}", must be one of: {valid_names}'
        elif error_type == 'invalid type':
            param = additional['param']
            valid_types = ', '.join(additional['valid_types'])
            return f'Invalid type for parameter {name}, value: {param}, type: {type(param)}, valid types: {valid_types}'
        elif error_type == 'invalid range':
            return f'Invalid value for parameter {name}, value: {additional["param"]}, valid min value: {additional["min_allowed"]}'
        elif error_type == 'invalid length':
            return f'Invalid length for parameter {name}, value: {additional["param"]}, valid min length: {additional["min_allowed"]}'
        elif error_type == 'unable to encode to json':
            return f'Invalid parameter {name} must be json serializable: {additional["type_error"]}'
        elif error_type == 'invalid type for document':
            param = additional['param']
            valid_types = ', '.join(additional['valid_types'])
            return f'Invalid type for document parameter {name}, value: {param}, type: {type(param)}, valid types: {valid_types}'
        elif error_type == 'more than one input':
            members = ', '.join(additional['members'])
            return (
                f'Invalid number of parameters set for tagged union structure {name}. '
                f'Can only set one of the following keys: {members}.'
            )
        elif error_type == 'empty input':
            members = ', '.join(additional['members'])
            return f'Must set one of the following keys for tagged unionstructure {name}: {members}.'

    def _get_name(self, name):
        if not name:
            return 'input'
        elif name.startswith('.'):
            return name[1:]
        return name

    def report(self, name, reason, **kwargs):
        self._errors.append((reason, name, kwargs))


class ParamValidator:
    """Validates parameters against a shape model."""

    SCALAR_TYPES = {
        'float': (float, decimal.Decimal, int),
        'double': (float, decimal.Decimal, int),
        'integer': (int,),
        'long': (int,),
        'boolean': (bool,),
        'string': (str,),
    }
    CONTAINER_TYPES = {
        'structure': (dict,),
        'map': (dict,),
        'list': (list, tuple),
    }
    VALIDATED_METADATA_ATTRS = {'required', 'min', 'document', 'union'}

    def _shape_has_constraints(self, shape):
        return bool(self.VALIDATED_METADATA_ATTRS & set(shape.metadata.keys()))

    def validate(self, params, shape):
        errors = ValidationErrors()
        self._validate(params, shape, errors, name='')
        return errors

    def _validate(self, params, shape, errors, name):
        if shape.metadata.get('jsonvalue'):
            self._validate_jsonvalue_string(params, shape, errors, name)
        elif shape.type_name == 'structure' and shape.is_document_type:
            self._validate_document(params, shape, errors, name)
        else:
            getattr(self, f'_validate_{shape.type_name}')(params, shape, errors, name)

    def _validate_jsonvalue_string(self, params, shape, errors, name):
        try:
            json.dumps(params)
        except (ValueError, TypeError) as e:
            errors.report(name, 'unable to encode to json', type_error=e)

    def _validate_document(self, params, shape, errors, name):
        if params is None:
            return
        if isinstance(params, dict):
            for key in params:
                self._validate_document(params[key], shape, errors, key)
        elif isinstance(params, list):
            for index, entity in enumerate(params):
                self._validate_document(entity, shape, errors, f'{name}[{index}]')
        elif not isinstance(params, (str, int, bool, float)):
            valid_types = (str, int, bool, float, list, dict)
            errors.report(
                name, 'invalid type for document', param=params, param_type=type(params),
                valid_types=[str(t) for t in valid_types],
            )

    @type_check(valid_types=CONTAINER_TYPES['structure'])
    def _validate_structure(self, params, shape, errors, name):
        if shape.is_tagged_union:
            if len(params) == 0:
                errors.report(name, 'empty input', members=shape.members)
            elif len(params) > 1:
                errors.report(name, 'more than one input', members=shape.members)
        for required_member in shape.metadata.get('required', []):
            if required_member not in params:
                errors.report(name, 'missing required field', required_name=required_member, user_params=params)
        members = shape.members
        known_params = []
        for param in params:
            if param not in members:
                errors.report(name, 'unknown field', unknown_param=param, valid_names=list(members))
            else:
                known_params.append(param)
        for param in known_params:
            self._validate(params[param], members[param], errors, f'{name}.{param}')

    @type_check(valid_types=SCALAR_TYPES['string'])
    def _validate_string(self, param, shape, errors, name):
        range_check(name, len(param), shape, 'invalid length', errors)

    @type_check(valid_types=CONTAINER_TYPES['list'])
    def _validate_list(self, param, shape, errors, name):
        member_shape = shape.member
        range_check(name, len(param), shape, 'invalid length', errors)
        member_type = member_shape.type_name
        if member_type in self.SCALAR_TYPES and not self._shape_has_constraints(member_shape):
            valid_types = self.SCALAR_TYPES[member_type]
            for i, item in enumerate(param):
                if not isinstance(item, valid_types):
                    errors.report(f'{name}[{i}]', 'invalid type', param=item, valid_types=[str(t) for t in valid_types])
            return
        for i, item in enumerate(param):
            self._validate(item, member_shape, errors, f'{name}[{i}]')

    @type_check(valid_types=CONTAINER_TYPES['map'])
    def _validate_map(self, param, shape, errors, name):
        key_shape = shape.key
        value_shape = shape.value
        for key, value in param.items():
            self._validate(key, key_shape, errors, f"{name} (key: {key})")
            self._validate(value, value_shape, errors, f'{name}.{key}')

    @type_check(valid_types=SCALAR_TYPES['integer'])
    def _validate_integer(self, param, shape, errors, name):
        range_check(name, param, shape, 'invalid range', errors)

    def _validate_blob(self, param, shape, errors, name):
        if isinstance(param, (bytes, bytearray, str)):
            return
        elif hasattr(param, 'read'):
            return
        errors.report(name, 'invalid type', param=param, valid_types=[str(bytes), str(bytearray), 'file-like object'])

    @type_check(valid_types=SCALAR_TYPES['boolean'])
    def _validate_boolean(self, param, shape, errors, name):
        pass

    @type_check(valid_types=SCALAR_TYPES['double'])
    def _validate_double(self, param, shape, errors, name):
        range_check(name, param, shape, 'invalid range', errors)

    _validate_float = _validate_double

    @type_check(valid_types=SCALAR_TYPES['long'])
    def _validate_long(self, param, shape, errors, name):
        range_check(name, param, shape, 'invalid range', errors)

    def _validate_timestamp(self, param, shape, errors, name):
        if not self._type_check_datetime(param):
            errors.report(name, 'invalid type', param=param, valid_types=[str(datetime.datetime), 'timestamp-string'])

    def _type_check_datetime(self, value):
        try:
            parse_to_aware_datetime(value)
            return True
        except (TypeError, ValueError, AttributeError, OverflowError):
            return False
