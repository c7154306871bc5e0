"""The IRI scheme: readable, and the same for the same input on every rebuild.

Every entity's IRI is made from what identifies it, never from a counter or a random id:

    {base}doc/{file stem}                       a policy document
    {base}doc/{file stem}/section/3-1           section 三 (一)
    {base}doc/{file stem}/task/3-1-2            task 三 (一) 2
    {base}doc/{file stem}/target/7              the document's 7th target in reading order
    {base}region/{division code}                a region (330521 is 德清县)
    {base}agency/{division code}/{function}     an agency: jurisdiction + function
    {base}agency/{division code}/unit/{name}    a unit no table knows, as written
    {base}collective/{division code}/{name}     a collective unit (各镇(街道))
    {base}platform/{name}, {base}project/{name} platforms and projects named in tasks
    {base}indicator/{wording}                   what targets measure
    {base}cited/{title}                         a higher-level plan outside the graph
    {base}graph/{file stem}, {base}graph/entities, {base}graph/ontology   named graphs

Names stay as written (IRIs allow Chinese); only characters that IRIs forbid, and `/ ? # %`,
are percent-encoded.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from ..parse.numerals import chinese_to_int

DEFAULT_BASE = "http://127.0.0.1:8000/id/"

_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|\\^`/?#%]')


def segment(text: str) -> str:
    """`text` as one IRI path segment: readable, with forbidden characters percent-encoded."""
    return _FORBIDDEN.sub(lambda m: "".join(f"%{b:02X}" for b in m[0].encode()), text.strip())


def label_slug(label: str) -> str:
    """A numbering label as a path step: 三 → 3, (一) → 1, (12) → 12."""
    bare = label.strip("()")
    if bare.isdigit():
        return bare
    try:
        return str(chinese_to_int(bare))
    except ValueError:
        return segment(bare)


def _steps(path: list[str], written: bool) -> str:
    """A path as IRI steps: numbers (`三 (一) 1` → 3-1-1), or, `written`, the labels as the
    page writes them, for the rare page whose outline holds `3` and `(三)` side by side."""
    return "-".join(segment(label) if written else label_slug(label) for label in path)


class Iris:
    """Mints the IRIs of one build under a base IRI."""

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        self.base = base if base.endswith(("/", "#")) else base + "/"

    def _iri(self, *parts: str) -> str:
        return self.base + "/".join(parts)

    def document(self, source: str) -> str:
        return self._iri("doc", segment(PurePath(source).stem))

    def document_graph(self, source: str) -> str:
        return self._iri("graph", segment(PurePath(source).stem))

    def entities_graph(self) -> str:
        return self._iri("graph", "entities")

    def ontology_graph(self) -> str:
        return self._iri("graph", "ontology")

    def alignments_graph(self) -> str:
        return self._iri("graph", "alignments")

    def alignment_activity(self) -> str:
        return self._iri("activity", "task-alignment")

    def section(self, document: str, path: list[str], written: bool = False) -> str:
        return f"{document}/section/{_steps(path, written)}"

    def task(self, document: str, path: list[str], written: bool = False) -> str:
        return f"{document}/task/{_steps(path, written) or '0'}"

    def target(self, document: str, number: int) -> str:
        return f"{document}/target/{number}"

    def region(self, code: str) -> str:
        return self._iri("region", code)

    def agency(self, code: str, function: str) -> str:
        return self._iri("agency", code, segment(function))

    def unresolved_agency(self, code: str, name: str) -> str:
        return self._iri("agency", code, "unit", segment(name))

    def collective(self, code: str, name: str) -> str:
        return self._iri("collective", code, segment(name))

    def mention(self, kind: str, key: str) -> str:
        return self._iri(kind, segment(key))

    def indicator(self, wording: str) -> str:
        return self._iri("indicator", segment(wording))

    def cited(self, title: str) -> str:
        return self._iri("cited", segment(title))
