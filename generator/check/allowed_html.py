"""Rule content-html's allowlist: the HTML a content/ page's Markdown may make.

Input: the HTML Python-Markdown made of a page, with mkdocs.yml's extensions. Output: its
tags and attributes in order (`HtmlTags`, values decoded as a browser decodes them), and for
each attribute whether it is allowed (`fits`), where in the Markdown it came from (`cause`:
patterns, first match wins) and how to fix it (`hint`). What plain Markdown, tables,
admonitions, details, fenced code, [TOC] and attribute lists of ids and classes make is
allowed; nothing else.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

HEADINGS = {f"h{n}" for n in range(1, 7)}
# Attributes allowed per tag; `class` is allowed on every tag and checked by `fits`.
_NONE: frozenset[str] = frozenset()
ALLOWED: dict[str, frozenset[str]] = {
    **{tag: frozenset({"id"}) for tag in HEADINGS},
    "a": frozenset({"href", "title"}),
    "p": _NONE,
    "div": _NONE,
    "details": frozenset({"open"}),
    "code": _NONE,
    "ol": frozenset({"start"}),
    "th": frozenset({"style"}),  # a table column's alignment
    "td": frozenset({"style"}),
    **{
        tag: _NONE
        for tag in [
            "em",
            "strong",
            "pre",
            "ul",
            "li",
            "blockquote",
            "hr",
            "br",
            "table",
            "thead",
            "tbody",
            "tr",
            "summary",
        ]
    },
}
SCHEMES = ("http", "https", "mailto")
_CLASS = re.compile(r"(?!md-|cb-)[a-z][a-z0-9-]*")
_ID = re.compile(r"[A-Za-z0-9][\w-]*")
_ALIGN = re.compile(r"text-align: (left|right|center);")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
_BLANKS = re.compile(r"[\x00-\x20\x7f]+")  # what a browser drops from a URL before reading it


class HtmlTags(HTMLParser):
    """Every tag and attribute of an HTML fragment, in order (attribute values decoded)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str]]]] = []
        self.others: list[str] = []
        self.text: dict[int, str] = {}  # index in `found` of an open heading → its text
        self._open: list[int] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, [(k, v or "") for k, v in attrs]))
        if tag in HEADINGS:
            self._open.append(len(self.found) - 1)
            self.text[len(self.found) - 1] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag in HEADINGS and self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for i in self._open:
            self.text[i] += data

    def handle_comment(self, data: str) -> None:
        self.others.append("<!--")

    def handle_decl(self, decl: str) -> None:
        self.others.append("<!")

    def handle_pi(self, data: str) -> None:
        self.others.append("<?")


def fits(name: str, value: str) -> bool:
    if name == "href":
        cleaned = _BLANKS.sub("", html.unescape(value))
        scheme = _SCHEME.match(cleaned)
        return scheme is None or scheme.group(1).lower() in SCHEMES
    if name == "class":
        return all(_CLASS.fullmatch(token) for token in value.split())
    if name == "id":
        return _ID.fullmatch(value) is not None
    if name == "style":
        return _ALIGN.fullmatch(value) is not None
    if name == "start":
        return value.isdigit()
    return True  # title, open: text, escaped when written


def cause(name: str, value: str) -> tuple[str, ...]:
    if name == "href":
        return (rf"\]\(\s*<?({re.escape(value[:20])})", re.escape(value[:20]), r"\]\(")
    if name in ("class", "id"):
        mark = "." if name == "class" else "#"
        bad = [t for t in value.split() if not _CLASS.fullmatch(t)] if name == "class" else []
        first = (bad or value.split() or [value])[0]
        return (rf"\{{[^}}\n]*?({re.escape(mark + first)})", rf"\{{[^}}\n]*?({name})")
    return (re.escape(name),)


def hint(name: str) -> str:
    if name == "href":
        return "link to an http, https or mailto address, or to a page of the site"
    if name == "class":
        return "a class is lower-case words joined by hyphens, not starting with md- or cb-"
    if name == "id":
        return "an id starts with a letter or digit"
    return "remove it"
