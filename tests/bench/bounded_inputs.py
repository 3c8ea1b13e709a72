"""Benchmark: time and peak memory of `load_yaml` on hostile inputs, each in a fresh process.

    python tests/bench/bounded_inputs.py

Prints one row per case: the problem reported, wall time of the load, and the child
process's peak resident memory (baseline: the same process loading a normal analysis).
Not a test: numbers vary by machine; tests/test_broken_input.py asserts the behaviour.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
NORMAL = (REPO / "tests/fixtures/basic/analyses/acme-cloud/customer-data-training.yml").read_text(
    encoding="utf-8"
)
LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{x}: &{x} [{', '.join([f'*{p}'] * 10)}]\n"
    for p, x in zip("abcdefghi", "bcdefghij", strict=True)
)

CASES: dict[str, str | None] = {
    "normal analysis (2 KB)": NORMAL,
    "billion laughs (10**10 nodes)": LAUGHS,
    "flow nesting, 200,000 [": "a: " + "[" * 200_000 + "]" * 200_000 + "\n",
    "compact nesting, 200,000 '- '": "a:\n  " + "- " * 200_000 + "x\n",
    "indented nesting, 900 levels": "".join(" " * i + "k:\n" for i in range(900))
    + " " * 900
    + "k: v\n",
    "10 MB string": "summary: " + "x" * 10_000_000 + "\n",
    "500 KB one-line summary": NORMAL.replace("summary: The", "summary: " + "y" * 500_000 + " The"),
    "2 GB sparse file": None,
    "symlink to /dev/zero": None,
}

CHILD = """
import json, resource, sys, time
from pathlib import Path
from generator.source.load import load_yaml
path = Path(sys.argv[1])
start = time.perf_counter()
source, problems = load_yaml(path, path.name)
elapsed = time.perf_counter() - start
print(json.dumps({"seconds": elapsed, "peak_mb": resource.getrusage(
    resource.RUSAGE_SELF).ru_maxrss / 1024, "problems": [p.text()[:110] for p in problems]}))
"""


def run(name: str, text: str | None, folder: Path) -> dict[str, object]:
    path = folder / "case.yml"
    path.unlink(missing_ok=True)
    if name.startswith("2 GB"):
        with path.open("wb") as f:
            f.truncate(2 * 1024**3)
    elif name.startswith("symlink"):
        path.symlink_to("/dev/zero")
    else:
        path.write_text(text or "", encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=REPO,
        check=False,
    )
    if out.returncode != 0:
        return {
            "seconds": None,
            "peak_mb": None,
            "problems": [f"exit {out.returncode}", out.stderr[-200:]],
        }
    return json.loads(out.stdout)


WHOLE = """
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, ".")
from tests.conftest import write_project
from tests.test_broken_input import CASES, P
from generator.pipeline import check
root = write_project(Path(sys.argv[1]) / "p", {})
for name, (text, _) in CASES.items():
    (root / P / f"{name}.yml").write_bytes(text if isinstance(text, bytes) else text.encode())
start = time.perf_counter()
problems = check(root)
print(json.dumps({"seconds": time.perf_counter() - start, "problems": len(problems),
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in CASES.items():
            r = run(name, text, Path(tmp))
            problem = r["problems"][0] if r["problems"] else "(loaded)"
            print(f"{name:34} {r['seconds'] or 0:8.4f} s {r['peak_mb'] or 0:7.1f} MB  {problem}")
        out = subprocess.run(
            [sys.executable, "-c", WHOLE, tmp],
            capture_output=True,
            text=True,
            timeout=600,
            cwd=REPO,
            check=True,
        )
        r = json.loads(out.stdout)
        print(
            f"check() of tests/test_broken_input.py's project (every case at once): "
            f"{r['seconds']:.2f} s, {r['peak_mb']:.0f} MB peak, {r['problems']} problems"
        )
    print(f"python {sys.version.split()[0]}, pid {os.getpid()}")


if __name__ == "__main__":
    main()
