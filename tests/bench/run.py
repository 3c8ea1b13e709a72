"""Benchmark harness: the issue-5 numbers at several corpus sizes, each beside its baseline
measured in the same run, written to tests/bench/RESULTS.md.

Input: sizes (analyses). For each size: a synthetic project (synth.py) under
tests/bench/out/<size>/; then `clausebook check` (cold and warm parse cache) against a ruamel
round-trip parse of the same files; `clausebook build` (clean) against bare `mkdocs build`
(Material, search plugin only) of the same generated Markdown; site size; search in headless
Chromium against Material's default search; `clausebook serve --dirty` edit → page served
against the full rebuild of `serve`. Output: RESULTS.md (medians, ratios, scaling) and
results.json beside the projects.

    python tests/bench/run.py --sizes 1000,3000,10000 --runs 3 --large-runs 1
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import measure  # noqa: E402
import report  # noqa: E402
import synth  # noqa: E402

CLAUSEBOOK = str(measure.BIN / "clausebook")
SEARCH_RUNS = 5  # a fresh browser each: cheap even at 10,000
BASE_SEARCH_RUNS = 3  # Material's search: about 50 s a run at 10,000
MKDOCS = str(measure.BIN / "mkdocs")


def median(values: list[float]) -> float:
    return statistics.median(values)


def bench_size(
    size: int,
    out: Path,
    runs: int,
    queries: list[str],
    serve: bool,
    serve_full: bool,
    base_search: bool = True,
) -> dict:
    project = out / str(size)
    say(f"[{size}] generating the corpus")
    synth.generate(size, project)
    r: dict = {"size": size, "runs": runs}

    say(f"[{size}] check")
    cold, warm = [], []
    for _ in range(runs):
        measure.clean(project)
        cold.append(measure.timed([CLAUSEBOOK, "check", str(project)])[0])
        warm.append(measure.timed([CLAUSEBOOK, "check", str(project)])[0])
    r["check_cold_s"], r["check_warm_s"] = median(cold), median(warm)
    r["roundtrip_parse_s"] = measure.roundtrip_parse_seconds(project)

    say(f"[{size}] clausebook build (clean)")
    times, peaks, trees = [], [], []
    for _ in range(runs):
        measure.clean(project)
        seconds, kb, tree_kb = measure.timed([CLAUSEBOOK, "build", str(project)])
        times.append(seconds)
        peaks.append(kb)
        trees.append(tree_kb)
    r["build_s"], r["build_all_s"], r["build_peak_mb"] = median(times), times, max(peaks) / 1024
    r["build_tree_mb"] = max(trees) / 1024
    site = project / "site"
    parts, r["site_tar_bytes"] = measure.site_parts(site)  # one walk of the site for all four
    r["site_parts"] = parts
    r["site_bytes"], r["pagefind_bytes"] = sum(parts.values()), parts["search index"]
    r["html_pages"] = sum(1 for _ in site.rglob("*.html"))

    say(f"[{size}] bare mkdocs build (baseline)")
    config = measure.baseline_config(project)
    times, peaks = [], []
    for _ in range(runs):
        seconds, kb, tree_kb = measure.timed(
            [MKDOCS, "build", "-q", "-f", str(config)], cwd=project
        )
        times.append(seconds)
        peaks.append(max(kb, tree_kb))
    r["base_build_s"], r["base_build_all_s"] = median(times), times
    r["base_peak_mb"] = max(peaks) / 1024
    base_site = project / "site-baseline"
    r["base_site_bytes"] = measure.du(base_site)
    r["base_index_bytes"] = (base_site / "search/search_index.json").stat().st_size

    r["search"] = {}
    for query in queries:
        say(f"[{size}] search {query!r}")
        ours = measure.search_latency(site, query, ".md-search-result__item", SEARCH_RUNS)
        r["search"][query] = {
            "s": median([o["s"] for o in ours]),
            "query_s": median([o["query_s"] for o in ours]),
            "query_all_s": [o["query_s"] for o in ours],
            "first_s": median([o["first_s"] for o in ours]),
            "bytes": max(o["bytes"] for o in ours),
            "typing_s": median([o["typing_s"] for o in ours]),
        }
        if base_search:
            base = measure.search_latency(
                base_site, query, ".md-search-result__item", BASE_SEARCH_RUNS
            )
            r["search"][query].update(
                base_s=median([b["s"] for b in base]),
                base_query_s=median([b["query_s"] for b in base]),
                base_bytes=max(b["bytes"] for b in base),
            )

    if serve:
        say(f"[{size}] serve --dirty: edit → page served")
        r["serve_dirty_s"] = measure.serve_edit_seconds(project, dirty=True, edits=3)
        if serve_full:
            say(f"[{size}] serve (full rebuild): edit → page served")
            r["serve_full_s"] = measure.serve_edit_seconds(project, dirty=False, edits=1)
    measure.clean(project)  # keep the corpus, not hundreds of MB of sites
    return r


def say(message: str) -> None:
    print(time.strftime("%H:%M:%S"), message, flush=True)


def machine() -> dict:
    meminfo = Path("/proc/meminfo").read_text().splitlines()
    mem_kb = next(int(line.split()[1]) for line in meminfo if line.startswith("MemTotal"))
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    cpu = next(
        (line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")),
        platform.processor(),
    )
    return {
        "nproc": os.cpu_count(),
        "memory_gb": round(mem_kb / 1024 / 1024, 1),
        "cpu": cpu,
        "python": platform.python_version(),
        "load_at_start": os.getloadavg()[0],
    }


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--sizes", default="1000,3000,10000")
    ap.add_argument("--runs", type=int, default=3, help="runs per number below --large")
    ap.add_argument("--large", type=int, default=10000, help="size from which --large-runs apply")
    ap.add_argument("--large-runs", type=int, default=1)
    ap.add_argument("--query", action="append", help="search query (repeatable)")
    ap.add_argument("--no-serve", action="store_true", help="skip the serve edit loop")
    ap.add_argument(
        "--serve-full-max",
        type=int,
        default=10**9,
        help="measure serve's full rebuild only up to this size (it costs two full builds)",
    )
    ap.add_argument(
        "--base-search-max",
        type=int,
        default=10**9,
        help="measure Material's search only up to this size (at 30,000 its index is 260 MB, "
        "which Playwright's driver runs out of memory receiving to count its bytes)",
    )
    ap.add_argument(
        "--append",
        action="store_true",
        help="keep the other sizes already in results.json (each size's baselines "
        "are still from its own run)",
    )
    ap.add_argument("--out", type=Path, default=HERE / "out")
    ap.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    args = ap.parse_args()
    queries = args.query or ["third-party model", "escrow indemnity"]
    command = "python tests/bench/run.py " + shlex.join(sys.argv[1:])
    started = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    data = {"command": [command], "machine": machine(), "started": started, "sizes": []}
    args.out.mkdir(parents=True, exist_ok=True)
    saved = args.out / "results.json"
    if args.append and saved.is_file():
        data = json.loads(saved.read_text())
        if isinstance(data["command"], str):
            data["command"] = [data["command"]]
        data["command"].append(command)
    for size in (int(s) for s in args.sizes.split(",")):
        runs = args.large_runs if size >= args.large else args.runs
        entry = bench_size(
            size,
            args.out,
            runs,
            queries,
            not args.no_serve,
            size <= args.serve_full_max,
            size <= args.base_search_max,
        )
        entry["started"] = started
        data["sizes"] = sorted(
            [r for r in data["sizes"] if r["size"] != size] + [entry], key=lambda r: r["size"]
        )
        saved.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n")
        args.results.write_text(report.markdown(data), encoding="utf-8")
    say(f"wrote {args.results}")


if __name__ == "__main__":
    main()
