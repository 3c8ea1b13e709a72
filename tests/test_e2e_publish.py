"""End to end: what a published site gives integrators and search engines — API files, feeds,
head metadata, edit links, citations — checked in ONE real `clausebook build` of the fixture
corpus plus a hostile analysis, configured the way the Publish workflow configures it."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import jsonschema
import pytest

from generator.cli import main
from generator.engine.config import ENGINES
from tests.conftest import write_project
from tests.htmltext import read
from tests.test_export import HOSTILE

pytestmark = pytest.mark.e2e

# What the Publish workflow passes for a project site (configure-pages' base_url + "/").
SITE_URL = "https://example-owner.github.io/terms-site/"
REPO_URL = "https://github.com/example-owner/terms-site"
CLAUSE = "platforms/acme-cloud/customer-data-training/"
NO_FAQ = """\
    title: An analysis without questions
    document: service-terms
    topic: output-ownership
    summary: Short.
    impact: Small.
    excerpt:
      text: Quoted words.
      source_url: https://acme-cloud.example/terms
      retrieved: 2026-01-10
    regulatory_landscape: Some law.
    exposure: {rating: low, rationale: Protective.}
    contract_implications: None.
    compliance_considerations: [Note it.]
    history: [{date: 2026-01-10, summary: First analysis of this clause.}]
    reviewed: 2026-01-10
"""


@pytest.fixture(scope="module", params=ENGINES)
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = write_project(
        tmp_path_factory.mktemp("publish") / "project",
        {"analyses/acme-cloud/hostile.yml": HOSTILE, "analyses/globex-ai/no-faq.yml": NO_FAQ},
    )
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SITE_URL", SITE_URL)
        env.setenv("REPO_URL", REPO_URL)
        env.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01, as the workflow sets it
        assert main(["build", str(root), "--engine", request.param]) == 0
    return root / "site"


class _Head(HTMLParser):
    """<link>, <meta>, the edit button and JSON-LD scripts of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[dict[str, str]] = []
        self.meta: dict[str, str] = {}
        self.edit: list[str] = []
        self.json_ld: list[str] = []
        self._in_ld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "link":
            self.links.append(a)
        elif tag == "meta" and ("property" in a or "name" in a):
            self.meta[a.get("property") or a["name"]] = a.get("content", "")
        elif tag == "a" and a.get("rel") == "edit":
            self.edit.append(a["href"])
        elif tag == "script" and a.get("type") == "application/ld+json":
            self._in_ld = True
            self.json_ld.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_ld = False

    def handle_data(self, data: str) -> None:
        if self._in_ld:
            self.json_ld[-1] += data


def head(site: Path, url: str) -> _Head:
    parser = _Head()
    parser.feed((site / url / "index.html").read_text(encoding="utf-8"))
    return parser


def test_api_files_validate_against_the_published_schemas(site: Path) -> None:
    api = site / "api/v1"
    schema = {
        p.name: json.loads(p.read_text(encoding="utf-8")) for p in (api / "schema").glob("*.json")
    }
    assert set(schema) == {
        "api-analyses.schema.json",
        "api-platform.schema.json",
        "api-compare.schema.json",
        "analysis.schema.json",
        "platform.schema.json",
        "topics.schema.json",
        "jurisdictions.schema.json",
    }
    index = json.loads((api / "analyses.json").read_text(encoding="utf-8"))
    jsonschema.validate(index, schema["api-analyses.schema.json"])
    compare = json.loads((api / "compare.json").read_text(encoding="utf-8"))
    jsonschema.validate(compare, schema["api-compare.schema.json"])
    assert len(compare["cells"]) >= 3 * 2  # every platform on every topic
    platforms = sorted(p.name for p in (api / "platforms").glob("*.json"))
    assert platforms == ["acme-cloud.json", "globex-ai.json", "initech-ml.json"]
    for name in platforms:
        doc = json.loads((api / "platforms" / name).read_text(encoding="utf-8"))
        jsonschema.validate(doc, schema["api-platform.schema.json"])
    # Every URL the API gives resolves to a page or file of this very site.
    for entry in index["analyses"]:
        assert entry["url"].startswith(SITE_URL)
        assert (site / entry["url"][len(SITE_URL) :] / "index.html").is_file(), entry["url"]
    for p in index["platforms"]:
        for key in ("api_url", "feed_url"):
            assert (site / p[key][len(SITE_URL) :]).is_file(), p[key]


def test_feeds_parse_and_hold_clause_and_document_history(site: Path) -> None:
    parsed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    by_link = {(e.link, e.summary) for e in parsed.entries}
    assert (SITE_URL + CLAUSE, "Re-read after the terms update.") in by_link
    assert (SITE_URL + CLAUSE, "First analysis of this clause.") in by_link
    assert (SITE_URL + "platforms/acme-cloud/", "Terms first published.") in by_link
    for e in parsed.entries:  # every entry links to a page that exists
        assert (site / e.link[len(SITE_URL) :] / "index.html").is_file(), e.link
    acme = feedparser.parse((site / "platforms/acme-cloud/feed.xml").read_bytes())
    assert not acme.bozo
    assert {e.link for e in acme.entries} >= {SITE_URL + CLAUSE}
    assert all(e.title.startswith("Acme Cloud: ") for e in acme.entries)


def test_pages_announce_their_feeds(site: Path) -> None:
    def feeds(url: str) -> list[str]:
        return [
            link["href"]
            for link in head(site, url).links
            # rel is a set of space-separated tokens (heads.py writes "alternate " on purpose)
            if "alternate" in (link.get("rel") or "").split()
            and link.get("type") == "application/atom+xml"
        ]

    site_feed, acme_feed = SITE_URL + "feed.xml", SITE_URL + "platforms/acme-cloud/feed.xml"
    assert feeds("") == [site_feed]
    assert feeds("about") == [site_feed]
    assert feeds("platforms/acme-cloud") == [site_feed, acme_feed]
    assert feeds(CLAUSE) == [site_feed, acme_feed]
    _, hrefs = read((site / "platforms/acme-cloud/index.html").read_text(encoding="utf-8"))
    assert "feed.xml" in hrefs and "../../api/v1/platforms/acme-cloud.json" in hrefs


def test_edit_links_open_the_yaml_source(site: Path) -> None:
    edit = REPO_URL + "/edit/main/"
    assert head(site, CLAUSE).edit == [edit + "analyses/acme-cloud/customer-data-training.yml"]
    assert head(site, "platforms/acme-cloud").edit == [edit + "analyses/acme-cloud/platform.yml"]
    assert head(site, "topics/customer-data-training").edit == [edit + "analyses/topics.yml"]
    assert head(site, "about").edit == [edit + "content/about.md"]
    assert head(site, "api").edit == [edit + "site_templates/api.md.j2"]
    assert head(site, "changes").edit == [REPO_URL + "/tree/main/analyses/"]
    for page in site.glob("platforms/*/*/index.html"):  # every analysis page
        platform, clause = page.parent.relative_to(site / "platforms").parts
        assert head(site, f"platforms/{platform}/{clause}").edit == [
            f"{edit}analyses/{platform}/{clause}.yml"
        ]


def test_json_ld_parses_and_survives_hostile_text(site: Path) -> None:
    (ld,) = head(site, CLAUSE).json_ld
    graph = {node["@type"]: node for node in json.loads(ld)["@graph"]}
    article = graph["Article"]
    assert article["url"] == SITE_URL + CLAUSE
    assert article["headline"] == "Customer content and model training"
    assert article["dateModified"] == "2026-01-10"
    # The summary is the page's meta description and og:description; not repeated here.
    assert "description" not in article
    assert head(site, CLAUSE).meta["description"].startswith("The provider of acme-cloud says")
    assert graph["FAQPage"]["mainEntity"][0]["name"] == "Can I opt out?"
    hostile = head(site, "platforms/acme-cloud/hostile")
    (ld,) = hostile.json_ld  # one script element: the hostile text did not close it early
    graph = {node["@type"]: node for node in json.loads(ld)["@graph"]}
    assert graph["Article"]["headline"] == "Hostile </script><script>alert(1)</script>"
    assert graph["FAQPage"]["mainEntity"][0]["acceptedAnswer"]["text"] == "No: <!-- -->"
    (ld,) = head(site, "platforms/globex-ai/no-faq").json_ld
    assert [n["@type"] for n in json.loads(ld)["@graph"]] == ["Article"]
    assert head(site, "about").json_ld == []


def test_canonical_open_graph_and_sitemap(site: Path) -> None:
    page = head(site, CLAUSE)
    canonical = [link["href"] for link in page.links if link.get("rel") == "canonical"]
    assert canonical == [SITE_URL + CLAUSE]
    assert page.meta["og:url"] == SITE_URL + CLAUSE
    assert page.meta["og:type"] == "article"
    assert page.meta["og:title"] == "Customer content and model training · Acme Cloud"
    assert page.meta["og:description"].startswith("The provider of acme-cloud says")
    assert page.meta["article:modified_time"] == "2026-01-10"
    hostile = head(site, "platforms/acme-cloud/hostile").meta
    assert hostile["og:title"] == "Hostile </script><script>alert(1)</script> · Acme Cloud"
    assert head(site, "about").meta["og:type"] == "website"
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = {e.text for e in ET.parse(site / "sitemap.xml").getroot().findall("s:url/s:loc", ns)}
    assert {SITE_URL, SITE_URL + CLAUSE, SITE_URL + "api/"} <= locs
    assert not [u for u in locs if not u.startswith(SITE_URL)]
    # Every page, and no <lastmod>: MkDocs' would be the build date on every page.
    pages = {p for p in site.rglob("index.html") if "pagefind" not in p.parts}
    assert len(locs) == len(pages)
    assert "lastmod" not in (site / "sitemap.xml").read_text(encoding="utf-8")


def test_cite_block_gives_title_platform_url_and_review_date(site: Path) -> None:
    text, hrefs = read((site / CLAUSE / "index.html").read_text(encoding="utf-8"))
    cite = text[text.index("Cite this analysis") :]
    assert re.search(
        r"Customer content and model training\. Acme Cloud\. Clausebook\. "
        r"Last reviewed 2026-01-10\. " + re.escape(SITE_URL + CLAUSE),
        cite,
    )
    assert SITE_URL + CLAUSE in hrefs


def test_api_page_documents_every_endpoint(site: Path) -> None:
    text, hrefs = read((site / "api/index.html").read_text(encoding="utf-8"))
    for path in (
        "api/v1/analyses.json",
        "api/v1/platforms/acme-cloud.json",
        "feed.xml",
        "platforms/acme-cloud/feed.xml",
        "api/v1/schema/api-analyses.schema.json",
    ):
        assert SITE_URL + path in hrefs, path
        assert (site / path).is_file(), path
    assert "last_change" in text and "topic_title" in text
    nav = re.findall(
        r'<a href="([^"]*)" class="md-nav__link',
        (site / "about/index.html").read_text(encoding="utf-8"),
    )
    assert "../api/" in nav
