"""Stage 6, the site engine (MkDocs): a thin adapter between MkDocs' events and the pipeline.

Two ways in, one plugin:
- `clausebook build` generates build/docs and build/mkdocs.yml first (pipeline.py), then runs
  MkDocs on that configuration with this plugin's `generate: false`: the plugin only relays
  each page to the post-build as MkDocs writes it (so pages are made small before they are
  written), and the pipeline indexes and publishes.
- `mkdocs build` / `mkdocs serve` on the project's mkdocs.yml (`generate: true`, the default):
  on_config runs the generation and points MkDocs at build/docs; on_post_build finishes the
  post-build and publishes the site (serve: into the preview's folder).

The logic lives in the stages; each hook here hands an event on. MkDocs' own objects are left
as MkDocs made them, but for two documented shortcuts: the blocks of finished HTML the
templates mark are held out of Python-Markdown's conversion (rawhtml.py), and a page's
"edit" link opens the YAML file it is made from.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler, clean_directory

from generator import buildlock, outputs
from generator.engine import config as engine_config
from generator.engine import rawhtml
from generator.model import routes
from generator.postbuild import PostBuild, publish
from generator.problems import ContentError, format_problems
from generator.progress import Progress
from generator.project import Layout
from generator.serve import errorpage, watch
from generator.serve.session import Session

log = logging.getLogger("mkdocs.plugins.clausebook")
# Content warnings go to a logger outside "mkdocs.": strict mode counts every "mkdocs.*"
# warning, and a warning about authored text (link-scheme, stray-file) must not stop a build.
content_log = logging.getLogger("clausebook.content")


# MkDocs' classes are untyped where they make subclasses (__init_subclass__).
class ClausebookConfig(base.Config):  # type: ignore[no-untyped-call]
    generate = c.Type(bool, default=True)  # false in build/mkdocs.yml: generated already
    disclaimer = c.Type(str, default=engine_config.PLUGIN_DEFAULTS["disclaimer"])
    edit_branch = c.Type(str, default="main")
    atomic = c.Type(bool, default=True)  # mkdocs build: into a temporary folder, then swapped
    search = c.Type(bool, default=True)  # build the Pagefind index behind the search box
    search_part_pages = c.Type(int, default=engine_config.PLUGIN_DEFAULTS["search_part_pages"])


@dataclass
class Relay:
    """What one build hands the adapter: the post-build of the folder MkDocs writes, and the
    source file of each page (for its "edit this page" link)."""

    post: PostBuild
    sources: dict[str, str] = field(default_factory=dict)
    copied: set[str] = field(default_factory=set)  # hand-written pages: no held HTML blocks
    edit_base: str = ""  # <repo_url>/<edit|tree>/<branch>/ without the action
    edit_branch: str = "main"
    held: dict[str, rawhtml.Held | None] = field(default_factory=dict)
    progress: Progress = field(default_factory=lambda: Progress("Building pages", 0))


class ClausebookPlugin(BasePlugin[ClausebookConfig]):  # type: ignore[no-untyped-call]
    def __init__(self) -> None:
        self.command = "build"
        self.relay: Relay | None = None  # set by the pipeline, or by on_config
        self.session: Session | None = None  # serve only
        self.own: _OwnBuild | None = None  # `mkdocs build` run directly: lock and publish
        self.problems: list[Any] | None = None  # serve: the content errors the site shows
        self.no_docs: str | None = None  # serve: an empty folder, the docs of an error build

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        if command == "serve":
            self.session = Session(dirty=dirty)
            self.session.settle.start()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.generate:
            return config  # build/mkdocs.yml: the pipeline generated and set `relay`
        from generator import pipeline  # the engine sits above the pipeline's stages

        layout = Layout(Path(config.config_file_path).resolve().parent)
        if self.session is not None:
            self.session.settle.building = True
        else:
            self.own = _OwnBuild.start(layout, config)
        site = engine_config.read(layout)
        try:
            previous = self.session.previous if self.session else None
            serve = self.session is not None
            result = pipeline.generate(layout.root, None, previous, serve=serve, site=site)
        except ContentError as exc:
            if self.session is None:
                raise PluginError(
                    "Clausebook content has errors:\n" + format_problems(exc.problems, "text")
                ) from None
            return self._show_errors(config, exc.problems)
        self.problems = None
        for problem in result.warnings:
            content_log.warning(problem.text())
        log.info(
            "Clausebook: %d analyses; %d pages written, %d unchanged, %d removed",
            len(result.index.clauses),
            len(result.render.written),
            result.render.unchanged,
            len(result.render.removed),
        )
        if self.session is not None:
            self.session.generated(result, config.theme.static_templates)
        config.docs_dir = str(layout.docs)
        post = PostBuild(
            Path(config.site_dir),
            result.index,
            site.settings,
            search_index=self.config.search and self.session is None,
            part_pages=self.config.search_part_pages,
        )
        self.relay = relay_for(post, result, site.settings.repo_url, self.config.edit_branch)
        return config

    def _show_errors(self, config: MkDocsConfig, problems: list[Any]) -> MkDocsConfig:
        """serve: a build with no pages whose not-found page lists the problems
        (generator/serve/errorpage.py), rather than a failed build, which would make every
        request wait until the errors are fixed."""
        assert self.session is not None
        # Not on a "mkdocs." logger: in strict mode MkDocs would count it and fail the build.
        content_log.error("Clausebook content has errors:\n%s", format_problems(problems, "text"))
        self.problems = problems
        self.relay = None
        self.session.settle.building = False
        self.session.complete = False  # the next build writes every page again
        if self.no_docs is None:
            self.no_docs = tempfile.mkdtemp(prefix="clausebook-errors-")
        config.docs_dir = self.no_docs
        config.nav = None  # the pages it names are missing, on purpose: no warnings
        clean_directory(config.site_dir)  # a dirty build would leave the last site's pages
        return config

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        # Material's `tojson` (the __config of every page) without spaces after , and :
        env.policies["json.dumps_kwargs"] = {"sort_keys": True, "separators": (",", ":")}
        if self.session is not None:
            env.bytecode_cache = self.session.bytecode
        return env

    @event_priority(-50)  # after other plugins have added or removed files
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.problems is not None:
            return files
        assert self.relay is not None
        if self.session is not None:
            files = self.session.files(files)
        self.relay.progress = Progress("Building pages", len(files.documentation_pages()))
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        if self.session is not None:
            self.session.nav(nav)
        return nav

    def on_page_context(
        self, context: Any, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> Any:
        assert self.relay is not None
        if self.session is not None:
            self.session.page(page)
        self.relay.progress.step()
        source = self.relay.sources.get(page.file.src_uri)
        if source and self.relay.edit_base:
            page.edit_url = routes.edit(self.relay.edit_base, self.relay.edit_branch, source)
        return context

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        assert self.relay is not None
        if page.file.src_uri in self.relay.copied:
            return markdown  # hand-written: only generated pages mark blocks of finished HTML
        markdown, self.relay.held[page.file.src_uri] = rawhtml.hold(markdown)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.relay is not None
        return rawhtml.restore(html, self.relay.held.pop(page.file.src_uri, None))

    @event_priority(-100)  # last: other plugins' output is part of the page made small
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        assert self.relay is not None
        return self.relay.post.page(page.file.dest_uri, output)

    @event_priority(-100)
    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str:
        if self.problems is not None and template_name == "404.html":
            return errorpage.page(self.problems)
        # 404.html, the one theme template that is a page, is finished like every page.
        if self.relay is None or not template_name.endswith(".html"):
            return output_content
        return self.relay.post.page(template_name, output_content)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.problems is not None:
            return
        relay = self.relay
        assert relay is not None
        relay.progress.finish()
        if not self.config.generate:
            return  # the pipeline finishes the post-build and publishes
        relay.post.finish(scan=False)
        if self.session is not None:
            self.session.built()
            if self.config.search and self.session.previous is not None:
                self.session.background.request(Path(config.site_dir), self.session.previous.index)
        elif self.own is not None:
            self.own.publish(config)
            self.own = None

    def on_build_error(self, *, error: Exception) -> None:
        if self.session is not None:
            self.session.settle.building = False
        if self.relay is not None:
            self.relay.post.abort()
            self.relay.held.clear()
        if self.own is not None:
            self.own.abandon()
            self.own = None

    def on_shutdown(self) -> None:
        if self.session is not None:
            self.session.background.close()
        if self.no_docs is not None:
            shutil.rmtree(self.no_docs, ignore_errors=True)
        if self.own is not None:
            self.own.abandon()
            self.own = None

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        layout = Layout(Path(config.config_file_path).resolve().parent)
        # We write to build/docs (or the error build's empty folder): watching it would
        # rebuild twice.
        with contextlib.suppress(KeyError):
            server.unwatch(config.docs_dir)
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


def relay_for(post: PostBuild, result: Any, repo_url: str, branch: str) -> Relay:
    """The relay of one build of `result` (a pipeline.Generated)."""
    return Relay(
        post,
        result.render.sources,
        result.render.copied,
        repo_url.rstrip("/"),
        branch,
    )


@dataclass
class _OwnBuild:
    """`mkdocs build` run directly on the project's mkdocs.yml: the plugin takes the build
    lock, builds into a staging folder and swaps it in (what the pipeline does for
    `clausebook build`). MkDocs raises strict mode's abort after on_post_build, where the site
    is swapped in: the warnings are counted here so a failing build publishes nothing."""

    lock: Path
    warnings: CountHandler | None
    staged: publish.Staged | None
    final: Path

    @classmethod
    def start(cls, layout: Layout, config: MkDocsConfig) -> _OwnBuild:
        lock = buildlock.acquire(layout)
        warnings = None
        if config.strict:
            warnings = CountHandler(level=logging.WARNING)
            logging.getLogger("mkdocs").addHandler(warnings)
        final = Path(config.site_dir)
        staged = None
        if config.plugins["clausebook"].config.atomic:
            publish.clean_stale(final)
            staged = publish.staging_dir(final)
            config.site_dir = str(staged.path)
        else:  # MkDocs empties site_dir itself: only a folder of ours (outputs.claim)
            outputs.claim(final, final.parent)
        return cls(lock, warnings, staged, final)

    def publish(self, config: MkDocsConfig) -> None:
        if self.staged is not None:
            if self.warnings is not None and self.warnings.get_counts():
                publish.discard(self.staged)  # strict mode aborts right after this event
            else:
                publish.swap_in(self.staged, self.final)
                config.site_dir = str(self.final)
            self.staged = None
        self.abandon()

    def abandon(self) -> None:
        if self.staged is not None:
            publish.discard(self.staged)
            self.staged = None
        if self.warnings is not None:
            logging.getLogger("mkdocs").removeHandler(self.warnings)
            self.warnings = None
        buildlock.release(self.lock)
