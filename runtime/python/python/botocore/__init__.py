"""The lab runtime's botocore: the part of the real botocore a Lambda handler can see.

Clients are built from the real service models (a generated extract in `_models`), validate
parameters exactly as botocore does, and send the calls to the lab's mock cloud through the
native `_labbook.aws_call` instead of HTTP. Modules:

- `client`: client classes (`S3`, `SQS`, `DynamoDB`, `SNS`) and the call pipeline;
- `model`: ServiceModel/OperationModel/Shape over the generated model data;
- `validate`: ParamValidator (ParamValidationError reports, word for word);
- `handlers`: the service customisations botocore applies before validation;
- `exceptions`, `errorfactory`: ClientError and the modelled exception classes;
- `response`: StreamingBody; `paginate`, `waiter`: paginators and waiters;
- `config`: Config (accepted, mostly ignored); `utils`: tzutc/tzlocal and timestamps.
"""

import re

__version__ = '1.44.8'


import logging as _logging
from logging import NullHandler  # botocore re-exports it

_logging.getLogger('botocore').addHandler(NullHandler())


class _UNSIGNED:
    """Config(signature_version=UNSIGNED): accepted; the mock cloud does not sign."""

    def __copy__(self):
        return self

    def __deepcopy__(self, memodict):
        return self

    def __repr__(self):
        return 'UNSIGNED'


UNSIGNED = _UNSIGNED()

_first_cap_regex = re.compile('(.)([A-Z][a-z]+)')
_end_cap_regex = re.compile('([a-z0-9])([A-Z])')
# Pluralised acronyms: GatewayARNs, ListWebACLs.
_special_case_transform = re.compile('[A-Z]{2,}s$')
_xform_cache = {
    ('ExecutePartiQLStatement', '_'): 'execute_partiql_statement',
    ('ExecutePartiQLStatement', '-'): 'execute-partiql-statement',
    ('ExecutePartiQLTransaction', '_'): 'execute_partiql_transaction',
    ('ExecutePartiQLTransaction', '-'): 'execute-partiql-transaction',
    ('ExecutePartiQLBatch', '_'): 'execute_partiql_batch',
    ('ExecutePartiQLBatch', '-'): 'execute-partiql-batch',
}


def xform_name(name, sep='_', _xform_cache=_xform_cache):
    """Convert camel case to a "pythonic" name (botocore's rules: ListObjectsV2 ->
    list_objects_v2). A name containing `sep` is returned unchanged."""
    if sep in name:
        return name
    key = (name, sep)
    if key not in _xform_cache:
        if _special_case_transform.search(name) is not None:
            matched = _special_case_transform.search(name).group()
            name = f"{name[: -len(matched)]}{sep}{matched.lower()}"
        s1 = _first_cap_regex.sub(r'\1' + sep + r'\2', name)
        transformed = _end_cap_regex.sub(r'\1' + sep + r'\2', s1).lower()
        _xform_cache[key] = transformed
    return _xform_cache[key]
