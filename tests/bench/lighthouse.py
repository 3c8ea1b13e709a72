#!/usr/bin/env python3
"""Benchmark: Lighthouse 12 (the npm package, with Debian's chromium) on every page kind of
the repository's own site, behind a compressing local server, mobile and desktop, with a
bare Material for MkDocs page's scores from the same run beside them (issue 16: performance
>= 95 and accessibility 100).

Builds the repository's corpus with the real pipeline into a temporary folder, serves it on
127.0.0.1 with gzip (as GitHub Pages serves it), builds a one-page bare Material site the
same way, and runs `lighthouse` on each page for each form factor. Prints a Markdown table;
nothing is asserted: this is a benchmark.

Lighthouse is not a Python dependency; install it once with npm, then give its path:

    npm install --prefix /tmp/lh lighthouse@12.8.2
    python tests/bench/lighthouse.py --lighthouse /tmp/lh/node_modules/.bin/lighthouse
    python tests/bench/lighthouse.py --lighthouse … --kinds clause,compare --modes mobile
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from generator.cli import main as clausebook  # noqa: E402
from tests.browser.chromium import EXECUTABLE, PAGE_KINDS, serve  # noqa: E402

KINDS = {
    **PAGE_KINDS,
    "document": "platforms/openai-api/documents/openai-usage-policies/",
    "document text": "platforms/openai-api/documents/openai-usage-policies/text/",
    "document change": "platforms/openai-api/documents/openai-usage-policies/2026-07-21/",
}
COMPRESSED = (".html", ".css", ".js", ".json", ".xml", ".svg", ".csv", ".mjs")


class _Gzip(http.server.SimpleHTTPRequestHandler):
    """Static files, gzipped when the client accepts it (text types only)."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        gz = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (gz and path.is_file() and path.suffix in COMPRESSED):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def build_site(work: Path, url: str) -> Path:
    root = work / "project"
    for folder in ("analyses", "content", "site_templates"):
        shutil.copytree(REPO / folder, root / folder, ignore=shutil.ignore_patterns("build"))
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    os.environ["SITE_URL"] = url
    assert clausebook(["build", str(root)]) == 0
    return root / "site"


def build_bare(work: Path) -> Path:
    """One page of stock Material (same versions), no plugins: the baseline."""
    root = work / "bare"
    (root / "docs").mkdir(parents=True)
    (root / "docs/index.md").write_text(
        "# Bare Material\n\nA paragraph of text, a [link](https://example.org/) and a list:\n\n"
        "- one\n- two\n",
        encoding="utf-8",
    )
    (root / "mkdocs.yml").write_text(
        "site_name: Bare\ntheme:\n  name: material\n  font: false\nplugins: []\n",
        encoding="utf-8",
    )
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(root / "mkdocs.yml")],
        check=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "true"},
    )
    return root / "site"


def lighthouse(binary: str, url: str, mode: str, out: Path) -> dict[str, int]:
    args = [
        binary,
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        "--only-categories=performance,accessibility",
        f"--chrome-flags=--headless=new --no-sandbox --disable-gpu --user-data-dir={out}.profile",
    ]
    if mode == "desktop":
        args.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": EXECUTABLE}
    subprocess.run(args, check=True, env=env, timeout=300, capture_output=True)
    report = json.loads(out.read_text(encoding="utf-8"))
    return {
        name: round(100 * (report["categories"][name]["score"] or 0))
        for name in ("performance", "accessibility")
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lighthouse", required=True, help="path of the lighthouse CLI")
    parser.add_argument("--kinds", default=",".join(KINDS), help="page kinds, comma-separated")
    parser.add_argument("--modes", default="mobile,desktop")
    parser.add_argument("--port", type=int, default=8791)
    options = parser.parse_args()
    kinds = options.kinds.split(",")
    modes = options.modes.split(",")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        url = f"http://127.0.0.1:{options.port}/"
        site = build_site(work, url)
        bare = build_bare(work)
        rows = []
        with serve(bare, options.port + 1, _Gzip) as bare_url:
            baseline = {
                m: lighthouse(options.lighthouse, bare_url, m, work / f"b-{m}.json") for m in modes
            }
        with serve(site, options.port, _Gzip) as base:
            for kind in kinds:
                for mode in modes:
                    got = lighthouse(
                        options.lighthouse, base + KINDS[kind], mode, work / f"{kind}-{mode}.json"
                    )
                    rows.append((kind, mode, got, baseline[mode]))
    print("| page | form factor | performance | accessibility | bare Material (perf / a11y) |")
    print("|---|---|---|---|---|")
    for kind, mode, got, base_scores in rows:
        print(
            f"| {kind} | {mode} | {got['performance']} | {got['accessibility']} | "
            f"{base_scores['performance']} / {base_scores['accessibility']} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
