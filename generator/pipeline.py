"""The pipeline up to Markdown: load → validate → index → render (→ export).

`generate()` is what both the CLI and the MkDocs plugin call; MkDocs (or a successor that
reads the same build/docs folder) does the rest.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.check import load_corpus
from generator.export import Exported, export
from generator.model.corpus import Corpus
from generator.model.index import Index, build_index
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
    settings = settings or Settings()
    intro = layout.content / "index.md"
    if intro.is_file():
        # Checked like every content/ page (validate/content.py): bounded, UTF-8, no HTML.
        text = read_text(intro, "content/index.md")[0] or ""
        settings = dataclasses.replace(settings, home_intro=text)
    index = build_index(corpus)
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
        return Generated(index, result, problems, setup)
    return Generated(
        index, result, problems, setup, Exported(index, files), shown, wanted is not None
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
