"""Benchmark report: results.json data → the Markdown of tests/bench/RESULTS.md.

Input: the dict run.py collects (machine, command, one entry per size). Output: the targets
table at the largest size, with baselines, ratios and verdicts, and the scaling table.
"""

from __future__ import annotations

import statistics

MB = 1024 * 1024
TARGET_SIZE = 10_000


def _med(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _seconds(values: list[float]) -> str:
    """The median of `values` for a table cell, or "—" when that size was not measured."""
    return f"{_med(values):.1f}" if values else "—"


def _material(q: dict, key: str, unit: float = 1.0) -> str:
    """A number of Material's search (the baseline) for a table cell, or "—" when it was not
    measured at that size (run.py --base-search-max)."""
    values = [v[key] for v in q.values() if key in v]
    return f"{max(values) / unit:.{1 if unit == MB else 2}f}" if values else "—"


def _verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def targets(r: dict) -> list[str]:
    n = r["size"]
    search = r["search"]
    worst_s = max(q["query_s"] for q in search.values())
    worst_tool = max(q["s"] for q in search.values())
    worst_bytes = max(q["bytes"] for q in search.values())
    base_s = max(q["base_query_s"] for q in search.values())
    base_bytes = max(q["base_bytes"] for q in search.values())
    ratio = r["build_s"] / r["base_build_s"]
    per = r["site_bytes"] / n / 1024
    rows = [
        "| what | target | measured | baseline (same run) | verdict |",
        "|---|---|---|---|---|",
        f"| `clausebook build`, wall time (clean) | ≤ 1.2 x baseline | {r['build_s']:.1f} s "
        f"(**{ratio:.2f} x**) | bare `mkdocs build`, search plugin only: "
        f"{r['base_build_s']:.1f} s | {_verdict(ratio <= 1.2)} |",
        f"| peak memory of the build, all processes together | ≤ 1 GB | "
        f"{r['build_tree_mb']:.0f} MB (largest process: {r['build_peak_mb']:.0f} MB) | "
        f"bare MkDocs: {r['base_peak_mb']:.0f} MB | {_verdict(r['build_tree_mb'] <= 1024)} |",
        f"| site size per analysis | ≤ 40 KB | {per:.1f} KB ({r['site_bytes'] / MB:.0f} MB in "
        f"all, search index {r['pagefind_bytes'] / MB:.0f} MB{_tar(r)}) | bare MkDocs: "
        f"{r['base_site_bytes'] / n / 1024:.1f} KB ({r['base_site_bytes'] / MB:.0f} MB) | "
        f"{_verdict(per <= 40)} |",
        f"| search, typing → first result (worst query) | ≤ 0.5 s | {worst_s:.2f} s in the "
        f"page (Playwright's polling wait: {worst_tool:.2f} s) | Material default: "
        f"{base_s:.2f} s | {_verdict(worst_s <= 0.5)} |",
        f"| bytes fetched, opening the page → first result | ≤ 2 MB | "
        f"{worst_bytes / MB:.2f} MB | Material default: {base_bytes / MB:.1f} MB "
        f"(index {r['base_index_bytes'] / MB:.0f} MB) | {_verdict(worst_bytes <= 2 * MB)} |",
        f"| `clausebook check`, warm parse cache | ≤ 5 s | {r['check_warm_s']:.1f} s | "
        f"ruamel round-trip parse alone: {r['roundtrip_parse_s']:.1f} s | "
        f"{_verdict(r['check_warm_s'] <= 5)} |",
        f"| `clausebook check`, cold (no build/cache) | ≤ 5 s | {r['check_cold_s']:.1f} s | "
        f"ruamel round-trip parse alone: {r['roundtrip_parse_s']:.1f} s | "
        f"{_verdict(r['check_cold_s'] <= 5)} |",
    ]
    if "serve_dirty_s" in r:
        dirty = _med(r["serve_dirty_s"])
        full = (
            f"`serve`, full rebuild: {_med(r['serve_full_s']):.1f} s"
            if "serve_full_s" in r
            else f"`serve`, full rebuild: not measured at this size (≈ a build without the "
            f"search index, of {r['build_s']:.0f} s)"
        )
        rows.append(
            f"| `serve --dirty`: edit one analysis → its page served | ≤ 3 s | {dirty:.1f} s "
            f"(runs: {', '.join(f'{t:.1f}' for t in r['serve_dirty_s'])}) | {full} | "
            f"{_verdict(dirty <= 3)} |"
        )
    return rows


def _tar(r: dict) -> str:
    """The Pages artifact's tar (what GitHub holds to 1 GB), where the run measured it."""
    if "site_tar_bytes" not in r:
        return ""
    tar = r["site_tar_bytes"]
    return f"; as the Pages artifact's tar: {tar / r['size'] / 1024:.1f} KB, {tar / MB:.0f} MB"


def site_parts(r: dict) -> list[str]:
    """What the site is made of, by part (measure.site_parts), per analysis."""
    n, parts = r["size"], r.get("site_parts")
    if not parts:
        return []
    rows = [
        f"## Site size by part, at {n:,} analyses",
        "",
        "| part | MB | KB an analysis | share |",
        "|---|---|---|---|",
    ]
    total = sum(parts.values())
    for name, size in parts.items():
        rows.append(f"| {name} | {size / MB:.1f} | {size / n / 1024:.2f} | {size / total:.0%} |")
    rows += [f"| all | {total / MB:.1f} | {total / n / 1024:.2f} | 100% |", ""]
    return rows


def scaling(sizes: list[dict]) -> list[str]:
    rows = [
        "| analyses | runs | build s | bare build s | ratio | peak MB | site MB | KB/analysis "
        "| bare site MB | check warm s | check cold s | round-trip s | search s (page) "
        "| search s (Playwright) | search KB "
        "| Material search s | Material MB | serve --dirty s | serve full s | run started |",
        "|" + "---|" * 20,
    ]
    for r in sizes:
        q = r["search"]
        rows.append(
            f"| {r['size']:,} | {r['runs']} | {r['build_s']:.1f} | {r['base_build_s']:.1f} | "
            f"{r['build_s'] / r['base_build_s']:.2f} | {r['build_tree_mb']:.0f} | "
            f"{r['site_bytes'] / MB:.0f} | {r['site_bytes'] / r['size'] / 1024:.1f} | "
            f"{r['base_site_bytes'] / MB:.0f} | {r['check_warm_s']:.1f} | "
            f"{r['check_cold_s']:.1f} | {r['roundtrip_parse_s']:.1f} | "
            f"{max(v['query_s'] for v in q.values()):.2f} | "
            f"{max(v['s'] for v in q.values()):.2f} | "
            f"{max(v['bytes'] for v in q.values()) / 1024:.0f} | "
            f"{_material(q, 'base_query_s')} | {_material(q, 'base_bytes', MB)} | "
            f"{_seconds(r.get('serve_dirty_s', []))} | {_seconds(r.get('serve_full_s', []))} | "
            f"{r.get('started', '')} |"
        )
    return rows


def queries(sizes: list[dict]) -> list[str]:
    rows = [
        "| analyses | query | ours: result for the query s (runs) | ours: any result s "
        "| ours: Playwright s | typing s | ours KB | Material s | Material: Playwright s "
        "| Material MB |",
        "|" + "---|" * 10,
    ]
    for r in sizes:
        for query, q in sorted(r["search"].items()):
            runs = ", ".join(f"{t:.2f}" for t in q["query_all_s"])
            rows.append(
                f"| {r['size']:,} | {query} | {q['query_s']:.2f} ({runs}) | "
                f"{q['first_s']:.2f} | {q['s']:.2f} | {q['typing_s']:.2f} | "
                f"{q['bytes'] / 1024:.0f} | {_material({query: q}, 'base_query_s')} | "
                f"{_material({query: q}, 'base_s')} | {_material({query: q}, 'base_bytes', MB)} |"
            )
    return rows


def markdown(data: dict) -> str:
    m = data["machine"]
    # The targets are set at 10,000 analyses; larger sizes are in the scaling table.
    at = next(
        (r for r in data["sizes"] if r["size"] == TARGET_SIZE),
        max(data["sizes"], key=lambda r: r["size"]),
    )
    lines = [
        "# Benchmark results",
        "",
        "Written by `tests/bench/run.py`; every baseline was measured in the same run, on the "
        "same machine and the same generated corpus (`tests/bench/synth.py`).",
        "",
        *[f"- command: `{c}`" for c in data["command"]],
        f'- started: {data["started"]} (each size: column "run started" below)',
        f"- machine: {m['nproc']} cores ({m['cpu']}), {m['memory_gb']} GB memory, Python "
        f"{m['python']}; load average at start {m['load_at_start']:.1f}",
        "- times are medians of the runs shown; peak memory is the resident set size of the "
        "build and the Pagefind runs beside it, summed, sampled every 0.1 s from /proc.",
        "- search time runs from the first keystroke to the first result, as "
        "`shared/tools/search_latency.py` measures it: Playwright types the query one key "
        "at a time, so it includes the typing, which a loaded machine slows (column "
        '"typing s"). The page times it itself (`performance.now()` at the first keydown '
        "and when a MutationObserver first sees a result answering the whole query, not a "
        "prefix of it); the time of the shared tool's method, Playwright's "
        "`wait_for_selector`, is beside it: that wait polls after 0, 20, 70, 170 and 270 ms "
        "and then every 500 ms, so a result that appears 0.3 s after the typing is seen "
        "0.77 s after it.",
        "",
        f"## Targets at {at['size']:,} analyses",
        "",
        *targets(at),
        "",
        *site_parts(at),
        "## Scaling",
        "",
        *scaling(data["sizes"]),
        "",
        "## Search, per query",
        "",
        *queries(data["sizes"]),
        "",
    ]
    notes = data.get("notes")
    if notes:
        lines += ["## Notes", "", notes.strip(), ""]
    return "\n".join(lines)
