"""The fast loader gives what ruamel's safe loader gives, and a parallel check what a serial one
gives: the same data, the same errors, the same problems at the same positions.

`load._parse` builds plain documents itself and hands every other one to ruamel's safe loader;
`ahead.LoadAhead` parses in worker processes when many files miss the parse cache.
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.source import load, shape
from tests.conftest import REPO, write_project
from tests.test_broken_input import BASE, CASES, YAML_BITS, P


def outcome(parse: Any, text: str) -> tuple[Any, ...]:
    assert shape.screen("x.yml", text) is None  # load_yaml never parses the others
    try:
        data = parse(text)
    except Exception as exc:
        return "error", type(exc).__name__, str(exc)
    # Types and values (1, 1.0 and True differ), and shared objects pickled once: an alias
    # ("billion laughs") is not expanded. Indented nesting reaches ~1,000 levels.
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(10_000)
    try:
        return "data", pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)
    finally:
        sys.setrecursionlimit(limit)


def fast(text: str) -> Any:
    return load._parse(text)[0]


def nested(levels: int) -> str:
    return "".join(" " * i + "k:\n" for i in range(levels)) + " " * levels + "k: v\n"


TEXTS = [
    "a: [0, -0, +12, 0b101, -0b1_01, 0x1F, 0o17, 017, 1_000, 09]\n",
    "a: [0x, 0b, -_]\n",
    "a: [1.0, -.5, +1., 1e3, 1.5e-3, -0.0, 1_000.5, .inf, -.Inf, .NaN]\n",
    "a: [true, True, FALSE, yes, no, on, off, ~, null, NULL, '']\n",
    "a: [2026-01-10, 2026-1-5 1:02:03, 2026-01-10T10:00:00.1234567Z, 2026-01-10 10:00:00 -5]\n",
    "a: 2026-02-30\n",
    "a: 2026-01-10T25:00:00\n",
    "1: a\n1.0: b\n",
    "true: a\n1: b\n",
    ".nan: a\n.NaN: b\n",
    "~: 1\nnull: 2\n",
    "a: 1\na: 2\n",
    "a: {b: 1, b: 2}\n",
    "base: &b {x: 1}\nmore:\n  <<: *b\n",
    "a:\n  <<: {x: 1}\n  y: 2\n",
    "a:\n  <<: [{x: 1}, {y: 2}]\n",
    "a: <<\n",
    "=: 1\n",
    "a: =\n",
    "a: !!str 1\n",
    "a: !!int '7'\n",
    "a: !!int x\n",
    "a: !!timestamp x\n",
    "a: ! 3\n",
    "a: !x y\n",
    "a: !!binary aGVsbG8=\n",
    "a: !!set {x, y}\n",
    "a: !!omap [{a: 1}, {b: 2}]\n",
    "a: !!python/object/apply:os.system [ls]\n",
    "%YAML 1.1\n---\na: yes\nb: 010\nc: 1:20\n",
    "a: 1\n---\nb: 2\n",
    "? [a]\n: 1\n",
    "? - - a\n: b\n",
    "a: &x 1\nb: *x\n",
    "a: &x [1]\nb: [*x, *x]\n",
    "a: &a [*a]\n",
    "",
    "~\n",
    "- a\n",
    nested(16),
    nested(17),
    nested(900),
    "a: " + "[" * 17 + "]" * 17 + "\n",
    "a: " + "{b: " * 18 + "1" + "}" * 18 + "\n",
    BASE,
]


SCREENED = [t for t, _ in CASES.values() if isinstance(t, str) and not shape.screen("x", t)]


@pytest.mark.parametrize("text", TEXTS + SCREENED)
def test_fast_parse_gives_what_the_safe_loader_gives(text: str) -> None:
    assert outcome(fast, text) == outcome(load._YAML.load, text)


BITS = [*YAML_BITS, "1.5", ".nan", "0x1", "0o7", "2026-01-01", "true", "!!str ", "!!set ", "a: 1\n"]
DOCS = st.lists(st.sampled_from(BITS) | st.characters(exclude_categories=("Cs",)), max_size=60).map(
    "".join
)


@settings(max_examples=1500, deadline=None, database=None)
@given(st.one_of(DOCS, DOCS.map(lambda t: BASE[:300] + t), DOCS.map(lambda t: BASE + t)))
def test_fast_parse_gives_what_the_safe_loader_gives_on_any_input(text: str) -> None:
    if shape.screen("x.yml", text):
        return
    assert outcome(fast, text) == outcome(load._YAML.load, text)


# Run in a fresh process: LoadAhead forks only a process without other threads, and the test
# session has some (servers, browsers).
_CHECK_BOTH_WAYS = """
import json, sys
from pathlib import Path
from generator.source import ahead
from generator.pipeline import check
root = Path(sys.argv[1])
pools = []
start = ahead.LoadAhead.__init__
def spy(self, todo, encode=None):
    start(self, todo, encode)
    pools.append(self._pool is not None)
ahead.LoadAhead.__init__ = spy
parallel = check(root)
for cache in (root / "build/cache").glob("*"):
    cache.unlink()
ahead.POOL_MIN = 10**9
serial = check(root)
print(json.dumps({"pools": pools, "same": parallel == serial,
                  "rules": sorted({p.rule for p in parallel})}))
"""


def test_parallel_check_reports_what_a_serial_check_reports(tmp_path: Path) -> None:
    if len(os.sched_getaffinity(0)) < 2:
        pytest.skip("LoadAhead parses in this process on one CPU")
    files = {
        f"{P}copy-{i}.yml": BASE.replace("title: Customer", f"title: {i} Customer")
        for i in range(240)
    }
    broken = [t for t, _ in CASES.values() if isinstance(t, str) and len(t) < 100_000]
    for i, text in enumerate(broken):
        files[f"{P}broken-{i}.yml"] = text
    root = write_project(tmp_path / "p", {})
    for rel, text in files.items():
        (root / rel).write_text(text, encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-c", _CHECK_BOTH_WAYS, str(root)],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    ).stdout
    result = json.loads(out.splitlines()[-1])
    assert result["pools"] == [True, False]
    assert result["same"]
    assert set(result["rules"]) >= {"yaml-syntax", "duplicate-key", "bad-date", "yaml-tag"}
