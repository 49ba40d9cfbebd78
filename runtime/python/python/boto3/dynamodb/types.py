"""TypeSerializer/TypeDeserializer: Python values <-> DynamoDB AttributeValues, as boto3.

Python -> DynamoDB: None -> NULL, bool -> BOOL (checked before int), int/Decimal -> N
(through DYNAMODB_CONTEXT: 38 digits, Inexact/Rounded trap), float -> TypeError, str -> S,
bytes/bytearray/Binary -> B, sets -> NS/SS/BS (an empty set is an empty NS, which DynamoDB
then refuses), Mapping -> M, list/tuple -> L. DynamoDB -> Python: N -> Decimal, B -> Binary,
NS/SS/BS -> set, L -> list, M -> dict. Behaviour follows boto3.dynamodb.types (Apache-2.0).
"""

from collections import abc as collections_abc
from decimal import Clamped, Context, Decimal, Inexact, Overflow, Rounded, Underflow

STRING = 'S'
NUMBER = 'N'
BINARY = 'B'
STRING_SET = 'SS'
NUMBER_SET = 'NS'
BINARY_SET = 'BS'
NULL = 'NULL'
BOOLEAN = 'BOOL'
MAP = 'M'
LIST = 'L'

DYNAMODB_CONTEXT = Context(
    Emin=-128,
    Emax=126,
    prec=38,
    traps=[Clamped, Overflow, Inexact, Rounded, Underflow],
)

BINARY_TYPES = (bytearray, bytes)


class Binary:
    """Binary data for DynamoDB (a wrapper around bytes; `.value` is the bytes)."""

    def __init__(self, value):
        if not isinstance(value, BINARY_TYPES):
            types = ', '.join([str(t) for t in BINARY_TYPES])
            raise TypeError(f'Value must be of the following types: {types}')
        self.value = value

    def __eq__(self, other):
        if isinstance(other, Binary):
            return self.value == other.value
        return self.value == other

    def __ne__(self, other):
        return not self.__eq__(other)

    def __repr__(self):
        return f'Binary({self.value!r})'

    def __str__(self):
        return self.value

    def __bytes__(self):
        return self.value

    def __hash__(self):
        return hash(self.value)


class TypeSerializer:
    """This class serializes Python data types to DynamoDB types."""

    def serialize(self, value):
        dynamodb_type = self._get_dynamodb_type(value)
        serializer = getattr(self, f'_serialize_{dynamodb_type}'.lower())
        return {dynamodb_type: serializer(value)}

    def _get_dynamodb_type(self, value):
        if self._is_null(value):
            return NULL
        elif self._is_boolean(value):
            return BOOLEAN
        elif self._is_number(value):
            return NUMBER
        elif self._is_string(value):
            return STRING
        elif self._is_binary(value):
            return BINARY
        elif self._is_type_set(value, self._is_number):
            return NUMBER_SET
        elif self._is_type_set(value, self._is_string):
            return STRING_SET
        elif self._is_type_set(value, self._is_binary):
            return BINARY_SET
        elif self._is_map(value):
            return MAP
        elif self._is_listlike(value):
            return LIST
        raise TypeError(f'Unsupported type "{type(value)}" for value "{value}"')

    def _is_null(self, value):
        return value is None

    def _is_boolean(self, value):
        return isinstance(value, bool)

    def _is_number(self, value):
        if isinstance(value, (int, Decimal)):
            return True
        elif isinstance(value, float):
            raise TypeError('Float types are not supported. Use Decimal types instead.')
        return False

    def _is_string(self, value):
        return isinstance(value, str)

    def _is_binary(self, value):
        return isinstance(value, (Binary, bytearray, bytes))

    def _is_set(self, value):
        return isinstance(value, collections_abc.Set)

    def _is_type_set(self, value, type_validator):
        if self._is_set(value):
            if False not in map(type_validator, value):
                return True
        return False

    def _is_map(self, value):
        return isinstance(value, collections_abc.Mapping)

    def _is_listlike(self, value):
        return isinstance(value, (list, tuple))

    def _serialize_null(self, value):
        return True

    def _serialize_bool(self, value):
        return value

    def _serialize_n(self, value):
        number = str(DYNAMODB_CONTEXT.create_decimal(value))
        if number in ['Infinity', 'NaN']:
            raise TypeError('Infinity and NaN not supported')
        return number

    def _serialize_s(self, value):
        return value

    def _serialize_b(self, value):
        if isinstance(value, Binary):
            value = value.value
        return value

    def _serialize_ss(self, value):
        return [self._serialize_s(s) for s in value]

    def _serialize_ns(self, value):
        return [self._serialize_n(n) for n in value]

    def _serialize_bs(self, value):
        return [self._serialize_b(b) for b in value]

    def _serialize_l(self, value):
        return [self.serialize(v) for v in value]

    def _serialize_m(self, value):
        return {k: self.serialize(v) for k, v in value.items()}


class TypeDeserializer:
    """This class deserializes DynamoDB types to Python types."""

    def deserialize(self, value):
        if not value:
            raise TypeError('Value must be a nonempty dictionary whose key is a valid dynamodb type.')
        dynamodb_type = list(value.keys())[0]
        try:
            deserializer = getattr(self, f'_deserialize_{dynamodb_type}'.lower())
        except AttributeError:
            raise TypeError(f'Dynamodb type {dynamodb_type} is not supported')
        return deserializer(value[dynamodb_type])

    def _deserialize_null(self, value):
        return None

    def _deserialize_bool(self, value):
        return value

    def _deserialize_n(self, value):
        return DYNAMODB_CONTEXT.create_decimal(value)

    def _deserialize_s(self, value):
        return value

    def _deserialize_b(self, value):
        return Binary(value)

    def _deserialize_ns(self, value):
        return set(map(self._deserialize_n, value))

    def _deserialize_ss(self, value):
        return set(map(self._deserialize_s, value))

    def _deserialize_bs(self, value):
        return set(map(self._deserialize_b, value))

    def _deserialize_l(self, value):
        return [self.deserialize(v) for v in value]

    def _deserialize_m(self, value):
        return {k: self.deserialize(v) for k, v in value.items()}
