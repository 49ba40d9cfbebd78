"""Turning action responses into resources (or raw data), as boto3.resources.response."""

from botocore import _jmespath as jmespath
from botocore import xform_name

from boto3.resources.params import get_data_member


def all_not_none(iterable):
    return all(element is not None for element in iterable)


def build_identifiers(identifiers, parent, params=None, raw_response=None):
    results = []
    for identifier in identifiers:
        source = identifier['source']
        target = identifier['target']
        if source == 'response':
            value = jmespath.search(identifier['path'], raw_response)
        elif source == 'requestParameter':
            value = jmespath.search(identifier['path'], params)
        elif source == 'identifier':
            value = getattr(parent, xform_name(identifier['name']))
        elif source == 'data':
            value = get_data_member(parent, identifier['path'])
        elif source == 'input':
            continue
        else:
            raise NotImplementedError(f'Unsupported source type: {source}')
        results.append((xform_name(target), value))
    return results


class RawHandler:
    def __init__(self, search_path):
        self.search_path = search_path

    def __call__(self, parent, params, response):
        if self.search_path and self.search_path != '$':
            response = jmespath.search(self.search_path, response)
        return response


class ResourceHandler:
    def __init__(self, search_path, factory, resource_model, operation_name=None):
        self.search_path = search_path
        self.factory = factory
        self.resource_model = resource_model
        self.operation_name = operation_name

    def __call__(self, parent, params, response):
        resource_cls = self.factory.load(self.resource_model['type'])
        raw_response = response
        search_response = None
        if self.search_path:
            search_response = jmespath.search(self.search_path, raw_response)
        identifiers = dict(build_identifiers(self.resource_model.get('identifiers', []), parent, params, raw_response))
        plural = [v for v in identifiers.values() if isinstance(v, list)]
        if plural:
            response = []
            for i in range(len(plural[0])):
                response_item = None
                if search_response:
                    response_item = search_response[i]
                response.append(self.handle_response_item(resource_cls, parent, identifiers, response_item))
        elif all_not_none(identifiers.values()):
            response = self.handle_response_item(resource_cls, parent, identifiers, search_response)
        else:
            response = None
            if self.operation_name is not None:
                # boto3 answers an empty value of the searched shape's type; a list is by far
                # the common case (collections over an empty listing).
                response = []
        return response

    def handle_response_item(self, resource_cls, parent, identifiers, resource_data):
        kwargs = {'client': parent.meta.client}
        for name, value in identifiers.items():
            if isinstance(value, list):
                value = value.pop(0)
            kwargs[name] = value
        resource = resource_cls(**kwargs)
        if resource_data is not None:
            resource.meta.data = resource_data
        return resource
