"""Addresses, read as a browser reads them: the URL fields and the links in text follow one
rule (generator/model/urls.py). A link that fails it is shown as text, never clickable, and `check`
warns (link-scheme); a URL field that fails it is an error (bad-url)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.model.authoring import Citation
from generator.pipeline import check
from generator.site import markup
from tests.conftest import FIXTURES, write_project
from tests.htmlstructure import parse

CLAUSE = "analyses/acme-cloud/customer-data-training.yml"
PLATFORM = "analyses/acme-cloud/platform.yml"
# Each goes somewhere other than it seems, or nowhere a reader should be sent.
UNSAFE = [
    "/\\evil.example/x",  # a backslash is a slash: //evil.example/x
    "\\\\evil.example/x",
    "//evil.example/x",
    "https://user@evil.example/",
    "https://bank.example@evil.example/login",
    "https://bank.example\\@evil.example/",
    "https://\u0430pple.com/",  # a Cyrillic a
    "https://evil.example:99999/",
    "http://[a",  # used to raise ValueError in the markup
    "data:text/html;base64,PHNjcmlwdD4=",
    "vbscript:msgbox(1)",
    "JaVaScRiPt:alert(1)",
    "javascript://%0Aalert(1)",
    "https://example.org/\u202egnp.exe",  # a bidirectional override hides the real name
    "https://example.org/a\u200bb",  # a zero-width space
    "file:///etc/passwd",
]
SAFE = [
    "https://example.org/wiki/Terms_(law)",
    "http://example.org/?q=a&b=c#part",
    "https://[2001:db8::1]:8443/x",
    "mailto:legal@example.org",
    "../../methodology/",
    "#section",
    "page/",
    "?q=1",
]


@pytest.mark.parametrize("url", UNSAFE)
def test_an_unsafe_link_is_shown_as_text(url: str) -> None:
    page = parse(f"<div>{markup.block(f'See [the terms]({url}) and <{url}>.')}</div>")
    assert [a for t, a in page.tags if t == "a"] == []
    assert "the terms" in page.text


@pytest.mark.parametrize("url", SAFE)
def test_a_safe_link_stays_a_link(url: str) -> None:
    page = parse(f"<div>{markup.block(f'See [the terms]({url}).')}</div>")
    assert [a["href"] for t, a in page.tags if t == "a"] == [url]


@pytest.mark.parametrize("url", UNSAFE + SAFE)
def test_url_fields_and_links_in_text_agree(url: str) -> None:
    """An absolute https address is a link in text exactly when a URL field takes it; URL
    fields take https only (issue 17), links in text http too."""
    try:
        Citation(label="x", url=url)
        field = True
    except ValueError:
        field = False
    if url.lower().startswith("https://"):
        assert field == markup.is_safe_url(url), url
    else:
        assert not field


@pytest.mark.parametrize(
    "url",
    [
        "https://user:secret@acme-cloud.example/",
        "https://acme-cloud.example\\@evil.example/",
        "https://acme cloud.example/",
        "https://\u0430cme-cloud.example/",
        "https://acme-cloud.example:0x50/",
        "https://[::1/",
    ],
)
def test_a_url_field_that_would_mislead_is_an_error(tmp_path: Path, url: str) -> None:
    text = (FIXTURES / "basic" / PLATFORM).read_text(encoding="utf-8")
    old = "website: https://acme-cloud.example/"
    root = write_project(tmp_path / "p", {PLATFORM: text.replace(old, f"website: '{url}'")})
    found = [p for p in check(root) if p.severity == "error"]
    assert [(p.path, p.line, p.col, p.rule) for p in found] == [(PLATFORM, 3, 10, "bad-url")]


def test_check_warns_of_each_unsafe_link_with_its_reason(tmp_path: Path) -> None:
    text = (FIXTURES / "basic" / CLAUSE).read_text(encoding="utf-8")
    links = " ".join(f"[x{i}]({u})" for i, u in enumerate(UNSAFE[:6]))
    root = write_project(
        tmp_path / "p",
        {CLAUSE: text.replace("regulatory_landscape: ", f"regulatory_landscape: See {links} ", 1)},
    )
    found = [p for p in check(root) if p.rule == "link-scheme"]
    assert len(found) == 6 and all(p.severity == "warning" for p in found)
    said = " ".join(p.message for p in found)
    assert "backslash" in said and "user name" in said and "another site" in said
