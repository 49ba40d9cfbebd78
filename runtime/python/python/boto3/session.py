"""boto3.Session: clients and resources over a botocore session.

`region_name` and explicit credentials are kept; profiles do not exist in the sandbox (as on
Lambda, where there is no config file). `endpoint_url`, `verify`, `use_ssl`... are accepted
and ignored: every call goes to the lab's mock cloud.
"""

import botocore.session
from botocore import client as _botocore_client
from botocore.exceptions import ProfileNotFound

from boto3.exceptions import ResourceNotExistsError
from boto3.resources.factory import RESOURCE_EVENTS, ResourceFactory


def _register_customisations():
    from boto3.dynamodb.table import register_table_methods
    from boto3.dynamodb.transform import register_high_level_interface
    from boto3.s3 import inject

    _botocore_client.CLASS_EVENTS.register(
        'creating-client-class.s3', inject.inject_s3_transfer_methods, unique_id='inject-s3-transfer'
    )
    RESOURCE_EVENTS.register('creating-resource-class.dynamodb', register_high_level_interface, unique_id='high-level-dynamodb')
    RESOURCE_EVENTS.register('creating-resource-class.dynamodb.Table', register_table_methods, unique_id='high-level-dynamodb-table')
    RESOURCE_EVENTS.register('creating-resource-class.s3.Bucket', inject.inject_bucket_methods, unique_id='s3-bucket')
    RESOURCE_EVENTS.register('creating-resource-class.s3.Object', inject.inject_object_methods, unique_id='s3-object')
    RESOURCE_EVENTS.register('creating-resource-class.s3.ObjectSummary', inject.inject_object_summary_methods, unique_id='s3-object-summary')


_register_customisations()


class Session:
    """A session stores configuration state and allows you to create service clients and
    resources."""

    def __init__(self, aws_access_key_id=None, aws_secret_access_key=None, aws_session_token=None,
                 region_name=None, botocore_session=None, profile_name=None, aws_account_id=None):
        self._session = botocore_session if botocore_session is not None else botocore.session.get_session()
        if profile_name is not None and profile_name != 'default':
            raise ProfileNotFound(profile=profile_name)
        self._profile_name = profile_name
        if aws_access_key_id or aws_secret_access_key or aws_session_token:
            self._session.set_credentials(aws_access_key_id, aws_secret_access_key, aws_session_token)
        if region_name is not None:
            self._session.set_config_variable('region', region_name)

    def __repr__(self):
        return f'{self.__class__.__name__}(region_name={repr(self._session.get_config_variable("region"))})'

    @property
    def profile_name(self):
        return self._profile_name or 'default'

    @property
    def region_name(self):
        return self._session.get_config_variable('region')

    @property
    def events(self):
        return _botocore_client.CLASS_EVENTS

    @property
    def available_profiles(self):
        return []

    def get_available_services(self):
        return self._session.get_available_services()

    def get_available_resources(self):
        from boto3._resources import AVAILABLE_RESOURCES

        return list(AVAILABLE_RESOURCES)

    def get_available_partitions(self):
        return ['aws']

    def get_available_regions(self, service_name, partition_name='aws', allow_non_regional=False):
        return self._session.get_available_regions(service_name, partition_name, allow_non_regional)

    def get_credentials(self):
        return self._session.get_credentials()

    def get_partition_for_region(self, region_name):
        return 'aws'

    def client(self, service_name, region_name=None, api_version=None, use_ssl=True, verify=None,
               endpoint_url=None, aws_access_key_id=None, aws_secret_access_key=None,
               aws_session_token=None, config=None, aws_account_id=None):
        """A low-level client for s3, sqs, dynamodb, sns, lambda, iam or sts (the services of the mock cloud)."""
        return self._session.create_client(
            service_name, region_name=region_name, api_version=api_version, use_ssl=use_ssl,
            verify=verify, endpoint_url=endpoint_url, aws_access_key_id=aws_access_key_id,
            aws_secret_access_key=aws_secret_access_key, aws_session_token=aws_session_token,
            config=config, aws_account_id=aws_account_id,
        )

    def resource(self, service_name, region_name=None, api_version=None, use_ssl=True, verify=None,
                 endpoint_url=None, aws_access_key_id=None, aws_secret_access_key=None,
                 aws_session_token=None, config=None):
        """A resource interface (dynamodb, s3, sqs, sns)."""
        from boto3._resources import AVAILABLE_RESOURCES, RESOURCES

        if service_name not in AVAILABLE_RESOURCES:
            raise ResourceNotExistsError(
                service_name, list(AVAILABLE_RESOURCES), service_name in self.get_available_services()
            )
        if service_name not in RESOURCES:
            raise NotImplementedError(
                f"labbook's mock cloud has no service '{service_name}' "
                f"(it has {', '.join(_botocore_client.MOCK_SERVICES)})"
            )
        client = self.client(
            service_name, region_name=region_name, api_version=api_version, use_ssl=use_ssl,
            verify=verify, endpoint_url=endpoint_url, aws_access_key_id=aws_access_key_id,
            aws_secret_access_key=aws_secret_access_key, aws_session_token=aws_session_token,
            config=config,
        )
        cls = ResourceFactory(service_name).load(service_name)
        return cls(client=client)
