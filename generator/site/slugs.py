"""Heading ids for MkDocs' toc extension (mkdocs.yml: `toc: slugify:`).

Input: a heading's text; output: its id. Python-Markdown's slugify, except that an id never
starts with "_": Material finds its own elements by such ids (`__config`, `__search`,
`__drawer` …) with getElementById, and a heading taking one (an analysis titled "__config")
made Material's script read the heading as its configuration and stop on every page load.
"""

from __future__ import annotations

from markdown.extensions.toc import slugify as markdown_slugify
from markupsafe import Markup


def slugify(value: str, separator: str) -> str:
    return markdown_slugify(value, separator).lstrip("_") or "section"


def anchor(heading: str) -> Markup:
    """The id MkDocs gives a heading of the templates' own text, for an in-page link (the
    clause page's table of contents on phones); never for authored text."""
    return Markup(slugify(heading, "-"))
