"""Hostile content is shown as text, never executed: one all-hostile corpus, one real build.

Every page of the built site is parsed; every page of a clean build (the fictional corpus) is
the baseline for what scripts, tags and attributes may exist at all.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from generator.cli import main
from generator.engine.config import ENGINES
from generator.site import markup
from tests import exportcheck, pagefind_index
from tests import hostile_corpus as hc
from tests.conftest import make_project
from tests.hostile_corpus import hostile_build, make_hostile  # noqa: F401 (a fixture)
from tests.htmlstructure import URL_ATTRS, Page, fold, is_script_url, parse

pytestmark = pytest.mark.e2e

# Tags an injection would need; each one on a hostile page must also exist on a clean page.
GUARDED = {
    "script",
    "style",
    "iframe",
    "frame",
    "img",
    "svg",
    "object",
    "embed",
    "form",
    "input",
    "link",
    "meta",
    "base",
    "template",
    "math",
    "textarea",
    "button",
    "select",
    "video",
    "audio",
    "source",
    "details",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
}


@pytest.fixture(scope="module", params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def built(
    hostile_build: Path,  # noqa: F811 (the imported fixture)
    engine: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> Path:
    """The hostile project built by each engine (MkDocs' build is shared with other tests)."""
    if engine == "mkdocs":
        return hostile_build
    root = make_hostile(tmp_path_factory.mktemp(f"hostile-{engine}") / "project")
    assert main(["build", str(root), "--engine", engine]) == 0
    return root


def read_site(site: Path) -> dict[str, Page]:
    return {
        p.relative_to(site).as_posix().removesuffix("index.html"): parse(
            p.read_text(encoding="utf-8")
        )
        for p in sorted(site.rglob("*.html"))
    }


@pytest.fixture(scope="module")
def pages(built: Path) -> dict[str, Page]:
    return read_site(built / "site")


@pytest.fixture(scope="module")
def clean(engine: str, tmp_path_factory: pytest.TempPathFactory) -> list[Page]:
    """Every page of the fictional corpus's site: what the theme and our templates make."""
    root = make_project(tmp_path_factory.mktemp("clean") / "project")
    assert main(["build", str(root), "--engine", engine]) == 0
    return list(read_site(root / "site").values())


def shape(tag: str, attrs: dict[str, str]) -> tuple[str, tuple[str, ...]]:
    """What identifies an element apart from per-page values (URLs, descriptions)."""
    keep = ("rel", "name", "property", "type", "charset", "http-equiv")
    return tag, tuple(sorted(k if k not in keep else f"{k}={attrs[k]}" for k in attrs))


def visible(html: str) -> str:
    return parse(f"<div>{html}</div>").text


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def seen(text: str) -> str:
    """Authored text as a page shows it: in NFC (load normalises it), whitespace folded."""
    return fold(nfc(text))


BLOCK = visible(
    str(markup.block(unicodedata.normalize("NFC", hc.TEXT)))
)  # as the subset renders it
VERBATIM = seen(hc.TEXT)  # the excerpt: every character as written


def test_the_corpus_holds_every_payload() -> None:
    assert all(p in hc.TEXT for p in hc.ALL)
    assert " ".join(hc.LINES).split() == " ".join(hc.LINE_PAYLOADS).split()


def test_only_materials_own_scripts(pages: dict[str, Page], clean: list[Page]) -> None:
    baseline = {script for page in clean for script in page.scripts}
    counts = {len(page.scripts) for page in clean}
    for url, page in pages.items():
        assert set(page.scripts) <= baseline, url
        assert len(page.scripts) in counts, url
        for block in page.data_blocks:  # JSON-LD: authored text must not end the element
            json.loads(block)


def test_no_event_handlers_and_no_script_urls(pages: dict[str, Page]) -> None:
    for url, page in pages.items():
        for tag, name, value in page.attrs():
            assert not name.startswith("on"), (url, tag, name, value)
            if name in URL_ATTRS:
                assert not is_script_url(value), (url, tag, name, value)


def test_no_element_that_a_clean_page_lacks(pages: dict[str, Page], clean: list[Page]) -> None:
    shapes = {shape(t, a) for page in clean for t, a in page.tags}
    for url, page in pages.items():
        for tag, attrs in page.tags:
            if tag in GUARDED:
                assert shape(tag, attrs) in shapes, (url, tag, attrs)
            assert "cbinjected" not in attrs.get("class", ""), url


def test_no_element_takes_an_id_materials_scripts_look_up(
    pages: dict[str, Page], clean: list[Page]
) -> None:
    """Material finds its elements by ids starting with "__" (__config, __search …); a
    heading slugged from authored text must not take one (DOM clobbering)."""
    theirs = {a["id"] for page in clean for _, a in page.tags if a.get("id", "").startswith("_")}
    assert "__config" in theirs
    for url, page in pages.items():
        ids = [a["id"] for _, a in page.tags if "id" in a]
        assert {i for i in ids if i.startswith("_")} <= theirs, url
        assert len([i for i in ids if i.startswith("_")]) == len(
            {i for i in ids if i.startswith("_")}
        ), url


def test_no_headings_tables_or_titles_made_from_authored_syntax(pages: dict[str, Page]) -> None:
    for url, page in pages.items():
        for marker in (
            "HeadingMarker",
            "SubMarker",
            "SetextMarker",
            "AdmonitionMarker",
            "TabMarker",
            "DetailsMarker",
        ):
            assert marker not in page.headings, url
        assert not page.title.startswith(("HijackedTitle", "hijacked")), url
        widths: dict[int, set[int]] = {}
        for table, cells in page.rows:
            assert not {"PipeA", "PipeB", "PipeC", "PipeD"} & set(cells), url
            widths.setdefault(table, set()).add(len(cells))
        assert all(len(w) == 1 for w in widths.values()), (url, widths)
        assert not [c for c in page.comments if "PWNED" in c or "md:" in c], url


def test_jinja_and_snippets_are_not_evaluated(built: Path, pages: dict[str, Page]) -> None:
    for url, page in pages.items():
        assert "1337" not in page.text, url  # {{ 7*191 }}
        assert "root:x:0:0" not in page.text, url  # --8<-- "/etc/passwd"
    assert "{{ 7*191 }} {{ config.site_name }}" in pages["platforms/evil-cloud/clause-0/"].text


def test_every_payload_is_visible_text_on_every_page_kind(pages: dict[str, Page]) -> None:
    clause_pages = hc.clause_pages(Path())
    for url, title in clause_pages.items():
        text = pages[url].text
        assert seen(title) in text, url
        assert VERBATIM in text, url  # the excerpt keeps every payload character for character
        assert BLOCK in text, url
        for payload in hc.LINE_PAYLOADS:
            assert seen(payload) in text, (url, payload)
    expectations = {
        "platforms/evil-cloud/": [hc.LINE_PAYLOADS[0], hc.LINE_PAYLOADS[3], hc.LINE_PAYLOADS[2]],
        "platforms/evil-ai/": [hc.LINE_PAYLOADS[10]],
        "topics/hostile/": [hc.LINE_PAYLOADS[0]],
        "topics/hostile-two/": [hc.LINE_PAYLOADS[6]],
        "jurisdictions/eu/": [hc.LINE_PAYLOADS[1], *hc.LINE_PAYLOADS[:4]],
        "jurisdictions/us-ca/": [hc.LINE_PAYLOADS[8]],
        "": [hc.LINES[0]],
        "changes/": [hc.LINES[1]],
        "topics/": [],
        "jurisdictions/": [],
    }
    for url, lines in expectations.items():
        text = pages[url].text
        for line in lines:
            assert seen(line) in text, (url, line)
        if url not in ("", "jurisdictions/", "platforms/"):
            assert BLOCK in text, url


def test_search_index_holds_the_payloads_as_text(built: Path) -> None:
    """Pagefind stores each page's text; the results list shows it as text (see the browser
    test). Every payload is there, as the characters the author wrote."""
    records = {r["url"].strip("/"): r for r in pagefind_index.fragments(built / "site")}
    for url in hc.clause_pages(Path()):
        record = records[url.strip("/")]
        text = fold(record["meta"].get("title", "") + " " + record["content"])
        for payload in hc.LINE_PAYLOADS:
            assert seen(payload) in text, (url, payload)
    # The quick index (titles and summaries) has them as text too.
    quick = {r["url"].strip("/"): r for r in pagefind_index.fragments(built / "site", quick=True)}
    assert set(quick) <= set(records)
    for url in hc.clause_pages(Path()):
        record = quick[url.strip("/")]
        assert record["meta"]["title"] == records[url.strip("/")]["meta"]["title"], url
        text = fold(record["meta"]["title"] + " " + record["content"])
        for payload in hc.LINE_PAYLOADS[:2]:  # markup, kept as the characters written
            assert seen(payload) in text, (url, payload)


def test_json_export_keeps_every_authored_string(built: Path) -> None:
    """Every string of a platform's YAML files is a string of its JSON export, unchanged but
    for Unicode normalisation (NFC, at load)."""
    from ruamel.yaml import YAML

    if exportcheck.export_strings(built / "site") is None:
        pytest.skip("no JSON export (site/api/v1/platforms/) on this branch yet")
    texts = [
        (yml.parent.name, text)
        for yml in sorted((built / "analyses").glob("*/*.yml"))
        for text in map(nfc, exportcheck.strings(YAML(typ="safe").load(yml.read_text("utf-8-sig"))))
        if text not in ("published", "high", "terms", "service-terms")
    ]
    assert exportcheck.missing_from_exports(built / "site", texts) == []


def test_feeds_are_well_formed_and_carry_payloads_as_text(built: Path) -> None:
    """Atom feeds (built on another branch): well-formed XML; authored text is text, or HTML
    that runs nothing."""
    from xml.etree import ElementTree

    feeds = sorted((built / "site").rglob("feed.xml"))
    if not feeds:
        pytest.skip("no Atom feeds on this branch yet")
    seen = ""
    for feed in feeds:
        for el in ElementTree.parse(feed).iter():
            text = "".join(el.itertext()) if el.tag.endswith(("}summary", "}content")) else ""
            if el.get("type") in ("html", "xhtml"):
                page = parse(f"<div>{text}</div>")
                assert not page.scripts and not [
                    a for a in page.attrs() if a[1].startswith("on")
                ], feed
            seen += " " + (el.text or "") + " " + " ".join(el.attrib.values())
    for payload in hc.LINE_PAYLOADS[:4]:
        assert payload in seen, payload
