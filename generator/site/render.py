"""Stage 4b, render: pages → Markdown files in build/docs, through Jinja templates.

Templates produce Markdown that MkDocs converts. Every `{{ value }}` that is a plain string is
passed through `markup.inline` by the environment's `finalize`, so a template cannot forget
to escape authored text; filters that return `Markup` (`block`, `verbatim`, `cell`) have
already made their output inert.

Only files whose bytes changed are rewritten, and files no page produces any more are removed,
so MkDocs' dirty rebuild sees exactly what changed; build/docs is written and emptied by
`docstree.DocsTree`, which never follows a link nor deletes a file it did not write.

Rule output-collision: two inputs would write the same page (or pages whose paths differ
only by case or Unicode normalisation, one file on macOS and Windows). Every output is
claimed before anything is written, and both sources are named (Pelican's writer rule):

    content/explore.md    # error[output-collision] 'explore.md' would also be written
                          #   from analyses/ (hint: rename one of the two)
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import unicodedata
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from generator.check.registry import OUTPUT_COLLISION
from generator.model import routes
from generator.outputs import read_small
from generator.problems import Problem
from generator.progress import Progress
from generator.project import Layout
from generator.site import incremental, markup
from generator.site.docstree import DocsTree
from generator.site.labels import RATING_LABELS
from generator.site.page import Page
from generator.site.slugs import anchor
from generator.source.load import MAX_FILE_BYTES
from generator.source.text import isolate


def _finalize(value: Any) -> Any:
    if isinstance(value, Markup) or value is None:
        return value
    if isinstance(value, str):
        return markup.inline(value)
    return value


_WIDE = re.compile(r"[^\x00-\xff]")


def narrow(page: str) -> str:
    """A generated page with every character beyond Latin-1 in its body written as a numeric
    reference (U+2019 as `&#8217;`), the front matter as it is.

    Why: Python keeps a string at one byte a character only if every character is Latin-1; a
    single arrow or curly quote makes it two. MkDocs holds every page's Markdown and HTML until it
    writes the first page: 820 MB at 10,000 analyses with the characters, half without. The
    post-build writes the characters back (postbuild/minify.py), so the published HTML is the
    same. A reference means the character everywhere in Markdown but inside a code span or
    block, where no template writes one (tests/test_memory.py holds the templates to that)."""
    if page.startswith("---\n"):
        end = page.find("\n---\n", 4)
        if end != -1:
            end += 5
            return page[:end] + _WIDE.sub(_reference, page[end:])
    return _WIDE.sub(_reference, page)


def _reference(match: re.Match[str]) -> str:
    return f"&#{ord(match.group(0))};"


def _verbatim(text: str) -> Markup:
    """A quotation exactly as written: no Markdown, paragraphs at blank lines, line breaks."""
    paragraphs = [p for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return Markup(
        "".join(
            "<p>"
            + "<br>".join(markup.escape(line.strip()) for line in p.strip().splitlines())
            + "</p>"
            for p in paragraphs
        )
    )


@lru_cache(maxsize=1 << 16)
def _cell(text: str) -> Markup:
    """Authored block text squeezed onto one line, for a table cell or a list item: a single
    paragraph loses its <p> so it runs on from the text before it."""
    html = " ".join(markup.block(text).split())
    if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
        html = html[3:-4]
    return Markup(html)


def _date(value: dt.date) -> str:
    return value.strftime("%-d %B %Y")


@jinja2.pass_context
def _rel(ctx: jinja2.runtime.Context, target: str) -> Markup:
    """Relative link to another page's Markdown file; MkDocs turns it into a URL and checks it."""
    return Markup(routes.relpath(target, posixpath.dirname(ctx["page_path"])))


@jinja2.pass_context
def _href(ctx: jinja2.runtime.Context, target: str) -> Markup:
    """Relative URL of another page, for links inside HTML (every page URL is a folder)."""
    return Markup(routes.relative_url(ctx["page_path"], target))


def environment(templates: Path) -> jinja2.Environment:
    """A Jinja environment for the templates in `templates`, with the filters and globals
    above and `fragment`, which remembers what it rendered for as long as the environment
    lives (serve keeps one between partial renders: `render_site`)."""
    fragments: dict[Hashable, Markup] = {}

    @jinja2.pass_context
    def fragment(ctx: jinja2.runtime.Context, template: str, **values: Hashable) -> Markup:
        """`template` rendered with `values` and the page path only; a repeated call with equal
        values reuses the text (the explorer's 10,000 rows on each serve rebuild)."""
        key = (template, ctx["page_path"], *sorted(values.items()))
        text = fragments.get(key)
        if text is None:
            page = ctx["page_path"]
            text = Markup(ctx.environment.get_template(template).render(page_path=page, **values))
            fragments[key] = text
        return text

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates),
        undefined=jinja2.StrictUndefined,
        finalize=_finalize,
        autoescape=False,  # output is Markdown; `finalize` escapes every authored string
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        isolate=isolate,  # each authored part of a composed string isolated on its own
        block=markup.block,
        verbatim=_verbatim,
        cell=_cell,
        date=_date,
        snippet=markup.snippet,
        rating_label=RATING_LABELS.__getitem__,
    )
    env.globals.update(
        rel=_rel,
        href=_href,
        anchor=anchor,  # a template's own heading → its id, for the phone TOC
        fragment=fragment,
        RATING_LABELS=RATING_LABELS,
        routes=routes,  # every path a template links to (generator/model/routes.py)
    )
    return env


# serve: the environment of the last render of each templates folder, reused by a partial
# render (the templates are unchanged then: see `incremental`), with its compiled templates
# and remembered fragments. A full render starts a new one.
_environments: dict[Path, jinja2.Environment] = {}


@dataclass
class RenderResult:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    sources: dict[str, str] = field(default_factory=dict)  # docs path → source file
    copied: set[str] = field(default_factory=set)  # pages copied from content/ as they are

    @property
    def changed(self) -> bool:
        return bool(self.written or self.removed)


def clear_caches() -> None:
    """Drop the converted texts kept for repeated summaries and the environments kept for
    serve (a build's, not serve's)."""
    markup.block.cache_clear()
    markup.snippet.cache_clear()
    _cell.cache_clear()
    _environments.clear()


def render_site(
    layout: Layout,
    pages: Iterable[Page],
    extra: Mapping[str, bytes] | None = None,
    wanted: Callable[[Page], bool] | None = None,
    shown: dict[str, incremental.Shown] | None = None,
) -> RenderResult:
    """Render every page, copy content/ and write `extra` (exported files: API, feeds) into
    build/docs; raise ContentError on collisions.

    With `wanted` (serve, see `incremental`), only those pages are rendered; the others are
    known to be unchanged on disk, and no file is removed. `shown` (serve) is filled in with
    what each rendered page shows, for the next `wanted`."""
    from generator.problems import ContentError

    env = _environments.get(layout.templates) if wanted is not None else None
    if env is None:
        env = _environments[layout.templates] = environment(layout.templates)
    result = RenderResult()
    problems: list[Problem] = []
    claims: dict[str, str] = {}  # output path or page URL → the source that claimed it first

    def claim(path: str, source: str) -> bool:
        """Pelican's rule: never write one path (or one URL) twice; name both sources."""
        clash = _claim(claims, path, source)
        if clash:
            problems.append(
                Problem(
                    source,
                    1,
                    1,
                    OUTPUT_COLLISION,
                    f"'{path}' would also be written from {clash}",
                    "rename one of the two",
                )
            )
        return clash is None

    # Every output is claimed before anything is written: a collision writes nothing.
    pages = [page for page in pages if claim(page.path, page.source)]
    content = [(p, data) for p, data in _content_files(layout) if claim(p, f"content/{p}")]
    exported = [
        (p, data)
        for p, data in (extra or {}).items()
        if claim(p, "the JSON API and feeds (generator/export.py)")
    ]
    if problems:
        raise ContentError(problems)
    tree = DocsTree(layout, verify=wanted is None)
    tree.begin([page.path for page in pages] + [p for p, _ in content] + [p for p, _ in exported])
    # Each page is written as soon as it is rendered, so memory holds one page, not the site.
    keep: set[str] = set()
    progress = Progress("Rendering pages", len(pages))
    for page in pages:
        progress.step()
        result.sources[page.path] = page.source
        keep.add(page.path)
        if wanted is not None and not wanted(page):
            result.unchanged += 1
            continue
        if shown is not None:
            shown[page.path] = incremental.shown(page.context)
        context = {
            **page.context,
            "page_path": page.path,
            "source": page.source,
            "front": page.front,
        }
        text = narrow(env.get_template(page.template).render(context))
        _write(tree, page.path, text.encode(), result)
    for path, data in content:
        result.sources[path] = f"content/{path}"
        if not path.startswith("assets/clausebook/"):
            result.copied.add(path)
        keep.add(path)
        _write(tree, path, data, result)
    for path, data in exported:
        keep.add(path)
        _write(tree, path, data, result)
    progress.finish()
    if wanted is None:
        result.removed = tree.finish(keep)
    result.written.sort()
    return result


def _claim(claims: dict[str, str], path: str, source: str) -> str | None:
    """The source that already claimed `path` or its URL (a/b.md and a/b/index.md are both
    /a/b/), or a path or URL that differs from them, or from one of their folders, only by
    case or Unicode normalisation (one file on macOS and Windows: content/API.md and the
    generated api.md); else None after claiming them for `source`."""
    keys = [path] + (["url:" + routes.url(path)] if path.endswith(".md") else [])
    for key in keys:
        if key in claims:
            return claims[key]
    spellings = {}
    for key in keys:
        parts = key.rstrip("/").split("/")
        for end in range(1, len(parts) + 1):
            exact = "/".join(parts[:end])
            folded = "fold:" + unicodedata.normalize("NFC", exact).casefold()
            spelt, _, owner = claims.get(folded, "").partition("\0")
            if owner and spelt != exact:
                return owner
            spellings[folded] = f"{exact}\0{source}"
    claims.update(dict.fromkeys(keys, source))
    for folded, value in spellings.items():
        claims.setdefault(folded, value)
    return None


def _content_files(layout: Layout) -> Iterable[tuple[str, bytes]]:
    """Hand-written pages (`check` allows nothing but .md pages in content/: rule content-file)
    and the site's own assets; content/index.md is the home intro, not a page."""
    if layout.content.is_dir():
        for path in sorted(layout.content.rglob("*.md")):
            rel = path.relative_to(layout.content).as_posix()
            if rel != "index.md" and not any(p.startswith(".") for p in rel.split("/")):
                data = read_small(path, MAX_FILE_BYTES)  # never through a link
                if data is not None:
                    yield rel, data
    assets = layout.templates / "assets"
    if assets.is_dir():
        for path in sorted(assets.rglob("*")):
            if path.is_file():
                yield "assets/clausebook/" + path.relative_to(assets).as_posix(), path.read_bytes()


def _write(tree: DocsTree, path: str, data: bytes, result: RenderResult) -> None:
    if tree.write(path, data):
        result.written.append(path)
    else:
        result.unchanged += 1
