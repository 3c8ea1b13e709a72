"""Stage 1, source (fetch): the documents OTA does not track, fetched from their URL.

Input: the project and document ids (none: every document with `source.fetch`). Output: for
each, a new version when the text now differs from the newest version's, else nothing; one
line per document. Fetching is bounded: connect, read and total timeouts, a few retries with
backoff on a 5xx, 429 or a broken connection, at most five redirects and never a loop, only
http and https, at most 10 MB read (counted while it streams, after decompression), and by
default no private, loopback or link-local address (a declared URL could otherwise make the
fetcher read a cloud metadata service into the archive). The User-Agent names Clausebook.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import socket
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO
from urllib.parse import urljoin, urlsplit

import httpx

from generator import __version__
from generator.capture.convert import TEXT_TYPES, ConvertError, kind_of, to_markdown
from generator.capture.declared import Declared, declared_documents
from generator.capture.store import ArchiveError, NewVersion, add_versions, normalise
from generator.check.archives import read_archive
from generator.problems import format_problems

PROJECT_URL = "https://github.com/clausebook/clausebook"
USER_AGENT = f"Clausebook/{__version__} (+{PROJECT_URL})"
ACCEPT = "text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8"


@dataclass(frozen=True)
class Limits:
    connect: float = 10.0  # seconds to connect
    read: float = 30.0  # seconds of silence while reading
    total: float = 120.0  # seconds for one document, retries included
    attempts: int = 3
    backoff: float = 2.0  # seconds before the second attempt, doubled for each one after
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    allow_private: bool = False  # fetch from private, loopback, link-local addresses too


@dataclass(frozen=True)
class Page:
    url: str  # after redirects
    content_type: str  # the media type, lower case, without parameters
    charset: str | None
    body: bytes


class FetchError(Exception):
    """The document could not be fetched; the message says why in one line."""


class _Transient(FetchError):
    """Worth another attempt: a 5xx or 429 answer, a failed or broken connection, a timeout."""


def fetch_documents(
    root: Path,
    names: list[str],
    out: TextIO,
    err: TextIO,
    limits: Limits | None = None,
    now: dt.datetime | None = None,
) -> int:
    """Fetch every declared `source.fetch` document; 0, or 1 if any failed."""
    documents, problems = declared_documents(root, names)
    err.write(format_problems(problems, "text"))
    failed = bool(problems)
    for doc in documents:
        source = doc.document.source
        if source is None or source.fetch is None:
            if names:
                out.write(f"{doc.key}: skipped: {doc.platform_rel} declares no `source.fetch`\n")
            continue
        try:
            out.write(f"{doc.key}: {fetch_document(root, doc, limits or Limits(), now)}\n")
        except (FetchError, ConvertError, ArchiveError) as exc:
            err.write(f"{doc.key}: error: {exc}\n")
            failed = True
    return 1 if failed else 0


def fetch_document(root: Path, doc: Declared, limits: Limits, now: dt.datetime | None) -> str:
    """Fetch one document; what happened, as one line."""
    source = doc.document.source
    assert source is not None and source.fetch is not None
    archive, problems = read_archive(root, doc.platform, doc.document.id)
    if any(p.severity == "error" for p in problems):
        raise ArchiveError(f"{archive.rel} has errors (run `clausebook check`); nothing fetched")
    page = get(source.fetch, limits)
    select, remove = source.select or (), source.remove or ()
    try:
        text = normalise(to_markdown(page.body, page.content_type, page.charset, select, remove))
    except ArchiveError as exc:
        raise ConvertError(f"{page.url}: {exc}") from None
    newest = archive.newest
    if newest is not None and archive.text_bytes(newest) == text:
        return f"unchanged: the same text as {newest.file}"
    provenance: dict[str, object] = {"url": page.url, "content_type": page.content_type}
    if select or remove:
        provenance["selectors"] = {"select": list(select), "remove": list(remove)}
    when = now or dt.datetime.now(dt.UTC)
    _, written = add_versions(
        archive,
        doc.platform_rel,
        doc.document.id,
        [NewVersion(text, when, "fetch", provenance)],
    )
    return f"new version {written[0].file} ({len(text):,} bytes) from {page.url}"


def get(url: str, limits: Limits) -> Page:
    """The document at `url`, following redirects; FetchError when it cannot be had."""
    deadline = time.monotonic() + limits.total
    timeout = httpx.Timeout(limits.read, connect=limits.connect)
    headers = {"User-Agent": USER_AGENT, "Accept": ACCEPT, "Accept-Encoding": "gzip, deflate"}
    # trust_env=False: no credentials from ~/.netrc are ever sent to a declared URL.
    with httpx.Client(timeout=timeout, headers=headers, trust_env=False) as client:
        for attempt in range(limits.attempts):
            try:
                return _follow(client, url, limits, deadline)
            except _Transient as exc:
                pause = limits.backoff * 2**attempt
                if attempt + 1 == limits.attempts or time.monotonic() + pause > deadline:
                    tries = f" (after {attempt + 1} attempts)" if attempt else ""
                    raise FetchError(f"{exc}{tries}") from None
                time.sleep(pause)
    raise FetchError(f"{url}: no attempt made")  # attempts < 1


def _follow(client: httpx.Client, url: str, limits: Limits, deadline: float) -> Page:
    seen = [url]
    while True:
        _check_address(url, limits)
        try:
            with client.stream("GET", url) as response:
                location = response.headers.get("location")
                if response.is_redirect and location:
                    url = urljoin(url, location)
                elif response.status_code == 429 or response.status_code >= 500:
                    raise _Transient(f"HTTP {response.status_code} from {url}")
                elif response.status_code != 200:
                    phrase = response.reason_phrase or ""
                    raise FetchError(f"HTTP {response.status_code} {phrase} from {url}".strip())
                else:
                    return _read(response, url, limits, deadline)
        except httpx.TimeoutException:
            raise _Transient(f"{url}: no answer within the timeout") from None
        except httpx.TransportError as exc:
            raise _Transient(f"{url}: {type(exc).__name__}: {exc}") from None
        except httpx.HTTPError as exc:  # an answer that cannot be read (bad gzip, …)
            raise FetchError(f"{url}: {type(exc).__name__}: {exc}") from None
        if url in seen:
            raise FetchError(f"redirect loop: {' → '.join([*seen[seen.index(url) :], url])}")
        seen.append(url)
        if len(seen) > limits.max_redirects + 1:
            raise FetchError(f"more than {limits.max_redirects} redirects from {seen[0]}")


def _read(response: httpx.Response, url: str, limits: Limits, deadline: float) -> Page:
    media = response.headers.get("content-type", "")
    content_type = media.split(";")[0].strip().lower()
    if content_type not in TEXT_TYPES and content_type not in ("", "application/octet-stream"):
        raise FetchError(f"{url} is {content_type}, not HTML, PDF or text")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise FetchError(f"{url} is {int(declared):,} bytes; the limit is {limits.max_bytes:,}")
    body = bytearray()
    for chunk in response.iter_bytes():
        body += chunk
        if len(body) > limits.max_bytes:
            raise FetchError(f"{url} is over {limits.max_bytes:,} bytes, the limit")
        if time.monotonic() > deadline:
            raise FetchError(f"{url} took over {limits.total:g} s")
    if kind_of(content_type, bytes(body[:5])) is None:
        raise FetchError(f"{url} is {content_type or 'of no media type'}, not HTML, PDF or text")
    return Page(str(response.url), content_type, response.charset_encoding, bytes(body))


def _check_address(url: str, limits: Limits) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError(f"{url} is not an http(s) URL")
    if limits.allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise _Transient(f"{url}: the host does not resolve ({exc})") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            raise FetchError(
                f"{url} resolves to {address}, a private or local address; pass "
                "--allow-private to fetch it"
            )
