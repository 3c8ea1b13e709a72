"""The pipeline up to Markdown: load → validate → index → render (→ export).

`generate()` is what both the CLI and the MkDocs plugin call; MkDocs (or a successor that
reads the same build/docs folder) does the rest.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from generator.export import export
from generator.index import Index, build_index
from generator.pages import all_pages
from generator.problems import ContentError, Problem, has_errors
from generator.project import Layout
from generator.render import RenderResult, render_site
from generator.settings import Settings
from generator.validate import load_corpus


@dataclass(frozen=True)
class Generated:
    index: Index
    render: RenderResult
    warnings: list[Problem]


def check(root: Path) -> list[Problem]:
    return load_corpus(root)[1]


def generate(root: Path, settings: Settings | None = None) -> Generated:
    """Validate everything, then write build/docs; raise ContentError (nothing written) on errors."""
    layout = Layout(root)
    corpus, problems = load_corpus(root)
    if has_errors(problems):
        raise ContentError(problems)
    settings = settings or Settings()
    intro = layout.content / "index.md"
    if intro.is_file():
        settings = dataclasses.replace(settings, home_intro=intro.read_text(encoding="utf-8"))
    index = build_index(corpus)
    result = render_site(layout, all_pages(index, settings), export(index, settings))
    return Generated(index, result, problems)
