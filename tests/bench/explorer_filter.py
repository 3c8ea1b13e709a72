#!/usr/bin/env python3
"""Benchmark: the explorer's filter change at 10,000 analyses, in headless Chromium.

Writes a synthetic corpus of N analyses (100 platforms; N/40 topics, so that a topic has about
40 analyses and a clause page lists as many others; 8 jurisdictions; summaries of 1-3
sentences like the real ones) as YAML files, builds it with the real pipeline and
MkDocs (`clausebook build`), serves the site on 127.0.0.1 and opens /explore/. Then it
changes filters the way a reader does — platform, topic, exposure, jurisdiction, words,
clearing — and times each change inside the page:

- update: from dispatching the change event until the list is re-laid out (script, style
  and layout, forced synchronously);
- frame: until the next frame after that has started (what the reader waits to see).

Prints the page weight (raw and gzip, as GitHub Pages serves it), the time to load the page
and the median, min and max of each measure. Nothing is asserted: this is a benchmark.

    python tests/bench/explorer_filter.py            # 10,000 analyses, 7 rounds
    python tests/bench/explorer_filter.py --analyses 1000 --rounds 5
"""

from __future__ import annotations

import argparse
import gzip
import random
import shutil
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from playwright.sync_api import sync_playwright  # noqa: E402

from generator.cli import main as clausebook  # noqa: E402
from tests.browser.chromium import ARGS, DESKTOP, EXECUTABLE, serve  # noqa: E402

OUT = REPO / "tests/bench/out"
WORDS = [
    "provider",
    "customer",
    "data",
    "model",
    "training",
    "output",
    "licence",
    "retention",
    "deletion",
    "subprocessor",
    "region",
    "transfer",
    "audit",
    "notice",
    "liability",
    "indemnity",
    "suspension",
    "termination",
    "confidentiality",
    "security",
    "incident",
    "prompt",
    "embedding",
    "fine-tuning",
    "opt-out",
    "consent",
    "lawful",
    "basis",
    "controller",
    "processor",
]
JURISDICTIONS = ["EU", "GB", "US", "US-CA", "CA", "BR", "JP", "AU"]
RATINGS = ["low", "medium", "high"]

# A change: (what a reader does, JS that does it). Each is timed separately.
CHANGES = [
    ("platform", "setSelect('platform', 'platform-042')"),
    ("platform→topic", "setSelect('platform', ''); setSelect('topic', 'topic-007')"),
    ("rating", "setSelect('topic', ''); setSelect('rating', 'high')"),
    ("jurisdiction", "setSelect('rating', ''); setSelect('jurisdiction', 'us-ca')"),
    ("words", "setSelect('jurisdiction', ''); setText('retention deletion')"),
    ("clear", "setText('')"),
]
HELPERS = """
window.setSelect = (name, value) => {
  const f = document.querySelector(`[data-cb-explorer-form] [name=${name}]`);
  f.value = value; f.dispatchEvent(new Event('change', {bubbles: true}));
};
window.setText = (value) => {
  const f = document.querySelector('[data-cb-explorer-form] [name=q]');
  f.value = value; f.dispatchEvent(new Event('input', {bubbles: true}));
};
window.timeChange = (action) => new Promise(resolve => {
  const t0 = performance.now();
  action();
  document.body.offsetHeight;  // force style and layout now
  const update = performance.now() - t0;
  requestAnimationFrame(() => setTimeout(() => resolve({update, frame: performance.now() - t0,
    shown: document.querySelectorAll('[data-cb-explorer] > li:not([hidden])').length})));
});
"""


def sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 16))).capitalize() + "."


def write_corpus(root: Path, analyses: int) -> None:
    rng = random.Random(7)
    # Each clause page lists the other platforms' analyses on its topic, so pages grow with
    # analyses per topic: keep that bounded, as in a real corpus with many topics.
    topics = max(10, analyses // 40)
    a = root / "analyses"
    a.mkdir(parents=True)
    (a / "topics.yml").write_text(
        "topics:\n"
        + "".join(
            f"  - id: topic-{t:03d}\n    title: Topic {t} on {rng.choice(WORDS)}\n"
            f"    definition: {sentence(rng)}\n"
            for t in range(topics)
        ),
        encoding="utf-8",
    )
    (a / "jurisdictions.yml").write_text(
        "jurisdictions:\n"
        + "".join(
            f"  - code: {j}\n    name: Jurisdiction {j}\n    description: {sentence(rng)}\n"
            for j in JURISDICTIONS
        ),
        encoding="utf-8",
    )
    platforms = 100
    for p in range(platforms):
        folder = a / f"platform-{p:03d}"
        folder.mkdir()
        (folder / "platform.yml").write_text(
            f"name: Platform {p:03d}\nvendor: Vendor {p}\nwebsite: https://p{p}.example/\n"
            f"description: {sentence(rng)}\ndocuments:\n  - id: terms\n    title: Terms {p}\n"
            f"    url: https://p{p}.example/terms\n    type: service-terms\n",
            encoding="utf-8",
        )
    for i in range(analyses):
        p, n = i % platforms, i // platforms
        codes = rng.sample(JURISDICTIONS, rng.randint(0, 3))
        flags = "".join(f"  - code: {c}\n    note: {sentence(rng)}\n" for c in codes)
        summary = " ".join(sentence(rng) for _ in range(rng.randint(1, 3)))
        (a / f"platform-{p:03d}" / f"clause-{n:03d}.yml").write_text(
            f"title: Clause {n} of platform {p} on {rng.choice(WORDS)} {rng.choice(WORDS)}\n"
            f"document: terms\ntopic: topic-{rng.randrange(topics):03d}\nsummary: {summary}\n"
            f"impact: {sentence(rng)}\nexcerpt:\n  text: {sentence(rng)}\n"
            f"  source_url: https://p{p}.example/terms\n  retrieved: 2026-01-10\n"
            f"regulatory_landscape: {sentence(rng)}\nexposure:\n"
            f"  rating: {rng.choice(RATINGS)}\n  rationale: {sentence(rng)}\n"
            f"jurisdictions:{' []' if not flags else ''}\n{flags}"
            f"contract_implications: {sentence(rng)}\n"
            f"compliance_considerations:\n  - {sentence(rng)}\n"
            f"history:\n  - date: 2026-01-10\n    summary: {sentence(rng)}\n"
            f"reviewed: 2026-01-10\n",
            encoding="utf-8",
        )
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "site_templates", root / "site_templates")
    shutil.copytree(REPO / "content", root / "content")


def measure(url: str, rounds: int) -> dict[str, list[dict[str, float]]]:
    results: dict[str, list[dict[str, float]]] = {name: [] for name, _ in CHANGES}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=EXECUTABLE, args=ARGS)
        page = browser.new_page(viewport=DESKTOP)
        page.route(
            "**/*",
            lambda r: (
                r.abort()
                if not r.request.url.startswith(url.split("explore")[0])
                else r.continue_()
            ),
        )
        start = time.perf_counter()
        page.goto(url, wait_until="load")
        page.wait_for_function(
            "document.querySelector('[data-cb-explorer-count]').textContent.includes(' of ')"
        )
        print(f"explorer page loaded in {time.perf_counter() - start:.2f} s")
        page.evaluate(
            HELPERS
            + "window.CHANGES = {"
            + ", ".join(f"{name!r}: () => {{ {action} }}" for name, action in CHANGES)
            + "};"
        )
        for _ in range(rounds):
            for name, _action in CHANGES:
                results[name].append(page.evaluate("n => timeChange(CHANGES[n])", name))
        browser.close()
    return results


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--analyses", type=int, default=10_000)
    ap.add_argument("--rounds", type=int, default=7, help="times each change is measured")
    ap.add_argument("--reuse", action="store_true", help="keep an already built site")
    args = ap.parse_args()
    root = OUT / f"explorer-{args.analyses}"
    if not (args.reuse and (root / "site/explore/index.html").is_file()):
        shutil.rmtree(root, ignore_errors=True)
        write_corpus(root, args.analyses)
        start = time.perf_counter()
        if clausebook(["build", str(root)]) != 0:
            sys.exit("build failed")
        print(f"built {args.analyses} analyses in {time.perf_counter() - start:.1f} s")
    page = (root / "site/explore/index.html").read_bytes()
    print(
        f"explore/index.html: {len(page) / 1e6:.2f} MB, "
        f"{len(gzip.compress(page, 6)) / 1e6:.2f} MB gzip"
    )
    with serve(root / "site") as base:
        results = measure(base + "explore/", args.rounds)
    updates, frames = [], []
    print(f"{'change':<16}{'shown':>7}  update ms (median min max)   frame ms (median min max)")
    for name, runs in results.items():
        u, f = [r["update"] for r in runs], [r["frame"] for r in runs]
        updates += u
        frames += f
        print(
            f"{name:<16}{int(runs[0]['shown']):>7}  {statistics.median(u):7.1f} {min(u):6.1f}"
            f" {max(u):6.1f}      {statistics.median(f):7.1f} {min(f):6.1f} {max(f):6.1f}"
        )
    print(
        f"all {len(updates)} changes: median update {statistics.median(updates):.1f} ms, "
        f"median frame {statistics.median(frames):.1f} ms, max frame {max(frames):.1f} ms"
    )


if __name__ == "__main__":
    main()
