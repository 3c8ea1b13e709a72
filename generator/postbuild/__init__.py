"""Stage 7, post-build: a built site folder → the site that is published.

Input: the folder the site engine wrote (MkDocs or Zensical; only its HTML files and what the
pages say of themselves are read), and the model the pages were generated from. Output, in the
same folder:

- each page made small and complete: its theme icons moved into one sprite file, whitespace
  cut (minify.py), and its head given what it announces to machines: feed links, Open Graph,
  JSON-LD (export/heads.py);
- the search index (search.py), built in parts once every page is written, with the quick
  index of titles and summaries (quick.py), then checked whole (searchbundle.py): every file
  it names exists and is not empty;
- the sprite, written last, with every icon any page refers to.

An engine that hands each page over before writing it (MkDocs, through its adapter: `page`)
has its pages made small then; for any other, `finish` reads every page from the folder.
Publishing the folder (publish.py) is the pipeline's last step, after `finish`.
"""

from __future__ import annotations

import html as htmllib
import re
from pathlib import Path

from generator import memory
from generator.bounded import read_at_most
from generator.export import heads
from generator.model import routes
from generator.model.index import Index
from generator.outputs import write_new
from generator.postbuild import search
from generator.postbuild.minify import Icons, compact_html
from generator.postbuild.quick import quick_pages
from generator.progress import Progress
from generator.settings import Settings

_HEAD_END = re.compile(r"</head>", re.I)
_TITLE = re.compile(r"<title>([^<]*)</title>", re.I)
# The header's search button: its dialog's icons, inline in an attribute (in single quotes).
_ICON_REFS = re.compile(r"data-cb-icons='([^']*)'")
# The theme's "edit this page" button (Material's and Zensical's partials/actions.html).
_EDIT_LINK = re.compile(r'<a href="[^"]*" ([^<>]*\brel="edit")')
_DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)"', re.I)
MAX_PAGE_BYTES = 64 * 1024 * 1024  # a page the engine wrote; the largest here is ~7 MB


class PostBuild:
    """One site folder's post-build: `page` for each page as the engine writes it (optional),
    then `finish` once the engine is done; `abort` on failure."""

    def __init__(
        self,
        site_dir: Path,
        index: Index,
        settings: Settings,
        *,
        search_index: bool = True,
        part_pages: int = search.PART_PAGES,
        sprite_url: str | None = None,
        edit_urls: dict[str, str] | None = None,
    ) -> None:
        self.site_dir = site_dir
        self.settings = settings
        self.heads: heads.Heads | None = heads.Heads(index, settings)
        self.icons = Icons()
        self.sprite_url = sprite_url  # None: relative to each page (see `sprite_for`)
        self.quick = quick_pages(index) if search_index else None
        self.search_index = search_index
        self.part_pages = part_pages
        self.indexer: search.Indexer | None = None
        self.done: set[str] = set()  # pages already made small (by `page`)
        # An engine that cannot be told a page's "edit" link (Zensical links the generated
        # Markdown): page path in the site → the link to the file it is made from.
        self.edit_urls = edit_urls or {}

    def page(self, dest: str, text: str) -> str:
        """A page's HTML made small and given its head; `dest` its path in the site."""
        self.done.add(dest)
        text = _ICON_REFS.sub(self._icon_refs, self._head(dest, text))
        if dest in self.edit_urls:
            edit = f'<a href="{htmllib.escape(self.edit_urls[dest])}" '
            text = _EDIT_LINK.sub(lambda m: edit + m.group(1), text, count=1)
        return compact_html(self.icons.link(text, self.sprite_for(dest)))

    def sprite_for(self, dest: str) -> str:
        """The sprite's address from the page at `dest`: relative, so that the site works
        wherever it is served (a preview under any path, a folder opened from a zip). The 404
        page is the exception: a server shows it at any missing address, at any depth, so
        only a path from the server's root (site_url's) reaches the sprite from there."""
        if self.sprite_url is not None:
            return self.sprite_url
        if dest == routes.NOT_FOUND:
            return site_path(self.settings) + routes.SPRITE
        return "../" * dest.count("/") + routes.SPRITE

    def _icon_refs(self, match: re.Match[str]) -> str:
        """The search button's icons (overrides/partials/header.html writes them inline) →
        "viewBox#id" of each in the sprite, for assets/search.js."""
        try:
            return f'data-cb-icons="{self.icons.refs(match.group(1))}"'
        except ValueError as exc:
            raise ValueError(f"the search box's icons in the theme: {exc}") from None

    def finish(self, *, scan: bool) -> None:
        """With `scan` (an engine that did not hand its pages over), every page of the folder
        made small from its file; then the sprite written and the search index completed and
        verified (search.SearchIndexError if it is not whole)."""
        pages = search.site_pages(self.site_dir)
        pending = [p for p in pages if p not in self.done] if scan else []
        progress = Progress("Finishing pages", len(pending))
        for dest in pending:
            path = self.site_dir / dest
            with path.open("rb") as stream:
                raw = read_at_most(stream, MAX_PAGE_BYTES + 1)
            if len(raw) > MAX_PAGE_BYTES:
                raise OSError(f"{path} is over {MAX_PAGE_BYTES:,} bytes")
            write_new(path, self.page(dest, raw.decode("utf-8")).encode("utf-8"))
            progress.step()
        progress.finish()
        self.icons.write(self.site_dir)
        if self.search_index:
            # Every page has its head: the model they came from is no longer needed here, and
            # what it held is handed back before Pagefind runs beside this process.
            self.heads = None
            memory.release_freed()
            self.indexer = search.Indexer(
                self.site_dir, pages, part_pages=self.part_pages, quick=self.quick
            )
            self.indexer.finish()
            self.indexer = None

    def abort(self) -> None:
        if self.indexer is not None:
            self.indexer.abort()
            self.indexer = None

    def _heads(self) -> heads.Heads:
        if self.heads is None:
            raise RuntimeError("a page handed over after the post-build finished")
        return self.heads

    def _head(self, dest: str, text: str) -> str:
        end = _HEAD_END.search(text)
        if end is None:  # not a page (a fragment the engine also writes as .html)
            return text
        title = _TITLE.search(text, 0, end.start())
        description = _DESCRIPTION.search(text, 0, end.start())
        url = dest[: -len("index.html")] if dest.endswith("index.html") else dest
        # The page's own title: the engine's <title> ends with " - <site name>" but on the home
        # page (Material's and Zensical's base templates).
        page_title = htmllib.unescape(title.group(1)) if title else ""
        page_title = page_title.removesuffix(f" - {self.settings.site_name}")
        head = heads.render(
            self._heads().get(dest),
            page_title,
            htmllib.unescape(description.group(1)) if description else "",
            self.settings.url(url),
            self.settings.site_name,
        )
        return text[: end.start()] + head + text[end.start() :]


def site_path(settings: Settings) -> str:
    """The site's path on its server, from site_url ("/clausebook/"), ending with "/"."""
    from urllib.parse import urlsplit

    return urlsplit(settings.site_url or "/").path.rstrip("/") + "/"
