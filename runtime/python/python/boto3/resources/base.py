"""ServiceResource and ResourceMeta, the base of every resource class (as boto3's)."""

import boto3


class ResourceMeta:
    """`resource.meta`: service name, identifier names, client, loaded data, model."""

    def __init__(self, service_name, identifiers=None, client=None, data=None, resource_model=None):
        self.service_name = service_name
        if identifiers is None:
            identifiers = []
        self.identifiers = identifiers
        self.client = client
        self.data = data
        self.resource_model = resource_model

    def __repr__(self):
        return f'ResourceMeta(\'{self.service_name}\', identifiers={self.identifiers})'

    def __eq__(self, other):
        if other.__class__.__name__ != self.__class__.__name__:
            return False
        return self.__dict__ == other.__dict__

    def copy(self):
        params = self.__dict__.copy()
        service_name = params.pop('service_name')
        params['identifiers'] = list(params['identifiers'])
        return ResourceMeta(service_name, **params)


class ServiceResource:
    """A base class for resources: identifiers from positional or keyword arguments, a client
    (the parent's, or a new one), attributes loaded on first use."""

    meta = None

    def __init__(self, *args, **kwargs):
        self.meta = self.meta.copy()
        if kwargs.get('client') is not None:
            self.meta.client = kwargs.get('client')
        else:
            self.meta.client = boto3.client(self.meta.service_name)
        for i, value in enumerate(args):
            setattr(self, '_' + self.meta.identifiers[i], value)
        for name, value in kwargs.items():
            if name == 'client':
                continue
            if name not in self.meta.identifiers:
                raise ValueError(f'Unknown keyword argument: {name}')
            setattr(self, '_' + name, value)
        for identifier in self.meta.identifiers:
            if getattr(self, identifier) is None:
                raise ValueError(f'Required parameter {identifier} not set')

    def __repr__(self):
        identifiers = []
        for identifier in self.meta.identifiers:
            identifiers.append(f'{identifier}={repr(getattr(self, identifier))}')
        return "{}({})".format(self.__class__.__name__, ', '.join(identifiers))

    def __eq__(self, other):
        if other.__class__.__name__ != self.__class__.__name__:
            return False
        for identifier in self.meta.identifiers:
            if getattr(self, identifier) != getattr(other, identifier):
                return False
        return True

    def __hash__(self):
        identifiers = []
        for identifier in self.meta.identifiers:
            identifiers.append(getattr(self, identifier))
        return hash((self.__class__.__name__, tuple(identifiers)))
