"""Every authored word kept: hypothesis properties of the markup filters (thousands of cases,
no MkDocs), then hypothesis-generated analyses through real YAML files and real builds.

Hypothesis cannot hold hundreds of analyses in one example (its choice buffer overruns and it
shrinks them to nothing: measured), so the build test lets hypothesis generate one analysis
per example, collects them, and builds them in batches of BATCH analyses: one MkDocs build
per batch, never one per case.
"""

from __future__ import annotations

import os
import re
import string
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.site import markup
from generator.site.render import _cell, _verbatim
from generator.source import text as normalise_text
from generator.source.text import isolate
from tests import exportcheck
from tests.conftest import make_project
from tests.hostile_corpus import write
from tests.htmlstructure import fold, parse

ALLOWED = {"p", "em", "strong", "code", "a", "ul", "ol", "li", "br", "div"}
META = [
    *"<>&\"'`*_[](){}#!|=-+:;~^%$@\\/",
    "{{",
    "}}",
    "{%",
    "%}",
    "<!--",
    "-->",
    "!!! note",
    '=== "x"',
    "---",
    "--8<--",
    "```",
    "<script>",
    "javascript:",
    "](",
    "]: ",
    "[a]",
    "[a]: ",
    "(https://a.example)",
    "<https://a.example>",
    "1. ",
    "- ",
    "# ",
    "> ",
    "\n",
    "\n\n",
    "  \n",
    "    ",
    "&amp;",
    "&#60;",
    "\u202e",
    "\u200d",
    "\u0301",
    "\ufeff",
    "\u2028",
    "\xa0",
    "😀",
    "👩‍💻",
    "漢字",
    "مرحبا",
]
# Any character YAML can hold and `check` accepts (no surrogates, no C0/C1 controls but tab
# and newline, no noncharacters: check refuses those as bad-character).
CHARS = st.characters(exclude_categories=("Cs", "Cc")).filter(
    lambda c: not normalise_text.BAD.match(c)
) | st.sampled_from(["\t", "\n"])
TEXT = st.lists(CHARS.map(str) | st.sampled_from(META), min_size=1, max_size=40).map("".join)
PUNCT = re.escape(string.punctuation)
# List markers, nested ones too ("1. - 2. x"): numbering is the list's, not words.
LIST_MARKER = re.compile(r"(?m)^[ \t]*(?:(?:\d+\.|[-*+])(?:[ \t]+|$))+")
# CLAUSEBOOK_FUZZ=N multiplies both runs for a long local fuzz (the suite runs with 1).
SCALE = int(os.environ.get("CLAUSEBOOK_FUZZ", "1"))
FAST = settings(
    max_examples=2500 * SCALE,
    deadline=None,
    database=None,  # slow CI: no failure
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def words(text: str) -> list[str]:
    """Runs of characters that are neither ASCII punctuation nor whitespace: what a reader
    reads, whatever the Markdown subset did with the punctuation around it."""
    return re.findall(rf"[^\s{PUNCT}]+", LIST_MARKER.sub(" ", text))


@FAST
@given(TEXT)
def test_block_keeps_every_word_and_makes_only_subset_markup(text: str) -> None:
    page = parse(f"<div>{markup.block(text)}</div>")
    kept = page.text + " " + " ".join(v for _, k, v in page.attrs() if k in ("href", "title"))
    for word in words(text.replace("\ufffd", " ")):
        assert word in kept, (word, text)
    for tag, attrs in page.tags:
        assert tag in ALLOWED, (tag, text)
        assert set(attrs) <= {"href", "title", "start"}, (attrs, text)
        assert markup.is_safe_url(attrs.get("href", "")), (attrs, text)
    unescaped = text.replace("\\", "")  # Markdown's backslash escapes: "&\#" shows "&#"
    for entity in ("&#", "&amp;", "&lt;"):  # escaped twice would show entities as text
        assert page.text.count(entity) <= unescaped.count(entity), (entity, text)


@FAST
@given(TEXT)
def test_inline_and_verbatim_keep_the_text_exactly(text: str) -> None:
    inline = parse(f"<div>{markup.inline(text)}</div>")
    assert [t for t, _ in inline.tags] == ["div"]
    assert inline.text == isolate(fold(text))  # an open bidirectional control stays in its text
    verbatim = parse(f"<div>{_verbatim(text)}</div>")
    assert {t for t, _ in verbatim.tags} <= {"div", "p", "br"}
    assert verbatim.text == fold(text)
    cell = _cell(text)
    assert "\n" not in cell  # a table cell is one line of Markdown
    assert parse(f"<div>{cell}</div>").text == parse(f"<div>{markup.block(text)}</div>").text


# One generated analysis: every text field of the format.
LINE = TEXT.map(lambda t: " ".join(t.split())[:300]).filter(bool)
ANALYSIS = st.fixed_dictionaries(
    {
        "title": LINE,
        "summary": TEXT,
        "impact": TEXT,
        "excerpt": TEXT,
        "section": LINE,
        "landscape": TEXT,
        "rationale": TEXT,
        "note": TEXT,
        "contract": TEXT,
        "consideration": TEXT,
        "label": LINE,
        "risk": TEXT,
        "change": TEXT,
        "question": TEXT,
        "answer": TEXT,
    }
).filter(lambda a: all(v.strip() for v in a.values()))
BATCH, BATCHES, TOPICS = 200, 2 * SCALE, 25
BLOCKS = (
    "summary",
    "impact",
    "landscape",
    "rationale",
    "note",
    "contract",
    "consideration",
    "risk",
    "change",
    "answer",
)
LINES = ("title", "section", "label", "question", "excerpt")


def analysis_yaml(a: dict[str, str], topic: str) -> dict[str, Any]:
    return {
        "title": a["title"],
        "document": "service-terms",
        "topic": topic,
        "summary": a["summary"],
        "impact": a["impact"],
        "excerpt": {
            "text": a["excerpt"],
            "section": a["section"],
            "source_url": "https://example.org/terms",
            "retrieved": "2026-01-10",
        },
        "regulatory_landscape": a["landscape"],
        "exposure": {"rating": "medium", "rationale": a["rationale"]},
        "jurisdictions": [{"code": "EU", "note": a["note"]}],
        "contract_implications": a["contract"],
        "compliance_considerations": [a["consideration"]],
        "citations": [{"label": a["label"], "url": "https://example.org/law"}],
        "enforcement_risk": a["risk"],
        "history": [{"date": "2026-01-10", "summary": a["change"]}],
        "faq": [{"question": a["question"], "answer": a["answer"]}],
        "reviewed": "2026-01-10",
    }


def generated(
    strategy: st.SearchStrategy[dict[str, str]] = ANALYSIS, count: int = BATCH * BATCHES
) -> list[dict[str, str]]:
    """`count` examples of `strategy`, collected (one per hypothesis example) for batches."""
    found: list[dict[str, str]] = []

    @settings(
        max_examples=count,
        deadline=None,
        database=None,
        suppress_health_check=[
            HealthCheck.filter_too_much,
            HealthCheck.too_slow,
            HealthCheck.data_too_large,
        ],
    )
    @given(strategy)
    def collect(a: dict[str, str]) -> None:
        found.append(a)

    collect()
    return found


@pytest.fixture(scope="module")
def batches(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, list[tuple]]]:
    analyses = generated()
    assert len(analyses) >= BATCH  # hypothesis stops early only if it runs out of ideas
    built = []
    for b in range(0, len(analyses), BATCH):
        root = make_project(tmp_path_factory.mktemp("words") / "project")
        # Many topics: every clause page lists the other platforms' analyses of its topic, so
        # one topic for all would make each page as long as the whole batch.
        write(
            root / "analyses/topics.yml",
            {
                "topics": [
                    {"id": f"topic-{t}", "title": f"Topic {t}", "definition": "Generated."}
                    for t in range(TOPICS)
                ]
                + [
                    {"id": "customer-data-training", "title": "Training", "definition": "Fixture."},
                    {"id": "output-ownership", "title": "Outputs", "definition": "Fixture."},
                ]
            },
        )
        placed = []
        for i, a in enumerate(analyses[b : b + BATCH]):
            platform = ("acme-cloud", "globex-ai", "initech-ml")[i % 3]
            write(
                root / f"analyses/{platform}/gen-{i:03d}.yml",
                analysis_yaml(a, f"topic-{i % TOPICS}"),
            )
            placed.append((f"platforms/{platform}/gen-{i:03d}/", a))
        assert main(["build", str(root)]) == 0
        built.append((root, placed))
    return built


@pytest.mark.e2e
def test_every_generated_text_is_readable_on_its_page(batches: list[tuple[Path, list]]) -> None:
    checked = 0
    for root, placed in batches:
        for url, a in placed:
            page = parse((root / "site" / url / "index.html").read_text(encoding="utf-8")).text
            for key in LINES:
                assert fold(nfc(a[key])) in page, (url, key, a[key])  # NFC since load
            for key in BLOCKS:
                shown = parse(f"<div>{markup.block(nfc(a[key]))}</div>").text
                assert shown in page, (url, key)
            checked += 1
    assert checked >= BATCH * BATCHES * 0.9


@pytest.mark.e2e
def test_every_generated_text_is_in_the_json_export(batches: list[tuple[Path, list]]) -> None:
    for root, placed in batches:
        if exportcheck.export_strings(root / "site") is None:
            pytest.skip("no JSON export (site/api/v1/platforms/) on this branch yet")
        texts = [(url.split("/")[1], nfc(v)) for url, a in placed for v in a.values()]
        assert exportcheck.missing_from_exports(root / "site", texts) == []
