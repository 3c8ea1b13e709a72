"""The pipeline, as a script: source → check → model → pages and exports (`generate`, into
build/) ‖ the site engine (into a staging folder) ‖ post-build → publish (`build`).

Three steps with files between them: `generate` writes build/docs (Markdown pages, the API,
feeds and schemas, assets) and a configuration per engine (build/mkdocs.yml,
build/zensical.yml); the engine builds that into a folder; the post-build works on that
folder only, and the folder replaces the published site when all is done. `clausebook build`
runs them in order; `mkdocs build` / `mkdocs serve` on the project's mkdocs.yml run the same
`generate` from the plugin's on_config (engine/mkdocs.py).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import buildlock, memory
from generator.check import excerpts, load_corpus, matching
from generator.engine import config as engine_config
from generator.engine import zensical
from generator.export import Exported, export
from generator.model import routes
from generator.model.corpus import Corpus
from generator.model.index import Index, build_index
from generator.postbuild import PostBuild, publish
from generator.problems import ContentError, Problem, has_errors
from generator.project import Layout
from generator.settings import Settings
from generator.site.incremental import Shown, changed_pages
from generator.site.pages import all_pages
from generator.site.render import RenderResult, clear_caches, render_site
from generator.source.load import read_text


@dataclass(frozen=True)
class Generated:
    index: Index
    render: RenderResult
    warnings: list[Problem]
    setup: Any = None  # settings, template and content stamps: a change re-renders all
    exported: Exported | None = None  # serve: the export, reused for unchanged platforms
    shown: dict[str, Shown] | None = None  # serve: what each page showed when last rendered
    # serve: only the pages showing edited analyses were rendered; which pages exist, their
    # titles and what they list are as in the previous result (see `incremental`)
    partial: bool = False
    settings: Settings = field(default_factory=Settings)


# `clausebook build` checks before MkDocs starts, then the plugin generates: the corpus
# validated by the first is handed to the second (once) instead of being validated twice.
_checked: dict[Path, tuple[Corpus, list[Problem]]] = {}


def check(root: Path, *, keep: bool = False) -> list[Problem]:
    """Every problem of the project; with `keep`, the next `generate` of it reuses the work."""
    corpus, problems = load_corpus(root)
    if keep and not has_errors(problems):
        _checked[root.resolve()] = (corpus, problems)
    return problems


def forget(root: Path) -> None:
    """Drop a kept check that no `generate` used (the build stopped before generating)."""
    _checked.pop(root.resolve(), None)


def generate(
    root: Path,
    settings: Settings | None = None,
    previous: Generated | None = None,
    *,
    serve: bool = False,
    site: engine_config.SiteConfig | None = None,
) -> Generated:
    """Validate everything, then write build/docs; raise ContentError (nothing written) on errors.

    `serve` keeps validated models in memory for the next call; `previous` (serve: the last
    result in this process) lets an edit of an analysis's text re-render only the pages that
    show it; see `incremental`."""
    layout = Layout(root)
    key = root.resolve()
    corpus, problems = _checked.pop(key) if key in _checked else load_corpus(root, memo=serve)
    if has_errors(problems):
        raise ContentError(problems)
    site = site or engine_config.read(layout)
    settings = settings or site.settings
    intro = layout.content / "index.md"
    if intro.is_file():
        # Checked like every content/ page (validate/content.py): bounded, UTF-8, no HTML.
        text = read_text(intro, "content/index.md")[0] or ""
        settings = dataclasses.replace(settings, home_intro=text)
    excerpts.add_since(corpus)  # read every version of each quote's run: the site only
    index = build_index(corpus, drafts=serve)  # serve shows drafts, a build counts them
    setup = (settings, _stamps(layout.templates), _stamps(layout.content))
    wanted = None
    if previous is not None and previous.shown is not None:
        wanted = changed_pages(previous.index, index, previous.setup == setup, previous.shown)
    # Only an edit of analyses' text (`wanted` is set) can leave whole platforms unchanged.
    files = export(index, settings, previous.exported if wanted and previous else None)
    pages = all_pages(index, settings)
    shown: dict[str, Shown] | None
    if wanted is None:
        shown = {} if serve else None  # filled in by the render, for the next rebuild
        result = render_site(layout, pages, files, shown=shown)
    else:
        # A partial render leaves what every page lists as it was (see `incremental`).
        shown = previous.shown if previous else None
        result = render_site(layout, pages, files, wanted)
    if not serve:
        clear_caches()
        matching.forget()  # up to 64 M characters of archived text, kept for serve's next check
        del corpus, files, pages  # the engine and the post-build need the index only
        memory.release_freed()
        for engine in engine_config.ENGINES:  # `mkdocs build -f build/mkdocs.yml` works too
            engine_config.write(layout, site, engine)
        return Generated(index, result, problems, setup, settings=settings)
    return Generated(
        index,
        result,
        problems,
        setup,
        Exported(index, files),
        shown,
        wanted is not None,
        settings,
    )


def _stamps(folder: Path) -> tuple[tuple[str, int, int], ...]:
    if not folder.is_dir():
        return ()
    return tuple(
        sorted(
            (p.as_posix(), st.st_mtime_ns, st.st_size)
            for p in folder.rglob("*")
            if p.is_file() and (st := p.stat())
        )
    )


def build(
    root: Path,
    *,
    site_dir: Path | None = None,
    engine: engine_config.Engine = "mkdocs",
    wait: float = buildlock.WAIT,
) -> None:
    """Check, generate, build with `engine` into a staging folder, post-build, publish.
    ContentError (nothing built) on content errors; OutputError, OSError or EngineError on a
    failure to write or build, the previous site untouched either way."""
    layout = Layout(root)
    with buildlock.held(layout, wait):
        site = engine_config.read(layout)
        generated = generate(root, site=site)
        if engine == "mkdocs":
            # Imported before the staging folder exists: a Ctrl-C while a module's classes
            # are being made surfaces as a RuntimeError, not as an interruption.
            import mkdocs.commands.build  # noqa: F401
        final = site_dir or layout.root / "site"
        publish.clean_stale(final)
        # Everything after the staging folder exists is inside the try: a Ctrl-C that lands
        # while the post-build is being set up still removes the folder.
        staged = publish.staging_dir(final)
        post: PostBuild | None = None
        try:
            post = PostBuild(
                staged.path,
                generated.index,
                generated.settings,
                search_index=bool(site.plugin["search"]),
                part_pages=int(site.plugin["search_part_pages"]),
                edit_urls=None if engine == "mkdocs" else _edit_urls(site, generated),
            )
            if engine == "mkdocs":
                _mkdocs(layout, site, staged.path, post, generated)
            else:
                config = engine_config.write(layout, site, engine, site_dir=staged.path)
                zensical.build(config, staged.path)
            # Only the post-build's own state is needed from here: the model, and MkDocs'
            # pages, go before Pagefind starts (PostBuild.finish hands the memory back).
            del generated
            post.finish(scan=engine != "mkdocs")
            publish.swap_in(staged, final)
        except BaseException:
            if post is not None:
                post.abort()
            publish.discard(staged)
            raise


def _edit_urls(site: engine_config.SiteConfig, generated: Generated) -> dict[str, str]:
    """Each page's "edit" link to the file it is made from (the MkDocs adapter sets these
    while MkDocs builds)."""
    settings = site.settings
    if not settings.repo_url:
        return {}
    return {
        routes.html(page): routes.edit(settings.repo_url, settings.edit_branch, source)
        for page, source in generated.render.sources.items()
    }


def _mkdocs(
    layout: Layout,
    site: engine_config.SiteConfig,
    folder: Path,
    post: PostBuild,
    generated: Generated,
) -> None:
    """MkDocs on build/mkdocs.yml, in this process: its plugin relays each page to `post`."""
    from mkdocs.commands import build as mkdocs_build
    from mkdocs.config import load_config

    from generator.engine.mkdocs import ClausebookPlugin, relay_for

    config = load_config(str(layout.build / "mkdocs.yml"), site_dir=str(folder))
    plugin = config.plugins["clausebook"]
    assert isinstance(plugin, ClausebookPlugin)
    plugin.relay = relay_for(post, generated, site.settings.repo_url, site.settings.edit_branch)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        mkdocs_build.build(config)
    finally:
        config.plugins.on_shutdown()
