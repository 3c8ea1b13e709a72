"""`clausebook serve`: what the live preview keeps from one rebuild to the next.

MkDocs' serve keeps one plugin instance for the life of the server; everything the preview
carries across rebuilds lives in one `Session` (the last generation, for re-rendering only
what an edit changed; each page's title, for a dirty build; compiled theme templates; the
search index rebuilt in the background; garbage-collection tuning), instead of in module
globals or scattered plugin attributes.
"""

from __future__ import annotations

import gc
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import jinja2
from mkdocs.structure.files import File, Files, InclusionLevel

from generator.serve.searchindex import Background

if TYPE_CHECKING:
    from generator.pipeline import Generated

# Theme templates that show only the navigation and the list of pages with their URLs: an edit
# of analyses' text changes neither (generator/site/incremental.py), so a `serve --dirty` rebuild
# that only re-rendered the pages showing edited analyses keeps the last complete build's
# (theme.static_templates, MkDocs' list of them, is read anew with the config on every
# rebuild).
SAME_AFTER_TEXT_EDIT = frozenset({"404.html", "sitemap.xml"})


class _Rebuilt(Files):
    """serve --dirty after an edit of text: every file of the site, of which MkDocs is to
    build only the pages that `generate` wrote again.

    MkDocs (pinned at 1.6.1) makes a Page object for every documentation page and, in a
    dirty build, compares the times of each one's Markdown and HTML twice before it skips
    it: 0.6 s at 11,000 pages for the ten it builds. It takes the pages to read, build and
    put in the navigation from `documentation_pages()` alone, and looks a link's target up
    by path (`get_file_from_path`); so here the first lists the rewritten pages only, and
    every file is still there to link to. Any other page's HTML is as the last complete
    build left it, since its Markdown has not been written since."""

    def __init__(self, files: Files, rebuilt: set[str]) -> None:
        super().__init__(files)
        self._rebuilt = [f for f in files if f.src_uri in rebuilt]

    def documentation_pages(self, *, inclusion: Any = InclusionLevel.is_included) -> list[File]:
        return [f for f in self._rebuilt if f.is_documentation_page() and inclusion(f.inclusion)]


class _Bytecode(jinja2.BytecodeCache):
    """serve: the theme's compiled templates, kept between rebuilds. MkDocs makes a new Jinja
    environment on every rebuild; Jinja checks each template's source against the checksum it
    stored, so an edited template is compiled again."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


class _Settle:
    """serve: a second after each build, once it has returned and what only it used is
    garbage, collect that and freeze what is alive (the corpus, the models, the last results).

    Python's full collections traverse every tracked object: at 10,000 analyses about a
    million, 0.4 s for each of the two or three collections a rebuild set off. Frozen objects
    are skipped by the collector, and still freed when nothing refers to them any more; a
    rebuild's collections then traverse little more than what that rebuild made. After a
    build that rendered every page, everything is unfrozen first (a 1.5 s collection), so what
    has become garbage since the last such build is collected too. Not while a build runs:
    it would freeze that build's objects.

    A full collection also comes every FULL_EVERY young (generation 1) collections instead of
    every 10: a rebuild after an edit of text makes about 35 at 10,000 analyses, so it runs
    without any (each of the four it set off took 0.1 s), and this collection between builds
    starts the count again. A rebuild of every page still has a full collection every
    FULL_EVERY, which bounds the garbage it can leave."""

    FULL_EVERY = 50

    def __init__(self) -> None:
        self.building = False
        self.unfreeze = False

    def start(self) -> None:
        young, middle, _ = gc.get_threshold()
        gc.set_threshold(young, middle, self.FULL_EVERY)

    def after_build(self, everything: bool) -> None:
        self.building = False
        self.unfreeze = self.unfreeze or everything
        timer = threading.Timer(1.0, self._run)
        timer.daemon = True
        timer.start()

    def _run(self) -> None:
        if self.building:
            return  # the build that started meanwhile schedules the next
        if self.unfreeze:
            self.unfreeze = False
            gc.unfreeze()
        gc.collect()
        gc.freeze()


@dataclass
class Session:
    """One `serve`'s state across rebuilds (see the module docstring)."""

    dirty: bool = False
    previous: Generated | None = None  # the last generation, handed to the next
    complete: bool = False  # the last build ran to its end
    rebuilt: set[str] | None = None  # dirty: the only pages to build (_Rebuilt)
    titles: dict[str, str] = field(default_factory=dict)  # dirty: each page's last title
    bytecode: _Bytecode = field(default_factory=lambda: _Bytecode())
    settle: _Settle = field(default_factory=lambda: _Settle())
    background: Background = field(default_factory=Background)

    def generated(self, result: Generated, static_templates: Any) -> None:
        """A rebuild generated `result`: after an edit of text only (a partial render), a
        dirty build rebuilds only the pages written again and keeps the theme's static pages
        of the last complete build."""
        self.previous = result
        self.rebuilt = None
        if result.partial and self.dirty and self.complete:
            static_templates.difference_update(SAME_AFTER_TEXT_EDIT)
            self.rebuilt = {p for p in result.render.written if p.endswith(".md")}
        self.complete = False

    def files(self, files: Files) -> Files:
        return _Rebuilt(files, self.rebuilt) if self.rebuilt is not None else files

    def nav(self, nav: Any) -> None:
        """A dirty build reads only the pages whose Markdown changed, and a page not read has
        no title: every page it writes would name the others of `nav:` that take their title
        from their heading (About's) "None". Their last titles stand in."""
        if not self.dirty:
            return
        for page in nav.pages:
            src = page.file.src_uri
            if page.title is None and src in self.titles and not page.file.is_modified():
                page.title = self.titles[src]

    def page(self, page: Any) -> None:
        if self.dirty and page.title is not None:
            self.titles[page.file.src_uri] = page.title

    def built(self) -> None:
        self.complete = True
        if self.previous is not None:
            self.settle.after_build(everything=not self.previous.partial)
