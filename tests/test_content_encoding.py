"""Text encodings of editorial pages (content/*.md) and analyses: a file that is not UTF-8,
is UTF-16, holds NUL or control characters gets a clear `check` error at its line and column,
never a traceback or mojibake on the site; a byte-order mark and CRLF line ends are fine."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.pipeline import check
from generator.source import load
from tests.conftest import FIXTURES, make_project
from tests.htmlstructure import parse

PAGE = "Contributing\n\nCafé, naïve: every word kept.\n"


def located(root: Path) -> list[tuple[str, int, int, str]]:
    return [(p.path, p.line, p.col, p.rule) for p in check(root) if p.severity == "error"]


@pytest.mark.parametrize(
    ("data", "where", "rule", "says"),
    [
        (PAGE.encode("latin-1"), (3, 4), "not-utf8", "byte 0xe9"),
        (PAGE.encode("utf-16"), (1, 1), "not-utf8", "UTF-16"),
        (PAGE.encode("utf-16-be"), (1, 1), "not-utf8", "UTF-16"),
        (PAGE.encode("utf-32"), (1, 1), "not-utf8", "UTF-32"),
        (b"# Title\n\nA NUL \x00 byte.\n", (3, 7), "bad-character", "U+0000"),
        ("# Title\n\nA C1 \x9b control.\n".encode(), (3, 6), "bad-character", "U+009B"),
        (b"# T\r\n\r\nAn \x1b[8m escape.\r\n", (3, 4), "bad-character", "U+001B"),
        ("# T\n\nA \ufffe noncharacter.\n".encode(), (3, 3), "bad-character", "U+FFFE"),
        (b"# T\n\n" + b"x" * (1024 * 1024), (1, 1), "file-too-large", "limit"),
    ],
)
def test_pages_that_cannot_be_read_as_text_are_errors_where_they_are(
    tmp_path: Path, data: bytes, where: tuple[int, int], rule: str, says: str
) -> None:
    root = make_project(tmp_path / "p")
    (root / "content/contributing.md").write_bytes(data)
    assert located(root) == [("content/contributing.md", *where, rule)]
    problem = next(p for p in check(root) if p.path == "content/contributing.md")
    assert says in problem.message


def test_an_analysis_in_utf16_is_named_as_such(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    rel = "analyses/acme-cloud/customer-data-training.yml"
    text = (FIXTURES / "basic" / rel).read_text(encoding="utf-8")
    (root / rel).write_bytes(text.encode("utf-16"))
    found = [p for p in check(root) if p.severity == "error"]
    assert [(p.path, p.line, p.col, p.rule) for p in found] == [(rel, 1, 1, "not-utf8")]
    assert "UTF-16" in found[0].message


def test_read_markdown_drops_the_bom_ends_lines_with_lf_and_normalises(tmp_path: Path) -> None:
    """What the build can write instead of the raw bytes (render's copy of content/)."""
    path = tmp_path / "page.md"
    path.write_bytes(b"\xef\xbb\xbf# Cafe\xcc\x81\r\n\r\nOld Mac\rline ends.\r\n")
    assert load.read_markdown(path, "content/page.md") == (
        "# Caf\u00e9\n\nOld Mac\nline ends.\n",
        [],
    )


@pytest.mark.e2e
def test_a_page_with_a_bom_and_crlf_builds_cleanly(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    (root / "content/contributing.md").write_bytes(
        b"\xef\xbb\xbf" + PAGE.replace("\n", "\r\n").encode()
    )
    assert located(root) == []
    assert main(["build", str(root)]) == 0
    html = (root / "site/contributing/index.html").read_text(encoding="utf-8")
    shown = parse(html).text
    assert "Café, naïve: every word kept." in shown
    assert "\ufeff" not in html and "\r" not in html and "ï»¿" not in shown
