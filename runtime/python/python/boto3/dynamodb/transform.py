"""The DynamoDB resource layer's client customisations, as boto3.dynamodb.transform.

A DynamoDB resource's client (`resource.meta.client`, `table.meta.client`) copies the
parameters of every call, turns condition objects into expressions with placeholders, and
serialises every AttributeValue-shaped parameter from Python values (TypeSerializer); after
the call it deserialises every AttributeValue in the response (TypeDeserializer). Shapes are
found by name in the service model, as boto3 does.
"""

import copy
from collections import abc as collections_abc

from boto3.dynamodb.conditions import ConditionBase, ConditionExpressionBuilder
from boto3.dynamodb.types import TypeDeserializer, TypeSerializer


def register_high_level_interface(base_classes, **kwargs):
    base_classes.insert(0, DynamoDBHighLevelResource)


class _ForgetfulDict(dict):
    """A deepcopy memo that forgets: every repeated object is copied separately."""

    def __setitem__(self, key, value):
        pass


def copy_dynamodb_params(params, **kwargs):
    return copy.deepcopy(params, memo=_ForgetfulDict())


class DynamoDBHighLevelResource:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        events = self.meta.client.meta.events
        events.register('provide-client-params.dynamodb', copy_dynamodb_params, unique_id='dynamodb-create-params-copy')
        self._injector = TransformationInjector()
        events.register(
            'before-parameter-build.dynamodb', self._injector.inject_condition_expressions,
            unique_id='dynamodb-condition-expression',
        )
        events.register(
            'before-parameter-build.dynamodb', self._injector.inject_attribute_value_input,
            unique_id='dynamodb-attr-value-input',
        )
        events.register(
            'after-call.dynamodb', self._injector.inject_attribute_value_output,
            unique_id='dynamodb-attr-value-output',
        )


class TransformationInjector:
    """Injects the transformations into the user provided parameters."""

    def __init__(self, transformer=None, condition_builder=None, serializer=None, deserializer=None):
        self._transformer = transformer or ParameterTransformer()
        self._condition_builder = condition_builder or ConditionExpressionBuilder()
        self._serializer = serializer or TypeSerializer()
        self._deserializer = deserializer or TypeDeserializer()

    def inject_condition_expressions(self, params, model, **kwargs):
        """Condition objects -> expressions (ConditionExpression and KeyExpression shapes),
        with their placeholders added to ExpressionAttributeNames/Values."""
        self._condition_builder.reset()
        generated_names = {}
        generated_values = {}
        transformation = ConditionExpressionTransformation(
            self._condition_builder, placeholder_names=generated_names,
            placeholder_values=generated_values, is_key_condition=False,
        )
        self._transformer.transform(params, model.input_shape, transformation, 'ConditionExpression')
        transformation = ConditionExpressionTransformation(
            self._condition_builder, placeholder_names=generated_names,
            placeholder_values=generated_values, is_key_condition=True,
        )
        self._transformer.transform(params, model.input_shape, transformation, 'KeyExpression')
        expr_attr_names_input = 'ExpressionAttributeNames'
        expr_attr_values_input = 'ExpressionAttributeValues'
        if expr_attr_names_input in params:
            params[expr_attr_names_input].update(generated_names)
        elif generated_names:
            params[expr_attr_names_input] = generated_names
        if expr_attr_values_input in params:
            params[expr_attr_values_input].update(generated_values)
        elif generated_values:
            params[expr_attr_values_input] = generated_values

    def inject_attribute_value_input(self, params, model, **kwargs):
        """Injects DynamoDB serialization into parameter input"""
        self._transformer.transform(params, model.input_shape, self._serializer.serialize, 'AttributeValue')

    def inject_attribute_value_output(self, parsed, model, **kwargs):
        """Injects DynamoDB deserialization into responses"""
        if model.output_shape is not None:
            self._transformer.transform(parsed, model.output_shape, self._deserializer.deserialize, 'AttributeValue')


class ConditionExpressionTransformation:
    """Builds the expression of a condition object (other values pass through)."""

    def __init__(self, condition_builder, placeholder_names, placeholder_values, is_key_condition=False):
        self._condition_builder = condition_builder
        self._placeholder_names = placeholder_names
        self._placeholder_values = placeholder_values
        self._is_key_condition = is_key_condition

    def __call__(self, value):
        if isinstance(value, ConditionBase):
            built_expression = self._condition_builder.build_expression(value, is_key_condition=self._is_key_condition)
            self._placeholder_names.update(built_expression.attribute_name_placeholders)
            self._placeholder_values.update(built_expression.attribute_value_placeholders)
            return built_expression.condition_expression
        return value


class ParameterTransformer:
    """Applies a transformation wherever a shape of a given name appears."""

    def transform(self, params, model, transformation, target_shape):
        self._transform_parameters(model, params, transformation, target_shape)

    def _transform_parameters(self, model, params, transformation, target_shape):
        type_name = model.type_name
        if type_name in ('structure', 'map', 'list'):
            getattr(self, f'_transform_{type_name}')(model, params, transformation, target_shape)

    def _transform_structure(self, model, params, transformation, target_shape):
        if not isinstance(params, collections_abc.Mapping):
            return
        for param in params:
            if param in model.members:
                member_model = model.members[param]
                if member_model.name == target_shape:
                    params[param] = transformation(params[param])
                else:
                    self._transform_parameters(member_model, params[param], transformation, target_shape)

    def _transform_map(self, model, params, transformation, target_shape):
        if not isinstance(params, collections_abc.Mapping):
            return
        value_model = model.value
        for key, value in params.items():
            if value_model.name == target_shape:
                params[key] = transformation(value)
            else:
                self._transform_parameters(value_model, params[key], transformation, target_shape)

    def _transform_list(self, model, params, transformation, target_shape):
        if not isinstance(params, collections_abc.MutableSequence):
            return
        member_model = model.member
        for i, item in enumerate(params):
            if member_model.name == target_shape:
                params[i] = transformation(item)
            else:
                self._transform_parameters(member_model, params[i], transformation, target_shape)
