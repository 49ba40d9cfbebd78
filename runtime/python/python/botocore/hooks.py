"""`client.meta.events`: botocore's hierarchical event system, reduced to what clients use.

Handlers registered for 'before-parameter-build.dynamodb' also receive
'before-parameter-build.dynamodb.PutItem' (dot-separated prefixes; '*' matches one part).
Handlers are found with botocore's prefix trie, so they run in botocore's order: wildcard
registrations before exact ones, longer names before shorter, and within one name
`register_first`, `register`, `register_last`. `emit` returns [(handler, response)];
`emit_until_response` stops at the first non-None response.
"""

from collections import deque


class _NodeList:
    def __init__(self):
        self.first = []
        self.middle = []
        self.last = []

    def all(self):
        return self.first + self.middle + self.last


class _PrefixTrie:
    def __init__(self):
        self._root = {'chunk': None, 'children': {}, 'values': None}

    def append_item(self, key, value, section):
        current = self._root
        for part in key.split('.'):
            if part not in current['children']:
                current['children'][part] = {'chunk': part, 'values': None, 'children': {}}
            current = current['children'][part]
        if current['values'] is None:
            current['values'] = _NodeList()
        getattr(current['values'], section).append(value)

    def prefix_search(self, key):
        collected = deque()
        key_parts = key.split('.')
        stack = [(self._root, 0)]
        while stack:
            node, index = stack.pop()
            if node['values']:
                collected.extendleft(reversed(node['values'].all()))
            if index != len(key_parts):
                children = node['children']
                directs = children.get(key_parts[index])
                wildcard = children.get('*')
                if wildcard is not None:
                    stack.append((wildcard, index + 1))
                if directs is not None:
                    stack.append((directs, index + 1))
        return collected

    def remove_item(self, key, value):
        current = self._root
        for part in key.split('.'):
            current = current['children'].get(part)
            if current is None:
                return
        if current['values']:
            for section in (current['values'].first, current['values'].middle, current['values'].last):
                if value in section:
                    section.remove(value)


class HierarchicalEmitter:
    def __init__(self):
        self._handlers = _PrefixTrie()
        self._unique_id_handlers = {}

    def _emit(self, event_name, kwargs, stop_on_response=False):
        responses = []
        kwargs = dict(kwargs)
        kwargs['event_name'] = event_name
        for handler in list(self._handlers.prefix_search(event_name)):
            response = handler(**kwargs)
            responses.append((handler, response))
            if stop_on_response and response is not None:
                return responses
        return responses

    def emit(self, event_name, **kwargs):
        return self._emit(event_name, kwargs)

    def emit_until_response(self, event_name, **kwargs):
        responses = self._emit(event_name, kwargs, stop_on_response=True)
        if responses:
            return responses[-1]
        return None, None

    def _register(self, event_name, handler, unique_id, section):
        if unique_id is not None:
            if unique_id in self._unique_id_handlers:
                return
            self._unique_id_handlers[unique_id] = handler
        self._handlers.append_item(event_name, handler, section)

    def register(self, event_name, handler, unique_id=None, unique_id_uses_count=False):
        self._register(event_name, handler, unique_id, 'middle')

    def register_first(self, event_name, handler, unique_id=None, unique_id_uses_count=False):
        self._register(event_name, handler, unique_id, 'first')

    def register_last(self, event_name, handler, unique_id=None, unique_id_uses_count=False):
        self._register(event_name, handler, unique_id, 'last')

    def unregister(self, event_name, handler=None, unique_id=None, unique_id_uses_count=False):
        if unique_id is not None:
            handler = self._unique_id_handlers.pop(unique_id, handler)
        if handler is not None:
            self._handlers.remove_item(event_name, handler)
