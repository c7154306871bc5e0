"""Reading a scraped document as plain text, whatever encoding and markup it came in.

Government sites serve UTF-8, GBK/GB2312 (read as their superset GB18030) and now and then
UTF-16; saved pages are HTML. Everything downstream works on plain lines, so this module turns
bytes into text once and refuses, with the file's name, what is not a text document at all.
"""

from __future__ import annotations

import codecs
import re
from html.parser import HTMLParser
from pathlib import Path

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
_FALLBACKS = ("utf-8", "gb18030")
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "utf8": "utf-8"}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.I)
# Tags of a page's markup left in text a scraper saved (`<p>`, `</strong>`, `<br/>`): a text
# holding this many is read as the page it came from.
_TAG = re.compile(r"</?(?:p|br|div|span|strong|b|td|tr|li|table|font)\b[^<>]{0,200}>", re.I)
_MIN_TAGS = 4
_HTML_START = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype|html|head|body|meta|div|p)\b",
                         re.I | re.S)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_SNIFF = 4096


class DocumentError(Exception):
    """A document that cannot be read as a policy plan; the message names the file."""

    def __init__(self, path: Path | str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = Path(path)
        self.message = message


def read_document(path: Path) -> str:
    """The plain text of a document file: decoded, and stripped of HTML markup if it is a page.

    Raises DocumentError for an empty file, a binary file or bytes in no known encoding;
    OSError (a missing or unreadable file) passes through unchanged.
    """
    return document_text(path, path.read_bytes())


def document_text(path: Path, data: bytes) -> str:
    """The plain text of `data`, the bytes of the file at `path` (named in errors), for a
    caller that needs the bytes too."""
    if not data.strip():
        raise DocumentError(path, "empty file")
    text = _decode(path, data)
    if _CONTROL.search(text[:_SNIFF]):
        raise DocumentError(path, "binary file, not text")
    if _HTML_START.match(text[:_SNIFF]) or path.suffix.lower() in {".html", ".htm"} \
            or len(_TAG.findall(text[:_SNIFF])) >= _MIN_TAGS:
        text = html_to_text(text)
    if not text.strip():
        raise DocumentError(path, "empty file: no text outside the markup")
    return text


def _decode(path: Path, data: bytes) -> str:
    """Text of the bytes: a byte-order mark wins, then a page's declared charset, then UTF-8,
    then GB18030."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    if b"\x00" in data[:_SNIFF]:
        text = _utf16_without_bom(data)
        if text is None:
            raise DocumentError(path, "binary file, not text")
        return text
    for encoding in (*_declared(data), *_FALLBACKS):
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    raise DocumentError(path, "not text in UTF-8, UTF-16 or GB18030")


def _utf16_without_bom(data: bytes) -> str | None:
    """The text of UTF-16 saved without a byte-order mark (some Windows tools do), or None.
    Its ASCII characters put a zero byte beside each of theirs; binary data decoded as UTF-16
    scatters over the whole of Unicode, so most of a plan's characters must be Chinese,
    ASCII or full-width punctuation."""
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data[: len(data) // 2 * 2].decode(encoding)
        except UnicodeDecodeError:
            continue
        sample = text[:_SNIFF]
        if sample and sum(map(_usual, sample)) >= 0.95 * len(sample):
            return text
    return None


def _usual(char: str) -> bool:
    """Printable ASCII, a line break, CJK or full-width punctuation: the characters of a plan."""
    return (char.isascii() and (char.isprintable() or char in "\r\n\t")) \
        or "\u3000" <= char <= "\u9fff" or "\uff00" <= char <= "\uffef"


def _declared(data: bytes) -> list[str]:
    found = _META_CHARSET.search(data[:_SNIFF])
    if not found:
        return []
    name = found[1].decode("ascii").lower()
    return [_SUPERSETS.get(name, name)]


class _TextExtractor(HTMLParser):
    """Collects the text of a page, one line per block element, without scripts or styles.

    `<body>` ends any skipped part, since scraped pages often leave `<head>` unclosed.
    """

    SKIP = frozenset({"script", "style", "head", "title", "noscript", "template"})
    BLOCKS = frozenset({"p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5",
                        "h6", "table", "section", "article", "header", "footer", "ul", "ol",
                        "dd", "dt", "blockquote", "pre", "hr", "center", "form", "nav"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self._skipping = 0
        elif tag in self.SKIP:
            self._skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(page: str) -> str:
    """The visible text of an HTML page, a line per block, blank lines collapsed."""
    extractor = _TextExtractor()
    extractor.feed(page)
    extractor.close()
    lines = (line.strip() for line in "".join(extractor.parts).splitlines())
    return "\n".join(line for line in lines if line)
