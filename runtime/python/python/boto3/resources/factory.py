"""Builds resource classes (`dynamodb.Table`, `s3.Bucket`, `sqs.Queue`...) from boto3's
resource definitions (the generated `boto3._resources`), as boto3.resources.factory does:

- identifiers become properties (`table.name`) and constructor arguments;
- the members of the resource's shape become lazily loaded attributes (`table.item_count`
  calls `load()` on first use); `load`/`reload` fetch them;
- actions become methods that fill their parameters from identifiers (`table.put_item(...)`
  sends TableName) and return raw responses or new resources; an action clears loaded data;
- 'has' entries become sub-resource constructors (`bucket.Object('key')`), 'hasMany' entries
  collections (`dynamodb.tables.all()`), waiters `wait_until_exists()`.

Customisations hook in through 'creating-resource-class.<service>.<Resource>' events
(boto3.session registers DynamoDB's high-level interface and S3's transfer methods).
"""

from functools import partial

from botocore import xform_name
from botocore.hooks import HierarchicalEmitter

from boto3.exceptions import ResourceLoadException
from boto3.resources.base import ResourceMeta, ServiceResource
from boto3.resources.collection import CollectionManager, ResourceCollection, batch_action
from boto3.resources.params import create_request_parameters
from boto3.resources.response import RawHandler, ResourceHandler, build_identifiers

RESOURCE_EVENTS = HierarchicalEmitter()
_CLASSES = {}


class ResourceFactory:
    def __init__(self, service_name):
        from boto3._resources import RESOURCES

        self.service_name = service_name
        self.definitions = RESOURCES[service_name]

    def load(self, resource_name):
        key = (self.service_name, resource_name)
        cls = _CLASSES.get(key)
        if cls is None:
            cls = _CLASSES[key] = self._build(resource_name)
        return cls

    # --- building a class ---------------------------------------------------------------------
    def _build(self, resource_name):
        is_service = resource_name == self.service_name
        definition = self.definitions['service'] if is_service else self.definitions['resources'][resource_name]
        meta = ResourceMeta(self.service_name, resource_model=_ResourceModel(resource_name, definition))
        attrs = {'meta': meta, '__module__': __name__}
        identifier_names = []
        for identifier in definition.get('identifiers', []):
            name = xform_name(identifier['name'])
            identifier_names.append(name)
            meta.identifiers.append(name)
            attrs[name] = _identifier_property(name)
        if definition.get('load'):
            attrs['load'] = self._action('load', definition['load'], is_load=True)
            attrs['reload'] = attrs['load']
        for name, action in definition.get('actions', {}).items():
            attrs[xform_name(name)] = self._action(xform_name(name), action)
        if definition.get('shape'):
            self._attributes(attrs, definition, identifier_names)
        for name, collection in definition.get('hasMany', {}).items():
            attrs[xform_name(name)] = self._collection(resource_name, xform_name(name), collection)
        subresources = []
        for name, has in self._has(definition, is_service).items():
            if any(i['source'] == 'data' for i in has['resource'].get('identifiers', [])):
                attrs[xform_name(name)] = self._reference(has)
            else:
                subresources.append(name)
                attrs[name] = self._subresource(name, has)
        attrs['get_available_subresources'] = _available_subresources(sorted(subresources))
        for name, waiter in definition.get('waiters', {}).items():
            method = 'wait_until_' + xform_name(name)
            attrs[method] = _waiter_method(method, waiter)
        cls_name = f"{self.service_name}.{'ServiceResource' if is_service else resource_name}"
        base_classes = [ServiceResource]
        RESOURCE_EVENTS.emit(
            f'creating-resource-class.{cls_name}', class_attributes=attrs, base_classes=base_classes,
            service_context=self,
        )
        return type(cls_name, tuple(base_classes), attrs)

    def _has(self, definition, is_service):
        """'has' relations; the service resource can create every resource of the service
        (those not named in its 'has' take all their identifiers as input), as in boto3."""
        if not is_service:
            return definition.get('has', {})
        relations = {}
        has_items = definition.get('has', {}).items()
        for name, resource_def in self.definitions['resources'].items():
            found = False
            for has_name, has_def in has_items:
                if has_def.get('resource', {}).get('type') == name:
                    relations[has_name] = has_def
                    found = True
            if not found:
                identifiers = [{'target': i['name'], 'source': 'input'} for i in resource_def.get('identifiers', [])]
                relations[name] = {'resource': {'type': name, 'identifiers': identifiers}}
        return relations

    def _attributes(self, attrs, definition, identifier_names):
        from botocore.model import load_service_model

        members = load_service_model(self.service_name)._data['resource_shapes'].get(definition['shape'], [])
        member_identifiers = {i['memberName']: xform_name(i['name']) for i in definition.get('identifiers', []) if i.get('memberName')}
        for member in members:
            snake = xform_name(member)
            if snake in identifier_names:
                continue
            if member in member_identifiers:
                attrs[snake] = _identifier_property(member_identifiers[member])
            elif snake not in attrs:
                attrs[snake] = _attribute_property(snake, member)

    def _action(self, name, action_model, is_load=False):
        request = action_model['request']
        operation = xform_name(request['operation'])
        if action_model.get('resource'):
            handler = ResourceHandler(action_model['resource'].get('path'), self, action_model['resource'], operation_name=request['operation'])
        else:
            handler = RawHandler(action_model.get('path'))

        def call(parent, *args, **kwargs):
            params = create_request_parameters(parent, request)
            params.update(kwargs)
            response = getattr(parent.meta.client, operation)(*args, **params)
            return handler(parent, params, response)

        if is_load:
            def do_action(self, *args, **kwargs):
                self.meta.data = call(self, *args, **kwargs)
        else:
            def do_action(self, *args, **kwargs):
                response = call(self, *args, **kwargs)
                if hasattr(self, 'load'):
                    # Cached data is stale after an action; the next attribute access reloads.
                    self.meta.data = None
                return response
        do_action.__name__ = name
        do_action.__doc__ = f"Calls {self.service_name} {request['operation']}."
        return do_action

    def _collection(self, resource_name, attr_name, collection_model):
        target = collection_model['resource']['type']
        target_def = self.definitions['resources'].get(target, {})
        prefix = self.service_name if resource_name == self.service_name else f'{self.service_name}.{resource_name}'
        methods = {}
        for name, batch in target_def.get('batchActions', {}).items():
            methods[xform_name(name)] = batch_action(xform_name(name), batch)
        module = {'__module__': 'boto3.resources.collection'}
        collection_cls = type(f'{prefix}.{attr_name}Collection', (ResourceCollection,), {**module, **methods})
        manager_cls = type(
            f'{prefix}.{attr_name}CollectionManager', (CollectionManager,),
            {**module, **methods, '_collection_cls': collection_cls},
        )
        factory = self

        def get_collection(self):
            return manager_cls(collection_model, self, factory)

        get_collection.__name__ = attr_name
        return property(get_collection)

    def _subresource(self, name, has):
        factory = self
        target = has['resource']['type']

        def create_resource(self, *args, **kwargs):
            positional_args = [value for _, value in build_identifiers(has['resource'].get('identifiers', []), self)]
            resource_cls = factory.load(target)
            return partial(resource_cls, *positional_args, client=self.meta.client)(*args, **kwargs)

        create_resource.__name__ = name
        return create_resource

    def _reference(self, has):
        handler = ResourceHandler(has['resource'].get('path'), self, has['resource'])

        def get_reference(self):
            return handler(self, {}, self.meta.data)

        return property(get_reference)


class _ResourceModel:
    """`resource.meta.resource_model`: the resource's name and definition."""

    def __init__(self, name, definition):
        self.name = name
        self._definition = definition
        self.shape = definition.get('shape')

    def __repr__(self):
        return f'ResourceModel({self.name})'


def _identifier_property(name):
    def get_identifier(self):
        return getattr(self, '_' + name, None)

    get_identifier.__name__ = name
    return property(get_identifier)


def _attribute_property(name, member):
    def property_loader(self):
        if self.meta.data is None:
            if hasattr(self, 'load'):
                self.load()
            else:
                raise ResourceLoadException(f'{self.__class__.__name__} has no load method')
        return self.meta.data.get(member)

    property_loader.__name__ = name
    return property(property_loader)


def _available_subresources(names):
    def get_available_subresources(self):
        """The names of the sub-resources this resource can create."""
        return list(names)

    return get_available_subresources


def _waiter_method(method_name, waiter_model):
    waiter_name = xform_name(waiter_model['waiterName'])

    def do_waiter(self, *args, **kwargs):
        params = create_request_parameters(self, waiter_model)
        params.update(kwargs)
        self.meta.client.get_waiter(waiter_name).wait(**params)

    do_waiter.__name__ = method_name
    return do_waiter
