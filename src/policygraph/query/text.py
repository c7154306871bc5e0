"""SPARQL query text for an endpoint that knows nothing of the project: prefixes and parameters.

A canned query's parameters are bound by a `VALUES` block in each group pattern where they
are in scope: a remote endpoint has no substitution API, and Oxigraph plans a query with its
values in the text much faster than one whose values it substitutes. The block's terms are
written by Oxigraph, which escapes them, so a value can only ever be a term, never query
syntax. A small tokenizer finds the braces, keywords and variables, so that braces inside
strings, IRIs and comments are left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from ..vocab import PREFIXES
from .errors import QueryError, Substitutions

__all__ = ["bind_values", "declare_prefixes", "declares_dataset", "is_update", "lexemes",
           "query_form", "without_comments"]

_TOKEN = re.compile(
    r'(?P<string>"""(?:(?:"|"")?(?:[^"\\]|\\.))*"""'
    r"|'''(?:(?:'|'')?(?:[^'\\]|\\.))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|'(?:[^'\\\n\r]|\\.)*')"
    r"|(?P<comment>#[^\n\r]*)"  # a comment ends at either line end, as the engine reads it
    r"|(?P<iri><[^<>\"{}|^`\\\x00-\x20]*>)"
    r"|(?P<var>[?$]\w+)"
    r"|(?P<word>[^\W\d][\w.\-]*(?::[\w.\-:%\\]*)?|:[\w.\-:%\\]*)"
    r"|(?P<space>\s+)"
    r"|(?P<other>.)",
    re.DOTALL,
)
_FROM = re.compile("from", re.IGNORECASE)
_FORMS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})
_UPDATES = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE",
                      "COPY", "WITH"})
_NOT_JOINED = frozenset({"OPTIONAL", "MINUS", "UNION", "EXISTS", "SERVICE", "SILENT"})
# Groups that see the bindings of the solutions outside them: a parameter needs no VALUES there.
_SEES_OUTSIDE = frozenset({"OPTIONAL", "EXISTS"})


@dataclass(frozen=True)
class _Token:
    kind: str
    text: str
    end: int

    @property
    def keyword(self) -> str:
        return self.text.upper() if self.kind == "word" else self.text


def lexemes(sparql: str) -> list[tuple[str, str]]:
    """Every token of the query text as (kind, text), white space, strings and comments
    included, so that the text can be rewritten token by token and joined again."""
    return [(match.lastgroup or "other", match[0]) for match in _TOKEN.finditer(sparql)]


def without_comments(sparql: str) -> str:
    """The query text without its comments (their line ends kept). A client library that
    tells a query from an update by the first keyword it sees (SPARQLWrapper) can miss a
    comment line and read `add` or `drop` in a query's description as the operation."""
    return "".join(text for kind, text in lexemes(sparql) if kind != "comment")


def _tokens(sparql: str) -> list[_Token]:
    """The tokens that matter to the query's structure: no whitespace, strings or comments."""
    return [_Token(match.lastgroup or "other", match[0], match.end())
            for match in _TOKEN.finditer(sparql)
            if match.lastgroup not in {"space", "comment", "string"}]


def query_form(sparql: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first keyword after the prologue; None for
    text that is not a query (the endpoint reports why)."""
    keyword = _operation(_tokens(sparql))
    return keyword if keyword in _FORMS else None


def is_update(sparql: str) -> bool:
    """Whether the text is a SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP …) by its first
    keyword after the prologue: a read-only endpoint refuses one as such rather than as text
    its query grammar does not take."""
    return _operation(_tokens(sparql)) in _UPDATES


def _operation(tokens: list[_Token]) -> str | None:
    """The first keyword after the prologue (PREFIX and BASE declarations)."""
    for token in tokens:
        if token.kind == "word" and token.keyword not in {"PREFIX", "BASE"} \
                and not token.text.endswith(":"):
            return token.keyword
    return None


def declares_dataset(sparql: str) -> bool:
    """Whether the query names its dataset (FROM or FROM NAMED), which a union default graph
    must not override. FROM is a keyword only in a dataset clause, not as a language tag.
    A query without the letters "from" anywhere needs no tokenizing (it costs more than a
    small query's evaluation)."""
    if _FROM.search(sparql) is None:
        return False
    tokens = _tokens(sparql)
    return any(token.kind == "word" and token.keyword == "FROM" and previous.text != "@"
               for previous, token in pairwise([_Token("other", "", 0), *tokens]))


def declare_prefixes(sparql: str) -> str:
    """The query, preceded by declarations of the project's prefixes it uses without declaring
    them; they go on its first line, so an endpoint's error positions keep their line numbers."""
    tokens = _tokens(sparql)
    declared = {following.text.removesuffix(":")
                for token, following in pairwise(tokens)
                if token.keyword == "PREFIX"}
    used = {token.text.partition(":")[0] for token in tokens
            if token.kind == "word" and ":" in token.text and not token.text.startswith("_:")}
    missing = sorted(prefix for prefix in used - declared if prefix in PREFIXES)
    prologue = "".join(f"PREFIX {prefix}: <{PREFIXES[prefix]}> " for prefix in missing)
    return prologue + sparql


@dataclass
class _Group:
    """An open group pattern while binding: the parameters in scope, those mentioned in it so
    far, and those a subquery joined to it carries already."""

    scope: frozenset[str]
    insert_at: int | None  # where its VALUES block goes; None: it gets none
    mentioned: set[str] = field(default_factory=set)
    carried: set[str] = field(default_factory=set)


def bind_values(sparql: str, substitutions: Substitutions) -> str:
    """The query with each parameter bound by `VALUES` in every group pattern where it is in
    scope, as Oxigraph's substitution binds it: in the whole query, and in the subqueries that
    project it. OPTIONAL groups are left out: the left join binds them already; so are the
    groups of FILTER EXISTS and NOT EXISTS, evaluated on each solution of their group with its
    bindings substituted. So is a group that joins a subquery projecting the parameter before
    anything else in it mentions the parameter: the subquery's rows carry the value. Binding it
    twice is equivalent, but some planners (Virtuoso's) then stall on a query that otherwise
    answers at once.

    Raises:
        QueryError: if no group pattern binds the parameters (a CONSTRUCT WHERE short form).
    """
    if not substitutions:
        return sparql
    terms = {variable.value: str(term) for variable, term in substitutions.items()}
    tokens = _tokens(sparql)
    bodies: dict[int, frozenset[str]] = {}  # a SELECT's pattern brace → parameters in scope
    stack: list[_Group | None] = []  # per open brace; None: data, not a pattern
    groups: list[_Group] = []
    data_next = False
    for index, token in enumerate(tokens):
        enclosing = stack[-1].scope if stack and stack[-1] is not None else frozenset(terms)
        if token.keyword == "SELECT":
            body, projected = _projection(tokens, index)
            bodies[body] = enclosing if not stack or projected is None \
                else enclosing & projected
            parent = stack[-2] if len(stack) >= 2 else None
            if parent is not None and _joined(tokens, index - 1):
                parent.carried |= bodies[body] - parent.mentioned
        elif token.keyword == "VALUES":
            data_next = True
        elif token.text == "}" and stack:
            stack.pop()
        elif token.kind == "var" and token.text[1:] in terms:
            for group in stack:
                if group is not None:
                    group.mentioned.add(token.text[1:])
        elif token.text == "{":
            following = tokens[index + 1].keyword if index + 1 < len(tokens) else ""
            previous = tokens[index - 1].keyword if index else ""
            if data_next or previous == "CONSTRUCT" or _construct_where(tokens, index):
                data_next = False
                stack.append(None)
                continue
            # An OPTIONAL group is joined on the variables it shares with its left side and
            # an EXISTS group sees the solution it filters, so the binding outside reaches
            # them; every other group is evaluated on its own.
            scope = bodies.get(index, enclosing)
            bound = previous not in _SEES_OUTSIDE and bool(scope) and following != "SELECT"
            group = _Group(scope, token.end if bound else None)
            stack.append(group)
            groups.append(group)
    if not any(group.insert_at is not None for group in groups):
        raise QueryError("cannot bind parameters: the query has no group pattern to bind them in")
    for group in reversed(groups):  # from the end, so earlier offsets stay valid
        names = sorted(group.scope - group.carried)
        if group.insert_at is None or not names:
            continue
        block = (f" VALUES ({' '.join('?' + name for name in names)}) "
                 f"{{ ({' '.join(terms[name] for name in names)}) }} ")
        sparql = sparql[:group.insert_at] + block + sparql[group.insert_at:]
    return sparql


def _joined(tokens: list[_Token], brace: int) -> bool:
    """Whether the group opening at `brace` is joined to its parent: not optional, subtracted,
    an alternative of a UNION, a filter's EXISTS or a remote SERVICE."""
    if tokens[brace].text != "{" or tokens[brace - 1].keyword in _NOT_JOINED:
        return False
    depth = 0
    for position in range(brace, len(tokens)):
        depth += {"{": 1, "}": -1}.get(tokens[position].text, 0)
        if depth == 0:
            return position + 1 == len(tokens) or tokens[position + 1].keyword != "UNION"
    return False


def _construct_where(tokens: list[_Token], index: int) -> bool:
    """Whether the brace at `index` opens `CONSTRUCT WHERE { … }`, a template and a pattern."""
    return index >= 2 and tokens[index - 1].keyword == "WHERE" \
        and tokens[index - 2].keyword == "CONSTRUCT"


def _projection(tokens: list[_Token], select: int) -> tuple[int, set[str] | None]:
    """Where the pattern of the SELECT at `select` opens, and the variables it projects
    (None for `*`)."""
    projected: set[str] | None = set()
    depth = 0
    for position in range(select + 1, len(tokens)):
        current = tokens[position]
        if current.text == "(":
            depth += 1
        elif current.text == ")":
            depth -= 1
        elif depth == 0 and current.text == "{":
            return position, projected
        elif depth == 0 and current.text == "*":
            projected = None
        elif projected is not None and current.kind == "var" \
                and (depth == 0 or tokens[position - 1].keyword == "AS"):
            projected.add(current.text[1:])
    return len(tokens), projected
