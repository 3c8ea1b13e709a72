"""`clausebook serve`: the preview's search index, rebuilt in a background thread after each
rebuild (`Background`, kept in the serve Session).

A build indexes the site before it publishes it (postbuild/search.py); a preview that did so
would wait for Pagefind after every edit. So serve's rebuilds leave the index out and it is
made here, beside the preview, at the lowest CPU priority, so that the next rebuild never
waits for it. Serve's, not the post-build's: the post-build runs once per build and returns,
while this outlives builds, holding a thread and a folder that serve's shutdown must end.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
from pathlib import Path

from generator.model.index import Index
from generator.postbuild.quick import quick_pages
from generator.postbuild.search import BUNDLE, index_site
from generator.postbuild.searchbundle import SearchIndexError

log = logging.getLogger("mkdocs.plugins.clausebook")


class Background:
    """For `serve`: one indexing run at a time, in a thread; a request that arrives while one
    runs starts one more run when it ends. The new index is built beside the site and moved
    in whole, so the preview never serves a half-written index."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running = False
        self._again = False
        self._index: Index | None = None
        self._thread: threading.Thread | None = None
        self._work: Path | None = None  # the running indexing's folder

    def request(self, site_dir: Path, index: Index) -> None:
        """Index `site_dir`, built from `index`, with its quick index as a build has it (its
        pages are made in the thread, not in the rebuild the preview waits for)."""
        with self._lock:
            self._index = index  # the latest build's, also for a run that starts later
            if self._running:
                self._again = True
                return
            self._running = True
            self._thread = threading.Thread(target=self._loop, args=(site_dir,), daemon=True)
            self._thread.start()

    def close(self, timeout: float = 10) -> None:
        """When serve stops: no run after the current one, which has `timeout` seconds to end;
        its folder is removed either way (a daemon thread's `finally` never runs at exit)."""
        with self._lock:
            self._again = False
            thread = self._thread
        if thread is not None:
            thread.join(timeout)
        with self._lock:
            work = self._work
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)

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
        with self._lock:
            index = self._index
            self._work = work
        try:
            quick = quick_pages(index) if index is not None else None
            index_site(site_dir, work / BUNDLE, nice=True, quick=quick)
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
            with self._lock:
                self._work = None
