"""Stage 3, model: every path and URL of the site, in one place (Pelican's urlwrappers).

Pages are named by their Markdown file in build/docs (`platforms/acme/index.md`); `url` turns
one into its address relative to the site's root (`platforms/acme/`: every page is a folder,
as MkDocs' directory URLs make it). Machine-readable files (API, feeds, schemas) and the
post-build's own files are named by their path in the site. Page modules, templates (through
the `routes` global), the API, the feeds, the search index and the page heads all ask here;
nothing else spells a path out. These addresses are cited: change one only with a redirect.
"""

from __future__ import annotations

HOME = "index.md"
PLATFORMS = "platforms/index.md"
TOPICS = "topics/index.md"
JURISDICTIONS = "jurisdictions/index.md"
# Folder pages (`compare/index.md`, not `compare.md`), as every page that writes links in raw
# HTML must be: MkDocs leaves such a link as written (relative to the page's URL), Zensical
# rebases it as if it were relative to the Markdown file; for an index.md the two are one.
COMPARE = "compare/index.md"
EXPLORE = "explore/index.md"
CHANGES = "changes/index.md"  # an index.md: raw HTML links read alike in both engines
API_DOCS = "api.md"
METHODOLOGY = "methodology.md"  # content/ pages, written by hand
CONTRIBUTING = "contributing.md"
DISCLAIMER = "disclaimer.md"

API_VERSION = "v1"
API_ROOT = f"api/{API_VERSION}"
API_ANALYSES = f"{API_ROOT}/analyses.json"
API_SCHEMAS = f"{API_ROOT}/schema"
API_COMPARE = f"{API_ROOT}/compare.json"  # the Compare page's table as JSON
COMPARE_CSV = f"{API_ROOT}/compare.csv"  # the same table for spreadsheets
FEED = "feed.xml"
DOCUMENT_FEED = "feed-documents.xml"  # changes of the documents only, each linking its diff
ASSETS = "assets/clausebook"  # site_templates/assets/, copied as is
SPRITE = f"{ASSETS}/icons.svg"  # the theme icons, written by the post-build
SEARCH = "pagefind"  # the search index, written by the post-build
NOT_FOUND = "404.html"  # the theme's error page, written by the engine; not searched


def platform(platform_id: str) -> str:
    return f"platforms/{platform_id}/index.md"


def analysis(platform_id: str, clause_id: str) -> str:
    return f"platforms/{platform_id}/{clause_id}/index.md"  # a folder page: see COMPARE


def topic(topic_id: str) -> str:
    return f"topics/{topic_id}.md"


def jurisdiction(code: str) -> str:
    """EU → jurisdictions/eu.md, US-CA → jurisdictions/us-ca.md."""
    return f"jurisdictions/{code.lower()}.md"


def document(platform_id: str, document_id: str) -> str:
    """A source document's page: its archived versions and their changes."""
    return f"platforms/{platform_id}/documents/{document_id}/index.md"


def document_text(platform_id: str, document_id: str) -> str:
    """The newest archived text of a document, its analysed excerpts highlighted (one page
    per document, not per version: a text may be over 100 KB)."""
    return f"platforms/{platform_id}/documents/{document_id}/text/index.md"


def excerpt_anchor(clause_id: str) -> str:
    """The id of an analysis's excerpt highlighted on its document's text page."""
    return f"excerpt-{clause_id}"


def document_change(platform_id: str, document_id: str, version: str) -> str:
    """The page of one change of a document: the version `version` (its file's stem) against
    the version before it."""
    return f"platforms/{platform_id}/documents/{document_id}/{version}/index.md"


def platform_api(platform_id: str) -> str:
    return f"{API_ROOT}/platforms/{platform_id}.json"


def api_schema(name: str) -> str:
    return f"{API_SCHEMAS}/{name}"


def platform_feed(platform_id: str) -> str:
    return f"platforms/{platform_id}/feed.xml"


def url(md_path: str) -> str:
    """A page's URL relative to the site root, from its Markdown file (directory URLs)."""
    if md_path == "index.md":
        return ""
    if md_path.endswith("/index.md"):
        return md_path[: -len("index.md")]
    return md_path[: -len(".md")] + "/"


def relpath(target: str, here: str) -> str:
    """posixpath.relpath(target, here) for the clean relative paths of build/docs and the
    site (`here` a folder, "" at the top), without its abspath calls: a tenth of the render
    time at 10,000 pages. A trailing "/" of `target` is kept."""
    parts, base = target.split("/"), here.split("/") if here else []
    common = 0
    for a, b in zip(parts[:-1], base, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(base) - common) + parts[common:])


def relative_url(here: str, there: str) -> str:
    """The URL of page `there` relative to page `here` (both Markdown paths), for links in
    raw HTML: every page URL is a folder."""
    return relpath(url(there), url(here).removesuffix("/")) or "./"


def edit(repo_url: str, branch: str, source: str) -> str:
    """The repository page that edits `source` (a path in the repository); a folder
    (`analyses/acme/`, a page made from a whole folder) can only be browsed."""
    action = "tree" if source.endswith("/") else "edit"
    return f"{repo_url.rstrip('/')}/{action}/{branch}/{source}"


def html(md_path: str) -> str:
    """The HTML file the engine writes for a page, relative to the site folder."""
    return url(md_path) + "index.html"
