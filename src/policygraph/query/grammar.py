"""A SPARQL query read by a complete grammar, as the engine reads it, for the checks an
endpoint makes before the engine runs it.

A tokenizer cannot tell what the engine will make of a query: in `FILTER((1<(1+…+1))>0)` the
text between `<` and `>` is an IRI to a tokenizer and thousands of additions to the engine,
which overflow its stack; a comment that a tokenizer ends at one character hides a SERVICE
call from it that the engine makes. So the checks read the query with the SPARQL 1.1 grammar
of the W3C Recommendation (`sparql.lark`), parsed by Lark's LALR parser, whose contextual
lexer reads each token as the one the grammar takes at that point; a query the grammar does
not take is refused, and the engine runs only text whose reading was checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedInput
from lark.lexer import PatternStr

__all__ = ["QueryShape", "QuerySyntaxError", "read_query", "warm"]

_FORMS = {"select_query": "SELECT", "construct_query": "CONSTRUCT",
          "describe_query": "DESCRIBE", "ask_query": "ASK"}
_OPENING = {"(": 1, "{": 1, "[": 1, ")": -1, "}": -1, "]": -1}
_OPERATORS = frozenset({"+", "-", "*", "/", "!", "&&", "||", "^", "|"})
_OPERATOR_TYPES = frozenset({"COMPARISON", "FILTER", "INTEGER_POSITIVE", "DECIMAL_POSITIVE",
                             "DOUBLE_POSITIVE", "INTEGER_NEGATIVE", "DECIMAL_NEGATIVE",
                             "DOUBLE_NEGATIVE"})
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


@dataclass(frozen=True)
class QueryShape:
    """What an endpoint checks before the engine runs a query."""

    operation: str  # SELECT, CONSTRUCT, DESCRIBE or ASK
    depth: int  # how deeply groups, brackets and parentheses nest
    services: tuple[str | None, ...]  # the endpoint of each SERVICE; None: a variable
    operators: int  # operators and filters: how long its expressions and filter chains run


class QuerySyntaxError(ValueError):
    """Text the SPARQL 1.1 grammar does not take, with where it stops taking it."""


@cache
def _parser() -> Lark:
    grammar = files(__package__).joinpath("sparql.lark").read_text("utf-8")
    return Lark(grammar, start="query", parser="lalr", lexer="contextual",
                keep_all_tokens=True)


def warm() -> None:
    """Build the parser and its lexers for every state a query commonly reaches, so that the
    first query after start-up does not pay for them."""
    from . import canned_queries
    from .text import declare_prefixes

    for query in canned_queries().values():
        read_query(declare_prefixes(query.sparql))


def read_query(sparql: str) -> QueryShape:
    """The query's form, nesting depth, operators and SERVICE endpoints, as its parse has them.

    Raises:
        QuerySyntaxError: naming the line and column where the grammar stops taking the text.
    """
    try:
        tree = _parser().parse(sparql)
    except UnexpectedInput as error:
        expected = sorted(_shown(name) for name in getattr(error, "expected", None) or ())
        hint = f"; expected one of {' '.join(expected[:12])}" if expected else ""
        raise QuerySyntaxError(f"SPARQL syntax error at line {error.line}, column "
                               f"{error.column}{hint}") from None
    prefixes: dict[str, str] = {}
    services: list[str | None] = []
    depth = deepest = operators = 0
    operation = ""
    pending: list[Tree[Token] | Token] = [tree]
    while pending:  # in the text's order, without recursion: a query may nest deep
        node = pending.pop()
        if isinstance(node, Token):
            depth += _OPENING.get(node.value, 0)
            deepest = max(deepest, depth + (node.type in {"NIL", "ANON"}))
            operators += node.value in _OPERATORS or node.type in _OPERATOR_TYPES
            continue
        name = str(node.data)
        if name in _FORMS and not operation:
            operation = _FORMS[name]
        elif name == "prefix_decl":
            declared, iri = node.children[1], node.children[2]
            assert isinstance(declared, Token) and isinstance(iri, Token)
            prefixes[declared.value] = _iri_text(iri.value)
        elif name == "service_graph_pattern":
            services.append(_endpoint(node, prefixes))
        pending.extend(reversed(node.children))
    return QueryShape(operation, deepest, tuple(services), operators)


def _shown(terminal: str) -> str:
    """A terminal as a reader knows it: `{` rather than LBRACE; named ones by their names."""
    pattern = _parser().get_terminal(terminal).pattern
    return f"'{pattern.value}'" if isinstance(pattern, PatternStr) else terminal


def _endpoint(service: Tree[Token], prefixes: dict[str, str]) -> str | None:
    """The IRI a SERVICE calls, or None when a variable names it."""
    target = next(child for child in service.children
                  if isinstance(child, Tree) and child.data == "var_or_iri")
    term = target.children[0]
    if not isinstance(term, Tree) or term.data != "iri":
        return None
    token = term.children[0]
    assert isinstance(token, Token)
    if token.type == "IRIREF":
        return _iri_text(token.value)
    prefix, _, local = token.value.partition(":")
    namespace = prefixes.get(prefix + ":")
    return None if namespace is None else namespace + re.sub(r"\\(.)", r"\1", local)


def _iri_text(iriref: str) -> str:
    """An IRIREF's IRI: without its angle brackets, its `\\u` escapes decoded as the engine
    decodes them."""
    return _CODEPOINT.sub(lambda match: chr(int(match[1] or match[2], 16)), iriref[1:-1])
