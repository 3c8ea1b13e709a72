"""MkDocs adapter: runs `build.generate` inside `mkdocs build` and `mkdocs serve`.

Only adapts MkDocs events; the logic lives in the pipeline modules. mkdocs.yml names
`content` as docs_dir because MkDocs requires docs_dir to exist before any plugin runs; this
plugin then points MkDocs at the generated build/docs.
"""

from __future__ import annotations

import gc
import logging
import threading
import zlib
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import CountHandler

from generator import buildlock, outputs
from generator.engine import rawhtml
from generator.export import heads
from generator.pipeline import Generated, generate
from generator.postbuild import publish, search
from generator.postbuild.minify import SPRITE, Icons, compact_html
from generator.postbuild.search import PART_PAGES
from generator.problems import ContentError, format_problems
from generator.progress import Progress
from generator.project import Layout
from generator.serve import watch
from generator.settings import DEFAULT_DISCLAIMER, Settings

log = logging.getLogger("mkdocs.plugins.clausebook")
# Content warnings go to a logger outside "mkdocs.": strict mode counts every "mkdocs.*"
# warning, and a warning about authored text (link-scheme, stray-file) must not stop a build.
content_log = logging.getLogger("clausebook.content")

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


class ClausebookConfig(base.Config):
    disclaimer = c.Type(str, default=DEFAULT_DISCLAIMER)
    edit_branch = c.Type(str, default="main")
    atomic = c.Type(bool, default=True)  # build into a temporary folder, swap in when done
    search = c.Type(bool, default=True)  # build the Pagefind index behind the search box
    search_part_pages = c.Type(int, default=PART_PAGES)  # pages per search index part


class ClausebookPlugin(BasePlugin[ClausebookConfig]):
    def __init__(self) -> None:
        self.command = "build"
        self.dirty = False
        self.staged: publish.Staged | None = None
        self.lock: Path | None = None  # build/.lock, held from on_config to the build's end
        self.warnings: CountHandler | None = None  # strict mode: MkDocs' warnings so far
        self.copied: set[str] = set()  # pages copied from content/: no held HTML blocks
        self.final_site: Path | None = None
        self.sources: dict[str, str] = {}
        self.heads: heads.Heads | None = None
        self.background = search.Background()
        self.progress = Progress("Building pages", 0)
        self.previous: Generated | None = None
        self.indexer: search.Indexer | None = None
        self.last_page: str | None = None
        self.held: dict[str, rawhtml.Held | None] = {}
        self.packed: dict[str, bytes] = {}  # page HTML between conversion and writing
        self.icons = Icons()  # theme icons moved out of the pages into one sprite file
        self.sprite_url = "/" + SPRITE
        self.bytecode = _Bytecode()
        self.complete = False  # serve: the last build ran to its end
        self.settle = _Settle()
        self.rebuilt: set[str] | None = None  # serve --dirty: the only pages to build (_Rebuilt)
        self.titles: dict[str, str] = {}  # serve --dirty: each page's title in the last build
        self.quick: dict[str, str] | None = None  # the quick search index's pages

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        self.dirty = dirty  # serve --dirty: the site folder is kept between rebuilds
        if command == "serve":
            self.settle.start()

    def on_config(self, config: Any) -> Any:
        self.settle.building = True
        root = Path(config.config_file_path).resolve().parent
        layout = Layout(root)
        settings = Settings(
            site_name=config.site_name,
            site_url=config.site_url or "",
            repo_url=config.repo_url or "",
            edit_branch=self.config.edit_branch,
            disclaimer=self.config.disclaimer,
        )
        # One build of a project at a time: the other waits (buildlock). Released when the
        # build ends, by on_post_build or on_build_error, which MkDocs runs for this event too.
        self.lock = buildlock.acquire(layout)
        if config.strict and self.command == "build":
            # MkDocs raises its strict-mode abort after on_post_build, where the site is
            # swapped in: count the warnings here too, so a failing build publishes nothing.
            self.warnings = CountHandler(level=logging.WARNING)
            logging.getLogger("mkdocs").addHandler(self.warnings)
        try:
            # serve keeps this plugin instance across rebuilds: hand it the last result.
            serve = self.command == "serve"
            result = generate(root, settings, self.previous if serve else None, serve=serve)
        except ContentError as exc:
            raise PluginError(
                "Clausebook content has errors:\n" + format_problems(exc.problems, "text")
            ) from None
        for problem in result.warnings:
            content_log.warning(problem.text())
        log.info(
            "Clausebook: %d analyses; %d pages written, %d unchanged, %d removed",
            len(result.index.clauses),
            len(result.render.written),
            result.render.unchanged,
            len(result.render.removed),
        )
        self.sources = result.render.sources
        self.copied = result.render.copied
        self.heads = heads.Heads(result.index, settings)
        self.quick = search.quick_pages(result.index) if self.config.search else None
        self.previous = result if self.command == "serve" else None  # else free the corpus
        self.rebuilt = None
        if result.partial and self.dirty and self.complete:
            config.theme.static_templates.difference_update(SAME_AFTER_TEXT_EDIT)
            self.rebuilt = {p for p in result.render.written if p.endswith(".md")}
        self.complete = False
        config.docs_dir = str(layout.docs)
        # From the server's root, as the site is served (site_url's path, as `serve` does):
        # a relative URL would break when instant navigation keeps the header of another page.
        self.sprite_url = urlsplit(config.site_url or "/").path.rstrip("/") + "/" + SPRITE
        if self.command == "build" and self.config.atomic:
            self.final_site = Path(config.site_dir)
            publish.clean_stale(self.final_site)
            self.staged = publish.staging_dir(self.final_site)
            config.site_dir = str(self.staged.path)
        elif self.command == "build":
            # MkDocs empties site_dir itself: only a folder of ours (outputs.claim).
            site = Path(config.site_dir)
            outputs.claim(site, site.parent)
        return config

    def on_env(self, env: Any, *, config: Any, files: Any) -> Any:
        # Material's `tojson` (the __config of every page) without spaces after , and :
        env.policies["json.dumps_kwargs"] = {"sort_keys": True, "separators": (",", ":")}
        env.filters["sprite_refs"] = self._sprite_refs
        if self.command == "serve":
            env.bytecode_cache = self.bytecode
        return env

    def _sprite_refs(self, icons: str) -> str:
        try:
            return self.icons.refs(icons)
        except ValueError as exc:
            raise PluginError(f"Clausebook: the search box's icons: {exc}") from None

    def on_files(self, files: Any, *, config: Any) -> Any:
        self.held.clear()  # a rebuild of serve after a failed one starts afresh
        self.packed.clear()
        if self.rebuilt is not None:
            files = _Rebuilt(files, self.rebuilt)
        pages = files.documentation_pages()
        self.progress = Progress("Building pages", len(pages))
        if self.config.search and self.command == "build":
            # Index each part of the site as soon as its pages are written (search.Indexer).
            self.indexer = search.Indexer(
                Path(config.site_dir),
                [f.dest_uri for f in pages],
                part_pages=self.config.search_part_pages,
                quick=self.quick,
            )
            self.quick = None  # the indexer wrote them out
        return files

    def on_nav(self, nav: Any, *, config: Any, files: Any) -> Any:
        if self.dirty:
            # A dirty build reads only the pages whose Markdown changed, and a page not read
            # has no title: every page it writes would name the others of `nav:` that take
            # their title from their heading (About's) "None". Their last titles stand in.
            for page in nav.pages:
                src = page.file.src_uri
                if page.title is None and src in self.titles and not page.file.is_modified():
                    page.title = self.titles[src]
        return nav

    def on_page_context(self, context: Any, *, page: Any, config: Any, nav: Any) -> Any:
        if self.dirty and page.title is not None:
            self.titles[page.file.src_uri] = page.title
        self.progress.step()
        packed = self.packed.pop(page.file.src_uri, None)
        if packed is not None:
            page.content = zlib.decompress(packed).decode()
        # "Edit this page" opens the YAML (or content/) file a page is made from.
        source = self.sources.get(page.file.src_uri)
        if source and config.repo_url:
            # A page made from a whole folder (analyses/) can only be browsed, not edited.
            action = "tree" if source.endswith("/") else "edit"
            page.edit_url = (
                f"{config.repo_url.rstrip('/')}/{action}/{self.config.edit_branch}/{source}"
            )
        # Feed links, Open Graph type, JSON-LD: partials/clausebook-head.html renders them.
        assert self.heads is not None  # set by on_config, which MkDocs always runs first
        context["clausebook_head"] = self.heads.get(page.file.src_uri)
        return context

    def on_page_markdown(self, markdown: str, *, page: Any, config: Any, files: Any) -> str:
        if page.file.src_uri in self.copied:
            return markdown  # hand-written: only generated pages mark blocks of finished HTML
        markdown, self.held[page.file.src_uri] = rawhtml.hold(markdown)
        return markdown

    def on_page_content(self, html: str, *, page: Any, config: Any, files: Any) -> str:
        # MkDocs converts every page before it writes any. Hold each page's HTML compressed
        # meanwhile (a fifth of the size; 10,000 pages x 20 KB), and the source not at all.
        page.markdown = ""
        html = rawhtml.restore(html, self.held.pop(page.file.src_uri, None))
        self.packed[page.file.src_uri] = zlib.compress(html.encode(), 1)
        return ""

    def on_post_page(self, output: str, *, page: Any, config: Any) -> str:
        page.content = None  # written: the HTML is not needed again (10,000 pages x 20 KB)
        if self.indexer is not None:
            # MkDocs writes a page after this event: the previous one is on disk now.
            if self.last_page is not None:
                self._written(self.last_page)
            self.last_page = page.file.dest_uri
        return self._shrink(output)

    def on_post_template(self, output_content: str, *, template_name: str, config: Any) -> str:
        # 404.html (the one theme template that is a page) as every page: icons from the
        # sprite (assets/search.js takes the sprite's address from the header's magnifier),
        # whitespace cut.
        if not template_name.endswith(".html"):
            return output_content
        return self._shrink(output_content)

    def _shrink(self, html: str) -> str:
        """A page in fewer bytes: theme icons from the sprite, whitespace cut (minify.py)."""
        return compact_html(self.icons.link(html, self.sprite_url))

    def _written(self, page: str) -> None:
        assert self.indexer is not None
        self.indexer.written(page)

    def on_post_build(self, *, config: Any) -> None:
        self.progress.finish()
        self.icons.write(Path(config.site_dir))  # serve: every icon seen since it started
        if self.command == "serve" and self.previous is not None:
            self.settle.after_build(everything=not self.previous.partial)
        if self.config.search and self.command == "serve":
            self.background.request(Path(config.site_dir), self.quick)
        elif self.indexer is not None:
            if self.last_page is not None:
                self._written(self.last_page)
            indexer, self.indexer, self.last_page = self.indexer, None, None
            indexer.finish()  # SearchIndexError: an OutputError, one line for the user
        if self.staged is not None and self.warnings is not None and self.warnings.get_counts():
            # MkDocs aborts right after this event (strict mode): publish nothing.
            publish.discard(self.staged)
            self.staged = None
        if self.staged is not None and self.final_site is not None:
            publish.swap_in(self.staged, self.final_site)
            config.site_dir = str(self.final_site)
            self.staged = None
        self.complete = True
        self._end()

    def _end(self) -> None:
        """The build is over: stop counting warnings, give back the build lock."""
        if self.warnings is not None:
            logging.getLogger("mkdocs").removeHandler(self.warnings)
            self.warnings = None
        if self.lock is not None:
            buildlock.release(self.lock)
            self.lock = None

    def on_build_error(self, *, error: Exception) -> None:
        self.settle.building = False
        self.held.clear()
        self.packed.clear()
        if self.indexer is not None:
            self.indexer.abort()
            self.indexer, self.last_page = None, None
        if self.staged is not None:
            publish.discard(self.staged)
            self.staged = None
        self._end()

    def on_shutdown(self) -> None:
        self._end()

    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        root = Path(config.config_file_path).resolve().parent
        layout = Layout(root)
        server.unwatch(str(layout.docs))  # we write there; watching it would rebuild twice
        watched = [config.config_file_path] if config.config_file_path else []
        for folder in config.theme.dirs:  # watched by `serve --watch-theme` only
            try:
                server.unwatch(folder)
                watched.append(folder)
            except KeyError:
                pass
        watched += [str(f) for f in (layout.analyses, layout.content, layout.templates)]
        watch.use_events(server, [p for p in watched if Path(p).exists()])
        return server
