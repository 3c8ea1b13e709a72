"""Whatever `check` accepts, `build` builds, within bounds: hypothesis writes random and
adversarial text (control characters, bidirectional controls, noncharacters, lone surrogates,
list markers hundreds deep, brackets, Markdown, Jinja and HTML syntax, huge repetition) into
every text field of analyses of a real small corpus, as real YAML files; `check` runs on
them; every analysis it accepts goes into one real build (MkDocs, Material, Pagefind), in a
child process whose time and peak memory are bounded.

Hypothesis generates one analysis per example; they are built in batches (one build per batch,
as tests/test_words_kept.py does). CLAUSEBOOK_FUZZ=N multiplies the batches (the suite runs 1).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import strategies as st

from generator.model.fieldtypes import MAX_TEXT
from generator.pipeline import check
from tests.conftest import REPO, make_project
from tests.hostile_corpus import write
from tests.htmlstructure import parse
from tests.test_words_kept import BLOCKS, LINES, META, analysis_yaml, generated

SCALE = int(os.environ.get("CLAUSEBOOK_FUZZ", "1"))
BATCH, BATCHES = 60, 2 * SCALE
# Bounds of one build of the basic corpus plus one batch of 60 (measured on 2 cores, shared:
# 4 to 11 s and 83 to 150 MB), with room for a loaded CI runner.
BUILD_SECONDS, BUILD_MB = 90, 800

# Accepted by check: it must build them.
ADVERSARIAL = [
    *META,
    "\u202e",
    "\u202b",
    "\u202d",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\u202c",
    "\u200f",
    "e\u0301",
    "\x85",
    "+ " * 300,
    "* " * 300,
    "1. " * 200,
    "- " * 60,  # 100 on a line look like YAML nesting to check's screen, even in a text
    "> " * 300,
    "    " * 40 + "- x",
    "[" * 30,  # 100 unclosed brackets in a file look like YAML nesting to that screen too
    "[a](" * 10,
    "*" * 400,
    "_" * 400,
    "`" * 50,
    "{{ config }}",
    "{% include 'x' %}",
    "<script>alert(1)</script>",
    "[x](/\\evil.example)",
    "[x](https://a@evil.example/)",
    "[x](http://[a)",
    "<javascript://%0Aalert(1)>",
]
# Refused by check (bad-character, text-too-long …): it must refuse them, never crash.
POISON = ["\x00", "\x1b[8m", "\x7f", "\x9b", "\r", "\ufffe", "\uffff", "\ufdd0", "\U0001fffe"]
FIELDS = (*BLOCKS, "excerpt")
ONE_LINE = tuple(k for k in LINES if k != "excerpt")
CHARS = st.characters(exclude_categories=("Cs", "Cc", "Cn", "Co")) | st.sampled_from(["\t", "\n"])
PIECE = CHARS | st.sampled_from(ADVERSARIAL)


def huge(piece: str, size: int) -> str:
    return (piece * (size // max(len(piece), 1) + 1))[:size]


# Repeated brackets or "- " make check's YAML screen refuse the file (yaml-too-deep): fine,
# but the build needs accepted ones too.
REPEATED = [p for p in ADVERSARIAL if not set(p) & set("[]{}") and not p.startswith("- ")]
TEXT = st.one_of(
    st.lists(PIECE, min_size=1, max_size=30).map("".join),
    st.builds(huge, st.sampled_from(REPEATED), st.integers(2_000, MAX_TEXT)),
).filter(lambda t: t.strip())
LINE = TEXT.map(lambda t: " ".join(t.split())[:300]).filter(bool)


@st.composite
def analyses(draw: st.DrawFn) -> dict[str, str]:
    a = {k: draw(TEXT) for k in FIELDS} | {k: draw(LINE) for k in ONE_LINE}
    if draw(st.integers(0, 3)) == 0:  # one analysis in four poisoned in one field
        field = draw(st.sampled_from(FIELDS))
        a[field] = draw(
            st.one_of(
                st.builds(lambda t, p: t + p + t, TEXT, st.sampled_from(POISON)),
                st.builds(huge, st.sampled_from(ADVERSARIAL), st.just(MAX_TEXT + 1)),
            )
        )
    return a


ANALYSIS = analyses()


def write_batch(root: Path, analyses: list[dict[str, str]]) -> list[str]:
    """Each analysis as a YAML file (the dumper escapes what YAML cannot hold as it is, as an
    author could); returns their paths."""
    rels = []
    for i, a in enumerate(analyses):
        rel = f"analyses/{('acme-cloud', 'globex-ai')[i % 2]}/fuzz-{i:03d}.yml"
        data: Any = analysis_yaml(a, "customer-data-training")
        try:
            write(root / rel, data)
        except UnicodeEncodeError:  # a lone surrogate cannot even be saved as UTF-8
            continue
        rels.append(rel)
    return rels


def build(root: Path) -> tuple[int, float, float, str]:
    """`clausebook build` in a child process, stopped after twice the time bound: exit code,
    seconds, peak resident memory in MB (os.wait4), stderr."""
    with tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-m", "generator", "build", str(root)],
            cwd=REPO,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            stdout=subprocess.DEVNULL,
            stderr=err,
        )
        timer = threading.Timer(BUILD_SECONDS * 2, child.kill)
        timer.start()
        _, status, usage = os.wait4(child.pid, 0)
        timer.cancel()
        child.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        return child.returncode, time.perf_counter() - start, usage.ru_maxrss / 1024, err.read()


@pytest.mark.e2e
def test_every_accepted_analysis_builds_within_bounds(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    analyses = generated(ANALYSIS, BATCH * BATCHES)
    assert len(analyses) >= BATCH
    accepted_total = 0
    for b in range(0, len(analyses), BATCH):
        root = make_project(tmp_path_factory.mktemp("fuzz") / "project")
        rels = write_batch(root, analyses[b : b + BATCH])
        problems = check(root)
        assert [p for p in problems if p.rule == "internal-error"] == []
        refused = {p.path for p in problems if p.severity == "error"}
        assert refused <= set(rels), refused - set(rels)  # nothing but the fuzzed files
        for rel in refused:
            (root / rel).unlink()
        assert [p for p in check(root) if p.severity == "error"] == []
        accepted = [r for r in rels if r not in refused]
        accepted_total += len(accepted)
        status, seconds, peak, err = build(root)
        assert status == 0, err[-2000:]
        assert seconds < BUILD_SECONDS and peak < BUILD_MB, (seconds, peak)
        for rel in accepted:
            platform, name = rel.split("/")[1], Path(rel).stem
            page = root / "site/platforms" / platform / name / "index.html"
            assert parse(page.read_text(encoding="utf-8")).text, rel
    # The strategy is useful only if check accepts a fair share and refuses some.
    assert accepted_total >= BATCH // 4
    assert accepted_total < len(analyses)
