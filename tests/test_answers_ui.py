"""Answers at a glance (issue 16), in the generated pages and files: the answer first on a
clause page, answers in every table, honest coverage ("analysed for N of M", "not yet
analysed" with a link to propose one, "not addressed" with the documents checked), the
platform summary, "Report an error", the Compare table as CSV and JSON, the answer in the
API, JSON-LD and search fields. Real generation of the basic fixture with answers."""

from __future__ import annotations

import csv
import html as htmllib
import io
import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from generator.export import api, heads
from generator.pipeline import generate
from generator.postbuild.quick import quick_pages
from generator.settings import Settings
from generator.site.issues import issue_url, new_file_url
from tests.test_answers import with_answers

NOT_ADDRESSED = (
    "not_addressed:\n"
    "  - topic: output-ownership\n    documents: [service-terms]\n"
    "    note: Nothing on who owns outputs.\n    reviewed: 2026-01-10\n"
)


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The basic fixture with answers, built from a fork (`repo_url` of another owner);
    initech-ml's terms are silent on output ownership; globex-ai has no output analysis."""
    monkeypatch.setenv("REPO_URL", "https://github.com/some-fork/clauses")
    root = with_answers(tmp_path)
    (root / "analyses/globex-ai/outputs.yml").unlink()
    platform = root / "analyses/initech-ml/platform.yml"
    platform.write_text(platform.read_text(encoding="utf-8") + NOT_ADDRESSED, encoding="utf-8")
    generate(root)
    return root


def page(root: Path, rel: str) -> str:
    return (root / "build/docs" / rel).read_text(encoding="utf-8")


def test_the_answer_comes_first_on_a_clause_page(root: Path) -> None:
    text = page(root, "platforms/acme-cloud/customer-data-training/index.md")
    answer = text.index('<div class="cb-answer"')
    assert answer < text.index("## Summary") < text.index("## The clause")
    block = text[answer : text.index("</div>", answer)]
    assert "May the provider train its models on our data?" in block
    assert '<strong class="cb-answer__label">No</strong>' in block
    assert "cb-badge--" in block
    assert "Customer content is excluded." in block  # the one-line reason
    assert "on this topic means:" in block  # the rating legend of the topic
    # "Report an error": the fork's own issue form, prefilled with the page
    assert "https&#58;//github.com/some&#45;fork/clauses/issues/new?" in block
    assert "template&#61;report&#45;error.yml" in block
    assert "clausebook/clausebook" not in text


def test_issue_links_follow_repo_url_and_need_a_github_repository() -> None:
    url = issue_url("https://github.com/a/b/", "report-error.yml", "Error: x/y", page="https://s/")
    assert url == (
        "https://github.com/a/b/issues/new?template=report-error.yml&title=Error%3A+x%2Fy"
        "&page=https%3A%2F%2Fs%2F"
    )
    assert issue_url("", "report-error.yml", "t") is None
    assert issue_url("https://gitlab.com/a/b", "report-error.yml", "t") is None
    assert issue_url("javascript:alert(1)//github.com/a/b", "report-error.yml", "t") is None


def test_a_gap_links_to_githubs_new_file_page_and_the_page_holds_the_skeleton(
    root: Path,
) -> None:
    """The link names the file; the skeleton is on the page once, encoded for the address,
    for assets/propose.js to add with the link's topic (tests/browser: in Chromium)."""
    text = htmllib.unescape(page(root, "platforms/globex-ai/index.md"))
    found = re.search(
        r'<a href="([^"]+)" class="cb-propose" data-cb-topic="([^"]+)">write it on GitHub</a>',
        text,
    )
    assert found, "no 'write it on GitHub' link for a topic not yet analysed"
    url = urlsplit(found.group(1))
    assert (url.netloc, url.path) == ("github.com", "/some-fork/clauses/new/main")
    assert parse_qs(url.query) == {"filename": ["analyses/globex-ai/output-ownership.yml"]}
    assert found.group(2) == "output-ownership"
    held = re.findall(r'data-cb-skeleton="([^"]+)"', text)
    assert len(held) == 1
    filled = held[0].replace("%7Btopic%7D", found.group(2))
    skeleton = parse_qs("value=" + filled)["value"][0]
    assert skeleton.startswith("# yaml-language-server: $schema=../schema/analysis.schema.json")
    assert "\ntopic: output-ownership " in skeleton and "retrieved: YYYY-MM-DD" in skeleton
    assert new_file_url("https://gitlab.com/a/b", "main", "x.yml") is None


def test_no_repo_url_no_report_link(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPO_URL", "")
    root = with_answers(tmp_path)
    generate(root)
    text = page(root, "platforms/acme-cloud/customer-data-training/index.md")
    assert "Report an error" not in text and "issues/new" not in text


def test_topic_page_tells_coverage_honestly(root: Path) -> None:
    text = page(root, "topics/output-ownership.md")
    assert "Analysed for **1 of 3** platforms" in text
    assert "Found in" not in text
    assert "## Not addressed in the platform's terms" in text
    silent = text[text.index("## Not addressed") : text.index("## Not yet analysed")]
    assert "Initech" in silent and "Nothing on who owns outputs." in silent
    assert "Documents checked:" in silent and "Initech ML Service Terms" in silent
    missing = text[text.index("## Not yet analysed") :]
    assert "Globex" in missing
    assert "some&#45;fork/clauses/issues/new?template&#61;propose&#45;analysis.yml" in missing
    # The answers and what each rating means for the topic.
    training = page(root, "topics/customer-data-training.md")
    assert "| **Yes, unless you opt out** |" in training
    assert "What the answers and ratings mean" in training


def test_topics_chart_and_table_say_analysed_not_found(root: Path) -> None:
    text = page(root, "topics/index.md")
    assert "analysed for 1 of 3 platforms" in text
    assert "Topic adoption" not in text


def test_platform_page_opens_with_its_summary(root: Path) -> None:
    text = page(root, "platforms/initech-ml/index.md")
    summary = text[text.index('<div class="cb-summary"') :]
    assert summary.index("analyses") < summary.index("Coverage:") < summary.index("## Documents")
    # model-improvement is a draft: no published analysis
    coverage = "analysed for **0 of 2** topics; 1 not addressed in its terms; 1 not yet analysed"
    assert coverage in text
    assert "Not addressed in the platform's terms (1 documents checked" in text
    acme = page(root, "platforms/acme-cloud/index.md")
    assert (
        acme.index("## Highest exposure")
        < acme.index("## Documents")
        < acme.index("## Coverage by topic")
    )
    assert "Last change" in acme and "data-cb-print" in acme


def test_compare_marks_each_gap_by_its_kind(root: Path) -> None:
    text = page(root, "compare/index.md")
    assert '<td class="cb-matrix__gap">Not addressed</td>' in text
    assert '<td class="cb-matrix__gap">Not yet analysed</td>' in text
    assert '<span class="cb-matrix__answer">No</span>' in text
    assert 'class="cb-sort" data-column="1">' in text  # the heading itself sorts
    assert "compare.csv" in text


def test_compare_csv_and_json_carry_the_same_cells(root: Path) -> None:
    docs = root / "build/docs/api/v1"
    cells = json.loads((docs / "compare.json").read_text(encoding="utf-8"))["cells"]
    rows = list(csv.DictReader(io.StringIO((docs / "compare.csv").read_text(encoding="utf-8"))))
    assert len(rows) == len(cells) == 3 * 2  # every platform on every topic (one analysis each)
    assert [(r["platform"], r["topic"], r["coverage"]) for r in rows] == [
        (c["platform"], c["topic"], c["coverage"]) for c in cells
    ]
    api_page = page(root, "api.md")  # both are documented with the other endpoints
    assert "api/v1/compare.json" in api_page and "api/v1/compare.csv" in api_page
    states = {(r["platform"], r["topic"]): r for r in rows}
    assert states["initech-ml", "output-ownership"]["coverage"] == "not-addressed"
    assert states["globex-ai", "output-ownership"]["coverage"] == "not-analysed"
    assert states["acme-cloud", "customer-data-training"]["answer_label"] == "No"
    assert states["acme-cloud", "output-ownership"]["answer"] == "30"


def test_csv_cells_never_start_a_formula() -> None:
    from generator.export.tables import _cell

    assert _cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert _cell("@SUM(A1)") == "'@SUM(A1)"
    assert _cell("-1") == "'-1"
    assert _cell(30) == "30" and _cell(None) == ""


def test_answer_in_api_json_ld_explore_and_search(tmp_path: Path) -> None:
    root = with_answers(tmp_path)
    generated = generate(root)
    index = generated.index
    c = index.by_key["acme-cloud/customer-data-training"]
    settings = Settings(site_url="https://example.org/")
    ref = next(a for a in api.analyses_document(index, settings).analyses if a.id == c.key)
    assert (ref.answer, ref.answer_label, ref.answer_reason) == (
        "no",
        "No",
        "Customer content is excluded.",
    )
    graph = heads.json_ld(c, settings)["@graph"]
    question = next(n for n in graph if n["@type"] == "Question")
    assert question["name"] == "May the provider train its models on our data?"
    assert question["acceptedAnswer"]["text"] == "No. Customer content is excluded."
    explore = page(root, "explore/index.md")
    assert 'data-answer="customer&#45;data&#45;training&#58;no"' in explore
    assert '<select name="answer">' in explore
    assert "Use of customer data for training&#58; Yes, unless you opt out (1)" in explore
    quick = quick_pages(index)["platforms/acme-cloud/customer-data-training/index.html"]
    for name, value in (("platform", "Acme Cloud"), ("answer", "No"), ("rating", "Low")):
        assert f'data-pagefind-meta="{name}">{value}<' in quick
    clause = page(root, "platforms/acme-cloud/customer-data-training/index.md")
    assert 'data-pagefind-meta="answer">No<' in clause
    assert "data-pagefind-filter" not in clause  # not reproducible: see searchmeta.py
    # Other platforms' answers on the same topic.
    others = clause[clause.index("## How other platforms handle this") :]
    assert "<td><strong>Yes, unless you opt out</strong></td>" in others


def test_feed_links_do_not_make_material_fetch_a_sitemap_beside_them() -> None:
    head = heads.Head(feeds=(("Feed", "feed.xml"),))
    assert '<link rel="alternate " type="application/atom+xml"' in heads.render(
        head, "t", "", "https://example.org/", "Site"
    )


def test_serve_renders_everything_when_an_answer_changes(tmp_path: Path) -> None:
    from generator.check import load_corpus
    from generator.model.index import build_index
    from generator.site import incremental
    from generator.source.cache import MEMOS

    root = with_answers(tmp_path)
    first = generate(root, serve=True)
    clause = root / "analyses/globex-ai/training-on-prompts.yml"
    clause.write_text(
        clause.read_text(encoding="utf-8").replace("value: opt-out", 'value: "no"'),
        encoding="utf-8",
    )
    corpus, _ = load_corpus(root, memo=True)
    assert first.shown is not None
    # Compare, the tables and Explore's Answer filter show it: every page is rendered again.
    assert incremental.changed_pages(first.index, build_index(corpus), True, first.shown) is None
    MEMOS.clear()
