"""A canned query as a reader would write it, with its parameters' values in place.

A canned query is written for every engine and for every choice of its optional parameters:
each is a variable (`?__region_string`) that its SELECT clauses project so that engines see it
bound, and each test of an optional one is guarded (`!COALESCE(sameTerm(?v, ?v), false) ||
…`) so that it filters nothing when no value is given; comments explain what engines do with
it. None of that is the question. `readable()` writes the question itself: the values put in
the text as terms, the guards of given parameters dropped, the tests of the others dropped
with them, the parameter variables out of the projections and groupings, the comments out.
It asks the same as the canned query with those values (a test holds it to that).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pyoxigraph as ox

from ..vocab import PREFIXES, XSD_INTEGERS, prefixed
from . import CannedQuery
from .text import lexemes

__all__ = ["readable"]

_HEADER = re.compile(r"^#\+.*\n", re.MULTILINE)
# Boolean literals worked out of an expression, repeated until nothing changes.
_LITERALS = [(re.compile(r"\(\s*(true|false)\s*\)"), r"\1"),
             (re.compile(r"!\s*true\b"), "false"), (re.compile(r"!\s*false\b"), "true"),
             (re.compile(r"\s*&&\s*true\b"), ""), (re.compile(r"\btrue\s*&&\s*"), ""),
             (re.compile(r"\bfalse\s*\|\|\s*"), ""), (re.compile(r"\s*\|\|\s*false\b"), ""),
             (re.compile(r"^[ \t]*(?:FILTER|HAVING)\s*(?:\(\s*true\s*\)|true\b)[ \t]*\n?",
                         re.MULTILINE | re.IGNORECASE), ""),
             (re.compile(r"\b(?:FILTER|HAVING)\s*(?:\(\s*true\s*\)|true\b)\s*",
                         re.IGNORECASE), "")]
# A disjunction with a true side (worked out after its conjunctions' true sides are gone).
_TRUE_SIDE = re.compile(r"\btrue\s*\|\||\|\|\s*true\b")
_CLAUSE_END = re.compile(r"^(WHERE|FROM|HAVING|ORDER|LIMIT|OFFSET|VALUES|GROUP)$",
                         re.IGNORECASE)
_DECIMAL = PREFIXES["xsd"] + "decimal"


def readable(query: CannedQuery, values: Mapping[str, str]) -> str:
    """The query with `values` (parameter name → lexical form) in place of its parameters,
    as plain SPARQL a reader can follow; its summary opens it as a comment."""
    terms = {variable.value: _term(term) for variable, term in query.bind(dict(values)).items()}
    variables = {parameter.variable for parameter in query.parameters}
    text = _without_parameters_in_clauses(_HEADER.sub("", query.sparql), variables)
    for variable in variables:
        text = _given(text, variable, given=variable in terms)
    text = _simplified(text)
    text = "".join(terms.get(word[1:], word) if kind == "var" else word
                   for kind, word in lexemes(text))
    text = re.sub(r"\n\s*\n+", "\n", text).strip()
    return f"# {query.summary}\n{text}\n"


def _term(term: object) -> str:
    """A value as a reader writes it: a prefixed name, a number, a quoted string."""
    if isinstance(term, ox.NamedNode):
        return prefixed(term.value) or str(term)
    assert isinstance(term, ox.Literal)  # (a parameter's value is an IRI or a literal)
    if term.datatype.value in XSD_INTEGERS or term.datatype.value == _DECIMAL:
        return term.value
    return str(term)


def _without_parameters_in_clauses(text: str, variables: set[str]) -> str:
    """The text without comments, and without the parameter variables that SELECT and GROUP
    BY clauses list."""
    out: list[str] = []
    listing, previous = False, ""
    for kind, word in lexemes(text):
        if kind == "comment":
            continue
        if kind == "word":
            upper = word.upper()
            if upper == "SELECT" or (upper == "BY" and previous == "GROUP"):
                listing = True
            elif _CLAUSE_END.match(word):
                listing = False
            previous = upper
        elif word in "{}":
            listing = False
        if listing and kind == "var" and word[1:] in variables:
            while out and out[-1].isspace():
                out.pop()
            continue
        out.append(word)
    return "".join(out)


def _given(text: str, variable: str, given: bool) -> str:
    """Each test of whether `variable` was given, as the literal it is (`true` or `false`)."""
    test = re.compile(rf"COALESCE\(\s*sameTerm\(\s*\?{variable}\s*,\s*\?{variable}\s*\)"
                      rf"\s*,\s*false\s*\)")
    return test.sub("true" if given else "false", text)


def _simplified(text: str) -> str:
    """The tests with their literal `true` and `false` worked out: a disjunction with a true
    side is true, a conjunction's true sides and a disjunction's false ones go, and a FILTER
    or HAVING left true goes whole."""
    while True:
        before = text
        for pattern, replacement in _LITERALS:
            text = pattern.sub(replacement, text)
        if (found := _TRUE_SIDE.search(text)) is not None:
            opening = _enclosing(text, found.start())
            text = text[:opening] + "(true)" + text[_matching(text, opening) + 1:]
        text = _without_double_brackets(text)
        if text == before:
            return text


def _without_double_brackets(text: str) -> str:
    """`((X))` as `(X)`, the brackets a test worked out of a group leaves."""
    position = text.find("((")
    while position >= 0:
        closing = _matching(text, position)
        if _matching(text, position + 1) == closing - 1:
            text = text[:position] + text[position + 1:closing - 1] + text[closing:]
        else:
            position += 1
        position = text.find("((", position)
    return text


def _enclosing(text: str, position: int) -> int:
    """The opening parenthesis of the group that holds `position`."""
    depth = 0
    for index in range(position - 1, -1, -1):
        if text[index] == ")":
            depth += 1
        elif text[index] == "(":
            if depth == 0:
                return index
            depth -= 1
    raise ValueError("no enclosing group")


def _matching(text: str, opening: int) -> int:
    depth = 0
    for index in range(opening, len(text)):
        if text[index] == "(":
            depth += 1
        elif text[index] == ")":
            depth -= 1
            if depth == 0:
                return index
    raise ValueError("an unclosed group")
