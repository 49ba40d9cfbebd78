"""botocore.config.Config: accepted with botocore's options and checks, then mostly unused.

The mock cloud has no network, so timeouts, retries, pools and proxies change nothing;
`region_name` is honoured, and `parameter_validation=False` turns validation off as in
botocore. What a handler reads back from `client.meta.config` is what botocore resolves
(`resolve_client_config`): retries normalised, signature version, checksum and compression
defaults, the region.
"""

import copy
import os
import sys

from botocore.exceptions import (
    InvalidMaxRetryAttemptsError,
    InvalidRetryConfigurationError,
    InvalidRetryModeError,
    InvalidS3AddressingStyleError,
)

DEFAULT_TIMEOUT = 60
MAX_POOL_CONNECTIONS = 10


class Config:
    """Advanced configuration for Botocore clients."""

    OPTION_DEFAULTS = {
        'region_name': None,
        'signature_version': None,
        'user_agent': None,
        'user_agent_extra': None,
        'user_agent_appid': None,
        'connect_timeout': DEFAULT_TIMEOUT,
        'read_timeout': DEFAULT_TIMEOUT,
        'parameter_validation': True,
        'max_pool_connections': MAX_POOL_CONNECTIONS,
        'proxies': None,
        'proxies_config': None,
        's3': None,
        's3_disable_express_session_auth': None,
        'retries': None,
        'client_cert': None,
        'inject_host_prefix': None,
        'endpoint_discovery_enabled': None,
        'use_dualstack_endpoint': None,
        'use_fips_endpoint': None,
        'ignore_configured_endpoint_urls': None,
        'defaults_mode': None,
        'tcp_keepalive': None,
        'request_min_compression_size_bytes': None,
        'disable_request_compression': None,
        'client_context_params': None,
        'sigv4a_signing_region_set': None,
        'request_checksum_calculation': None,
        'response_checksum_validation': None,
        'account_id_endpoint_mode': None,
        'auth_scheme_preference': None,
    }

    NON_LEGACY_OPTION_DEFAULTS = {'connect_timeout': None}

    def __init__(self, *args, **kwargs):
        self._user_provided_options = self._record_user_provided_options(args, kwargs)
        config_vars = copy.copy(self.OPTION_DEFAULTS)
        if self._user_provided_options.get('defaults_mode', 'legacy') != 'legacy':
            config_vars.update(self.NON_LEGACY_OPTION_DEFAULTS)
        config_vars.update(self._user_provided_options)
        for key, value in config_vars.items():
            if key == 'inject_host_prefix' and key not in self._user_provided_options:
                continue
            setattr(self, key, value)
        self._validate_s3_configuration(self.s3)
        self._validate_retry_configuration(self.retries)

    inject_host_prefix = True

    def _record_user_provided_options(self, args, kwargs):
        option_order = list(self.OPTION_DEFAULTS)
        user_provided_options = {}
        for key, value in kwargs.items():
            if key in self.OPTION_DEFAULTS:
                user_provided_options[key] = value
            else:
                raise TypeError(f"Got unexpected keyword argument '{key}'")
        if len(args) > len(option_order):
            raise TypeError(f"Takes at most {len(option_order)} arguments ({len(args)} given)")
        for i, arg in enumerate(args):
            if option_order[i] in user_provided_options:
                raise TypeError(f"Got multiple values for keyword argument '{option_order[i]}'")
            user_provided_options[option_order[i]] = arg
        return user_provided_options

    def _validate_s3_configuration(self, s3):
        if s3 is not None:
            addressing_style = s3.get('addressing_style')
            if addressing_style not in ['virtual', 'auto', 'path', None]:
                raise InvalidS3AddressingStyleError(s3_addressing_style=addressing_style)

    def _validate_retry_configuration(self, retries):
        valid_options = ('max_attempts', 'mode', 'total_max_attempts')
        valid_modes = ('legacy', 'standard', 'adaptive')
        if retries is not None:
            for key, value in retries.items():
                if key not in valid_options:
                    raise InvalidRetryConfigurationError(retry_config_option=key, valid_options=valid_options)
                if key == 'max_attempts' and value < 0:
                    raise InvalidMaxRetryAttemptsError(provided_max_attempts=value, min_value=0)
                if key == 'total_max_attempts' and value < 1:
                    raise InvalidMaxRetryAttemptsError(provided_max_attempts=value, min_value=1)
                if key == 'mode' and value not in valid_modes:
                    raise InvalidRetryModeError(provided_retry_mode=value, valid_modes=valid_modes)

    def merge(self, other_config):
        """A new Config: these options, overridden by `other_config`'s user-provided ones."""
        config_options = copy.copy(self._user_provided_options)
        config_options.update(other_config._user_provided_options)
        return Config(**config_options)


def _normalise_retries(retries):
    """botocore's ClientArgsCreator: `max_attempts` (retries after the first try) becomes
    `total_max_attempts` (tries in all), unless that is given; `mode` defaults to 'standard'
    (or AWS_RETRY_MODE), and AWS_MAX_ATTEMPTS counts when the dict says nothing."""
    if 'total_max_attempts' in retries:
        retries.pop('max_attempts', None)
    elif 'max_attempts' in retries:
        retries['total_max_attempts'] = retries.pop('max_attempts') + 1
    elif os.environ.get('AWS_MAX_ATTEMPTS'):
        retries['total_max_attempts'] = int(os.environ['AWS_MAX_ATTEMPTS'])
    if 'mode' not in retries:
        retries['mode'] = os.environ.get('AWS_RETRY_MODE') or 'standard'


def _user_agent():
    import botocore
    import boto3

    python = '%d.%d' % sys.version_info[:2]
    env = os.environ.get('AWS_EXECUTION_ENV')
    parts = [f'Boto3/{boto3.__version__}', f'md/Botocore#{botocore.__version__}', 'ua/2.1', 'os/linux',
             'md/arch#x86_64', f'lang/python#{python}', 'md/pyimpl#CPython']
    if env:
        parts.append(f'exec-env/{env}')
    parts.append(f'Botocore/{botocore.__version__}')
    return ' '.join(parts)


def resolve_client_config(config, service_name, region_name):
    """The Config botocore puts on `client.meta.config`: its resolved defaults, overridden by
    what the caller gave. Like botocore, it normalises the caller's own `retries` dict in place
    (a handler that kept a reference sees `total_max_attempts`); `Config.merge` does not."""
    retries = config.retries if config.retries is not None else {}
    _normalise_retries(retries)
    options = {
        'region_name': region_name,
        'signature_version': 's3v4' if service_name == 's3' else 'v4',
        'user_agent': _user_agent(),
        'request_checksum_calculation': 'when_supported',
        'response_checksum_validation': 'when_supported',
        'account_id_endpoint_mode': 'preferred',
        'disable_request_compression': False,
        'request_min_compression_size_bytes': 10240,
        's3_disable_express_session_auth': False,
    }
    options.update(config._user_provided_options)
    options['retries'] = retries
    options['region_name'] = region_name
    resolved = Config(**options)
    # Presigned S3 URLs stay SigV2 unless the caller asked for SigV4 (signers.py), as in botocore.
    resolved._requested_signature_version = config.signature_version
    return resolved
