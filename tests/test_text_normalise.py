"""Authored text is normalised once, at load: NFC; control characters, noncharacters and
lone surrogates refused where they are (bad-character); bidirectional controls kept but
isolated on the pages, and an unbalanced one warned about (bidi-control).

A C1 control (written `"\\x9b"` in YAML) in a platform's name passed `check`, then made the
page's front matter unreadable: the page showed `title: …` as text, lost its description and
got a truncated <title>.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from generator.cli import main
from generator.pipeline import check
from generator.site import markup
from generator.source import text
from tests.conftest import FIXTURES, write_project
from tests.htmlstructure import parse

PLATFORM = "analyses/acme-cloud/platform.yml"
CLAUSE = "analyses/acme-cloud/customer-data-training.yml"
NAME = "name: Acme Cloud"


def with_name(tmp_path: Path, name: str) -> Path:
    """The basic project with acme-cloud's `name:` line replaced (its value at line 1, col 7)."""
    source = (FIXTURES / "basic" / PLATFORM).read_text(encoding="utf-8")
    assert source.startswith(NAME + "\n")
    return write_project(tmp_path / "p", {PLATFORM: source.replace(NAME, f"name: {name}", 1)})


@pytest.mark.parametrize(
    ("name", "col", "what"),
    [
        (r'"Acme\x9b Cloud"', 12, "U+009B"),  # C1 control, as a YAML escape
        (r'"Acme \u009B Cloud"', 13, "U+009B"),
        (r'"Acme\uFFFE Cloud"', 12, "U+FFFE"),  # noncharacter
        ("Acme\ufdd0 Cloud", 11, "U+FDD0"),  # a noncharacter YAML lets through as it is
        ("Acme \U0001fffe Cloud", 12, "U+1FFFE"),
        (r'"Acme\0Cloud"', 12, "U+0000"),  # NUL
        (r'"Acme\e[8mCloud"', 12, "U+001B"),  # a terminal escape
        (r'"Acme\rCloud"', 12, "U+000D"),  # a carriage return (YAML ends lines with \n)
        (r'"Acme\NCloud"', 12, "U+0085"),  # NEL, a C1 control
        (r'"Acme\x7fCloud"', 12, "U+007F"),
    ],
)
def test_characters_no_text_may_hold_are_errors_where_they_are(
    tmp_path: Path, name: str, col: int, what: str
) -> None:
    root = with_name(tmp_path, name)
    found = [p for p in check(root) if p.severity == "error"]
    assert [(p.path, p.line, p.col, p.rule) for p in found] == [(PLATFORM, 1, col, "bad-character")]
    assert what in found[0].message


def test_a_bad_character_in_a_key_is_an_error_too(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {CLAUSE: '"ti\\x9btle": x\n'})
    assert [(p.path, p.line, p.col, p.rule) for p in check(root)] == [
        (CLAUSE, 1, 4, "bad-character")
    ]


def test_text_is_nfc_from_load_to_page_and_export(tmp_path: Path) -> None:
    decomposed = "Acme Cafe\u0301 Cloud"
    root = with_name(tmp_path, decomposed)
    assert [p for p in check(root) if p.severity == "error"] == []
    assert main(["build", str(root)]) == 0
    composed = unicodedata.normalize("NFC", decomposed)
    page = (root / "site/platforms/acme-cloud/index.html").read_text(encoding="utf-8")
    assert composed in parse(page).text and decomposed not in page
    export = (root / "site/api/v1/platforms/acme-cloud.json").read_text(encoding="utf-8")
    assert composed in json.dumps(json.loads(export), ensure_ascii=False)


@pytest.mark.parametrize(
    ("name", "col", "what"),
    [
        ("Acme \u202eduolC", 12, "RLO (U+202E) that is never closed"),
        ("Acme \u2067Cloud", 12, "RLI (U+2067) that is never closed"),
        ("Acme Cloud\u202c", 17, "PDF (U+202C) that closes no embedding"),
        ("Acme \u2069Cloud", 12, "PDI (U+2069) that closes no isolate"),
        ("Acme \u202eok\u202c then \u202bagain", 22, "RLE (U+202B) that is never closed"),
    ],
)
def test_unbalanced_bidirectional_controls_are_warned_about_where_they_are(
    tmp_path: Path, name: str, col: int, what: str
) -> None:
    root = with_name(tmp_path, name)
    found = check(root)
    assert [(p.path, p.line, p.col, p.rule, p.severity) for p in found] == [
        (PLATFORM, 1, col, "bidi-control", "warning")
    ]
    assert what in found[0].message


@pytest.mark.parametrize(
    "name",
    [
        "Acme \u202eok\u202c Cloud",
        "\u2067\u0645\u0631\u062d\u0628\u0627\u2069 Cloud",
        "\u202b\u2066x\u2069\u202c",
    ],
)
def test_balanced_bidirectional_controls_are_fine(tmp_path: Path, name: str) -> None:
    assert check(with_name(tmp_path, name)) == []


def test_unbalanced_bidi_finds_the_first_unclosed_control() -> None:
    assert text.unbalanced_bidi("a \u202ex\nb") == (2, "RLO (U+202E) that is never closed")
    assert text.unbalanced_bidi("\u2066a\u202eb\u2069") is None  # PDI closes both
    assert text.unbalanced_bidi("plain") is None


def test_inline_text_leaving_a_bidi_control_open_is_isolated() -> None:
    assert str(markup.inline("Acme \u202eduolC")) == "\u2068Acme \u202eduolC\u2069"
    assert str(markup.inline("\u2067x")) == "\u2068\u2067x\u2069\u2069"  # both closed
    assert str(markup.inline("Acme Cloud")) == "Acme Cloud"
    assert str(markup.inline("\u202eok\u202c")) == "\u202eok\u202c"  # balanced: as it is
    composed = text.isolate("a \u202eb") + " · c"  # isolated parts: not wrapped again
    assert text.isolate(composed) == composed


@pytest.mark.e2e
def test_an_override_in_a_name_reorders_nothing_around_it(tmp_path: Path) -> None:
    """The name is isolated wherever it is shown inline: page title, breadcrumb, tables."""
    root = with_name(tmp_path, "Acme \u202eduolC")
    assert main(["build", str(root)]) == 0
    html = (root / "site/platforms/acme-cloud/customer-data-training/index.html").read_text(
        encoding="utf-8"
    )
    page = parse(html)
    isolated = "\u2068Acme \u202eduolC\u2069"
    assert page.title.startswith("Customer content and model training · " + isolated)
    assert f"{isolated} \u203a " in " ".join(page.text.split())  # the breadcrumb
    assert "title:" not in page.text  # the front matter was read
    css = (root / "site/assets/clausebook/clausebook.css").read_text(encoding="utf-8")
    assert "unicode-bidi: isolate" in css or "unicode-bidi:isolate" in css


@pytest.mark.parametrize("other", ["", "\U0001f600"])  # with and without a character beyond U+FFFF
def test_the_fast_scan_finds_what_the_rejected_class_finds(other: str) -> None:
    """find_bad leaves the noncharacters beyond U+FFFF to texts that hold such a character:
    it must find the same first character as the whole class, for every code point."""
    for code in range(0x110000):
        char = chr(code)
        sample = f"Customer Content {other}ab{char}cd{char}"
        expected = text.BAD.search(sample)
        found = text.find_bad(sample)
        assert (found and (found.start(), found.group())) == (
            expected and (expected.start(), expected.group())
        ), f"U+{code:04X}"
