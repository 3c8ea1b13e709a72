"""The archived documents on the site: the newest text with quotes marked (site/archived.py),
word-level diffs (site/diffs.py) and which changes get a diff page (model/documents.py)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from generator.check import matching
from generator.model import documents
from generator.model.authoring import Document
from generator.site import archived, diffs
from generator.site.archived import Quote
from generator.source.archive import Archive, Version

HOSTILE = "<script>alert(1)</script> {{ x }} {% raw %} [a](javascript:x) <b onclick=y>"


def quote(anchor: str, text: str) -> Quote:
    return Quote(anchor, text, "../clause/", f"Analysis {anchor}")


def test_the_text_is_inert_whatever_it_holds() -> None:
    shown = archived.render(f"Terms\n\n{HOSTILE}\n", [])
    assert "<script" not in shown.html and "<b " not in shown.html
    assert "{{" not in shown.html and "{%" not in shown.html and "javascript:" not in shown.html
    assert "&#60;script&#62;" in shown.html


def test_a_quote_is_marked_across_lines_and_markdown_and_linked() -> None:
    md = (
        "Terms\n=====\n\n4\\. **Training.** We will not use [Customer Content](https://x) to"
        " train\nmodels except as you _permit_. Other.\n"
    )
    shown = archived.render(
        md,
        [
            quote(
                "excerpt-a",
                "We will not use Customer Content to train models except as you permit.",
            )
        ],
    )
    assert shown.marked == ("excerpt-a",) and shown.unmarked == ()
    assert shown.html.count("<mark") == 2  # closed at the line's end, reopened on the next
    assert (
        '<mark id="excerpt&#45;a">We will not use Customer Content to train</mark><br>'
        in shown.html
    )
    assert (
        '<mark>models except as you permit.</mark><a class="cb-excerpt-link" '
        'href="../clause/">Analysis excerpt&#45;a</a> Other.' in shown.html
    )
    assert '<p class="cb-archived-heading">Terms</p>' in shown.html


def test_curly_quotes_and_spaces_are_found_as_check_finds_them() -> None:
    md = "The \u201cService\u201d is provided\u00a0\u2013 as is.\n"
    shown = archived.render(md, [quote("excerpt-b", 'The "Service" is provided - as is.')])
    assert shown.marked == ("excerpt-b",)
    assert (
        '<mark id="excerpt&#45;b">The \u201cService\u201d is provided\u00a0\u2013 as is&#46;'
        not in shown.html
    )
    assert re.search(
        r"<mark id=[^>]+>The \u201cService\u201d is provided\u00a0\u2013 as is", shown.html
    )


def test_a_quote_over_paragraphs_and_list_items_is_marked_in_each_as_check_finds_it() -> None:
    md = (
        "We may share:\n\n- account data with *processors*;\n- usage data with"
        " partners.\n  * Aggregated only.\n\nNothing else.\n"
    )
    text = "We may share:\n- account data with processors;\n- usage data with partners.\nAggregated"
    # check verifies it (list marks are not words)...
    assert matching.bounded(matching.plain(text)).search(matching.plain(md))
    shown = archived.render(md, [quote("excerpt-e", text)])
    # ...and the text page marks it, in every paragraph and item, bullets left outside
    assert shown.marked == ("excerpt-e",) and shown.unmarked == ()
    assert '<p><mark id="excerpt&#45;e">We may share&#58;</mark></p>' in shown.html
    assert "<p>\u2022 <mark>account data with processors;</mark><br>" in shown.html
    assert "<br>\u2022 <mark>usage data with partners.</mark><br>" in shown.html
    assert "<br>  \u2022 <mark>Aggregated</mark><a class=" in shown.html


def test_a_bullet_the_document_itself_writes_is_one_of_its_words() -> None:
    md = "Plans \u2022 Team and Enterprise \u2022 include the control.\n"
    shown = archived.render(md, [quote("excerpt-f", "Plans \u2022 Team and Enterprise")])
    assert shown.marked == ("excerpt-f",)
    assert '<mark id="excerpt&#45;f">Plans \u2022 Team and Enterprise</mark>' in shown.html


def test_a_quote_not_in_the_text_or_only_inside_words_is_not_marked() -> None:
    md = "The non-exclusive licence applies to all customers.\n"
    shown = archived.render(
        md,
        [
            quote("excerpt-c", "exclusive licence applies to all"),
            quote("excerpt-d", "nothing like it here"),
        ],
    )
    assert shown.marked == () and shown.unmarked == ("excerpt-c", "excerpt-d")
    assert "<mark" not in shown.html


def test_the_text_shown_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archived, "MAX_SHOWN_CHARS", 100)
    shown = archived.render("word " * 1000, [])
    assert shown.cut and len(shown.html) < 200


def test_a_diff_marks_words_with_more_than_colour_and_escapes() -> None:
    old = "Title\n\nA\nB\nWe will not use Customer Content.\nC\nD\nE\nF\nG\n"
    new = old.replace("will not use", "may use").replace("G\n", "G\n" + HOSTILE + "\n")
    found = diffs.diff(old, new)
    assert (found.changes, found.shown, found.cut) == (2, 2, False)
    assert (
        'We <del><span class="cb-visually-hidden">deleted: </span><span class="cb-diff-sign" '
        'aria-hidden="true">\u2212</span>will not</del><ins><span class="cb-visually-hidden">'
        'inserted: </span><span class="cb-diff-sign" aria-hidden="true">+</span>may</ins> use'
    ) in found.html
    assert "<script" not in found.html and "{{" not in found.html
    # unchanged lines only around the changes
    assert found.html.startswith(
        '<p class="cb-diff-skip">2 unchanged lines</p>\n<p class="cb-diff-same">A</p>'
    )
    assert (
        '<p class="cb-diff-same">D</p>\n<p class="cb-diff-skip">1 unchanged line</p>' in found.html
    )
    assert '<p class="cb-diff-same">E</p>' not in found.html


def test_a_diff_is_bounded_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(diffs, "MAX_SHOWN_CHANGES", 3)
    old = "".join(f"line {i}\n\n\n\n\n" for i in range(50))
    new = old.replace("line", "row")
    found = diffs.diff(old, new)
    assert (found.changes, found.shown, found.cut) == (50, 3, True)
    assert found.html.count("cb-diff-change") == 3


def test_a_long_change_without_matching_lines_is_shown_as_lines() -> None:
    old = " ".join(f"w{i}" for i in range(5000))
    new = old.replace("w1 ", "x1 ") + "\nextra line"
    found = diffs.diff("head\n" + old + "\n", "head\n" + new + "\n")
    assert found.changes == 1 and "<ins>" in found.html and "<del>" in found.html


def version(day: int, partial: str | None = None) -> Version:
    return Version(
        file=f"2026-01-{day:02d}.md",
        date=dt.date(2026, 1, day),
        recorded=dt.datetime(2026, 1, day, tzinfo=dt.UTC),
        sha256="0" * 64,
        origin="manual",
        partial=partial,
    )


def test_diff_pages_for_the_newest_changes_of_complete_versions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(documents, "DIFF_PAGES", 3)
    doc = Document(
        id="terms", title="Terms", url="https://acme.example/terms", type="service-terms"
    )
    versions = (version(1), version(2), version(3, "cut"), version(4), version(5), version(6))
    source = documents.source_document("acme", doc, Archive(Path("x"), "x", versions))
    assert [(c.before.file, c.version.file) for c in source.changes] == [
        ("2026-01-05.md", "2026-01-06.md"),
        ("2026-01-04.md", "2026-01-05.md"),
        ("2026-01-02.md", "2026-01-04.md"),  # the partial copy is compared with nothing
    ]
    assert source.older_changes == 1
    assert source.changes[0].path == "platforms/acme/documents/terms/2026-01-06/index.md"
    assert source.change_of(version(6)) is source.changes[0]
    assert source.change_of(version(2)) is None


def test_since_is_the_start_of_the_run_of_versions_holding_the_quote(tmp_path: Path) -> None:
    """A partial copy without the quote does not break the run; a complete one does."""
    from generator.check import archives, matching
    from tests.conftest import write_archive, write_project

    root = write_project(tmp_path / "p", {})
    quote = "We will not use Customer Content to train models."
    write_archive(
        root,
        "acme-cloud/service-terms",
        [
            ("2025-01-01", f"Intro. {quote}\n"),
            ("2025-02-01", "Intro only.\n"),
            ("2025-03-01", f"Intro. {quote} More.\n"),
            ("2025-04-01", "Section 1 only.\n"),
            ("2025-05-01", f"Intro. {quote} More. Again.\n"),
        ],
        partial={"2025-04-01": "only section 1 was copied"},
    )
    archive, problems = archives.read_archive(root, "acme-cloud", "service-terms")
    assert problems == []
    checked = matching.verify(archive, quote)
    assert checked is not None and checked.state == "current" and checked.since is None
    found = matching.since(archive, checked, quote)
    assert (found.version.file, found.since and found.since.file) == (
        "2025-05-01.md",
        "2025-03-01.md",
    )


def test_a_rewritten_line_is_shown_removed_and_inserted_not_word_by_word() -> None:
    old = "Intro.\nThe customer owns all outputs it generates with the service.\nEnd.\n"
    new = "Intro.\nFees are due within thirty days of each monthly invoice date.\nEnd.\n"
    found = diffs.diff(old, new)
    assert found.changes == 1
    change = next(p for p in found.html.split("\n") if "cb-diff-change" in p)
    assert change.count("<del>") == 1 and change.count("<ins>") == 1
    assert "The customer owns all outputs it generates with the service.</del>" in change


@pytest.mark.parametrize(
    "line",
    [
        "caf\u00e9 \u201cquoted\u201d \u2013 x",
        "\ufb01nal e\u0301 \u00ad soft",
        "a\u00a0b\u2028c  d",
    ],
)
def test_the_fast_fold_gives_the_character_by_character_text(line: str) -> None:
    assert archived._fold_fast(line) == archived._fold(line)[0]
