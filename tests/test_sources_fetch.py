"""`clausebook sources fetch` against a real local HTTP server whose pages change between runs."""

from __future__ import annotations

import datetime as dt
import io
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from generator.capture.convert import to_markdown
from generator.capture.fetch import USER_AGENT, Limits, fetch_documents
from generator.check import load_corpus
from generator.check.archives import check, read_archive
from generator.cli import main
from tests.conftest import FIXTURES, write_project
from tests.test_sources_declared import HEAD

FOLDER = "analyses/acme-cloud/sources/service-terms"
PAGE = (FIXTURES / "fetch" / "terms.html").read_bytes()
PDF = (FIXTURES / "fetch" / "terms.pdf").read_bytes()
FAST = Limits(connect=2, read=0.5, total=10, attempts=2, backoff=0.05, allow_private=True)
MARCH_4 = dt.datetime(2026, 3, 4, 9, 12, tzinfo=dt.UTC)


@dataclass
class Answer:
    status: int = 200
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    length: bool = True  # send Content-Length (else the body ends when the connection closes)
    endless: float | None = None  # after the body, 64 KB every this many seconds, for ever


class Site(ThreadingHTTPServer):
    daemon_threads = True  # a handler still sleeping past a client's timeout does not block

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.answers: dict[str, list[Answer]] = {}
        self.hits: Counter[str] = Counter()
        self.agents: list[str] = []

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{path}"

    def serve(self, path: str, *answers: Answer) -> None:
        """Answer `path` with `answers` in turn, the last one ever after."""
        self.answers[path] = list(answers)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: Site

    def do_GET(self) -> None:
        site = self.server
        site.hits[self.path] += 1
        site.agents.append(self.headers.get("User-Agent", ""))
        queue = site.answers.get(self.path, [Answer(404, b"not here", "text/plain")])
        answer = queue.pop(0) if len(queue) > 1 else queue[0]
        time.sleep(answer.delay)
        self.send_response(answer.status)
        self.send_header("Content-Type", answer.content_type)
        for name, value in answer.headers.items():
            self.send_header(name, value)
        if answer.length:
            self.send_header("Content-Length", str(len(answer.body)))
        else:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        try:
            self.wfile.write(answer.body)
            for _ in range(100_000 if answer.endless is not None else 0):  # 6 GB at most
                self.wfile.write(b"x" * 65_536)
                time.sleep(answer.endless or 0)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up: as it should
            pass

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[Site]:
    server = Site()
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def project(tmp_path: Path, site: Site, path: str = "/terms", select: bool = True) -> Path:
    selectors = '      select: main\n      remove: [".cookie-banner", nav, .share]\n'
    source = f"    source:\n      fetch: {site.url(path)}\n" + (selectors if select else "")
    return write_project(tmp_path / "p", {"analyses/acme-cloud/platform.yml": HEAD + source})


def fetch(root: Path, limits: Limits = FAST, now: dt.datetime = MARCH_4) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = fetch_documents(root, [], out, err, limits, now)
    return code, out.getvalue(), err.getvalue()


def files(root: Path) -> list[str]:
    folder = root / FOLDER
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def test_a_changed_page_is_one_new_version_and_an_unchanged_one_nothing(
    tmp_path: Path, site: Site
) -> None:
    site.serve("/terms", Answer(body=PAGE))
    root = project(tmp_path, site)
    expected = to_markdown(
        PAGE, "text/html", "utf-8", ["main"], [".cookie-banner", "nav", ".share"]
    )
    code, out, err = fetch(root)
    assert (code, err) == (0, "")
    assert out == (
        f"acme-cloud/service-terms: new version 2026-03-04.md ({len(expected.encode()):,} bytes) "
        f"from {site.url('/terms')}\n"
    )
    assert site.agents == [USER_AGENT]
    assert USER_AGENT.startswith("Clausebook/0.1.0 (+https://")
    archive, problems = read_archive(root, "acme-cloud", "service-terms")
    assert problems == []
    (version,) = archive.versions
    assert (version.origin, version.url, version.content_type) == (
        "fetch",
        site.url("/terms"),
        "text/html",
    )
    assert version.selectors is not None
    assert version.selectors.select == ("main",)
    assert version.selectors.remove == (".cookie-banner", "nav", ".share")
    assert archive.text_bytes(version).decode() == expected

    # The same text later that day: nothing is written.
    code, out, _ = fetch(root, now=MARCH_4 + dt.timedelta(hours=3))
    assert (code, out) == (
        0,
        "acme-cloud/service-terms: unchanged: the same text as 2026-03-04.md\n",
    )
    assert files(root) == ["2026-03-04.md", "versions.yml"]

    # The page changes: one new version, the day's second.
    site.serve("/terms", Answer(body=PAGE.replace(b"30 days", b"90 days")))
    code, out, _ = fetch(root, now=MARCH_4 + dt.timedelta(hours=5))
    assert code == 0 and out.startswith("acme-cloud/service-terms: new version 2026-03-04-2.md")
    assert files(root) == ["2026-03-04-2.md", "2026-03-04.md", "versions.yml"]
    assert b"90 days" in (root / FOLDER / "2026-03-04-2.md").read_bytes()
    corpus, _ = load_corpus(root)
    assert check(corpus) == []


@pytest.mark.parametrize(
    ("answers", "error", "hits"),
    [
        ([Answer(404, b"gone", "text/plain")], "HTTP 404 Not Found from {url}", 1),
        ([Answer(503, b"busy", "text/plain")], "HTTP 503 from {url} (after 2 attempts)", 2),
        ([Answer(delay=2, body=PAGE)], "{url}: no answer within the timeout (after 2 attempts)", 2),
        ([Answer(body=b"\x89PNG\r\n", content_type="image/png")], "{url} is image/png", 1),
        (
            [Answer(body=b"x" * 2_000, content_type="text/html")],
            "{url} is 2,000 bytes; the limit is 1,000",
            1,
        ),
        (
            [Answer(body=b"<main>", length=False, endless=0)],
            "{url} is over 1,000 bytes, the limit",
            1,
        ),
        ([Answer(body=b"<body><p>no main</p></body>")], "select (main) matches nothing", 1),
    ],
    ids=["404", "5xx", "timeout", "image", "oversize", "oversize-streamed", "no-selection"],
)
def test_a_failure_is_one_clear_line_and_nothing_written(
    tmp_path: Path, site: Site, answers: list[Answer], error: str, hits: int
) -> None:
    site.serve("/terms", *answers)
    root = project(tmp_path, site)
    started = time.monotonic()
    code, out, err = fetch(root, Limits(**{**FAST.__dict__, "max_bytes": 1_000}))
    assert (code, out) == (1, "")
    assert err.startswith(
        "acme-cloud/service-terms: error: " + error.format(url=site.url("/terms"))
    )
    assert err.count("\n") == 1
    assert site.hits["/terms"] == hits
    assert files(root) == []
    assert time.monotonic() - started < 5


def test_a_page_that_never_ends_is_cut_at_the_total_timeout(tmp_path: Path, site: Site) -> None:
    # A chunk every 0.2 s: the read timeout (0.5 s) never fires, the total one does.
    site.serve("/terms", Answer(body=b"<main>", length=False, endless=0.2))
    started = time.monotonic()
    limits = Limits(**{**FAST.__dict__, "total": 1.5, "max_bytes": 10**9})
    code, _, err = fetch(project(tmp_path, site), limits)
    assert code == 1 and f"{site.url('/terms')} took over 1.5 s" in err
    assert time.monotonic() - started < 3
    assert files(tmp_path / "p") == []


def test_a_server_error_then_an_answer_is_retried(tmp_path: Path, site: Site) -> None:
    site.serve("/terms", Answer(502, b"bad gateway", "text/plain"), Answer(body=PAGE))
    code, out, _ = fetch(project(tmp_path, site))
    assert code == 0 and "new version 2026-03-04.md" in out
    assert site.hits["/terms"] == 2


def test_redirects_are_followed_and_the_final_url_recorded(tmp_path: Path, site: Site) -> None:
    site.serve("/terms", Answer(301, headers={"Location": "/legal/terms"}))
    site.serve("/legal/terms", Answer(302, headers={"Location": site.url("/legal/terms-v2")}))
    site.serve("/legal/terms-v2", Answer(body=PAGE))
    root = project(tmp_path, site)
    assert fetch(root)[0] == 0
    (version,) = read_archive(root, "acme-cloud", "service-terms")[0].versions
    assert version.url == site.url("/legal/terms-v2")


def test_a_redirect_loop_is_an_error(tmp_path: Path, site: Site) -> None:
    site.serve("/terms", Answer(302, headers={"Location": "/elsewhere"}))
    site.serve("/elsewhere", Answer(302, headers={"Location": "/terms"}))
    code, _, err = fetch(project(tmp_path, site))
    a, b = site.url("/terms"), site.url("/elsewhere")
    assert (code, err) == (1, f"acme-cloud/service-terms: error: redirect loop: {a} → {b} → {a}\n")
    assert site.hits == Counter({"/terms": 1, "/elsewhere": 1})


def test_redirects_are_bounded(tmp_path: Path, site: Site) -> None:
    for n in range(10):
        site.serve(f"/r{n}", Answer(302, headers={"Location": f"/r{n + 1}"}))
    code, _, err = fetch(project(tmp_path, site, "/r0"))
    assert code == 1 and "more than 5 redirects" in err
    assert sum(site.hits.values()) == 6


def test_a_redirect_out_of_http_is_refused(tmp_path: Path, site: Site) -> None:
    site.serve("/terms", Answer(302, headers={"Location": "file:///etc/passwd"}))
    code, _, err = fetch(project(tmp_path, site))
    assert code == 1 and "file:///etc/passwd is not an http(s) URL" in err


def test_a_pdf_is_stored_as_its_text(tmp_path: Path, site: Site) -> None:
    site.serve("/dpa.pdf", Answer(body=PDF, content_type="application/pdf"))
    root = project(tmp_path, site, "/dpa.pdf", select=False)
    assert fetch(root)[0] == 0
    archive = read_archive(root, "acme-cloud", "service-terms")[0]
    (version,) = archive.versions
    assert version.content_type == "application/pdf" and version.selectors is None
    text = archive.text_bytes(version).decode()
    assert text.startswith("Acme Cloud Data Processing Addendum\nEffective 4 March 2026.\n")
    assert text.endswith("before engaging a new Subprocessor.\n")


def test_private_addresses_are_refused_unless_allowed(
    tmp_path: Path, site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    site.serve("/terms", Answer(body=PAGE))
    root = project(tmp_path, site)
    code, _, err = fetch(root, Limits(attempts=1))
    assert code == 1 and "resolves to 127.0.0.1, a private or local address" in err
    assert site.hits["/terms"] == 0
    # The command line, with the option that allows them (default timeouts and retries).
    assert main(["sources", "fetch", "--allow-private", "--path", str(root)]) == 0
    assert "new version 2026-" in capsys.readouterr().out
    assert read_archive(root, "acme-cloud", "service-terms")[0].state == "complete"


def test_one_document_failing_does_not_stop_the_others(tmp_path: Path, site: Site) -> None:
    site.serve("/terms", Answer(body=PAGE))
    root = project(tmp_path, site)
    globex = (root / "analyses/globex-ai/platform.yml").read_text(encoding="utf-8")
    first_document = globex.index("    type:", globex.index("documents:"))
    end = globex.index("\n", first_document) + 1
    globex = globex[:end] + f"    source:\n      fetch: {site.url('/gone')}\n" + globex[end:]
    (root / "analyses/globex-ai/platform.yml").write_text(globex, encoding="utf-8")
    code, out, err = fetch(root)
    assert code == 1
    assert out.startswith("acme-cloud/service-terms: new version 2026-03-04.md")
    assert err.startswith("globex-ai/") and "HTTP 404 Not Found" in err
    assert files(root) == ["2026-03-04.md", "versions.yml"]
