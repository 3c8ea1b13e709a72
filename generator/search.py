"""Stage 6b, search index: a built site folder → its Pagefind index in <site>/pagefind/.

Input: the HTML pages MkDocs writes. Output: Pagefind's index and its JS API (pagefind.js),
which assets/clausebook/search.js loads behind Material's search box.

Pagefind splits the index into small shards by word and loads only those a query needs, so a
search on 10,000 analyses fetches kilobytes; Material's own index is one file of every page
(55 MB at 10,000) that the browser must download and index first. Only the article is indexed
(`data-pagefind-body` in overrides/main.html); boilerplate repeated on many pages is left out
(`data-pagefind-ignore` in the templates, EXCLUDE here).

Pagefind holds about 300 KB per page while indexing, so a big site is indexed in parts of at
most PART_PAGES pages (whole folders each), one Pagefind run at a time: the first part is the
main index, the others are in pagefind/part-N/ and listed in pagefind/parts.json, and the
browser merges them (`mergeIndex`). During `build` each part is indexed as soon as MkDocs has
written its pages, so indexing runs on a second core while MkDocs renders the rest. `serve`
indexes in a background thread after each rebuild (see `Background`).
"""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

from pagefind_bin import get_executable

log = logging.getLogger("mkdocs.plugins.clausebook")

BUNDLE = "pagefind"
# Pagefind 1.5 holds about 310 KB per page while indexing (measured: 1,000 pages 320 MB,
# 2,000 pages 640 MB), beside a build process of about 480 MB at 10,000 analyses.
PART_PAGES = 1200
# The part MkDocs finishes last is indexed after the build, not beside it: keep it small.
LAST_PART_PAGES = 400
# Material's permalink marks and the "edit this page" button carry no words of the page; the
# addresses printed beside citations and sources are links, not words a reader searches for.
EXCLUDE = (".headerlink", ".md-content__button", ".cb-url", ".cb-source-url")
# Pagefind's ready-made search UIs: the header box uses the JS API (pagefind.js) only.
UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-highlight.js",
)


class SearchIndexError(Exception):
    pass


def _unit(page: str) -> str:
    """The glob that covers `page` with its neighbours: a platform's folder, a top-level
    folder, or the page itself."""
    parts = page.split("/")
    if parts[0] == "platforms" and len(parts) > 2:
        return f"platforms/{parts[1]}/**/*.html"
    if len(parts) == 1 or parts[0] == "platforms":
        return page
    return f"{parts[0]}/**/*.html"


def plan(pages: list[str], part_pages: int = PART_PAGES) -> list[tuple[list[str], set[str]]]:
    """Pages (paths relative to the site, in build order) → parts: (globs, pages), whole
    units, in order; packed from the end, so that the last part is the small one."""
    units: dict[str, set[str]] = {}
    for page in pages:
        units.setdefault(_unit(page), set()).add(page)
    parts: list[tuple[list[str], set[str]]] = []
    limit = min(part_pages, LAST_PART_PAGES)
    for glob, members in reversed(units.items()):
        if not parts or len(parts[-1][1]) + len(members) > limit:
            if parts:
                limit = part_pages
            parts.append(([], set()))
        parts[-1][0].insert(0, glob)
        parts[-1][1].update(members)
    return parts[::-1]


class Indexer:
    """Indexes the parts of one site; `written(page)` as pages land, then `finish()`."""

    def __init__(
        self,
        site_dir: Path,
        pages: list[str],
        output: Path | None = None,
        part_pages: int = PART_PAGES,
        nice: bool = False,
    ) -> None:
        self.site_dir, self.output = site_dir, output or site_dir / BUNDLE
        # serve: at the lowest CPU priority, so the next rebuild never waits for the index
        self.nice = nice and shutil.which("nice") is not None
        self.parts = plan(pages, part_pages)
        self.left = [len(members) for _, members in self.parts]
        self.part_of = {p: i for i, (_, members) in enumerate(self.parts) for p in members}
        self.work = Path(tempfile.mkdtemp(prefix=".pagefind-", dir=site_dir))
        self.queue: list[int] = []
        self.running: tuple[int, subprocess.Popen[str]] | None = None

    def written(self, page: str) -> None:
        i = self.part_of.get(page)
        if i is not None:
            self.left[i] -= 1
            if self.left[i] == 0:
                self.queue.append(i)
        self._advance(block=False)

    def _advance(self, block: bool) -> None:
        while True:
            if self.running is not None:
                i, proc = self.running
                if proc.poll() is None and not block:
                    return
                out, err = proc.communicate()
                self.running = None
                if proc.returncode != 0:
                    raise SearchIndexError(
                        f"pagefind failed on part {i} ({proc.returncode}):\n{err.strip()}"
                    )
                if "Indexed 0 pages" in out:
                    raise SearchIndexError(f"pagefind indexed nothing in part {i}:\n{out}")
            if not self.queue:
                return
            i = self.queue.pop(0)
            self.running = (
                i,
                subprocess.Popen(
                    self._command(i), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
                ),
            )

    def _command(self, i: int) -> list[str]:
        globs = self.parts[i][0]
        glob = globs[0] if len(globs) == 1 else "{" + ",".join(globs) + "}"
        command = ["nice", "-n", "19"] if self.nice else []
        command += [
            str(get_executable()),
            "--site",
            str(self.site_dir),
            "--glob",
            glob,
            "--force-language",
            "en",
            "--output-path",
            str(self.work / str(i)),
        ]
        for selector in EXCLUDE:
            command += ["--exclude-selectors", selector]
        return command

    def finish(self) -> None:
        """Index what is left, wait, then move the parts into place; raise SearchIndexError."""
        try:
            for i, left in enumerate(self.left):
                if left > 0:
                    self.left[i] = 0
                    self.queue.append(i)
            self._advance(block=True)
            if not self.parts:
                raise SearchIndexError(f"no pages to index in {self.site_dir}")
            for i in range(len(self.parts)):
                for name in UNUSED:
                    (self.work / str(i) / name).unlink(missing_ok=True)
            shutil.rmtree(self.output, ignore_errors=True)
            (self.work / "0").rename(self.output)
            names = []
            for i in range(1, len(self.parts)):
                names.append(f"part-{i}/")
                (self.work / str(i)).rename(self.output / f"part-{i}")
            (self.output / "parts.json").write_text(json.dumps(names) + "\n", encoding="utf-8")
        finally:
            self.abort()

    def abort(self) -> None:
        if self.running is not None:
            self.running[1].kill()
            self.running[1].communicate()
            self.running = None
        shutil.rmtree(self.work, ignore_errors=True)


def site_pages(site_dir: Path) -> list[str]:
    return sorted(
        p.relative_to(site_dir).as_posix()
        for p in site_dir.rglob("*.html")
        if not p.relative_to(site_dir).as_posix().startswith(BUNDLE + "/")
    )


def index_site(site_dir: Path, output: Path | None = None, nice: bool = False) -> None:
    """Index every page of a built site at once (serve, and sites built without the plugin)."""
    Indexer(site_dir, site_pages(site_dir), output, nice=nice).finish()


class Background:
    """For `serve`: one indexing run at a time, in a thread; a request that arrives while one
    runs starts one more run when it ends. The new index is built beside the site and moved
    in whole, so the preview never serves a half-written index."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running = False
        self._again = False

    def request(self, site_dir: Path) -> None:
        with self._lock:
            if self._running:
                self._again = True
                return
            self._running = True
        threading.Thread(target=self._loop, args=(site_dir,), daemon=True).start()

    def _loop(self, site_dir: Path) -> None:
        while True:
            self._once(site_dir)
            with self._lock:
                if not self._again:
                    self._running = False
                    return
                self._again = False

    def _once(self, site_dir: Path) -> None:
        work = Path(tempfile.mkdtemp(prefix="clausebook-pagefind-"))
        try:
            index_site(site_dir, work / BUNDLE, nice=True)
            target = site_dir / BUNDLE
            if target.exists():
                target.rename(work / "old")
            shutil.move(str(work / BUNDLE), str(target))
            log.info("Clausebook: search index updated")
        except (SearchIndexError, OSError) as exc:
            # The preview goes on without a fresh index; the next rebuild tries again. Not a
            # warning: a rebuild that cleans the site while this runs is expected, and strict
            # mode would turn the warning into a failed rebuild.
            log.info("Clausebook: search index not updated (%s)", str(exc).splitlines()[0])
        finally:
            shutil.rmtree(work, ignore_errors=True)
