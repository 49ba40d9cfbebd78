"""Request parameters of resource actions, filled from identifiers, data or constants."""

import re

from botocore import _jmespath as jmespath
from botocore import xform_name

from boto3.exceptions import ResourceLoadException

INDEX_RE = re.compile(r'\[(.*)\]$')


def get_data_member(parent, path):
    if parent.meta.data is None:
        if hasattr(parent, 'load'):
            parent.load()
        else:
            raise ResourceLoadException(f'{parent.__class__.__name__} has no load method!')
    return jmespath.search(path, parent.meta.data)


def create_request_parameters(parent, request_model, params=None, index=None):
    if params is None:
        params = {}
    for param in request_model.get('params', []):
        source = param['source']
        target = param['target']
        if source == 'identifier':
            value = getattr(parent, xform_name(param['name']))
        elif source == 'data':
            value = get_data_member(parent, param['path'])
        elif source in ('string', 'integer', 'boolean'):
            value = param['value']
        elif source == 'input':
            continue
        else:
            raise NotImplementedError(f'Unsupported source type: {source}')
        build_param_structure(params, target, value, index)
    return params


def build_param_structure(params, target, value, index=None):
    """A reverse JMESPath: 'Entries[*].Id' / 'AttributeNames[]' / 'a.b' -> nested params."""
    pos = params
    parts = target.split('.')
    for i, part in enumerate(parts):
        result = INDEX_RE.search(part)
        if result:
            if result.group(1):
                if result.group(1) == '*':
                    part = part[:-3]
                else:
                    index = int(result.group(1))
                    part = part[: -len(f"{index}[]")]
            else:
                index = None
                part = part[:-2]
            if part not in pos or not isinstance(pos[part], list):
                pos[part] = []
            if index is None:
                index = len(pos[part])
            while len(pos[part]) <= index:
                pos[part].append({})
            if i == len(parts) - 1:
                pos[part][index] = value
            else:
                pos = pos[part][index]
        else:
            if part not in pos:
                pos[part] = {}
            if i == len(parts) - 1:
                pos[part] = value
            else:
                pos = pos[part]
