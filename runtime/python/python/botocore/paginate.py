"""Paginators, as botocore's: `client.get_paginator('list_objects_v2').paginate(**kw)`.

The pagination configs come from botocore's paginators-1.json (in `_models`). A PageIterator
yields each page (a full response dict) and follows the output token into the next request;
`PaginationConfig` takes MaxItems, PageSize and StartingToken; `build_full_result()` merges
the result keys of all pages (and gives `NextToken` when MaxItems cut the listing short);
`search(expression)` applies a JMESPath expression to every page.
"""

import base64
import json
from itertools import tee

from botocore import _jmespath as jmespath
from botocore.exceptions import PaginationError


def set_value_from_jmespath(source, expression, value, is_first=True):
    bits = expression.split('.', 1)
    current_key, remainder = bits[0], bits[1] if len(bits) > 1 else ''
    if remainder:
        if current_key not in source:
            source[current_key] = {}
        return set_value_from_jmespath(source[current_key], remainder, value, is_first=False)
    source[current_key] = value


def merge_dicts(dict1, dict2, append_lists=False):
    for key in dict2:
        if isinstance(dict2[key], dict):
            if key in dict1 and key in dict2:
                merge_dicts(dict1[key], dict2[key])
            else:
                dict1[key] = dict2[key]
        elif isinstance(dict2[key], list) and append_lists:
            if key in dict1 and isinstance(dict1[key], list):
                dict1[key].extend(dict2[key])
            else:
                dict1[key] = dict2[key]
        else:
            dict1[key] = dict2[key]


class TokenEncoder:
    """Pagination tokens: JSON, base64-encoded (bytes inside are base64'd and listed)."""

    def encode(self, token):
        try:
            json_string = json.dumps(token)
        except (TypeError, UnicodeDecodeError):
            encoded_token, encoded_keys = self._encode(token, [])
            encoded_token['boto_encoded_keys'] = encoded_keys
            json_string = json.dumps(encoded_token)
        return base64.b64encode(json_string.encode('utf-8')).decode('utf-8')

    def _encode(self, data, path):
        if isinstance(data, dict):
            new_data, encoded = {}, []
            for key, value in data.items():
                new_value, new_encoded = self._encode(value, path + [key])
                new_data[key] = new_value
                encoded.extend(new_encoded)
            return new_data, encoded
        if isinstance(data, list):
            new_data, encoded = [], []
            for i, value in enumerate(data):
                new_value, new_encoded = self._encode(value, path + [i])
                new_data.append(new_value)
                encoded.extend(new_encoded)
            return new_data, encoded
        if isinstance(data, bytes):
            return base64.b64encode(data).decode('utf-8'), [path]
        return data, []


class TokenDecoder:
    def decode(self, token):
        json_string = base64.b64decode(token.encode('utf-8')).decode('utf-8')
        decoded_token = json.loads(json_string)
        encoded_keys = decoded_token.pop('boto_encoded_keys', None)
        if encoded_keys is None:
            return decoded_token
        for key in encoded_keys:
            container = decoded_token
            for step in key[:-1]:
                container = container[step]
            container[key[-1]] = base64.b64decode(container[key[-1]].encode('utf-8'))
        return decoded_token


class PageIterator:
    """An iterable of response pages (not an iterator: use iter() to get one)."""

    def __init__(self, method, input_token, output_token, more_results, result_keys,
                 non_aggregate_keys, limit_key, max_items, starting_token, page_size, op_kwargs):
        self._method = method
        self._input_token = input_token
        self._output_token = output_token
        self._more_results = more_results
        self._result_keys = result_keys
        self._max_items = max_items
        self._limit_key = limit_key
        self._starting_token = starting_token
        self._page_size = page_size
        self._op_kwargs = op_kwargs
        self._resume_token = None
        self._non_aggregate_key_exprs = non_aggregate_keys
        self._non_aggregate_part = {}
        self._token_encoder = TokenEncoder()
        self._token_decoder = TokenDecoder()

    @property
    def result_keys(self):
        return self._result_keys

    @property
    def resume_token(self):
        """Token to specify to resume pagination."""
        return self._resume_token

    @resume_token.setter
    def resume_token(self, value):
        if not isinstance(value, dict):
            raise ValueError(f"Bad starting token: {value}")
        if 'boto_truncate_amount' in value:
            token_keys = sorted(self._input_token + ['boto_truncate_amount'])
        else:
            token_keys = sorted(self._input_token)
        if token_keys == sorted(value.keys()):
            self._resume_token = self._token_encoder.encode(value)
        else:
            raise ValueError(f"Bad starting token: {value}")

    @property
    def non_aggregate_part(self):
        return self._non_aggregate_part

    def __iter__(self):
        current_kwargs = self._op_kwargs
        previous_next_token = None
        next_token = {key: None for key in self._input_token}
        if self._starting_token is not None:
            next_token = self._parse_starting_token()[0]
        total_items = 0
        first_request = True
        primary_result_key = self.result_keys[0]
        starting_truncation = 0
        self._inject_starting_params(current_kwargs)
        while True:
            response = self._method(**current_kwargs)
            parsed = response
            if first_request:
                if self._starting_token is not None:
                    starting_truncation = self._handle_first_request(parsed, primary_result_key, starting_truncation)
                first_request = False
                self._record_non_aggregate_key_values(parsed)
            else:
                starting_truncation = 0
            current_response = primary_result_key.search(parsed)
            if current_response is None:
                current_response = []
            num_current_response = len(current_response)
            truncate_amount = 0
            if self._max_items is not None:
                truncate_amount = total_items + num_current_response - self._max_items
            if truncate_amount > 0:
                self._truncate_response(parsed, primary_result_key, truncate_amount, starting_truncation, next_token)
                yield response
                break
            yield response
            total_items += num_current_response
            next_token = self._get_next_token(parsed)
            if all(t is None for t in next_token.values()):
                break
            if self._max_items is not None and total_items == self._max_items:
                self.resume_token = next_token
                break
            if previous_next_token is not None and previous_next_token == next_token:
                raise PaginationError(message=f"The same next token was received twice: {next_token}")
            self._inject_token_into_kwargs(current_kwargs, next_token)
            previous_next_token = next_token

    def search(self, expression):
        """Yields the result of a JMESPath expression on each page (list results flattened)."""
        compiled = jmespath.compile(expression)
        for page in self:
            results = compiled.search(page)
            if isinstance(results, list):
                yield from results
            else:
                yield results

    def _record_non_aggregate_key_values(self, response):
        non_aggregate_keys = {}
        for expression in self._non_aggregate_key_exprs:
            set_value_from_jmespath(non_aggregate_keys, expression.expression, expression.search(response))
        self._non_aggregate_part = non_aggregate_keys

    def _inject_starting_params(self, op_kwargs):
        if self._starting_token is not None:
            self._inject_token_into_kwargs(op_kwargs, self._parse_starting_token()[0])
        if self._page_size is not None:
            op_kwargs[self._limit_key] = self._page_size

    def _inject_token_into_kwargs(self, op_kwargs, next_token):
        for name, token in next_token.items():
            if (token is not None) and (token != 'None'):
                op_kwargs[name] = token
            elif name in op_kwargs:
                del op_kwargs[name]

    def _handle_first_request(self, parsed, primary_result_key, starting_truncation):
        starting_truncation = self._parse_starting_token()[1]
        all_data = primary_result_key.search(parsed)
        data = all_data[starting_truncation:] if isinstance(all_data, (list, str)) else None
        set_value_from_jmespath(parsed, primary_result_key.expression, data)
        for token in self.result_keys:
            if token == primary_result_key:
                continue
            sample = token.search(parsed)
            if isinstance(sample, list):
                empty_value = []
            elif isinstance(sample, str):
                empty_value = ''
            elif isinstance(sample, (int, float)):
                empty_value = sample
            else:
                empty_value = None
            set_value_from_jmespath(parsed, token.expression, empty_value)
        return starting_truncation

    def _truncate_response(self, parsed, primary_result_key, truncate_amount, starting_truncation, next_token):
        original = primary_result_key.search(parsed)
        if original is None:
            original = []
        amount_to_keep = len(original) - truncate_amount
        set_value_from_jmespath(parsed, primary_result_key.expression, original[:amount_to_keep])
        next_token['boto_truncate_amount'] = amount_to_keep + starting_truncation
        self.resume_token = next_token

    def _get_next_token(self, parsed):
        if self._more_results is not None:
            if not self._more_results.search(parsed):
                return {}
        next_tokens = {}
        for output_token, input_key in zip(self._output_token, self._input_token):
            next_token = output_token.search(parsed)
            next_tokens[input_key] = next_token if next_token else None
        return next_tokens

    def result_key_iters(self):
        teed_results = tee(self, len(self.result_keys))
        return [ResultKeyIterator(i, result_key) for i, result_key in zip(teed_results, self.result_keys)]

    def build_full_result(self):
        complete_result = {}
        for response in self:
            page = response
            if isinstance(response, tuple) and len(response) == 2:
                page = response[1]
            for result_expression in self.result_keys:
                result_value = result_expression.search(page)
                if result_value is None:
                    continue
                existing_value = result_expression.search(complete_result)
                if existing_value is None:
                    set_value_from_jmespath(complete_result, result_expression.expression, result_value)
                    continue
                if isinstance(result_value, list):
                    existing_value.extend(result_value)
                elif isinstance(result_value, (int, float, str)):
                    set_value_from_jmespath(complete_result, result_expression.expression, existing_value + result_value)
        merge_dicts(complete_result, self.non_aggregate_part)
        if self.resume_token is not None:
            complete_result['NextToken'] = self.resume_token
        return complete_result

    def _parse_starting_token(self):
        if self._starting_token is None:
            return None
        next_token = self._starting_token
        try:
            next_token = self._token_decoder.decode(next_token)
            index = 0
            if 'boto_truncate_amount' in next_token:
                index = next_token.get('boto_truncate_amount')
                del next_token['boto_truncate_amount']
        except (ValueError, TypeError):
            next_token, index = self._parse_starting_token_deprecated()
        return next_token, index

    def _parse_starting_token_deprecated(self):
        parts = self._starting_token.split('___')
        next_token = []
        index = 0
        if len(parts) == len(self._input_token) + 1:
            try:
                index = int(parts.pop())
            except ValueError:
                parts = [self._starting_token]
        for part in parts:
            next_token.append(None if part == 'None' else part)
        if len(next_token) > len(self._input_token):
            raise ValueError(f"Bad starting token: {self._starting_token}")
        while len(next_token) < len(self._input_token):
            next_token.append(None)
        return dict(zip(self._input_token, next_token)), index


class Paginator:
    PAGE_ITERATOR_CLS = PageIterator

    def __init__(self, method, pagination_config, model):
        self._model = model
        self._method = method
        self._pagination_cfg = pagination_config
        output_token = pagination_config['output_token']
        if not isinstance(output_token, list):
            output_token = [output_token]
        self._output_token = [jmespath.compile(t) for t in output_token]
        input_token = pagination_config['input_token']
        self._input_token = input_token if isinstance(input_token, list) else [input_token]
        more = pagination_config.get('more_results')
        self._more_results = jmespath.compile(more) if more is not None else None
        self._non_aggregate_keys = [jmespath.compile(k) for k in pagination_config.get('non_aggregate_keys', [])]
        result_key = pagination_config.get('result_key')
        if result_key is not None and not isinstance(result_key, list):
            result_key = [result_key]
        self._result_keys = [jmespath.compile(rk) for rk in result_key] if result_key is not None else None
        self._limit_key = pagination_config.get('limit_key')

    @property
    def result_keys(self):
        return self._result_keys

    def paginate(self, **kwargs):
        """An iterable of pages for these operation parameters (plus PaginationConfig)."""
        page_params = self._extract_paging_params(kwargs)
        return self.PAGE_ITERATOR_CLS(
            self._method, self._input_token, self._output_token, self._more_results,
            self._result_keys, self._non_aggregate_keys, self._limit_key,
            page_params['MaxItems'], page_params['StartingToken'], page_params['PageSize'], kwargs,
        )

    def _extract_paging_params(self, kwargs):
        pagination_config = kwargs.pop('PaginationConfig', {})
        max_items = pagination_config.get('MaxItems', None)
        if max_items is not None:
            max_items = int(max_items)
        page_size = pagination_config.get('PageSize', None)
        if page_size is not None:
            if self._limit_key is None:
                raise PaginationError(
                    message="PageSize parameter is not supported for the pagination interface for this operation."
                )
            limit_key_shape = self._model.input_shape.members.get(self._limit_key)
            if limit_key_shape.type_name == 'string':
                if not isinstance(page_size, str):
                    page_size = str(page_size)
            else:
                page_size = int(page_size)
        return {'MaxItems': max_items, 'StartingToken': pagination_config.get('StartingToken', None), 'PageSize': page_size}


class ResultKeyIterator:
    """Iterates over the results of one result key across pages."""

    def __init__(self, pages_iterator, result_key):
        self._pages_iterator = pages_iterator
        self.result_key = result_key

    def __iter__(self):
        for page in self._pages_iterator:
            results = self.result_key.search(page)
            if results is None:
                results = []
            yield from results
