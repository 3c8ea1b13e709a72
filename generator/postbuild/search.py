"""Stage 6b, search index: a built site folder → its Pagefind index in <site>/pagefind/.

Input: the HTML pages MkDocs writes, and the titles and summaries of the index's pages.
Output: Pagefind's index and its JS API (pagefind.js), which assets/clausebook/search.js loads
behind Material's search box, and a second, quick index in pagefind/quick/.

Pagefind splits the index into small shards by word and loads only those a query needs, so a
search on 10,000 analyses fetches kilobytes; Material's own index is one file of every page
(55 MB at 10,000) that the browser must download and index first. Only the article is indexed
(`data-pagefind-body` in overrides/main.html); boilerplate repeated on many pages is left out
(`data-pagefind-ignore` in the templates, EXCLUDE here).

Pagefind holds about 450 KB per page while indexing, so a big site is indexed in parts of at
most PART_PAGES pages (whole folders each), one Pagefind run at a time: the first part is the
main index, the others are in pagefind/part-N/ and listed in pagefind/parts.json, and the
browser merges them (`mergeIndex`). `build` indexes once the engine is done and the memory it
held is handed back (pipeline.py): beside MkDocs, which holds every page until it has written
them all, a part would add its 500 MB to MkDocs' peak. `serve` indexes in a background thread
after each rebuild (serve/searchindex.py).

Beside the full index, every analysis, platform, topic and jurisdiction is also indexed by its
title and summary alone, from pages written from the model (quick.py, which says why): a small
index that answers a query of common words fast; the browser searches both and shows the
quick index's matches first (assets/search.js).

Pagefind's exit status is not enough: on a full disk it exited 0 having written empty files.
So every bundle is checked once it is in place (searchbundle.py), and a build whose index is
not whole fails with one line, the previous site staying.
"""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from pagefind_bin import get_executable

from generator.model import routes
from generator.postbuild.searchbundle import (
    QUICK,
    RUNTIME,
    RUNTIME_OF_QUICK,
    SearchIndexError,
    verify_bundle,
)

BUNDLE = routes.SEARCH  # the search bundle's folder in the site
# Pagefind 1.5 holds about 450 KB per analysis page while indexing (measured: 310 pages
# 144 MB, 620 pages 283 MB, 1,240 pages 565 MB), beside a build process of about 450 MB at
# 10,000 analyses once MkDocs is done.
PART_PAGES = 1200
# What a page holds that is not its words: the "edit this page" button; the address written
# out after an excerpt's source; what an analysis page repeats from elsewhere (the rating
# legend its topic shares, when it was reviewed, what its excerpt was checked against, the
# citation and printed footer, other analyses' titles, links to more). Left out by class,
# not by a data-pagefind-ignore on each: 26 bytes, ten times on 10,000 pages, cost the site
# nearly what they saved the index.
EXCLUDE = (
    ".md-content__button",
    ".cb-source-url",
    ".cb-answer__legend",
    ".cb-answer__meta",
    ".cb-verified",
    ".cb-archive-links",
    ".cb-cite",
    ".cb-print-footer",
    ".cb-related",
    ".cb-more",
)
# What is indexed of a page: its article, not the header, navigation, table of contents or
# footer every page repeats. Material and Zensical both write the page's content as
# <article class="md-content__inner md-typeset"> (tests/test_material_drift.py holds them to it).
ROOT = "article.md-content__inner"
# Pagefind's ready-made search UIs: the header box uses the JS API (pagefind.js) only.
UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-highlight.js",
    "wasm.unknown.pagefind",  # every page is indexed as English (--force-language)
)
# A merged part is searched by the main bundle's runtime and worker, the quick index by a
# runtime of its own (the main pagefind.js, imported again) that starts its worker from there.
UNUSED_IN_PART = ("pagefind.js", "pagefind-worker.js")
UNUSED_IN_QUICK = ("pagefind.js",)


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
    """Pages (paths relative to the site) → parts: (globs, pages), whole units, in order."""
    units: dict[str, set[str]] = {}
    for page in pages:
        units.setdefault(_unit(page), set()).add(page)
    parts: list[tuple[list[str], set[str]]] = []
    for glob, members in units.items():
        if not parts or len(parts[-1][1]) + len(members) > part_pages:
            parts.append(([], set()))
        parts[-1][0].append(glob)
        parts[-1][1].update(members)
    return parts


class Indexer:
    """Indexes the parts of one site, one Pagefind run at a time, and the quick index
    (`quick`: quick.quick_pages) first; `finish()` waits for them all and puts them in place."""

    def __init__(
        self,
        site_dir: Path,
        pages: list[str],
        output: Path | None = None,
        part_pages: int = PART_PAGES,
        nice: bool = False,
        quick: dict[str, str] | None = None,
    ) -> None:
        self.site_dir, self.output = site_dir, output or site_dir / BUNDLE
        # serve: at the lowest CPU priority, so the next rebuild never waits for the index
        self.nice = nice and shutil.which("nice") is not None
        # The theme's "not found" page is no page of the site to find (a build's, serve's).
        self.parts = plan([p for p in pages if p != routes.NOT_FOUND], part_pages)
        self.work = Path(tempfile.mkdtemp(prefix=".pagefind-", dir=site_dir))
        self.queue: list[int | str] = []
        self.running: tuple[int | str, subprocess.Popen[str]] | None = None
        self.quick = bool(quick)
        if quick:
            pages_dir = self.work / "quick-pages"
            for path, html in quick.items():
                page = pages_dir / path
                page.parent.mkdir(parents=True, exist_ok=True)
                page.write_text(html, encoding="utf-8")
            self.queue.append(QUICK)
        self.queue += range(len(self.parts))
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
                    self._command(i),
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                    preexec_fn=_die_with_parent(),
                ),
            )

    def _command(self, i: int | str) -> list[str]:
        command = ["nice", "-n", "19"] if self.nice else []
        command += [str(get_executable()), "--force-language", "en"]
        if i == QUICK:
            pages = self.work / "quick-pages"
            return [*command, "--site", str(pages), "--output-path", str(self.work / QUICK)]
        assert isinstance(i, int)
        globs = self.parts[i][0]
        glob = globs[0] if len(globs) == 1 else "{" + ",".join(globs) + "}"
        command += [
            "--site",
            str(self.site_dir),
            "--glob",
            glob,
            "--output-path",
            str(self.work / str(i)),
        ]
        command += ["--root-selector", ROOT]
        for selector in EXCLUDE:
            command += ["--exclude-selectors", selector]
        return command

    def finish(self) -> None:
        """Index what is left, wait, then move the parts into place; raise SearchIndexError."""
        try:
            self._advance(block=True)
            if not self.parts:
                raise SearchIndexError(f"no pages to index in {self.site_dir}")
            bundles = [str(i) for i in range(len(self.parts))] + ([QUICK] if self.quick else [])
            for bundle in bundles:
                unused = UNUSED + {"0": (), QUICK: UNUSED_IN_QUICK}.get(bundle, UNUSED_IN_PART)
                for name in unused:
                    (self.work / bundle / name).unlink(missing_ok=True)
            shutil.rmtree(self.output, ignore_errors=True)
            (self.work / "0").rename(self.output)
            names = []
            for i in range(1, len(self.parts)):
                names.append(f"part-{i}/")
                (self.work / str(i)).rename(self.output / f"part-{i}")
            if self.quick:
                (self.work / QUICK).rename(self.output / QUICK)
            (self.output / "parts.json").write_text(json.dumps(names) + "\n", encoding="utf-8")
            verify_bundle(self.output, RUNTIME)
            for name in names:
                verify_bundle(self.output / name)
            if self.quick:
                verify_bundle(self.output / QUICK, RUNTIME_OF_QUICK)
        finally:
            self.abort()

    def abort(self) -> None:
        if self.running is not None:
            self.running[1].kill()
            self.running[1].communicate()
            self.running = None
        shutil.rmtree(self.work, ignore_errors=True)


_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> Callable[[], None] | None:
    """On Linux, in a process without other threads: a function for Popen's preexec_fn that
    has the kernel kill Pagefind when this process dies. A build killed with SIGKILL would
    otherwise leave Pagefind writing into the staging folder that the next build removes.
    (preexec_fn is unsafe beside other threads, as in `serve`: there, Pagefind may outlive.)"""
    if not sys.platform.startswith("linux") or threading.active_count() != 1:
        return None
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl  # looked up before the fork
    except (OSError, AttributeError):
        return None
    parent = os.getpid()

    def arm() -> None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != parent:  # the parent died before the line above
            os._exit(1)

    return arm


def site_pages(site_dir: Path) -> list[str]:
    """Every HTML page of a built site (paths in the site, sorted): not the search bundle's,
    nor a hidden folder's (an indexing's or a build's work folder)."""
    found: list[str] = []
    for folder, dirs, files in os.walk(site_dir):
        rel = Path(folder).relative_to(site_dir).as_posix()
        if rel == BUNDLE or rel.startswith(BUNDLE + "/"):
            dirs.clear()
            continue
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        prefix = "" if rel == "." else rel + "/"
        found += [prefix + f for f in files if f.endswith(".html") and not f.startswith(".")]
    return sorted(found)


def index_site(
    site_dir: Path,
    output: Path | None = None,
    nice: bool = False,
    quick: dict[str, str] | None = None,
) -> None:
    """Index every page of a built site at once (serve, and sites built without the plugin)."""
    Indexer(site_dir, site_pages(site_dir), output, nice=nice, quick=quick).finish()
