"""Reading document files: encodings, HTML pages, and what is refused."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from policygraph.parse.decode import DocumentError, html_to_text, read_document

TEXT = "一、重点工作\n(一)发展物流。(责任单位:县商务局)\n"


@pytest.mark.parametrize("data", [
    TEXT.encode("utf-8"),
    codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
    codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    TEXT.encode("utf-16-le"),  # without a byte-order mark
    TEXT.encode("utf-16-be"),
    TEXT.encode("gb18030"),
])
def test_encodings(tmp_path: Path, data: bytes):
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    assert read_document(path) == TEXT


def test_declared_charset_of_a_page_is_used(tmp_path: Path):
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
            f"<title>标题</title></head><body><p>{TEXT}</p></body></html>")
    path = tmp_path / "page.htm"
    path.write_bytes(page.encode("gb18030"))
    assert read_document(path) == TEXT.strip()


def test_blocks_become_lines_and_scripts_vanish():
    page = ("<html><head><title>t</title><style>p{}</style><body><div>首页 &gt; 通知</div>"
            "<script>x='一、'</script><p>一、任务</p><br><span>(一)</span>建设&nbsp;园区"
            "</body></html>")
    assert html_to_text(page).split("\n") == ["首页 > 通知", "一、任务", "(一)建设\xa0园区"]


def test_a_text_carrying_its_pages_markup_is_read_as_the_page(tmp_path: Path):
    text = ("发文机关:山西省人民政府\n<p><strong>一、指导思想</strong></p><p><strong><br/>"
            "</strong></p><p>(一)发展物流。(责任单位:县商务局)</p>")
    path = tmp_path / "doc.txt"
    path.write_text(text, encoding="utf-8")
    lines = read_document(path).split("\n")
    assert "一、指导思想" in lines and "(一)发展物流。(责任单位:县商务局)" in lines
    assert not any("<" in line for line in lines)


@pytest.mark.parametrize(("data", "message"), [
    (b"", "empty file"),
    (b" \r\n\t\n", "empty file"),
    (b"<html><head><script>1</script></head><body> </body></html>", "no text outside"),
    (b"PK\x03\x04\x00\x00binary", "binary file"),
    (b"\x1b[31m" * 10, "binary file"),
    (b"plain text \x80\xff and more", "not text in UTF-8"),
])
def test_refused_with_the_file_named(tmp_path: Path, data: bytes, message: str):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(DocumentError, match=message) as caught:
        read_document(path)
    assert str(caught.value).startswith(str(path))


def test_missing_file_is_an_os_error(tmp_path: Path):
    with pytest.raises(FileNotFoundError):
        read_document(tmp_path / "missing.txt")
