"""Waiters, as botocore's: `client.get_waiter('table_exists').wait(TableName='T')`.

Configurations come from botocore's waiters-2.json (in `_models`). Each attempt calls the
operation (a ClientError becomes its error response), the first matching acceptor decides
success, failure or retry; between attempts the waiter sleeps `Delay` seconds, as the real
one does (on the function's clock: a waiter that never succeeds runs into the timeout).
"""

import time

from botocore import _jmespath as jmespath
from botocore.exceptions import ClientError, WaiterError


def is_valid_waiter_error(response):
    error = response.get('Error')
    return isinstance(error, dict) and 'Code' in error


class AcceptorConfig:
    def __init__(self, config):
        self.state = config['state']
        self.matcher = config['matcher']
        self.expected = config['expected']
        self.argument = config.get('argument')
        self.matcher_func = self._create_matcher_func()

    @property
    def explanation(self):
        if self.matcher == 'path':
            return f'For expression "{self.argument}" we matched expected path: "{self.expected}"'
        elif self.matcher == 'pathAll':
            return f'For expression "{self.argument}" all members matched expected path: "{self.expected}"'
        elif self.matcher == 'pathAny':
            return f'For expression "{self.argument}" we matched expected path: "{self.expected}" at least once'
        elif self.matcher == 'status':
            return f'Matched expected HTTP status code: {self.expected}'
        elif self.matcher == 'error':
            return f'Matched expected service error code: {self.expected}'
        return f'No explanation for unknown waiter type: "{self.matcher}"'

    def _create_matcher_func(self):
        expected = self.expected
        if self.matcher == 'path':
            expression = jmespath.compile(self.argument)

            def matches(response):
                if is_valid_waiter_error(response):
                    return
                return expression.search(response) == expected
        elif self.matcher in ('pathAll', 'pathAny'):
            expression = jmespath.compile(self.argument)
            combine = all if self.matcher == 'pathAll' else any

            def matches(response):
                if is_valid_waiter_error(response):
                    return
                result = expression.search(response)
                if not isinstance(result, list) or not result:
                    return False
                return combine(element == expected for element in result)
        elif self.matcher == 'status':
            def matches(response):
                return response.get('ResponseMetadata', {}).get('HTTPStatusCode') == expected
        elif self.matcher == 'error':
            def matches(response):
                if expected is True:
                    return 'Error' in response and 'Code' in response['Error']
                if expected is False:
                    return 'Error' not in response
                return response.get('Error', {}).get('Code', '') == expected
        else:
            raise NotImplementedError(f'Unknown acceptor: {self.matcher}')
        return matches


class SingleWaiterConfig:
    def __init__(self, config):
        self.description = config.get('description', '')
        self.operation = config['operation']
        self.delay = config['delay']
        self.max_attempts = config['maxAttempts']
        self.acceptors = [AcceptorConfig(a) for a in config['acceptors']]


class Waiter:
    def __init__(self, name, config, operation_method):
        self.name = name
        self.config = config
        self._operation_method = operation_method

    def wait(self, **kwargs):
        acceptors = list(self.config.acceptors)
        current_state = 'waiting'
        config = kwargs.pop('WaiterConfig', {})
        sleep_amount = config.get('Delay', self.config.delay)
        max_attempts = config.get('MaxAttempts', self.config.max_attempts)
        last_matched_acceptor = None
        num_attempts = 0
        while True:
            try:
                response = self._operation_method(**kwargs)
            except ClientError as e:
                response = e.response
            num_attempts += 1
            for acceptor in acceptors:
                if acceptor.matcher_func(response):
                    last_matched_acceptor = acceptor
                    current_state = acceptor.state
                    break
            else:
                if is_valid_waiter_error(response):
                    raise WaiterError(
                        name=self.name,
                        reason='An error occurred ({}): {}'.format(
                            response['Error'].get('Code', 'Unknown'), response['Error'].get('Message', 'Unknown')
                        ),
                        last_response=response,
                    )
            if current_state == 'success':
                return
            if current_state == 'failure':
                reason = f'Waiter encountered a terminal failure state: {acceptor.explanation}'
                raise WaiterError(name=self.name, reason=reason, last_response=response)
            if num_attempts >= max_attempts:
                if last_matched_acceptor is None:
                    reason = 'Max attempts exceeded'
                else:
                    reason = f'Max attempts exceeded. Previously accepted state: {last_matched_acceptor.explanation}'
                raise WaiterError(name=self.name, reason=reason, last_response=response)
            time.sleep(sleep_amount)
