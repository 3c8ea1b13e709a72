"""MkDocs adapter: runs `build.generate` inside `mkdocs build` and `mkdocs serve`.

Only adapts MkDocs events; the logic lives in the pipeline modules. mkdocs.yml names
`content` as docs_dir because MkDocs requires docs_dir to exist before any plugin runs; this
plugin then points MkDocs at the generated build/docs.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from generator import publish, seo
from generator.build import generate
from generator.problems import ContentError, format_problems
from generator.project import Layout
from generator.settings import DEFAULT_DISCLAIMER, Settings

log = logging.getLogger("mkdocs.plugins.clausebook")
# Content warnings go to a logger outside "mkdocs.": strict mode counts every "mkdocs.*"
# warning, and a warning about authored text (link-scheme, stray-file) must not stop a build.
content_log = logging.getLogger("clausebook.content")


class ClausebookConfig(base.Config):
    disclaimer = c.Type(str, default=DEFAULT_DISCLAIMER)
    edit_branch = c.Type(str, default="main")
    atomic = c.Type(bool, default=True)  # build into a temporary folder, swap in when done


class ClausebookPlugin(BasePlugin[ClausebookConfig]):
    def __init__(self) -> None:
        self.command = "build"
        self.staged: Path | None = None
        self.final_site: Path | None = None
        self.sources: dict[str, str] = {}
        self.heads: dict[str, seo.Head] = {}
        self.default_head: seo.Head | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    def on_config(self, config: Any) -> Any:
        root = Path(config.config_file_path).resolve().parent
        layout = Layout(root)
        settings = Settings(
            site_name=config.site_name, site_url=config.site_url or "",
            repo_url=config.repo_url or "", edit_branch=self.config.edit_branch,
            disclaimer=self.config.disclaimer,
        )
        try:
            result = generate(root, settings)
        except ContentError as exc:
            raise PluginError("Clausebook content has errors:\n"
                              + format_problems(exc.problems, "text")) from None
        for problem in result.warnings:
            content_log.warning(problem.text())
        log.info("Clausebook: %d analyses; %d pages written, %d unchanged, %d removed",
                 len(result.index.clauses), len(result.render.written),
                 result.render.unchanged, len(result.render.removed))
        self.sources = result.render.sources
        self.heads = seo.heads(result.index, settings)
        self.default_head = seo.default_head(settings)
        config.docs_dir = str(layout.docs)
        if self.command == "build" and self.config.atomic:
            self.final_site = Path(config.site_dir)
            publish.clean_stale(self.final_site)
            self.staged = publish.staging_dir(self.final_site)
            config.site_dir = str(self.staged)
        return config

    def on_page_context(self, context: Any, *, page: Any, config: Any, nav: Any) -> Any:
        # "Edit this page" opens the YAML (or content/) file a page is made from.
        source = self.sources.get(page.file.src_uri)
        if source and config.repo_url:
            # A page made from a whole folder (analyses/) can only be browsed, not edited.
            action = "tree" if source.endswith("/") else "edit"
            page.edit_url = (f"{config.repo_url.rstrip('/')}/{action}/"
                             f"{self.config.edit_branch}/{source}")
        # Feed links, Open Graph type, JSON-LD: partials/clausebook-head.html renders them.
        context["clausebook_head"] = self.heads.get(page.file.src_uri, self.default_head)
        return context

    def on_post_build(self, *, config: Any) -> None:
        if self.staged is not None and self.final_site is not None:
            publish.swap_in(self.staged, self.final_site)
            config.site_dir = str(self.final_site)
            self.staged = None

    def on_build_error(self, *, error: Exception) -> None:
        if self.staged is not None:
            publish.discard(self.staged)
            self.staged = None

    def on_serve(self, server: Any, *, config: Any, builder: Any) -> Any:
        root = Path(config.config_file_path).resolve().parent
        layout = Layout(root)
        server.unwatch(str(layout.docs))  # we write there; watching it would rebuild twice
        for folder in (layout.analyses, layout.content, layout.templates):
            if folder.is_dir():
                server.watch(str(folder))
        return server
