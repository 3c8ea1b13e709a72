"""One rule for every address an author writes, read as a browser reads it: the URL fields of
the model (website, url, source_url, citations' url) must pass `http_problem`, and links in
text (markup.py; the link-scheme rule) `link_problem`, which applies the same rule to their
http(s) addresses. A link that fails is shown as text, never made clickable.

What browsers do that a naive check misses: they drop tabs and line breaks anywhere in a URL
and control characters and spaces at its ends (`java\\tscript:`); they read a backslash as a
slash (`/\\evil.example` is `//evil.example`, another site); `https://bank.example@evil.example/`
goes to evil.example; letters of other scripts can imitate a known host (`\u0430pple.com`, its
first letter Cyrillic).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from urllib.parse import urlsplit

SAFE_SCHEMES = {"http", "https", "mailto"}

# What `http_problem` accepts, as a JSON Schema pattern (ECMA-262, as Python's re reads it too)
# for editors: an http(s) scheme in any case, a domain name or a bracketed IPv6 address, a
# port up to 65535, and no space, control or invisible formatting character, nor backslash.
_HOST_PATTERN = (
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.?"
    r"|\[[0-9A-Fa-f:.]+\])"
)
_PORT_PATTERN = (
    r"(?::(?:6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[0-9]{1,4})?)?"
)
_REST_PATTERN = (
    r"(?:[/?#][^\s\\\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    r"\ufeff\ue000-\uf8ff]*)?"
)


def url_pattern(*schemes: str) -> str:
    """The pattern of an address `http_problem` accepts, with one of `schemes`."""
    either = "|".join("".join(f"[{c.upper()}{c}]" for c in scheme) for scheme in schemes)
    return f"^(?:{either})://{_HOST_PATTERN}{_PORT_PATTERN}{_REST_PATTERN}$"


_STRIPPED = re.compile(r"[\t\n\r]")  # removed anywhere by the URL parser
_EDGES = "".join(map(chr, range(0x21)))  # trimmed at both ends
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_HOST = re.compile(
    r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?|\[[0-9a-f:.]+\]"
)


def _hidden(url: str) -> str | None:
    # Printable ASCII without a space holds nothing hidden: skip the walk (41,000 URLs at
    # 10,000 analyses).
    clean = url.isascii() and url.isprintable() and " " not in url
    for char in "" if clean else url:
        if char.isspace():
            return "holds a space or line break"
        if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn"):
            return f"holds an invisible character (U+{ord(char):04X})"
    if "\\" in url:
        return "holds a backslash, which browsers read as '/' (it can change the host)"
    return None


def https_problem(url: str) -> str | None:
    """Why `url` is not an absolute https address that goes where it says, or None: what an
    analysis cites is read over an encrypted connection, which no one on the way can alter."""
    problem = http_problem(url)
    if problem is None and urlsplit(url).scheme.lower() != "https":
        return "is an http:// address: write https:// (the site links only to https)"
    return problem


# Remembered: an analysis repeats the addresses its platform and topic cite, and checking
# one costs ~8 µs (41,000 of them at 10,000 analyses).
@functools.lru_cache(maxsize=8192)
def http_problem(url: str) -> str | None:
    """Why `url` is not an absolute http(s) address that goes where it says, or None."""
    hidden = _hidden(url)
    if hidden:
        return hidden
    try:
        parts = urlsplit(url)
    except ValueError:  # "http://[a": an unclosed IPv6 address
        return "is not an address a browser can read"
    if parts.scheme.lower() not in ("http", "https"):
        return "is not an http(s) address"
    if "@" in parts.netloc:
        return "has a user name before the host ('user@host' can disguise the host)"
    host = parts.netloc.rsplit(":", 1)[0] if not parts.netloc.endswith("]") else parts.netloc
    if not host:
        return "has no host"
    if not host.isascii():
        return (
            "has a host with letters outside a-z, which can imitate another: use punycode (xn--…)"
        )
    if not _HOST.fullmatch(host.lower()):
        return "has a host that is not a domain name"
    try:
        parts.port  # noqa: B018 (ValueError for a port that is not one)
    except ValueError:
        return "has a port that is not a number from 0 to 65535"
    return None


def link_problem(url: str) -> str | None:
    """Why a link in authored text would not be made clickable, or None: it must be an http(s)
    address by `http_problem`, a mailto: address, or a relative address on this site."""
    cleaned = _STRIPPED.sub("", url).strip(_EDGES)
    scheme = _SCHEME.match(cleaned)
    if scheme:
        name = scheme.group(1).lower()
        if name in ("http", "https"):
            return http_problem(url.strip())
        if name == "mailto":
            return _hidden(url.strip())
        return f"is a '{name}:' address, not http(s), mailto or relative"
    if "\\" in cleaned:
        return "holds a backslash, which browsers read as '/' ('/\\\\x' is the site x)"
    if cleaned.startswith("//"):
        return "starts with '//': another site, without saying how it is reached"
    return _hidden(url)
