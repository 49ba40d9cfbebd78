"""A compact JMESPath (https://jmespath.org) for paginators, waiters and PageIterator.search.

botocore uses the `jmespath` package, which the sandbox does not have. This implements the
language's grammar (the same Pratt parser design as jmespath.py): identifiers, sub-expressions,
indexes and slices, list/object/flatten/filter projections, pipes, `||` `&&` `!`, comparisons,
literals, multi-select lists and hashes, `@`, and the common built-in functions. An unknown
function raises NotImplementedError naming it.
"""

import json
import math

__all__ = ['compile', 'search', 'JMESPathError', 'ParsedResult']


class JMESPathError(ValueError):
    pass


class ParseError(JMESPathError):
    pass


_SIMPLE = {
    '.': 'dot', '*': 'star', ']': 'rbracket', ',': 'comma', ':': 'colon', '@': 'current',
    '(': 'lparen', ')': 'rparen', '{': 'lbrace', '}': 'rbrace',
}
_IDENT_START = set('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_')
_IDENT = _IDENT_START | set('0123456789')


def _tokenize(expression):
    tokens = []
    i, n = 0, len(expression)
    while i < n:
        c = expression[i]
        if c in ' \t\n\r':
            i += 1
        elif c in _SIMPLE:
            tokens.append((_SIMPLE[c], c, i))
            i += 1
        elif c in _IDENT_START:
            j = i
            while j < n and expression[j] in _IDENT:
                j += 1
            tokens.append(('unquoted_identifier', expression[i:j], i))
            i = j
        elif c == '[':
            nxt = expression[i + 1: i + 2]
            if nxt == ']':
                tokens.append(('flatten', '[]', i))
                i += 2
            elif nxt == '?':
                tokens.append(('filter', '[?', i))
                i += 2
            else:
                tokens.append(('lbracket', '[', i))
                i += 1
        elif c.isdigit() or (c == '-' and expression[i + 1: i + 2].isdigit()):
            j = i + 1
            while j < n and expression[j].isdigit():
                j += 1
            tokens.append(('number', int(expression[i:j]), i))
            i = j
        elif c in '"\'`':
            j = i + 1
            while j < n and expression[j] != c:
                j += 2 if expression[j] == '\\' else 1
            if j >= n:
                raise ParseError(f'Unclosed {c} delimiter in expression {expression!r}')
            body = expression[i + 1: j]
            if c == '"':
                tokens.append(('quoted_identifier', json.loads('"' + body + '"'), i))
            elif c == "'":
                tokens.append(('literal', body.replace("\\'", "'"), i))
            else:
                body = body.replace('\\`', '`')
                try:
                    value = json.loads(body)
                except ValueError:
                    value = json.loads('"' + body.strip() + '"')
                tokens.append(('literal', value, i))
            i = j + 1
        elif c == '|':
            if expression[i + 1: i + 2] == '|':
                tokens.append(('or', '||', i))
                i += 2
            else:
                tokens.append(('pipe', '|', i))
                i += 1
        elif c == '&':
            if expression[i + 1: i + 2] == '&':
                tokens.append(('and', '&&', i))
                i += 2
            else:
                tokens.append(('expref', '&', i))
                i += 1
        elif c in '<>=!':
            two = expression[i: i + 2]
            if two in ('<=', '>=', '==', '!='):
                tokens.append(({'<=': 'lte', '>=': 'gte', '==': 'eq', '!=': 'ne'}[two], two, i))
                i += 2
            elif c in '<>':
                tokens.append(('lt' if c == '<' else 'gt', c, i))
                i += 1
            elif c == '!':
                tokens.append(('not', '!', i))
                i += 1
            else:
                raise ParseError(f'Unknown token = in expression {expression!r}')
        else:
            raise ParseError(f'Unknown token {c!r} in expression {expression!r}')
    tokens.append(('eof', '', n))
    return tokens


_BP = {
    'eof': 0, 'unquoted_identifier': 0, 'quoted_identifier': 0, 'literal': 0, 'rbracket': 0,
    'rparen': 0, 'comma': 0, 'rbrace': 0, 'number': 0, 'current': 0, 'expref': 0, 'colon': 0,
    'pipe': 1, 'or': 2, 'and': 3, 'eq': 5, 'gt': 5, 'lt': 5, 'gte': 5, 'lte': 5, 'ne': 5,
    'flatten': 9, 'star': 20, 'filter': 21, 'dot': 40, 'not': 45, 'lbrace': 50,
    'lbracket': 55, 'lparen': 60,
}
_PROJECTION_STOP = 10


class _Parser:
    def __init__(self, expression):
        self.expression = expression
        self.tokens = _tokenize(expression)
        self.pos = 0

    def parse(self):
        node = self._expression(0)
        if self._type() != 'eof':
            self._error()
        return node

    def _type(self, k=0):
        return self.tokens[self.pos + k][0]

    def _tok(self, k=0):
        return self.tokens[self.pos + k]

    def _advance(self):
        self.pos += 1

    def _match(self, type_):
        if self._type() != type_:
            self._error()
        self._advance()

    def _error(self):
        t = self._tok()
        raise ParseError(f'Invalid jmespath expression {self.expression!r}: unexpected token {t[1]!r} at {t[2]}')

    def _expression(self, bp):
        tok = self._tok()
        self._advance()
        left = getattr(self, '_nud_' + tok[0], None)
        if left is None:
            self.pos -= 1
            self._error()
        left = left(tok)
        while bp < _BP[self._type()]:
            tok = self._tok()
            led = getattr(self, '_led_' + tok[0], None)
            if led is None:
                self._error()
            self._advance()
            left = led(left)
        return left

    # --- nud ---
    def _nud_literal(self, tok):
        return ('literal', tok[1])

    def _nud_unquoted_identifier(self, tok):
        return ('field', tok[1])

    def _nud_quoted_identifier(self, tok):
        if self._type() == 'lparen':
            self._error()
        return ('field', tok[1])

    def _nud_star(self, tok):
        right = ('identity',) if self._type() == 'rbracket' else self._projection_rhs(_BP['star'])
        return ('value_projection', ('identity',), right)

    def _nud_filter(self, tok):
        return self._led_filter(('identity',))

    def _nud_lbrace(self, tok):
        return self._multi_select_hash()

    def _nud_lparen(self, tok):
        expr = self._expression(0)
        self._match('rparen')
        return expr

    def _nud_flatten(self, tok):
        left = ('flatten', ('identity',))
        return ('projection', left, self._projection_rhs(_BP['flatten']))

    def _nud_not(self, tok):
        return ('not', self._expression(_BP['not']))

    def _nud_lbracket(self, tok):
        if self._type() in ('number', 'colon'):
            right = self._index_expression()
            return self._project_if_slice(('identity',), right)
        if self._type() == 'star' and self._type(1) == 'rbracket':
            self._advance()
            self._advance()
            return ('projection', ('identity',), self._projection_rhs(_BP['star']))
        return self._multi_select_list()

    def _nud_current(self, tok):
        return ('identity',)

    def _nud_expref(self, tok):
        return ('expref', self._expression(_BP['expref']))

    # --- led ---
    def _led_dot(self, left):
        if self._type() != 'star':
            right = self._dot_rhs(_BP['dot'])
            if left[0] == 'subexpression':
                return ('subexpression', left[1] + [right])
            return ('subexpression', [left, right])
        self._advance()
        return ('value_projection', left, self._projection_rhs(_BP['dot']))

    def _led_pipe(self, left):
        return ('pipe', left, self._expression(_BP['pipe']))

    def _led_or(self, left):
        return ('or', left, self._expression(_BP['or']))

    def _led_and(self, left):
        return ('and', left, self._expression(_BP['and']))

    def _led_lparen(self, left):
        if left[0] != 'field':
            self._error()
        args = []
        while self._type() != 'rparen':
            args.append(self._expression(0))
            if self._type() == 'comma':
                self._match('comma')
        self._match('rparen')
        return ('function', left[1], args)

    def _led_filter(self, left):
        condition = self._expression(0)
        self._match('rbracket')
        right = ('identity',) if self._type() == 'flatten' else self._projection_rhs(_BP['filter'])
        return ('filter_projection', left, right, condition)

    def _comparator(self, left, op):
        return ('comparator', op, left, self._expression(_BP[op]))

    def _led_eq(self, left):
        return self._comparator(left, 'eq')

    def _led_ne(self, left):
        return self._comparator(left, 'ne')

    def _led_gt(self, left):
        return self._comparator(left, 'gt')

    def _led_gte(self, left):
        return self._comparator(left, 'gte')

    def _led_lt(self, left):
        return self._comparator(left, 'lt')

    def _led_lte(self, left):
        return self._comparator(left, 'lte')

    def _led_flatten(self, left):
        return ('projection', ('flatten', left), self._projection_rhs(_BP['flatten']))

    def _led_lbracket(self, left):
        if self._type() in ('number', 'colon'):
            right = self._index_expression()
            if left[0] == 'index_expression':
                return ('index_expression', left[1] + [right])
            return self._project_if_slice(left, right)
        self._match('star')
        self._match('rbracket')
        return ('projection', left, self._projection_rhs(_BP['star']))

    # --- helpers ---
    def _project_if_slice(self, left, right):
        index_expr = ('index_expression', [left, right])
        if right[0] == 'slice':
            return ('projection', index_expr, self._projection_rhs(_BP['star']))
        return index_expr

    def _index_expression(self):
        if self._type() == 'colon' or self._type(1) == 'colon':
            return self._slice_expression()
        node = ('index', self._tok()[1])
        self._advance()
        self._match('rbracket')
        return node

    def _slice_expression(self):
        parts = [None, None, None]
        index = 0
        while self._type() != 'rbracket' and index < 3:
            if self._type() == 'colon':
                index += 1
                self._advance()
            elif self._type() == 'number':
                parts[index] = self._tok()[1]
                self._advance()
            else:
                self._error()
        self._match('rbracket')
        return ('slice', parts[0], parts[1], parts[2])

    def _projection_rhs(self, bp):
        t = self._type()
        if _BP[t] < _PROJECTION_STOP:
            return ('identity',)
        if t in ('lbracket', 'filter'):
            return self._expression(bp)
        if t == 'dot':
            self._match('dot')
            return self._dot_rhs(bp)
        self._error()

    def _dot_rhs(self, bp):
        t = self._type()
        if t in ('quoted_identifier', 'unquoted_identifier', 'star'):
            return self._expression(bp)
        if t == 'lbracket':
            self._match('lbracket')
            return self._multi_select_list()
        if t == 'lbrace':
            self._match('lbrace')
            return self._multi_select_hash()
        self._error()

    def _multi_select_list(self):
        items = []
        while True:
            items.append(self._expression(0))
            if self._type() == 'rbracket':
                break
            self._match('comma')
        self._match('rbracket')
        return ('multi_list', items)

    def _multi_select_hash(self):
        pairs = []
        while True:
            key = self._tok()
            if key[0] not in ('quoted_identifier', 'unquoted_identifier'):
                self._error()
            self._advance()
            self._match('colon')
            pairs.append((key[1], self._expression(0)))
            if self._type() == 'comma':
                self._match('comma')
            elif self._type() == 'rbrace':
                self._match('rbrace')
                break
            else:
                self._error()
        return ('multi_hash', pairs)


# --- evaluation ---------------------------------------------------------------------------------

def _is_false(v):
    return v is None or v is False or (isinstance(v, (list, dict, str)) and not v)


def _is_number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool) or type(v).__name__ == 'Decimal'


def _equals(a, b):
    if isinstance(a, bool) != isinstance(b, bool):
        return False
    return a == b


def _visit(node, value):
    kind = node[0]
    if kind == 'field':
        return value.get(node[1]) if isinstance(value, dict) else None
    if kind == 'subexpression':
        for child in node[1]:
            value = _visit(child, value)
            if value is None:
                return None
        return value
    if kind == 'identity':
        return value
    if kind == 'literal':
        return node[1]
    if kind == 'index':
        if not isinstance(value, list):
            return None
        try:
            return value[node[1]]
        except IndexError:
            return None
    if kind == 'index_expression':
        for child in node[1]:
            value = _visit(child, value)
        return value
    if kind == 'slice':
        if not isinstance(value, list):
            return None
        if node[3] == 0:
            raise JMESPathError('Invalid slice: step cannot be 0')
        return value[slice(node[1], node[2], node[3])]
    if kind == 'projection':
        base = _visit(node[1], value)
        if not isinstance(base, list):
            return None
        out = []
        for element in base:
            r = _visit(node[2], element)
            if r is not None:
                out.append(r)
        return out
    if kind == 'value_projection':
        base = _visit(node[1], value)
        if not isinstance(base, dict):
            return None
        out = []
        for element in base.values():
            r = _visit(node[2], element)
            if r is not None:
                out.append(r)
        return out
    if kind == 'filter_projection':
        base = _visit(node[1], value)
        if not isinstance(base, list):
            return None
        out = []
        for element in base:
            if not _is_false(_visit(node[3], element)):
                r = _visit(node[2], element)
                if r is not None:
                    out.append(r)
        return out
    if kind == 'flatten':
        base = _visit(node[1], value)
        if not isinstance(base, list):
            return None
        out = []
        for element in base:
            if isinstance(element, list):
                out.extend(element)
            else:
                out.append(element)
        return out
    if kind == 'comparator':
        left = _visit(node[2], value)
        right = _visit(node[3], value)
        op = node[1]
        if op == 'eq':
            return _equals(left, right)
        if op == 'ne':
            return not _equals(left, right)
        if not (_is_number(left) and _is_number(right)):
            return None
        return {'lt': left < right, 'lte': left <= right, 'gt': left > right, 'gte': left >= right}[op]
    if kind == 'or':
        left = _visit(node[1], value)
        return _visit(node[2], value) if _is_false(left) else left
    if kind == 'and':
        left = _visit(node[1], value)
        return left if _is_false(left) else _visit(node[2], value)
    if kind == 'not':
        return _is_false(_visit(node[1], value))
    if kind == 'pipe':
        return _visit(node[2], _visit(node[1], value))
    if kind == 'multi_list':
        if value is None:
            return None
        return [_visit(c, value) for c in node[1]]
    if kind == 'multi_hash':
        if value is None:
            return None
        return {k: _visit(c, value) for k, c in node[1]}
    if kind == 'expref':
        return _ExpRef(node[1])
    if kind == 'function':
        fn = _FUNCTIONS.get(node[1])
        if fn is None:
            raise NotImplementedError(f"labbook's jmespath does not implement the function {node[1]}()")
        return fn(*[_visit(a, value) for a in node[2]])
    raise JMESPathError(f'unknown node {kind}')


class _ExpRef:
    def __init__(self, node):
        self.node = node

    def __call__(self, value):
        return _visit(self.node, value)


def _type(v):
    if isinstance(v, bool):
        return 'boolean'
    if _is_number(v):
        return 'number'
    if isinstance(v, str):
        return 'string'
    if isinstance(v, list):
        return 'array'
    if isinstance(v, dict):
        return 'object'
    if v is None:
        return 'null'
    return 'string'


def _to_string(v):
    return v if isinstance(v, str) else json.dumps(v, separators=(',', ':'), default=str)


def _to_number(v):
    if _is_number(v):
        return v
    if isinstance(v, str):
        try:
            return int(v)
        except ValueError:
            try:
                return float(v)
            except ValueError:
                return None
    return None


_FUNCTIONS = {
    'length': lambda v: len(v),
    'contains': lambda subject, search: search in subject,
    'starts_with': lambda s, p: s.startswith(p),
    'ends_with': lambda s, p: s.endswith(p),
    'keys': lambda d: list(d.keys()),
    'values': lambda d: list(d.values()),
    'sort': lambda v: sorted(v),
    'reverse': lambda v: v[::-1],
    'max': lambda v: max(v) if v else None,
    'min': lambda v: min(v) if v else None,
    'sum': lambda v: sum(v),
    'avg': lambda v: sum(v) / len(v) if v else None,
    'abs': abs,
    'ceil': math.ceil,
    'floor': math.floor,
    'type': _type,
    'to_string': _to_string,
    'to_number': _to_number,
    'to_array': lambda v: v if isinstance(v, list) else [v],
    'join': lambda sep, v: sep.join(v),
    'not_null': lambda *args: next((a for a in args if a is not None), None),
    'merge': lambda *ds: {k: v for d in ds for k, v in d.items()},
    'map': lambda f, v: [f(x) for x in v],
    'sort_by': lambda v, f: sorted(v, key=f),
    'max_by': lambda v, f: max(v, key=f) if v else None,
    'min_by': lambda v, f: min(v, key=f) if v else None,
}


class ParsedResult:
    """A compiled expression: `.search(data)`, `.expression` (the source text)."""

    def __init__(self, expression, parsed):
        self.expression = expression
        self.parsed = parsed

    def search(self, value, options=None):
        return _visit(self.parsed, value)

    def __eq__(self, other):
        return isinstance(other, ParsedResult) and other.expression == self.expression

    def __hash__(self):
        return hash(self.expression)

    def __repr__(self):
        return f'ParsedResult({self.expression!r})'


_cache = {}


def compile(expression):
    result = _cache.get(expression)
    if result is None:
        result = _cache[expression] = ParsedResult(expression, _Parser(expression).parse())
    return result


def search(expression, data, options=None):
    return compile(expression).search(data)
