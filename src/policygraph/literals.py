"""Literals as Python values, for the client's rows and the REST API's JSON alike.

Literals of the common XSD datatypes become the matching Python type; every other literal
(strings, language-tagged strings, unknown datatypes) keeps its lexical form, and so does a
lexical form that is not valid for its datatype, rather than failing a whole result.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from .vocab import PREFIXES, XSD_INTEGERS

__all__ = ["literal_value"]

_XSD = PREFIXES["xsd"]
_BOOLEANS = {"true": True, "1": True, "false": False, "0": False}


def _boolean(lexical: str) -> bool:
    if lexical not in _BOOLEANS:
        raise ValueError(lexical)
    return _BOOLEANS[lexical]


_CONVERTERS: dict[str, Callable[[str], Any]] = {
    **dict.fromkeys(XSD_INTEGERS, int),
    _XSD + "decimal": Decimal,
    _XSD + "double": float,
    _XSD + "float": float,
    _XSD + "boolean": _boolean,
    _XSD + "date": date.fromisoformat,
    _XSD + "dateTime": datetime.fromisoformat,
}


def literal_value(lexical: str, datatype: str | None) -> Any:
    """A literal as a Python value.

    Args:
        lexical: the literal's lexical form.
        datatype: its datatype IRI (None for a plain or language-tagged string).

    Returns:
        int for xsd:integer and its subtypes and for xsd:gYear, Decimal for xsd:decimal, float
        for xsd:double and xsd:float, bool for xsd:boolean, datetime.date for xsd:date,
        datetime.datetime for xsd:dateTime; `lexical` itself otherwise, and when it is not
        valid for its datatype (a date with a time zone, say).
    """
    convert = _CONVERTERS.get(datatype or "")
    if convert is None:
        return lexical
    try:
        return convert(lexical)
    except (ValueError, ArithmeticError):
        return lexical
