"""botocore.session: `get_session()` and `Session.create_client`, what boto3.Session wraps."""

import os

from botocore import client as _client
from botocore.exceptions import UnknownServiceError


class Credentials:
    """Access key, secret key and token (read from the environment, as on Lambda)."""

    def __init__(self, access_key, secret_key, token=None, method='env'):
        self.access_key = access_key
        self.secret_key = secret_key
        self.token = token
        self.method = method

    def get_frozen_credentials(self):
        return self

    def __repr__(self):
        return f'<Credentials method={self.method}>'


class Session:
    def __init__(self, session_vars=None, event_hooks=None, include_builtin_handlers=True, profile=None):
        self._profile = profile
        self._region_name = None
        self._credentials = None
        self.user_agent_name = 'Botocore'
        self.user_agent_version = __import__('botocore').__version__

    @property
    def available_profiles(self):
        return []

    @property
    def profile(self):
        return self._profile

    def set_config_variable(self, logical_name, value):
        if logical_name == 'region':
            self._region_name = value
        elif logical_name == 'profile':
            self._profile = value

    def get_config_variable(self, logical_name, methods=None):
        if logical_name == 'region':
            return self._region_name or os.environ.get('AWS_DEFAULT_REGION') or os.environ.get('AWS_REGION')
        if logical_name == 'profile':
            return self._profile
        return None

    def set_credentials(self, access_key, secret_key, token=None):
        self._credentials = Credentials(access_key, secret_key, token, method='explicit')

    def get_credentials(self):
        if self._credentials is not None:
            return self._credentials
        key = os.environ.get('AWS_ACCESS_KEY_ID')
        if not key:
            return None
        return Credentials(key, os.environ.get('AWS_SECRET_ACCESS_KEY'), os.environ.get('AWS_SESSION_TOKEN'))

    def get_available_services(self):
        from botocore._models import ALL_SERVICE_NAMES

        return list(ALL_SERVICE_NAMES)

    def get_available_regions(self, service_name, partition_name='aws', allow_non_regional=False):
        return ['us-east-1']

    def get_available_partitions(self):
        return ['aws']

    def get_service_model(self, service_name, api_version=None):
        if service_name not in _client.MOCK_SERVICES:
            from botocore._models import ALL_SERVICE_NAMES

            raise UnknownServiceError(service_name=service_name, known_service_names=', '.join(ALL_SERVICE_NAMES))
        from botocore.model import load_service_model

        return load_service_model(service_name)

    def register(self, event_name, handler, unique_id=None, unique_id_uses_count=False):
        _client.CLASS_EVENTS.register(event_name, handler, unique_id)

    def create_client(self, service_name, region_name=None, api_version=None, use_ssl=True, verify=None,
                      endpoint_url=None, aws_access_key_id=None, aws_secret_access_key=None,
                      aws_session_token=None, config=None, aws_account_id=None):
        if aws_access_key_id is None and self._credentials is not None:
            aws_access_key_id = self._credentials.access_key
            aws_secret_access_key = self._credentials.secret_key
            aws_session_token = self._credentials.token
        return _client.create_client(
            service_name, region_name=region_name, endpoint_url=endpoint_url,
            aws_access_key_id=aws_access_key_id, aws_secret_access_key=aws_secret_access_key,
            aws_session_token=aws_session_token, config=config, default_region=self._region_name,
        )


def get_session(env_vars=None):
    return Session(env_vars)
