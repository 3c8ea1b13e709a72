"""Heading ids for MkDocs' toc extension (mkdocs.yml: `toc: slugify:`).

Input: a heading's text; output: its id. Python-Markdown's slugify, except that an id never
starts with "_": Material finds its own elements by such ids (`__config`, `__search`,
`__drawer` …) with getElementById, and a heading taking one (an analysis titled "__config")
made Material's script read the heading as its configuration and stop on every page load.
"""

from __future__ import annotations

from markdown.extensions.toc import slugify as markdown_slugify


def slugify(value: str, separator: str) -> str:
    return markdown_slugify(value, separator).lstrip("_") or "section"
