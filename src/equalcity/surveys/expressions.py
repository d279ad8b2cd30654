"""A small, safe evaluator for the XLSForm expression subset Equalcity supports.

Expressions are parsed once, at import, into a tree of JSON lists. The server evaluates
that tree here; the browser evaluates the very same tree in ``static/surveys/form.js``,
so both sides agree and neither ever runs ``eval``. Anything outside the subset is
refused at import with the construct named.

Supported: ``${field}`` and ``../field`` references, ``.`` (the current answer),
numbers, quoted strings, ``= != < <= > >=``, ``and or``, ``+ - * div mod``, unary
minus, and the functions listed in ``FUNCTIONS``. In a choice filter a bare name
(``cf``) is a column of the choice being filtered.
"""

import math
import re
from collections.abc import Callable
from datetime import date

from django.utils.translation import gettext as _

FUNCTIONS = {
    "selected": 2,
    "count-selected": 1,
    "string-length": 1,
    "today": 0,
    "not": 1,
    "true": 0,
    "false": 0,
    "if": 3,
    "coalesce": 2,
    "number": 1,
    "int": 1,
}

_TOKEN = re.compile(
    r"""\s*(?:
      (?P<ref>\$\{(?P<refname>[A-Za-z_][\w.-]*)\})
    | (?P<parent>\.\./(?P<parentname>[A-Za-z_][\w.-]*))
    | (?P<num>\d+(?:\.\d+)?|\.\d+)
    | (?P<str>'[^']*'|"[^"]*")
    | (?P<op>!=|<=|>=|=|<|>|\+|-|\*|\(|\)|,)
    | (?P<dot>\.)
    | (?P<name>[A-Za-z_][\w:-]*)
    )""",
    re.VERBOSE,
)

_BINARY = {
    "or": 1,
    "and": 2,
    "=": 3,
    "!=": 3,
    "<": 4,
    "<=": 4,
    ">": 4,
    ">=": 4,
    "+": 5,
    "-": 5,
    "*": 6,
    "div": 6,
    "mod": 6,
}


class ExpressionError(ValueError):
    """An expression outside the supported subset; the message names what is wrong."""


def _tokenize(text: str) -> list[tuple[str, str]]:
    tokens, position = [], 0
    text = text.strip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            raise ExpressionError(
                _("unexpected text “%(text)s”") % {"text": text[position : position + 12]}
            )
        position = match.end()
        if match.group("refname"):
            tokens.append(("ref", match.group("refname")))
        elif match.group("parentname"):
            tokens.append(("ref", match.group("parentname")))
        elif match.group("str") is not None:
            tokens.append(("str", match.group("str")[1:-1]))
        else:
            kind = next(k for k in ("num", "op", "dot", "name") if match.group(k) is not None)
            tokens.append((kind, match.group(kind)))
    return tokens


class _Parser:
    def __init__(self, tokens, *, choice_columns: bool):
        self.tokens = tokens
        self.index = 0
        self.choice_columns = choice_columns

    def peek(self):
        return self.tokens[self.index] if self.index < len(self.tokens) else (None, None)

    def take(self):
        token = self.peek()
        self.index += 1
        return token

    def expect(self, value):
        kind, text = self.take()
        if text != value:
            raise ExpressionError(_("expected “%(value)s”") % {"value": value})

    def expression(self, min_power: int = 1):
        left = self.unary()
        while True:
            kind, text = self.peek()
            power = _BINARY.get(text) if kind in {"op", "name"} else None
            if power is None or power < min_power:
                return left
            self.take()
            right = self.expression(power + 1)
            left = ["bin", text, left, right]

    def unary(self):
        kind, text = self.peek()
        if kind == "op" and text == "-":
            self.take()
            return ["neg", self.unary()]
        return self.primary()

    def primary(self):
        kind, text = self.take()
        if kind == "num":
            return ["num", float(text)]
        if kind == "str":
            return ["str", text]
        if kind == "ref":
            return ["ref", text]
        if kind == "dot":
            return ["cur"]
        if kind == "op" and text == "(":
            inner = self.expression()
            self.expect(")")
            return inner
        if kind == "name":
            if self.peek() == ("op", "("):
                self.take()
                if text not in FUNCTIONS:
                    raise ExpressionError(
                        _("the function %(name)s() is not supported") % {"name": text}
                    )
                args = []
                if self.peek() != ("op", ")"):
                    args.append(self.expression())
                    while self.peek() == ("op", ","):
                        self.take()
                        args.append(self.expression())
                self.expect(")")
                if len(args) != FUNCTIONS[text]:
                    raise ExpressionError(
                        _("%(name)s() takes %(count)s arguments")
                        % {"name": text, "count": FUNCTIONS[text]}
                    )
                return ["call", text, args]
            if self.choice_columns:
                return ["col", text]
            raise ExpressionError(_("“%(name)s” is not supported here") % {"name": text})
        if kind is None:
            raise ExpressionError(_("the expression ends too early"))
        raise ExpressionError(_("unexpected “%(text)s”") % {"text": text})


def parse(text: str, *, choice_columns: bool = False) -> list:
    """The tree of ``text``; raises ExpressionError naming the unsupported part."""
    parser = _Parser(_tokenize(text), choice_columns=choice_columns)
    if not parser.tokens:
        raise ExpressionError(_("the expression is empty"))
    tree = parser.expression()
    if parser.index != len(parser.tokens):
        raise ExpressionError(_("unexpected “%(text)s”") % {"text": parser.peek()[1]})
    return tree


def references(tree) -> set[str]:
    """The field names a tree reads."""
    if not isinstance(tree, list):
        return set()
    if tree and tree[0] == "ref":
        return {tree[1]}
    found: set[str] = set()
    for part in tree[1:]:
        if isinstance(part, list):
            if part and isinstance(part[0], str):
                found |= references(part)
            else:
                for arg in part:
                    found |= references(arg)
    return found


# --- evaluation: kept in step with static/surveys/form.js -------------------------------

_NUMBER = re.compile(r"^\s*-?(\d+(\.\d*)?|\.\d+)\s*$")


def to_number(value) -> float:
    if isinstance(value, bool):
        return 1.0 if value else 0.0
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, list):
        value = " ".join(value)
    if isinstance(value, str) and _NUMBER.match(value):
        return float(value)
    return math.nan


def to_string(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        return str(int(value)) if value == int(value) else repr(value)
    if isinstance(value, list):
        return " ".join(value)
    return "" if value is None else str(value)


def to_bool(value) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        return not math.isnan(value) and value != 0
    if isinstance(value, list):
        return bool(value)
    return bool(value)


def _compare(op: str, left, right) -> bool:
    if isinstance(left, bool) or isinstance(right, bool):
        a, b = to_bool(left), to_bool(right)
        return {"=": a == b, "!=": a != b}.get(op, False) if op in {"=", "!="} else False
    if op in {"=", "!="}:
        if isinstance(left, float) or isinstance(right, float):
            a, b = to_number(left), to_number(right)
        else:
            a, b = to_string(left), to_string(right)
        return (a == b) if op == "=" else (a != b)
    a, b = to_number(left), to_number(right)
    if math.isnan(a) or math.isnan(b):
        sa, sb = to_string(left), to_string(right)
        if not sa or not sb or not (math.isnan(a) and math.isnan(b)):
            return False
        a, b = sa, sb  # ISO dates compare as strings
    return {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b}[op]


def _arith(op: str, left, right) -> float:
    a, b = to_number(left), to_number(right)
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if b == 0 or math.isnan(a) or math.isnan(b):
        return math.nan if op == "mod" or a == 0 or math.isnan(a) else math.copysign(math.inf, a)
    return a / b if op == "div" else math.fmod(a, b)


def evaluate(
    tree,
    lookup: Callable[[str], object],
    *,
    current=None,
    column: Callable[[str], object] | None = None,
    today: date | None = None,
):
    """The value of ``tree``; ``lookup(name)`` gives an answer (str or list for multiple)."""

    def ev(node):
        kind = node[0]
        if kind == "num":
            return float(node[1])
        if kind == "str":
            return node[1]
        if kind == "ref":
            return lookup(node[1])
        if kind == "cur":
            return current
        if kind == "col":
            return column(node[1]) if column is not None else ""
        if kind == "neg":
            return -to_number(ev(node[1]))
        if kind == "bin":
            op = node[1]
            if op == "or":
                return to_bool(ev(node[2])) or to_bool(ev(node[3]))
            if op == "and":
                return to_bool(ev(node[2])) and to_bool(ev(node[3]))
            if op in {"=", "!=", "<", "<=", ">", ">="}:
                return _compare(op, ev(node[2]), ev(node[3]))
            return _arith(op, ev(node[2]), ev(node[3]))
        if kind == "call":
            name, args = node[1], node[2]
            if name == "true":
                return True
            if name == "false":
                return False
            if name == "today":
                return (today or date.today()).isoformat()
            if name == "if":
                return ev(args[1]) if to_bool(ev(args[0])) else ev(args[2])
            values = [ev(arg) for arg in args]
            if name == "not":
                return not to_bool(values[0])
            if name == "selected":
                chosen = values[0] if isinstance(values[0], list) else to_string(values[0]).split()
                return to_string(values[1]) in chosen
            if name == "count-selected":
                chosen = values[0] if isinstance(values[0], list) else to_string(values[0]).split()
                return float(len(chosen))
            if name == "string-length":
                return float(len(to_string(values[0])))
            if name == "coalesce":
                return values[0] if to_string(values[0]) else values[1]
            if name == "number":
                return to_number(values[0])
            if name == "int":
                number = to_number(values[0])
                return number if math.isnan(number) else float(math.trunc(number))
        raise ExpressionError(_("unknown expression node"))

    return ev(tree)
