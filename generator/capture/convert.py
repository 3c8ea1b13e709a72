"""Stage 1, source (fetch): a fetched document → the Markdown text of a version.

Input: the bytes of a page, its media type and charset, and the declared CSS selectors.
Output: Markdown text, or ConvertError. HTML is parsed by BeautifulSoup (Python's own parser);
the elements `select` names are kept (the whole body when nothing is declared), the elements
`remove` names are taken out of them, and html-to-markdown writes the Markdown (it escapes
what would read as Markdown: "1\\. Definitions" stays a paragraph, a "|" in a table cell stays
in its cell). A PDF is the text of its pages, read by pypdf; plain text is kept as it is.
Nothing is dropped silently: a selector that matches nothing, a page nested too deep for the
converter, or a page without text is an error.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

MAX_PDF_PAGES = 2_000  # the longest terms in PDF run to a few hundred pages
HTML_TYPES = ("text/html", "application/xhtml+xml")
TEXT_TYPES = (*HTML_TYPES, "application/pdf", "text/plain")


class ConvertError(Exception):
    """The document could not be turned into text; the message says why in one line."""


def kind_of(content_type: str, head: bytes) -> str | None:
    """html, pdf or text; None for anything else. A PDF served as a download (octet-stream,
    or no type at all) is known by its first bytes."""
    if content_type in HTML_TYPES:
        return "html"
    if content_type == "application/pdf" or (
        content_type in ("", "application/octet-stream") and head.startswith(b"%PDF-")
    ):
        return "pdf"
    if content_type == "text/plain":
        return "text"
    return None


def to_markdown(
    body: bytes,
    content_type: str,
    charset: str | None,
    select: Sequence[str] = (),
    remove: Sequence[str] = (),
) -> str:
    kind = kind_of(content_type, body[:5])
    if kind == "html":
        return _html(body, charset, select, remove)
    if kind == "pdf":
        return _pdf(body)
    if kind == "text":
        try:
            return body.decode(charset or "utf-8")
        except (UnicodeDecodeError, LookupError) as exc:
            raise ConvertError(f"the text is not {charset or 'utf-8'}: {exc}") from None
    raise ConvertError(f"the server sent {content_type or 'no media type'}, not HTML, PDF or text")


def _html(body: bytes, charset: str | None, select: Sequence[str], remove: Sequence[str]) -> str:
    import html_to_markdown
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(body, "html.parser", from_encoding=charset)
    if select:
        found = soup.select(", ".join(select))  # each element once, in the page's order
        if not found:
            raise ConvertError(
                f"select ({', '.join(select)}) matches nothing on the page: it has changed, or "
                "the selectors are wrong"
            )
        # An element inside another one kept is already in it.
        inside = {id(d) for element in found for d in element.descendants}
        kept = [element for element in found if id(element) not in inside]
    else:
        kept = [soup.body or soup]
    for element in kept:
        for selector in remove:
            for unwanted in element.select(selector):
                unwanted.decompose()
    options = html_to_markdown.ConversionOptions(
        # What is kept is what `select` and `remove` say, as in OTA: the converter's own
        # clean-up would silently drop a <nav> or <form> the selectors kept.
        preprocessing=html_to_markdown.PreprocessingOptions(enabled=False),
        heading_style="atx",
        bullets="-",
        # An image inlined as data (an SVG, a base64 PNG) is its text, not kilobytes of base64.
        inline_data_media="alt_text_only",
        # A collapsed section (hidden, display: none) is still part of the terms.
        hidden_content="reachable",
        # <abbr title="…">GDPR</abbr> is the word the page shows, not "GDPR (…)".
        expand_abbreviations=False,
        extract_metadata=False,
    )
    result = html_to_markdown.convert("".join(str(element) for element in kept), options)
    if result.warnings:  # e.g. a depth limit: the converter skipped part of the page
        raise ConvertError(f"the page could not be converted whole: {result.warnings[0].message}")
    text = result.content or ""
    if not text.strip():
        raise ConvertError("the part of the page kept holds no text")
    return text


def _pdf(body: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    # pypdf bounds what it decompresses (75 MB a stream, its own default).
    try:
        reader = PdfReader(io.BytesIO(body))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ConvertError("the PDF is encrypted")
        if len(reader.pages) > MAX_PDF_PAGES:
            raise ConvertError(
                f"the PDF has {len(reader.pages):,} pages; at most {MAX_PDF_PAGES:,}"
            )
        pages = [page.extract_text() for page in reader.pages]
    except (PyPdfError, ValueError, KeyError, TypeError) as exc:
        raise ConvertError(f"the PDF cannot be read: {exc}") from None
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    if not text:
        raise ConvertError("the PDF holds no text (a scan?); archive a copy by hand")
    return text
