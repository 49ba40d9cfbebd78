"""Resource collections (`dynamodb.tables.all()`, `bucket.objects.filter(Prefix=...)`).

A collection pages through its listing operation (with the client's paginator when there is
one) and yields resources; `all`, `filter`, `limit`, `page_size` return new collections and
`pages()` yields lists of resources, as in boto3. Batch actions (`bucket.objects.delete()`)
send one request per page.
"""

import copy

from botocore import xform_name
from botocore.paginate import merge_dicts

from boto3.resources.params import create_request_parameters
from boto3.resources.response import ResourceHandler


class ResourceCollection:
    def __init__(self, model, parent, handler, **kwargs):
        self._model = model
        self._parent = parent
        self._py_operation_name = xform_name(model['request']['operation'])
        self._handler = handler
        self._params = copy.deepcopy(kwargs)

    def __repr__(self):
        return '{}({}, {})'.format(
            self.__class__.__name__, self._parent, f"{self._parent.meta.service_name}.{self._model['resource']['type']}"
        )

    def __iter__(self):
        limit = self._params.get('limit', None)
        count = 0
        for page in self.pages():
            for item in page:
                yield item
                count += 1
                if limit is not None and count >= limit:
                    return

    def _clone(self, **kwargs):
        params = copy.deepcopy(self._params)
        merge_dicts(params, kwargs, append_lists=True)
        return self.__class__(self._model, self._parent, self._handler, **params)

    def pages(self):
        client = self._parent.meta.client
        cleaned_params = self._params.copy()
        limit = cleaned_params.pop('limit', None)
        page_size = cleaned_params.pop('page_size', None)
        params = create_request_parameters(self._parent, self._model['request'])
        merge_dicts(params, cleaned_params, append_lists=True)
        if client.can_paginate(self._py_operation_name):
            paginator = client.get_paginator(self._py_operation_name)
            pages = paginator.paginate(PaginationConfig={'MaxItems': limit, 'PageSize': page_size}, **params)
        else:
            pages = [getattr(client, self._py_operation_name)(**params)]
        count = 0
        for page in pages:
            page_items = []
            for item in self._handler(self._parent, params, page):
                page_items.append(item)
                count += 1
                if limit is not None and count >= limit:
                    break
            yield page_items
            if limit is not None and count >= limit:
                break

    def all(self):
        return self._clone()

    def filter(self, **kwargs):
        return self._clone(**kwargs)

    def limit(self, count):
        return self._clone(limit=count)

    def page_size(self, count):
        return self._clone(page_size=count)


class CollectionManager:
    _collection_cls = ResourceCollection

    def __init__(self, collection_model, parent, factory):
        self._model = collection_model
        self._parent = parent
        self._handler = ResourceHandler(
            collection_model['resource'].get('path'), factory, collection_model['resource'],
            operation_name=collection_model['request']['operation'],
        )

    def __repr__(self):
        return '{}({}, {})'.format(
            self.__class__.__name__, self._parent, f"{self._parent.meta.service_name}.{self._model['resource']['type']}"
        )

    def iterator(self, **kwargs):
        return self._collection_cls(self._model, self._parent, self._handler, **kwargs)

    def all(self):
        return self.iterator()

    def filter(self, **kwargs):
        return self.iterator(**kwargs)

    def limit(self, count):
        return self.iterator(limit=count)

    def page_size(self, count):
        return self.iterator(page_size=count)

    def pages(self):
        return self.iterator().pages()


def batch_action(action_name, action_model):
    """A batch action (e.g. delete) over every resource of a collection, one call per page."""

    def do_batch(self, *args, **kwargs):
        collection = self.iterator() if isinstance(self, CollectionManager) else self
        operation_name = xform_name(action_model['request']['operation'])
        client = None
        responses = []
        for page in collection.pages():
            params = {}
            for index, resource in enumerate(page):
                if client is None:
                    client = resource.meta.client
                create_request_parameters(resource, action_model['request'], params=params, index=index)
            if not params:
                break
            params.update(kwargs)
            responses.append(getattr(client, operation_name)(*args, **params))
        return responses

    do_batch.__name__ = action_name
    return do_batch
