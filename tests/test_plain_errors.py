"""Plain, complete errors (issue 17, item 4): each mistake an analyst makes is reported once, at
the line where it is, in words (no `jurisdictions.0.note`), and every rule runs on every file
in one pass. Each case is a real file in a real project, checked by the real `check`; the
expected text is exactly what `clausebook check` prints."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.check.naming import plain
from generator.pipeline import check
from tests.conftest import FIXTURES, write_archive, write_project

CLAUSE = "analyses/acme-cloud/customer-data-training.yml"
BASE = (FIXTURES / "basic" / CLAUSE).read_text(encoding="utf-8")
EXCERPT = "We will not use Customer Content to train models except as you permit."
ALLOWED = (
    "allowed here: answer, citations, compliance_considerations, contract_implications, "
    "document, enforcement_risk, excerpt, exposure, faq, history, impact, jurisdictions, "
    "regulatory_landscape, related, reviewed, status, summary, title, topic"
)
QUOTE = (
    'close the quote on the line where it opens (a quote inside the text is written \\" in '
    "double quotes, '' in single ones), or use a block (`key: >-` and the text indented below)"
)


def edit(text: str, *changes: tuple[str, str]) -> str:
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def printed(tmp_path: Path, text: str, archive: str | None = None) -> list[str]:
    """What `check` prints for the clause, one problem a line, when it holds `text`."""
    root = write_project(tmp_path / "p", {CLAUSE: text})
    if archive is not None:
        write_archive(root, "acme-cloud/service-terms", [("2026-01-10", archive)])
    return [p.text().removeprefix(CLAUSE + ":") for p in check(root) if p.path == CLAUSE]


CASES = {
    "typo-key-after-a-comment": (
        edit("# Reviewed by the legal team.\n" + BASE, ("title:", "titel:")),
        [f"2:1: error[unknown-key] unknown key 'titel': did you mean 'title'? (hint: {ALLOWED})"],
    ),
    "key-in-curly-quotes": (
        edit(BASE, ("title:", "\u201ctitle\u201d:")),
        [
            "1:1: error[unknown-key] the key \u201ctitle\u201d is in curly quotes "
            "(hint: write it without quotes: `title:`)"
        ],
    ),
    "key-indented-one-space-too-far": (
        edit(BASE, ("  rating: low", "   rating: low")),
        [
            "18:3: error[yaml-syntax] `rationale:` is indented 2 spaces, but `rating:` on line "
            "17 above it is indented 3 (hint: indent the keys of one mapping by the same "
            "number of spaces)"
        ],
    ),
    "key-indented-under-a-value": (
        edit(BASE, ("topic: customer", " topic: customer")),
        [
            "3:2: error[yaml-syntax] `topic:` is indented more than `document:` above it, so "
            "YAML reads it as part of document's value (hint: line it up with `document:`; "
            "if ': ' belongs to the text, put the text in quotes)"
        ],
    ),
    "list-item-key-under-indented": (
        edit(BASE, ("  - code: EU\n    note:", "  - code: EU\n   note:")),
        [
            "21:4: error[yaml-syntax] `note:` is indented 3 spaces, but `code:` on line 20 "
            "above it is indented 4 (hint: indent the keys of one mapping by the same number "
            "of spaces)"
        ],
    ),
    "no-space-after-the-colon": (
        edit(BASE, ("topic: customer", "topic:customer")),
        [
            "3:7: error[yaml-syntax] `topic:customer-data-training` has no space after the "
            "colon, so YAML reads it as text, not a key (hint: write `topic: "
            "customer-data-training`)"
        ],
    ),
    "colon-in-plain-text": (
        edit(BASE, ("rationale: The default", "rationale: Note: the default")),
        [
            "18:18: error[yaml-syntax] ': ' in the text of `rationale:` starts a new key, for "
            "YAML (hint: put the whole text in quotes, or write it as a block (`rationale: >-` "
            "and the text indented below it))"
        ],
    ),
    "unclosed-double-quote-on-line-2": (
        edit(BASE, ("document: service-terms", 'document: "service-terms')),
        [
            "2:11: error[yaml-syntax] the quote opened here is not closed on this line: the "
            f"text runs on to line 11, where a quote closes it (hint: {QUOTE})"
        ],
    ),
    "unclosed-single-quote": (
        edit(BASE, ("title: Customer", "title: 'Customer")),
        [f"1:8: error[yaml-syntax] the quote opened here is never closed (hint: {QUOTE})"],
    ),
    "tab-indent": (
        edit(BASE, ("  rating: low", "\trating: low")),
        [
            "17:1: error[yaml-syntax] a tab indents this line; YAML indents with spaces only "
            "(hint: replace the tab with spaces (most editors: 'indent using spaces'))"
        ],
    ),
    "key-swallowed-by-a-block": (
        edit(
            BASE,
            (
                f'  text: "{EXCERPT}"\n  section: "4.2"',
                f'  text: >-\n    {EXCERPT}\n    section: "4.2"',
            ),
        ),
        [
            "13:5: error[indented-into-text] `section:` is indented under `text:`, so it is "
            "read as part of the excerpt's text (hint: line `section:` up with `text:` (the same "
            "number of spaces))"
        ],
    ),
    "required-key-swallowed-by-a-literal-block": (
        edit(
            BASE,
            ("  retrieved: 2026-01-10\n", ""),
            (f'  text: "{EXCERPT}"', f"  text: |\n    {EXCERPT}\n    retrieved: 2026-01-10"),
        ),
        [
            "13:5: error[indented-into-text] `retrieved:` is indented under `text:`, so it is "
            "read as part of the excerpt's text (hint: line `retrieved:` up with `text:` (the same "
            "number of spaces))"
        ],
    ),
    "list-item-indented-under-the-item-above": (
        edit(BASE, ("  - Note the clause", "   - Note the clause")),
        [
            "25:4: error[indented-into-text] this '- ' item is indented more than the '-' above "
            "it, so it is read as part of that item's text (hint: line its '-' up with the one "
            "above; for a list inside a text, write the text as a block (`key: |` and the lines "
            "indented below it))"
        ],
    ),
    "text-written-as-keys": (
        edit(BASE, ("    note: A lawful", "    note:\n      Note: A lawful")),
        [
            "22:7: error[wrong-type] the first jurisdiction's note should be text, but the lines "
            "indented below it make it a set of keys (hint: write the text after the colon, in "
            "quotes if it holds ': ', or as a block (`key: >-` and the text indented below it))"
        ],
    ),
    "a-number-where-text-is": (
        edit(BASE, ('section: "4.2"', "section: 4.2")),
        [
            "12:12: error[wrong-type] the excerpt's section should be text, but YAML reads 4.2 "
            'as a number (hint: put it in quotes: "4.2")'
        ],
    ),
    "missing-key-is-shown-at-the-first-key-not-a-comment": (
        "# Reviewed by the legal team.\n"
        + edit(BASE, ("title: Customer content and model training\n", "")),
        [
            "2:1: error[missing-key] missing required key 'title' (hint: add `title:` to this "
            "mapping)"
        ],
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_one_plain_message_per_mistake_where_it_is(tmp_path: Path, case: str) -> None:
    text, expected = CASES[case]
    assert printed(tmp_path, text) == expected


def test_every_rule_runs_on_a_file_with_schema_errors(tmp_path: Path) -> None:
    """The unknown topic, the unknown jurisdiction and the excerpt that is not in the source
    come in the same run as the schema error, not after it is fixed."""
    text = edit(
        BASE,
        ("topic: customer-data-training", "topic: customer-data-trainin"),
        ("code: EU", "code: XX"),
        ("    note: A lawful", "    note:\n      Note: A lawful"),
        (json.dumps(EXCERPT), json.dumps(EXCERPT.replace("will not", "will never"))),
    )
    archive = f"4.1 Scope. These terms apply.\n\n4.2 Training. {EXCERPT}\n"
    assert [line.split(" (hint")[0] for line in printed(tmp_path, text, archive)] == [
        "3:8: error[dangling-reference] there is no topic in analyses/topics.yml "
        "'customer-data-trainin'",
        "11:9: error[excerpt-not-in-source] the excerpt does not occur in "
        "analyses/acme-cloud/sources/service-terms/2026-01-10.md",
        "20:11: error[dangling-reference] there is no jurisdiction in "
        "analyses/jurisdictions.yml 'XX'",
        "22:7: error[wrong-type] the first jurisdiction's note should be text, but the lines "
        "indented below it make it a set of keys",
    ]


def test_a_rule_says_nothing_of_what_a_schema_error_already_reports(tmp_path: Path) -> None:
    """A broken value stands in as empty for the other rules: an excerpt of the wrong type
    is one problem, not also "too short" or "not in the source"."""
    text = edit(BASE, (f'  text: "{EXCERPT}"', "  text: [a, list]"))
    archive = f"4.2 Training. {EXCERPT}\n"
    assert [line.split(" (hint")[0] for line in printed(tmp_path, text, archive)] == [
        "11:9: error[wrong-type] the excerpt's text should be text, but it is a list"
    ]


@pytest.mark.parametrize(
    ("excerpt", "clause", "alike", "first"),
    [
        (  # the excerpt leaves a word out: all its words are there, yet they differ
            EXCERPT.replace("will not use", "will use"),
            EXCERPT,
            "every word of the excerpt is in it, in order, but it has 1 word more",
            'they first differ at word 3: excerpt: "We will use Customer Content to train…" / '
            'archive: "…4.2 Training. We will not use Customer Content to…"',
        ),
        (  # a word changed at the very end: the passage is shown whole, up to the difference
            EXCERPT.replace("permit.", "allow."),
            EXCERPT,
            "12 of 13 words alike",
            'they first differ at word 13: excerpt: "…models except as you allow." / '
            'archive: "…models except as you permit. 4.3 Outputs are yours."',
        ),
    ],
)
def test_the_excerpt_hint_shows_both_sides_of_the_difference(
    tmp_path: Path, excerpt: str, clause: str, alike: str, first: str
) -> None:
    text = edit(BASE, (json.dumps(EXCERPT), json.dumps(excerpt)))
    archive = f"4.1 Scope. These terms apply.\n\n4.2 Training. {clause}\n\n4.3 Outputs are yours.\n"
    [line] = printed(tmp_path, text, archive)
    assert f'(hint: the closest passage of 2026-01-10.md ({alike}) is "{EXCERPT}"; {first};' in line
    assert "100" not in line and "%" not in line


@pytest.mark.parametrize(
    ("path", "words"),
    [
        (("title",), "'title'"),
        (("excerpt", "source_url"), "the excerpt's source_url"),
        (("jurisdictions", 0, "note"), "the first jurisdiction's note"),
        (("compliance_considerations", 1), "the second compliance consideration"),
        (("documents", 0, "history", 2, "date"), "the first document's third history entry's date"),
        (("citations", 10, "url"), "the 11th citation's url"),
        (("history", 21), "the 22nd history entry"),
    ],
)
def test_paths_are_named_in_words(path: tuple[str | int, ...], words: str) -> None:
    assert plain(path) == words


def test_a_broken_platform_is_one_problem_not_one_per_analysis(tmp_path: Path) -> None:
    """A document id that breaks its schema: its analyses, which name the id it had, and its
    sources/ folder are not reported as well (they follow from the same mistake)."""
    platform = "analyses/acme-cloud/platform.yml"
    text = (FIXTURES / "basic" / platform).read_text(encoding="utf-8")
    root = write_project(tmp_path / "p", {})
    write_archive(root, "acme-cloud/service-terms", [("2026-01-10", f"4.2 Training. {EXCERPT}")])
    (root / platform).write_text(text.replace("id: service-terms", "id: Service_Terms"), "utf-8")
    assert [p.text() for p in check(root)] == [
        f"{platform}:6:9: error[bad-id] the first document's id is 'Service_Terms', not a valid "
        "id (hint: write it like lower-case-words-with-hyphens)"
    ]
