"""Benchmark probes: each measures one number of a built or served project.

Input: a project folder (tests/bench/synth.py) or a built site. Output: seconds, bytes or
kilobytes, measured with real processes, a real HTTP server and headless Chromium. Used by
tests/bench/run.py; none of this is part of the test suite.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

BIN = Path(sys.executable).parent
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "true"}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def timed(command: list[str], cwd: Path | None = None) -> tuple[float, int, int]:
    """Wall seconds, peak resident memory of the largest process (KB, /usr/bin/time) and
    peak of all its processes together (KB, sampled from /proc every 0.1 s: the build and
    the Pagefind run beside it)."""
    proc = subprocess.Popen(
        ["/usr/bin/time", "-f", "%e %M", *command],
        cwd=cwd,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    tree_kb = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal tree_kb
        while not done.wait(0.1):
            tree_kb = max(tree_kb, _tree_rss_kb(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{out[-3000:]}\n{err[-3000:]}")
    seconds, kb = err.strip().splitlines()[-1].split()
    return float(seconds), int(kb), tree_kb


def _tree_rss_kb(root: int) -> int:
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            parents[int(entry)] = int(stat[1])
            rss[int(entry)] = int(Path(f"/proc/{entry}/statm").read_text().split()[1]) * 4
        except (OSError, IndexError, ValueError):
            continue  # the process ended while we looked
    tree, frontier = set(), {root}
    while frontier:
        tree |= frontier
        frontier = {pid for pid, parent in parents.items() if parent in frontier} - tree
    return sum(rss.get(pid, 0) for pid in tree)


def du(path: Path) -> int:
    """Bytes of all files below `path` (apparent size, as a Pages artifact counts them)."""
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


SITE_PARTS = (
    "analysis pages",
    "platform pages",
    "source documents",
    "JSON API",
    "search index",
    "feeds",
    "listings",
    "everything else",
)


def site_part(rel: str) -> str:
    """Which part of the site (SITE_PARTS) a file of it, at `rel`, belongs to."""
    parts = rel.split("/")
    if parts[0] == "pagefind":
        return "search index"
    if parts[0] == "api" and len(parts) > 2:  # api/index.html is the page that explains it
        return "JSON API"
    if parts[-1].startswith("feed") and parts[-1].endswith(".xml"):
        return "feeds"
    if parts[0] in ("topics", "jurisdictions", "explore", "compare", "changes"):
        return "listings"
    if parts[0] == "platforms" and len(parts) > 2:
        if parts[2] == "documents":
            return "source documents"
        return "analysis pages" if len(parts) == 4 else "platform pages"
    if parts[0] == "platforms":
        return "platform pages"
    return "everything else"


TAR_BLOCK, TAR_RECORD = 512, 10240


def site_parts(site: Path) -> tuple[dict[str, int], int]:
    """Bytes of each part of a built site (what the site size is made of), and the size of
    the tar file actions/upload-pages-artifact makes of it: what GitHub Pages compares with
    its 1 GB ("Uploaded artifact size of N bytes exceeds the allowed size of 1 GB" gives
    multiples of 10,240). A tar holds a 512-byte header for every file and folder and pads
    every file to 512 bytes: at 10,000 analyses, some 2 KB an analysis beyond the files."""
    sizes = dict.fromkeys(SITE_PARTS, 0)
    tar = 3 * TAR_BLOCK  # "./", and the two empty blocks that end an archive
    for f in site.rglob("*"):
        rel = f.relative_to(site).as_posix()
        tar += TAR_BLOCK + _tar_long_name(f"./{rel}" + ("" if f.is_file() else "/"))
        if f.is_file():
            size = f.stat().st_size
            sizes[site_part(rel)] += size
            tar += _tar_blocks(size)
    return sizes, -(-tar // TAR_RECORD) * TAR_RECORD


def _tar_blocks(size: int) -> int:
    return -(-size // TAR_BLOCK) * TAR_BLOCK


def _tar_long_name(name: str) -> int:
    """GNU tar writes a name of 100 bytes or more as one more entry (././@LongLink)."""
    length = len(name.encode())
    return 0 if length < 100 else TAR_BLOCK + _tar_blocks(length + 1)


def baseline_config(project: Path) -> Path:
    """mkdocs.yml for bare MkDocs on the generated Markdown: Material, search plugin only,
    no clausebook plugin and no theme overrides."""
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"^docs_dir: .*$", "docs_dir: build/docs", text, flags=re.M)
    text = re.sub(r"^site_dir: .*$", "site_dir: site-baseline", text, flags=re.M)
    text = re.sub(r"^  custom_dir: .*\n", "", text, flags=re.M)
    text = re.sub(r"^plugins:\n(  - .*\n)+", "plugins:\n  - search\n", text, flags=re.M)
    text = re.sub(r"^extra_javascript:\n(  .*\n)+", "", text, flags=re.M)
    path = project / "mkdocs-baseline.yml"
    path.write_text(text, encoding="utf-8")
    return path


def roundtrip_parse_seconds(project: Path) -> float:
    """ruamel's round-trip loader over every YAML file: the check baseline of the issue."""
    code = (
        "import sys,time,pathlib\nfrom ruamel.yaml import YAML\ny=YAML()\n"
        "fs=sorted(pathlib.Path(sys.argv[1]).glob('analyses/**/*.yml'))\n"
        "t=time.perf_counter()\nfor f in fs: y.load(f.read_text())\n"
        "print(time.perf_counter()-t)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(project)], capture_output=True, text=True, check=True
    )
    return float(out.stdout)


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


# In the page, from the first keydown: when the first result is in the DOM (any text), and
# when the first result answering the whole query is (its meta line names the query:
# assets/search.js). Material's search has no such marker: its first result counts.
_SEARCH_CLOCK = """
window.__cb = {};
document.addEventListener("keydown", () => { window.__cb.key ??= performance.now(); }, true);
new MutationObserver(() => {
  if (!document.querySelector(".md-search-result__item")) return;
  const now = performance.now();
  window.__cb.first ??= now;
  const meta = document.querySelector(".md-search-result__meta");
  if (!meta || !("query" in meta.dataset) || meta.dataset.query === window.__cbQuery)
    window.__cb.query ??= now;
}).observe(document, { subtree: true, childList: true, attributes: true });
"""


def search_latency(site: Path, query: str, result: str, runs: int) -> list[dict[str, float]]:
    """Typing `query` into the header search box → first `result` element, one fresh browser
    per run: `s` as shared/tools/search_latency.py measures it (Playwright's wait for the
    element, which polls after 0, 20, 70, 170 and 270 ms and then every 500 ms, so a result
    that arrives 0.3 s after the typing counts as 0.77 s); `first_s` and `query_s` as the page
    itself times them from the first keydown (any result; a result for the whole query);
    `typing_s`, the typing alone; `bytes` fetched from opening the page until the result."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    found = []
    try:
        with sync_playwright() as p:
            for _ in range(runs):
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1280, "height": 800})
                page.add_init_script(_SEARCH_CLOCK + f"window.__cbQuery = {query!r};")
                fetched = [0]

                def count(response, fetched=fetched) -> None:
                    try:
                        fetched[0] += len(response.body())
                    except Exception:  # redirects and aborted requests have no body
                        return

                page.on("response", count)
                page.goto(url, wait_until="load")
                page.click("input.md-search__input")
                start = time.perf_counter()
                page.keyboard.type(query)
                typed = time.perf_counter() - start
                page.wait_for_selector(result, timeout=120_000)
                seen = time.perf_counter() - start
                page.wait_for_function("window.__cb.query", timeout=120_000)
                clock = page.evaluate("window.__cb")
                found.append(
                    {
                        "s": seen,
                        "first_s": (clock["first"] - clock["key"]) / 1000,
                        "query_s": (clock["query"] - clock["key"]) / 1000,
                        "typing_s": typed,
                        "bytes": fetched[0],
                    }
                )
                browser.close()
    finally:
        server.shutdown()
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8")
    except OSError:
        return None


def serve_edit_seconds(project: Path, dirty: bool, edits: int) -> list[float]:
    """Start `clausebook serve`, then edit one analysis `edits` times; each time, the seconds
    from saving the file until the served page shows the new words."""
    port = _free_port()
    command = [str(BIN / "clausebook"), "serve", str(project), "--dev-addr", f"127.0.0.1:{port}"]
    if dirty:
        command.append("--dirty")
    target = sorted((project / "analyses").glob("*/*.yml"))
    target = next(p for p in target if p.name != "platform.yml")
    url = f"http://127.0.0.1:{port}/platforms/{target.parent.name}/{target.stem}/"
    original = target.read_text(encoding="utf-8")
    log = open(project / f"serve-{'dirty' if dirty else 'full'}.log", "w")  # noqa: SIM115
    # site_url decides the path serve mounts the site at; serve it at the root.
    env = {**ENV, "SITE_URL": f"http://127.0.0.1:{port}/"}
    proc = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    times = []
    try:
        deadline = time.time() + 1800
        while _get(url) is None:
            if proc.poll() is not None or time.time() > deadline:
                raise RuntimeError(f"serve did not start; see {log.name}")
            time.sleep(0.5)
        time.sleep(3)  # let the first search index and the file watcher settle
        for i in range(edits):
            token = f"benchmarkedit{i}x{int(time.time())}"
            text = original.replace("summary: >-\n", f"summary: >-\n  {token}\n", 1)
            start = time.perf_counter()
            target.write_text(text, encoding="utf-8")
            while token not in (_get(url) or ""):
                if proc.poll() is not None or time.perf_counter() - start > 600:
                    raise RuntimeError(f"edit never showed; see {log.name}")
                time.sleep(0.05)
            times.append(time.perf_counter() - start)
            time.sleep(2)
    finally:
        target.write_text(original, encoding="utf-8")
        proc.terminate()
        proc.wait(timeout=60)
        log.close()
    return times


def clean(project: Path) -> None:
    for name in ("build", "site", "site-baseline"):
        shutil.rmtree(project / name, ignore_errors=True)
