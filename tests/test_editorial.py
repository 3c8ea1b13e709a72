"""Editorial guarantees on the shipped corpus (issue 15): readers never see working notes, and
the editorial pages say what a legal-information site must say in Clausebook's own words.

The working-notes test scans what the repository really ships, not a fixture: every analysis,
every platform.yml, every archived version's `partial` reason (the clause page shows it),
analyses/topics.yml, analyses/jurisdictions.yml and content/*.md. A phrase is matched
case-insensitively, on word boundaries, and across line breaks and indentation (a folded YAML
scalar may split it over two lines); each hit is reported as `file:line` with the field it is in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml as pyyaml
from mkdocs.config import load_config
from ruamel.yaml import YAML
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from tests.conftest import REPO

# Phrases that describe how a writer obtained or read a text rather than what the platform's
# terms say: readers must never see them (issue 15, point 1; EDITORIAL.md "What readers may see").
WORKING_NOTES = (
    "stored copy",
    "stored copies",
    "stored text",
    "stored version",
    "stored versions",
    "our copy",
    "this corpus",
    "our corpus",
    "text read",
    "text actually read",
    "actually read",
    "only quotes text",
    "copy read",
    "copies read",
    "copy we read",
    "copy that was read",
    "copy was read",
    "could not be read",
    "archived copy",
    "archived copies",
    "version read",
    "versions read",
    "version we read",
    "whether this section changed",
    "working note",
    "working notes",
    "TODO",
    "FIXME",
    "TBD",
)
# The site credits Open Terms Archive centrally (about, methodology); an analysis or a platform
# description does not narrate where its text came from. Editorial pages may name it.
ANALYSIS_ONLY = ("OTA", "Open Terms Archive")

# Fragments of a competitor's standard footer that the old disclaimer followed (research §9.1):
# matched loosely, so a reworded copy of the same sentence is caught too.
COMPETITOR_FOOTER = (
    r"\bpermits?\s*,?\s*(?:or\s+)?reserves?\b",  # "says, permits or reserves"
    r"\blegal\s+determination\b",
    r"\bdetermination\s+(?:of|about)\s+(?:whether\s+.{0,40})?enforceab",
    r"\bapplicability\s+(?:and\s+outcomes\s+)?var(?:y|ies)\b",
    r"\binterpreted\s+and\s+enforced\b",
    r"\benforcement\s+context\b",
)

ANALYSES = REPO / "analyses"
CONTENT = REPO / "content"


def _pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    words = (r"\s+".join(re.escape(w) for w in p.split()) for p in phrases)
    return re.compile(r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)", re.IGNORECASE)


NOTES = _pattern(WORKING_NOTES)
NOTES_AND_SOURCES = _pattern(WORKING_NOTES + ANALYSIS_ONLY)


@dataclass(frozen=True)
class Hit:
    path: Path
    line: int
    field: str
    phrase: str

    def __str__(self) -> str:
        where = f" in {self.field}" if self.field else ""
        return f"{self.path.relative_to(REPO)}:{self.line}: '{self.phrase}'{where}"


def _scalars(node: Node, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Node]]:
    """Every scalar value under `node` (keys excluded), with its path of keys and indexes."""
    if isinstance(node, ScalarNode):
        yield path, node
    elif isinstance(node, MappingNode):
        for key, value in node.value:
            yield from _scalars(value, (*path, str(key.value)))
    elif isinstance(node, SequenceNode):
        for i, item in enumerate(node.value):
            yield from _scalars(item, (*path, str(i)))


def _skipped(path: Path, field: tuple[str, ...]) -> bool:
    if path.name == "versions.yml":
        # Only a version's `partial` reason is prose shown to readers; the rest is provenance
        # (credit lines name Open Terms Archive by design).
        return len(field) != 3 or field[0] != "versions" or field[2] != "partial"
    # The excerpt is the platform's own words, quoted exactly: not ours to reword.
    if field == ("excerpt", "text"):
        return True
    # A document's `source` says where its versions are imported from; it is not shown.
    return len(field) >= 3 and field[0] == "documents" and field[2] == "source"


def _yaml_hits(path: Path) -> Iterator[Hit]:
    text = path.read_text(encoding="utf-8")
    root = YAML().compose(text)
    if root is None:
        return
    editorial = path.parent == ANALYSES  # topics.yml, jurisdictions.yml
    pattern = NOTES if editorial or path.name == "versions.yml" else NOTES_AND_SOURCES
    for field, node in _scalars(root):
        if _skipped(path, field):
            continue
        start, end = node.start_mark.index, node.end_mark.index
        # The scalar as written (folded lines, indentation), so the hit's line is exact.
        for m in pattern.finditer(text, start, end):
            line = text.count("\n", 0, m.start()) + 1
            yield Hit(path, line, ".".join(field), " ".join(m.group().split()))


def _markdown_hits(path: Path) -> Iterator[Hit]:
    text = path.read_text(encoding="utf-8")
    for m in NOTES.finditer(text):
        yield Hit(path, text.count("\n", 0, m.start()) + 1, "", " ".join(m.group().split()))


def working_notes() -> list[Hit]:
    files = sorted(p for p in ANALYSES.rglob("*.yml") if "schema" not in p.parts)
    hits = [h for p in files for h in _yaml_hits(p)]
    hits += [h for p in sorted(CONTENT.glob("*.md")) for h in _markdown_hits(p)]
    return hits


def test_the_scan_reaches_every_kind_of_file() -> None:
    """Guards the scan itself: a glob that found nothing would make the next test pass."""
    files = [p for p in ANALYSES.rglob("*.yml") if "schema" not in p.parts]
    names = {p.name for p in files}
    assert {"topics.yml", "jurisdictions.yml", "platform.yml", "versions.yml"} <= names
    analyses = [p for p in files if p.parent.parent == ANALYSES and p.name != "platform.yml"]
    assert len(analyses) >= 5
    assert {p.name for p in CONTENT.glob("*.md")} >= {"about.md", "disclaimer.md", "methodology.md"}


def test_no_working_notes_reach_readers() -> None:
    hits = working_notes()
    assert not hits, f"{len(hits)} working note(s) readers would see:\n" + "\n".join(map(str, hits))


def test_the_phrase_matcher(tmp_path: Path) -> None:
    """Word boundaries, case, line breaks inside a folded scalar, and the fields left out."""
    assert NOTES.search("The Stored\n    Copy ends here")
    assert NOTES.search("see the version read.")
    assert not NOTES.search("the text reads as follows")  # 'reads', not 'read'
    assert not NOTES.search("in this context read")  # 'context', not 'text'
    assert not NOTES.search("a restored copy")
    assert not NOTES.search("Where our copies of provider documents come from")
    assert NOTES.search("The stored text reads")
    assert NOTES_AND_SOURCES.search("taken from OTA's repository")
    assert not NOTES_AND_SOURCES.search("a quota of requests")
    analysis = tmp_path / "a.yml"
    analysis.write_text(
        "summary: >-\n  The clause, in the\n  stored copy, ends.\n"
        "excerpt:\n  text: The archived copy is the provider's own phrase.\n"
        "history:\n  - date: 2026-01-01\n    summary: Open Terms Archive version read.\n",
        encoding="utf-8",
    )
    got = [(h.line, h.field, h.phrase.lower()) for h in _yaml_hits(analysis)]
    assert got == [
        (3, "summary", "stored copy"),
        (8, "history.0.summary", "open terms archive"),
        (8, "history.0.summary", "version read"),
    ]


def test_disclaimer_is_not_the_competitor_footer() -> None:
    for page in sorted(CONTENT.glob("*.md")):
        text = page.read_text(encoding="utf-8")
        for fragment in COMPETITOR_FOOTER:
            m = re.search(fragment, text, re.IGNORECASE)
            assert m is None, f"{page.name}: '{m.group()}' follows a competitor's footer"


def test_clause_page_disclaimer_is_not_the_competitor_footer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The one-line disclaimer on every clause page (the clausebook plugin's `disclaimer`
    option as MkDocs loads it from mkdocs.yml; generator/settings.py holds its default) is held
    to the same rule as the disclaimer page."""
    monkeypatch.chdir(REPO)
    plugin = load_config(str(REPO / "mkdocs.yml"))["plugins"]["clausebook"]
    line = plugin.config.disclaimer
    for fragment in COMPETITOR_FOOTER:
        m = re.search(fragment, line, re.IGNORECASE)
        assert m is None, f"clause-page disclaimer: '{m.group()}' follows a competitor's footer"


def test_disclaimer_says_what_a_legal_information_site_must() -> None:
    text = " ".join((CONTENT / "disclaimer.md").read_text(encoding="utf-8").split())
    for needed in (
        r"not legal advice",
        r"no lawyer[\u2013-]client relationship",  # en dash or hyphen
        r"no warranty",
        r"accurate, complete, up to date",
        r"at your own risk",
        r"not liable",
        r"cannot lawfully be excluded or limited",
        r"Report an error in an analysis",
        r"not affiliated with, endorsed by or sponsored by",
        r"Trademarks",
    ):
        assert re.search(needed, text, re.IGNORECASE), f"disclaimer.md lacks: {needed}"


def test_methodology_lists_every_topic_question_and_the_rubric_rules() -> None:
    topics = pyyaml.safe_load((ANALYSES / "topics.yml").read_text(encoding="utf-8"))["topics"]
    page = (CONTENT / "methodology.md").read_text(encoding="utf-8")
    rows = {line.split("|")[1].strip(): line for line in page.splitlines() if line.startswith("| ")}
    for t in topics:
        assert t["title"] in rows, f"methodology.md has no row for topic {t['id']}"
        assert t["question"] in rows[t["title"]], f"methodology.md: {t['id']}'s question differs"
        for choice in t["answer"].get("choices", ()):
            assert choice["label"] in rows[t["title"]], f"{t['id']}: '{choice['label']}' missing"
    flat = " ".join(page.split())
    for rule in (
        "Negotiation never lowers a rating.",
        "Common market practice neither lowers nor raises a rating.",
        "Enforcement risk is assessed separately",
        "business customers in the European Economic Area (EEA) and the United Kingdom",
    ):
        assert rule in flat, f"methodology.md lacks the rubric rule: {rule}"
