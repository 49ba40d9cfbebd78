"""`client.meta.events`: botocore's hierarchical event system, reduced to what clients use.

Handlers registered for 'before-parameter-build.dynamodb' also receive
'before-parameter-build.dynamodb.PutItem' (dot-separated prefixes; '*' matches one part).
More specific registrations run first; within one name, `register_first`, `register`,
`register_last` order them. `emit` returns [(handler, response)]; `emit_until_response`
stops at the first non-None response.
"""


class HierarchicalEmitter:
    def __init__(self):
        # event name -> ([first], [middle], [last]) of (unique_id, handler)
        self._handlers = {}
        self._unique_ids = {}

    def _lookup(self, event_name):
        parts = event_name.split('.')
        found = []
        for name, lists in self._handlers.items():
            pattern = name.split('.')
            if len(pattern) > len(parts):
                continue
            if all(p == '*' or p == parts[i] for i, p in enumerate(pattern)):
                found.append((len(pattern), lists))
        found.sort(key=lambda x: -x[0])  # most specific first (stable for equal lengths)
        handlers = []
        for _, lists in found:
            for section in lists:
                handlers.extend(h for _, h in section)
        return handlers

    def _emit(self, event_name, kwargs, stop_on_response=False):
        responses = []
        kwargs = dict(kwargs)
        kwargs['event_name'] = event_name
        for handler in self._lookup(event_name):
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
            if unique_id in self._unique_ids:
                return
            self._unique_ids[unique_id] = event_name
        lists = self._handlers.setdefault(event_name, ([], [], []))
        lists[section].append((unique_id, handler))

    def register(self, event_name, handler, unique_id=None, unique_id_uses_count=False):
        self._register(event_name, handler, unique_id, 1)

    def register_first(self, event_name, handler, unique_id=None, unique_id_uses_count=False):
        self._register(event_name, handler, unique_id, 0)

    def register_last(self, event_name, handler, unique_id=None, unique_id_uses_count=False):
        self._register(event_name, handler, unique_id, 2)

    def unregister(self, event_name, handler=None, unique_id=None, unique_id_uses_count=False):
        if unique_id is not None:
            self._unique_ids.pop(unique_id, None)
        lists = self._handlers.get(event_name)
        if not lists:
            return
        for section in lists:
            for entry in list(section):
                if (unique_id is not None and entry[0] == unique_id) or (unique_id is None and entry[1] == handler):
                    section.remove(entry)

    def copy(self):
        new = HierarchicalEmitter()
        new._handlers = {k: tuple(list(s) for s in v) for k, v in self._handlers.items()}
        new._unique_ids = dict(self._unique_ids)
        return new
