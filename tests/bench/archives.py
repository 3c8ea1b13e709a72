"""Benchmark (issue 14): archived versions at scale. `check` and `build` of a synthetic corpus
whose documents each have V archived versions, for several V, and the size of the diff and
text pages, to show that neither grows with the square of the versions.

Input: the analyses of the synthetic corpus (synth.py), the number of documents given
archives (default 50), the version counts (default 25,50,100) and the runs per count. Each
document's versions are ~12 KB texts of numbered clauses; each version rewords a few clauses
of the one before; every analysis of the document quotes one clause, and every tenth quote is
reworded in the last version (an excerpt-outdated warning, a stale analysis on the site).
Output: medians of wall time per command and V, the build's peak memory (all processes), and
the largest generated diff and text pages, printed and written to tests/bench/ARCHIVES.md.
With --baseline, also bare `mkdocs build` (Material, search plugin only) of the same generated
Markdown, in the same run: the issue-5 build ratio.

    python tests/bench/archives.py --analyses 600 --documents 50 --versions 0,25,50,100 --runs 3
    python tests/bench/archives.py --analyses 10000 --versions 0,100 --runs 1 --baseline

Not part of the test suite: numbers vary by machine (tests/test_source_pages.py asserts the
bounds themselves).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))

import measure  # noqa: E402
import synth  # noqa: E402

from generator.capture import store  # noqa: E402
from generator.check import archives  # noqa: E402
from generator.source.load import load_yaml  # noqa: E402

CLAUSES = 60  # numbered clauses of a document
COMMAND = [sys.executable, "-m", "generator"]  # this checkout's generator (PYTHONPATH)
MKDOCS = str(measure.BIN / "mkdocs")


def _clause(rng: random.Random, n: int) -> str:
    return f"{n}. " + " ".join(synth._sentence(rng) for _ in range(3))


def add_archives(project: Path, documents: int, versions: int) -> dict[str, int]:
    """Give `documents` documents `versions` versions each; returns counts for the report."""
    analyses = project / "analyses"
    quoted: dict[tuple[str, str], list[Path]] = {}
    for path in sorted(analyses.glob("*/*.yml")):
        if path.name == "platform.yml":
            continue
        source, _ = load_yaml(path, path.name)
        assert source is not None
        quoted.setdefault((path.parent.name, source.data["document"]), []).append(path)
    chosen = sorted(quoted)[:documents]
    stale = 0
    for pid, doc in chosen:
        rng = random.Random(f"{pid}/{doc}")
        clauses = [_clause(rng, n) for n in range(1, CLAUSES + 1)]
        quotes = quoted[(pid, doc)]
        # each analysis quotes one clause (its own), the first sentence of it
        for i, path in enumerate(quotes):
            sentence = clauses[i % CLAUSES].split(". ", 1)[1].split(".")[0] + "."
            text = path.read_text(encoding="utf-8")
            head, rest = text.split("excerpt:\n  text: ", 1)
            rest = rest.split("\n  section:", 1)[1]
            path.write_text(
                f'{head}excerpt:\n  text: "{sentence}"\n  section:{rest}', encoding="utf-8"
            )
        texts = []
        for v in range(versions):
            if v:
                for _ in range(3):  # three clauses reworded a version, never a quoted one
                    n = rng.randrange(len(quotes) % CLAUSES, CLAUSES)
                    clauses[n] = _clause(rng, n + 1)
            if v == versions - 1:  # every tenth quote reworded in the last version
                for i in range(0, len(quotes), 10):
                    clauses[i % CLAUSES] = _clause(rng, i % CLAUSES + 1)
                    stale += 1
            texts.append("# Terms\n\n" + "\n\n".join(clauses) + "\n")
        archive, problems = archives.read_archive(project, pid, doc)
        assert problems == [], problems
        start = dt.datetime(2020, 1, 1, 9, tzinfo=dt.UTC)
        new = [
            store.NewVersion(store.normalise(t), start + dt.timedelta(days=7 * i), "manual", {})
            for i, t in enumerate(texts)
        ]
        store.add_versions(archive, f"analyses/{pid}/platform.yml", doc, new)  # type: ignore[arg-type]
    return {"documents": len(chosen), "stale": stale}


def largest(site: Path, pattern: str) -> tuple[int, float]:
    sizes = [p.stat().st_size for p in site.glob(pattern)]
    return max(sizes, default=0), statistics.median(sizes) if sizes else 0.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--analyses", type=int, default=1500)
    ap.add_argument("--documents", type=int, default=50)
    ap.add_argument("--versions", default="0,25,50,100")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", type=Path, default=HERE / "out" / "archives")
    ap.add_argument("--baseline", action="store_true", help="also bare `mkdocs build`")
    args = ap.parse_args()
    rows = []
    for versions in (int(v) for v in args.versions.split(",")):
        project = args.out / f"v{versions}"
        synth.generate(args.analyses, project)
        # 0 versions: the same corpus without archives, the baseline of the same run
        counts = add_archives(project, args.documents, versions) if versions else {}
        checks, builds, peaks, bare = [], [], [], []
        for _ in range(args.runs):
            measure.clean(project)
            checks.append(measure.timed([*COMMAND, "check", str(project)])[0])
            measure.clean(project)
            seconds, kb, tree_kb = measure.timed([*COMMAND, "build", str(project)])
            builds.append(seconds)
            peaks.append(max(kb, tree_kb) / 1024)
            if args.baseline:  # the Markdown the build just generated, through bare MkDocs
                config = measure.baseline_config(project)
                bare.append(
                    measure.timed([MKDOCS, "build", "-q", "-f", str(config)], cwd=project)[0]
                )
        site = project / "site"
        diff_max, diff_median = largest(site, "platforms/*/documents/*/[0-9]*/index.html")
        text_max, _ = largest(site, "platforms/*/documents/*/text/index.html")
        diffs = sum(1 for _ in site.glob("platforms/*/documents/*/[0-9]*/index.html"))
        row = {
            "versions": versions,
            "load": os.getloadavg()[0],
            **counts,
            "check_s": statistics.median(checks),
            "build_s": statistics.median(builds),
            "peak_mb": max(peaks),
            "bare_s": statistics.median(bare) if bare else None,
            "diff_pages": diffs,
            "diff_max_kb": diff_max / 1024,
            "diff_median_kb": diff_median / 1024,
            "text_max_kb": text_max / 1024,
        }
        print(row, flush=True)
        rows.append(row)
    lines = [
        "# Archived versions at scale (tests/bench/archives.py)",
        "",
        f"{args.analyses} analyses, {args.documents} documents with archives, medians of "
        f"{args.runs} runs (wall seconds; `check` and `build` from a clean project).",
        "",
        f"Machine: {os.cpu_count()} cores, shared; load average (1 min) after each row's runs "
        "in the last column. Versions 0: the same corpus without archives.",
        "",
        "| versions a document | check s | build s | bare MkDocs s | ratio | peak MB | diff pages "
        "| largest diff KB | median diff KB | largest text KB | load |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        bare_s = f"{r['bare_s']:.1f} | {r['build_s'] / r['bare_s']:.2f}" if r["bare_s"] else "— | —"
        lines.append(
            f"| {r['versions']} | {r['check_s']:.1f} | {r['build_s']:.1f} | {bare_s} "
            f"| {r['peak_mb']:.0f} | {r['diff_pages']} "
            f"| {r['diff_max_kb']:.0f} | {r['diff_median_kb']:.0f} | {r['text_max_kb']:.0f} "
            f"| {r['load']:.1f} |"
        )
    (HERE / "ARCHIVES.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
