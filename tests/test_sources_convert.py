"""A fetched page → the Markdown of a version: the selectors' part of the page, whole."""

from __future__ import annotations

import pytest

from generator.capture.convert import ConvertError, to_markdown
from tests.conftest import FIXTURES

PAGE = (FIXTURES / "fetch" / "terms.html").read_bytes()
PDF = (FIXTURES / "fetch" / "terms.pdf").read_bytes()
REMOVE = (".cookie-banner", "nav", ".share")

EXPECTED = """\
# Acme Cloud Service Terms

*Last updated: March 4, 2026*

These Service Terms govern your use of the Services. Capitalised terms have the meaning given \
in the [Acme Customer Agreement](https://acme.example/legal/customer-agreement).

## 1. Universal Service Terms

1. **1.1** You may not use the Services to train a model that competes with Acme.

2. **1.2** Acme will not use Customer Content to train its models, except:

   1. where you opt in through the console; or
   2. where required by law, in which case:
      - Acme will notify you; and
      - Acme will process only what the law requires.

3. **1.3** Acme retains prompts for 30 days for abuse monitoring & safety.

## 2. Third-Party Models

Third-party models are offered under their providers' licences, listed below.

| Model  | Provider        | Licence                                      |
| ------ | --------------- | -------------------------------------------- |
| Orca 3 | Orca Labs       | [Orca Licence](https://orca.example/licence) |
| Lynx 2 | Lynx AI \\| Inc. | Apache 2.0                                   |

### 2.1 Acceptable use

You must comply with the provider's acceptable use policy. Use of a model in violation of its \
licence is a breach of these Terms.\x20\x20
This obligation survives termination.
> Notice: Some models may be unavailable in your region.
"""


def test_a_terms_page_keeps_its_headings_clauses_lists_links_and_table() -> None:
    assert to_markdown(PAGE, "text/html", None, ["main"], REMOVE) == EXPECTED


def test_without_selectors_the_whole_body_is_kept() -> None:
    text = to_markdown(PAGE, "text/html", None)
    for kept in ("We use cookies", "[Products](/products)", "© 2026 Acme Inc.", "## 2. Third"):
        assert kept in text
    for never in ("dataLayer", "tracking", "font-family"):  # scripts and styles are not text
        assert never not in text


def test_a_selector_inside_another_does_not_repeat_its_text() -> None:
    text = to_markdown(PAGE, "text/html", None, ["article", "main", "h1"], REMOVE)
    assert text.count("Acme Cloud Service Terms") == 1
    assert text.count("Universal Service Terms") == 1


def test_a_select_that_matches_nothing_is_an_error() -> None:
    with pytest.raises(ConvertError, match=r"select \(#terms-body\) matches nothing"):
        to_markdown(PAGE, "text/html", None, ["#terms-body"])


def test_a_selected_part_without_text_is_an_error() -> None:
    with pytest.raises(ConvertError, match="holds no text"):
        to_markdown(PAGE, "text/html", None, ["header"], ["nav"])


def test_text_looking_like_markdown_stays_text() -> None:
    html = b"<main><p>1. Definitions</p><p># not a heading</p><p>a | b</p></main>"
    assert to_markdown(html, "text/html", None, ["main"]) == (
        "1\\. Definitions\n\n\\# not a heading\n\na | b\n"
    )


def test_collapsed_sections_are_part_of_the_terms_and_navs_kept_by_select_too() -> None:
    html = (
        b"<main><details><summary>4. Liability</summary><p>Capped at fees paid.</p></details>"
        b'<div hidden>5. Hidden clause</div><nav class="toc"><a href="#s1">Section 1</a></nav>'
        b'<svg><text>seal</text></svg><img src="data:image/png;base64,AAAA" alt="stamp"></main>'
    )
    text = to_markdown(html, "text/html", None, ["main"])
    for kept in ("Capped at fees paid.", "5\\. Hidden clause", "[Section 1](#s1)", "seal", "stamp"):
        assert kept in text
    assert "base64" not in text


def test_a_page_nested_deeper_than_the_converter_goes_is_an_error_not_a_loss() -> None:
    html = b"<main>" + b"<div>" * 2000 + b"deep clause" + b"</div>" * 2000 + b"</main>"
    with pytest.raises(ConvertError, match=r"could not be converted whole: .*depth limit"):
        to_markdown(html, "text/html", None, ["main"])


def test_the_charset_of_the_page_is_used() -> None:
    html = '<html><head><meta charset="windows-1252"></head><body><p>Café \u2013 “terms”</p></body>'
    assert to_markdown(html.encode("cp1252"), "text/html", None) == "Café \u2013 “terms”\n"
    latin = "<p>Données</p>".encode("latin-1")
    assert to_markdown(latin, "text/html", "iso-8859-1") == "Données\n"


def test_a_pdf_is_the_text_of_its_pages() -> None:
    assert to_markdown(PDF, "application/pdf", None) == (
        "Acme Cloud Data Processing Addendum\n"
        "Effective 4 March 2026.\n"
        "1. Processing of Customer Data\n"
        "Acme processes Customer Data only on the documented instructions of Customer.\n"
        "2. Subprocessors\n"
        "Acme will notify Customer at least 30 days before engaging a new Subprocessor."
    )
    # Served as a download, it is known by its first bytes.
    assert to_markdown(PDF, "application/octet-stream", None).startswith("Acme Cloud Data")


def test_what_is_not_a_pdf_is_an_error() -> None:
    with pytest.raises(ConvertError, match="the PDF cannot be read"):
        to_markdown(b"%PDF-1.7 but nothing else", "application/pdf", None)


@pytest.mark.parametrize("content_type", ["image/png", "application/json", ""])
def test_other_media_are_errors(content_type: str) -> None:
    with pytest.raises(ConvertError, match="not HTML, PDF or text"):
        to_markdown(b"\x89PNG\r\n", content_type, None)


def test_plain_text_is_kept() -> None:
    assert to_markdown("Terms \u2013 v2\n".encode(), "text/plain", None) == "Terms \u2013 v2\n"
    with pytest.raises(ConvertError, match="not utf-8"):
        to_markdown(b"caf\xe9 au lait", "text/plain", None)
