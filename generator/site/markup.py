"""Authored text → inert HTML. The only way authored words reach a page.

Authors may use a small Markdown subset: paragraphs, *emphasis*, **strong**, `code`,
[links](https://…) and lists. Everything else — raw HTML, headings, images, tables, quotes,
admonitions, Jinja or MkDocs syntax — stays literal text.

The output is safe in every context a template puts it in, because the generated pages are
themselves Markdown that MkDocs converts again: every ASCII punctuation character of authored
text is written as a numeric character reference (`&#60;`, `&#42;`, `&#123;` …). Browsers
show the characters; Python-Markdown, its extensions and Jinja see no syntax at all.
"""

from __future__ import annotations

import html
import re
import string
import threading
import xml.etree.ElementTree as etree
from functools import lru_cache

import markdown
from markdown.inlinepatterns import NOIMG, LinkInlineProcessor
from markupsafe import Markup

from generator.model.urls import link_problem
from generator.source.text import isolate

# Everything that any of Markdown, its extensions, HTML attributes, YAML front matter or Jinja
# could read as syntax. Left out: , . ; ? / % which none of them gives a meaning mid-text.
_PUNCT = {ord(c): f"&#{ord(c)};" for c in string.punctuation if c not in ",.;?/%"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ALLOWED_TAGS = {"p", "em", "strong", "code", "a", "ul", "ol", "li", "br"}
# Nesting beyond this many lists, or emphasis and links inside one another, is shown as what
# was typed: Python-Markdown parses each level by recursion (`+ ` typed 500 times raised
# RecursionError), and no analysis needs more levels than a contract's (a)(i)(A)(1).
MAX_NESTING = 8
# A link's label and address (+ title) at most this long. Python-Markdown looks for the end of
# a label from every "[" to the end of the text: 19,000 "[" took 32 s (quadratic).
MAX_LABEL = 500
MAX_ADDRESS = 2_500


def escape(text: str) -> str:
    """Authored text as inert characters: punctuation → numeric references, line breaks kept."""
    return _CONTROL.sub("\ufffd", text).translate(_PUNCT)


def inline(text: str) -> Markup:
    """Authored text for one line (headings, table cells, link labels, the page's title):
    plain, no markup, isolated (FSI … PDI) if it leaves a bidirectional control open, so that it
    cannot reorder the text around it wherever it is put."""
    return Markup(isolate(" ".join(escape(text).split())))


def is_safe_url(url: str) -> bool:
    """http(s), mailto, or relative, as urls.link_problem reads an address as browsers do."""
    return link_problem(url) is None


# Python-Markdown ships no type information: its classes are Any to mypy.
class _BoundedLink(LinkInlineProcessor):  # type: ignore[misc]
    """Python-Markdown's link, tried only where a whole link of bounded size follows: a label
    without brackets, then an address whose parentheses nest at most once. Each "[" then costs
    at most MAX_LABEL + MAX_ADDRESS characters of look-ahead, in the regular expression
    engine, instead of a scan to the end of the text."""

    def __init__(self, md: markdown.Markdown) -> None:
        address = rf"\((?:[^()]|\([^()]{{0,{MAX_ADDRESS}}}\)){{0,{MAX_ADDRESS}}}\)"
        super().__init__(NOIMG + rf"\[(?=[^\[\]]{{0,{MAX_LABEL}}}\]{address})", md)

    def getLink(self, data: str, index: int) -> tuple[str, str | None, int, bool]:
        # The stock method counts parentheses to the end of `data`; the link is shorter.
        window = data[index : index + MAX_ADDRESS + 2]
        href, title, end, handled = super().getLink(window, 0)
        return href, title, index + end, handled


class _Subset(markdown.Extension):  # type: ignore[misc]
    """Removes every Markdown feature outside the subset from a plain Markdown instance."""

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.parser.blockprocessors["olist"].LAZY_OL = False  # "3." starts a list at 3
        # "reference" would swallow a line like `[x]: https://…` whole: lost text.
        for name in ("hashheader", "setextheader", "hr", "quote", "code", "reference"):
            md.parser.blockprocessors.deregister(name)
        # With no link definitions, reference links ([x][y], [x]) never resolve: their
        # processors would only scan the text from every "[" (quadratic).
        for name in (
            "html",
            "entity",
            "image_link",
            "image_reference",
            "short_image_ref",
            "automail",
            "reference",
            "short_reference",
        ):
            md.inlinePatterns.deregister(name)
        md.inlinePatterns.register(_BoundedLink(md), "link", 160)


def _serialize(root: etree.Element) -> str:
    out: list[str] = ["<div>"]  # Markdown strips this top-level wrapper again
    _write(root, out, top=True)
    out.append("</div>")
    return "".join(out)


def _write(el: etree.Element, out: list[str], top: bool = False, depth: int = 0) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    open_tag = close_tag = ""
    if depth > 3 * MAX_NESTING:  # emphasis in emphasis (9,000 `*`): the words, unformatted
        out.append(escape("".join(el.itertext())))
        out.append(escape(el.tail or ""))
        return
    if not top and tag in _ALLOWED_TAGS:
        if tag == "a":
            href = el.get("href", "")
            if is_safe_url(href):
                title = el.get("title")
                extra = f' title="{escape(title)}"' if title else ""
                open_tag, close_tag = f'<a href="{escape(href)}"{extra}>', "</a>"
            else:  # an unsafe link keeps its words: label and address, as text
                out.append(escape(f"{''.join(el.itertext())} ({href})"))
                out.append(escape(el.tail or ""))
                return
        elif tag == "br":
            open_tag = "<br>"
        elif tag == "ol" and el.get("start", "1").isdigit():  # authored numbering is kept
            start = el.get("start", "1")
            open_tag, close_tag = (f'<ol start="{start}">' if start != "1" else "<ol>"), "</ol>"
        else:
            open_tag, close_tag = f"<{tag}>", f"</{tag}>"
    out.append(open_tag)
    text = el.text or ""
    # Markdown's code span has already HTML-escaped its text; undo that before our escaping.
    out.append(escape(html.unescape(text) if tag == "code" else text))
    for child in el:
        _write(child, out, depth=depth + 1)
    out.append(close_tag)
    if not top:
        out.append(escape(el.tail or ""))


# One converter a thread: a Markdown instance holds the state of the text it converts, and
# serve's background search indexing converts summaries while a rebuild converts pages.
_THREAD = threading.local()


def _converter() -> markdown.Markdown:
    md: markdown.Markdown | None = getattr(_THREAD, "converter", None)
    if md is None:
        md = markdown.Markdown(extensions=[_Subset()])
        md.serializer = _serialize  # after __init__, which sets the stock serializer
        _THREAD.converter = md
    return md


@lru_cache(maxsize=1 << 16)  # a summary is shown on several pages; convert it once
def block(text: str) -> Markup:
    """Authored text for a section: paragraphs and lists as HTML on lines without gaps, so
    that Python-Markdown treats the whole fragment as one raw HTML block."""
    text = _CONTROL.sub("\ufffd", text)
    if not _MARKDOWN_SYNTAX.search(text):
        return Markup("\n".join(_plain_paragraphs(text)))
    md = _converter()
    md.reset()
    html = md.convert(_flat_lists(text))
    # Blank lines would end the raw HTML block and expose the rest to Markdown parsing.
    return Markup("\n".join(line for line in html.splitlines() if line.strip()))


# Anything the Markdown subset could read as syntax: emphasis, code, links, escapes, raw HTML
# and entities, list markers and indentation at a line start, tabs and hard line breaks.
# Text without any of it (most prose) is plain paragraphs, and is written as such without
# Python-Markdown, which is a third of the render time; tests check both paths agree.
_MARKDOWN_SYNTAX = re.compile(
    r"[*_`\[\]<>\\!#&\t\r\x1c-\x1e\x85\u2028\u2029]|^[ ]|[ ]$|^(?:[-+=]|\d+[.)])", re.M
)


# A line's list markers, nested ones too ("- 1. + x"): indentation, then markers each followed
# by spaces or tabs.
_MARKERS = re.compile(r"^([ \t]*)((?:(?:\d+\.|[-*+])[ \t]+)+)", re.MULTILINE)
_MARKER = re.compile(r"(\d+\.|[-*+])[ \t]+")


def _flat_lists(text: str) -> str:
    """`text` with each list marker beyond MAX_NESTING levels (indentation counts four spaces
    a level) escaped, so that it shows as typed instead of opening another level."""

    def bound(line: re.Match[str]) -> str:
        indent, markers = line.group(1), line.group(2)
        allowed = max(MAX_NESTING - len(indent.expandtabs(4)) // 4, 0)
        found = list(_MARKER.finditer(markers))
        if len(found) <= allowed:
            return line.group(0)
        cut = found[allowed]
        marker = cut.group(1)
        escaped = f"{marker[:-1]}\\." if marker.endswith(".") else f"\\{marker}"
        return indent + markers[: cut.start()] + escaped + markers[cut.start(1) + len(marker) :]

    return _MARKERS.sub(bound, text)


SNIPPET_CHARS = 160  # about what search engines and link previews show of a description
# Bounded like _BoundedLink: `[^\]]*` from each of 20,000 "[" took 1.2 s (quadratic).
_LINK = re.compile(rf"\[([^\[\]]{{0,{MAX_LABEL}}})\]\([^)]{{0,{MAX_ADDRESS}}}\)")
_EMPHASIS = re.compile(r"[*_`]+")


@lru_cache(maxsize=1 << 16)  # serve: most summaries are the same from rebuild to rebuild
def snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    """Authored text as one line of plain words (link labels kept, formatting marks dropped),
    cut at a word boundary to at most `limit` characters: the explorer's entries and the pages'
    meta descriptions. Plain text, not inert: the template escapes it like any authored
    string."""
    words = " ".join(_EMPHASIS.sub("", _LINK.sub(r"\1", text)).split())
    if len(words) <= limit:
        return words
    return words[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def plain(text: str) -> bool:
    """True when `text` has nothing the Markdown subset reads as formatting."""
    return not _MARKDOWN_SYNTAX.search(_CONTROL.sub("\ufffd", text))


def _plain_paragraphs(text: str) -> list[str]:
    return [f"<p>{escape(p.strip())}</p>" for p in text.split("\n\n") if p.strip()]
