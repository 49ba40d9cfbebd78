"""The lab runtime's botocore: the part of the real botocore a Lambda handler can see.

Clients are built from the real service models (a generated extract in `_models`), validate
parameters exactly as botocore does, and send the calls to the lab's mock cloud through the
native `_labbook.aws_call` instead of HTTP. Modules:

- `client`: client classes (`S3`, `SQS`, `DynamoDB`, `SNS`) and the call pipeline;
  `serialize` and `parsers`: parameters to the mock's wire JSON and answers back to
  botocore's response dicts;
- `model`: ServiceModel/OperationModel/Shape over the generated model data (`_models`,
  written by runtime/python/tools/gen_models.py from the real botocore);
- `validate`: ParamValidator (ParamValidationError reports, word for word);
- `handlers`: the service customisations botocore applies around a call; `hooks`: the event
  system they (and `client.meta.events` users) register with;
- `exceptions`, `errorfactory`: ClientError and the modelled exception classes;
- `response`: StreamingBody; `paginate`, `waiter`: paginators and waiters (`_jmespath`: the
  JMESPath they need); `signers`: presigned URLs; `stub`: Stubber;
- `config`: Config (accepted, mostly ignored); `session`; `utils`: tzutc/tzlocal, timestamps.
"""

import logging as _logging
import re
from logging import NullHandler  # botocore re-exports it

__version__ = '1.44.8'

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
