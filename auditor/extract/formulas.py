"""Arithmetic written out in the text: "(63.46-32)÷32=98.31%", "1234÷1500×100%=82.27%".

A report that shows its working can be checked exactly: the expression is evaluated on the
intervals of its figures as written and compared with the result it states. Only expressions of
figures and operators are read; words between them ("执行数÷预算数") make it a definition, not a
computation, and it is left alone.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..arith import Interval
from ..lazy_re import cached_re
from ..model import Span
from ..record import Record
from .starts import Starts

_REACH = 80  # characters before "=" an expression may take
_NUMBER = r"\d+(?:\.\d+)?(?:万元|亿元|元)?"
# the expression just before "=": figures, operators and parentheses only, ending at "="
_EXPR = cached_re(
    r"[(（]*" + _NUMBER + r"[)）]*(?:\s*[-+×÷*/]\s*[(（]*" + _NUMBER + r"[)）]*%?)+\s*[=＝]$"
)
_RESULT = cached_re(r"\s*(-?\d+(?:\.\d+)?)\s*([%％])?")
_TOKEN = cached_re(r"\s*(?:(\d+(?:\.\d+)?)(?:万元|亿元|元)?|([-+×÷*/()（）%=＝]))")
_HUNDRED = Interval.exact(Decimal(100))


class Formula(Record):
    """A computation written out: where it stands, its expression, what it says it gives."""

    span: Span  # from the expression's first character to the end of the result
    expression: str
    value: Interval  # the expression evaluated on its figures' rounding intervals (100% is 1)
    result: Interval  # the stated result, as an interval of its decimals
    result_raw: str
    decimals: int  # the result's digits after the point
    percent: bool  # the result is written as a percentage

    def __init__(
        self,
        span: Span,
        expression: str,
        value: Interval,
        result: Interval,
        result_raw: str,
        decimals: int,
        percent: bool,
    ) -> None:
        self.span = span
        self.expression = expression
        self.value = value
        self.result = result
        self.result_raw = result_raw
        self.decimals = decimals
        self.percent = percent


EQUALS = "=＝"  # the signs a written computation's result follows


def find_formulas(text: str) -> list[Formula]:
    """Every written computation of figures whose result follows its "="."""
    out: list[Formula] = []
    # the places of = and ＝ by str.find (re.finditer(r"[=＝]", text)'s, without the engine's
    # test of every character)
    for at in Starts(text, EQUALS).places:
        e = at + 1
        m = _EXPR.search(text, max(0, at - _REACH), e)
        r = _RESULT.match(text, e)
        if m is None or r is None:
            continue
        before = text[max(0, m.start() - 2) : m.start()]
        if before[-1:].isdigit() or before[-1:] == "." or re.fullmatch(r"\d[,，]", before):
            continue  # the expression starts inside a number the pattern did not take (1,234.5)
        expr = text[m.start() : at].strip()
        percent = r.group(2) is not None
        value = _evaluate(expr)
        if value is None:
            continue
        raw = r.group(1)
        decimals = _decimals(raw)
        result = Interval.stated(Decimal(raw), decimals)
        span = Span(m.start(), r.end())
        out.append(Formula(span, expr, value, result, raw + (r.group(2) or ""), decimals, percent))
    return out


def _decimals(raw: str) -> int:
    return len(raw.partition(".")[2])


def _evaluate(expr: str) -> Interval | None:
    """The expression on intervals (each figure ± half its last place), or None when it is not
    one: an unbalanced parenthesis, a division by an interval around zero."""
    tokens: list[tuple[str, Interval | None]] = []
    pos = 0
    while pos < len(expr):
        t = _TOKEN.match(expr, pos)
        if t is None:
            return None
        pos = t.end()
        if t.group(1) is not None:
            raw = t.group(1)
            if raw == "100" and tokens and tokens[-1][0] in ("×", "*"):
                tokens.append(("n", _HUNDRED))  # "×100%", "×100": the factor is exact
                continue
            tokens.append(("n", Interval.stated(Decimal(raw), _decimals(raw))))
        else:
            tokens.append((t.group(2).replace("（", "(").replace("）", ")"), None))
    parser = _Parser(tokens)
    value = parser.expression()
    return value if parser.done() else None


class _Parser:
    """Recursive descent: sums of products of factors; "×100%" is a factor of one."""

    def __init__(self, tokens: list[tuple[str, Interval | None]]) -> None:
        self.tokens = tokens
        self.i = 0

    def done(self) -> bool:
        return self.i == len(self.tokens)

    def _peek(self) -> str | None:
        return self.tokens[self.i][0] if self.i < len(self.tokens) else None

    def expression(self) -> Interval | None:
        left = self.term()
        while left is not None and self._peek() in ("+", "-"):
            op = self.tokens[self.i][0]
            self.i += 1
            right = self.term()
            if right is None:
                return None
            left = left + right if op == "+" else left - right
        return left

    def term(self) -> Interval | None:
        left = self.factor()
        while left is not None and self._peek() in ("×", "*", "÷", "/"):
            op = self.tokens[self.i][0]
            self.i += 1
            right = self.factor()
            if right is None:
                return None
            left = left * right if op in ("×", "*") else left.div(right)
        return left

    def factor(self) -> Interval | None:
        kind = self._peek()
        if kind == "(":
            self.i += 1
            inner = self.expression()
            if inner is None or self._peek() != ")":
                return None
            self.i += 1
            value = inner
        elif kind == "n":
            value = self.tokens[self.i][1]
            self.i += 1
        else:
            return None
        if self._peek() == "%":  # "×100%": a hundred percent is one
            self.i += 1
            value = value.div(_HUNDRED)
        return value
