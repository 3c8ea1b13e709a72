"""Benchmark: time and peak memory of `check` and of the markup on the adversarial inputs of
issue 19 (a pull request is untrusted input), each case in a fresh process.

    python tests/bench/adversarial.py            # every case
    python tests/bench/adversarial.py repetitive # the cases whose name contains a word
    BENCH_LIMIT=120 python …                    # stop each case after 120 s (default 600)

Prints one Markdown row per case: wall time, the child process's peak resident memory
(os.wait4's ru_maxrss) and what was reported. Not a test: numbers vary by machine;
tests/test_excerpt_matching.py and tests/test_markup_bounds.py assert the behaviour and
generous bounds. Results are kept in tests/bench/hostile-inputs.md.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from generator.model.fieldtypes import MAX_TEXT  # noqa: E402

# A version's limit (generator/source/archive.py) and a document's count of versions for the
# case of an excerpt in none of them.
MAX_COPY_BYTES = 5 * 1024 * 1024
MAX_COPIES = 50

FIXTURE = REPO / "tests/fixtures/basic"
CLAUSE = "analyses/acme-cloud/customer-data-training.yml"
COPIES = "analyses/acme-cloud/sources/service-terms"
EXCERPT = "We will not use Customer Content to train models except as you permit."
SENTENCE = "The Customer shall not use the Service to train any model without consent. "
WORDS = [
    "customer",
    "content",
    "service",
    "terms",
    "model",
    "train",
    "use",
    "data",
    "provider",
    "agreement",
]

CHECK = """
import json, sys
from pathlib import Path
from generator.pipeline import check
found = [p for p in check(Path(sys.argv[1])) if "training.yml" in p.path or "/sources/" in p.path]
print(json.dumps([f"{p.rule}: {(p.hint if p.path.endswith('.yml') else p.message)[:150]}"
                  for p in found] or ["clean"]))
"""
MARKUP = """
import json, sys
from generator.site import markup
html = markup.block(sys.argv[1])
print(json.dumps([f"{len(html):,} characters of HTML"]))
"""
CLOSEST = """
import json, sys
from pathlib import Path
from generator.check import passages
from generator.check import matching
found = passages.closest(matching.normalise(Path(sys.argv[1]).read_text()), sys.argv[2])
print(json.dumps([repr(found)[:150]]))
"""


def words(count: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) + str(rng.randrange(1000)) for _ in range(count))


def project(folder: Path, excerpt: str, copies: dict[str, str]) -> list[str]:
    root = folder / "project"
    shutil.copytree(FIXTURE, root)
    clause = root / CLAUSE
    clause.write_text(
        clause.read_text(encoding="utf-8").replace(json.dumps(EXCERPT), json.dumps(excerpt)),
        encoding="utf-8",
    )
    (root / COPIES).mkdir(parents=True)
    # The archive as `clausebook sources` writes it (versions.yml, oldest first), but by hand:
    # the writer itself refuses a text over the limit, and these cases must reach `check`.
    index = ["versions:"]
    for name in sorted(copies):
        data = (copies[name].rstrip("\n") + "\n").encode()
        (root / COPIES / name).write_bytes(data)
        day = name[:10]
        index += [
            f"  - file: {name}",
            f"    date: {day}",
            f"    recorded: {day}T00:00:00Z",
            f"    sha256: {hashlib.sha256(data).hexdigest()}",
            "    origin: manual",
        ]
    (root / COPIES / "versions.yml").write_text("\n".join(index) + "\n", encoding="utf-8")
    return [CHECK, str(root)]


def copy_case(excerpt: str, copy: str, count: int = 1) -> Callable[[Path], list[str]]:
    # The newest is the day the excerpt was retrieved (2026-01-10), the others before it.
    names = ["2026-01-10.md"] + [
        f"2025-{1 + i // 28:02d}-{1 + i % 28:02d}.md" for i in range(count - 1)
    ]
    return lambda folder: project(folder, excerpt, dict.fromkeys(names, copy))


def small_vocabulary(size: int, seed: int) -> str:
    """Random words of a 16-word vocabulary: every window of the text looks alike."""
    rng = random.Random(seed)
    vocabulary = "the customer shall not use any service data to train model of and or its we"
    return " ".join(rng.choice(vocabulary.split()) for _ in range(size // 4))[:size]


def repetitive(size: int) -> str:
    return (SENTENCE * (size // len(SENTENCE) + 1))[:size]


def long_random_excerpt() -> str:
    text = words(4000, seed=2)[: MAX_TEXT - 20]
    return text.rsplit(" ", 1)[0] + " different"


def closest_case(folder: Path) -> list[str]:
    path = folder / "copy.txt"
    path.write_text(words(700_000)[:MAX_COPY_BYTES], encoding="utf-8")
    return [CLOSEST, str(path), "xq"]


CASES: dict[str, Callable[[Path], list[str]]] = {
    "excerpt found (baseline), 12 words, 1 KB copy": copy_case(EXCERPT, EXCERPT),
    "1,500-char excerpt, one word changed, 600 KB repetitive copy": copy_case(
        (SENTENCE * 20).replace("any model", "a model", 1)[:1500].strip(), repetitive(600_000)
    ),
    "1,500-char excerpt, 600 KB copy, both random words of 16": copy_case(
        small_vocabulary(1500, seed=1).rsplit(" ", 1)[0], small_vocabulary(600_000, seed=2)
    ),
    "1,500-char excerpt of one word, 600 KB of that word": copy_case(
        ("a " * 750).strip() + " b", "a " * 300_000
    ),
    "2-char excerpt, 5 MB copy (the limit)": copy_case("xq", repetitive(MAX_COPY_BYTES)),
    "2-char excerpt, 19.6 MB copy": copy_case("xq", repetitive(19_600_000)),
    "20,000-char excerpt, last word changed, 4 MB copy of random words": copy_case(
        long_random_excerpt(), words(700_000, seed=2)[:MAX_COPY_BYTES]
    ),
    "20,000-char excerpt of one word, 4 MB copy of that word": copy_case(
        ("word " * (MAX_TEXT // 5 - 1)).strip() + " other",
        ("word " * (MAX_COPY_BYTES // 5))[:MAX_COPY_BYTES],
    ),
    "excerpt in none of 50 versions of 5 MB": copy_case(
        EXCERPT.replace("not", "never"), repetitive(MAX_COPY_BYTES), MAX_COPIES
    ),
    "closest() alone: 2-char excerpt, 5 MB copy": closest_case,
    "markup: 19,000 '['": lambda _: [MARKUP, "[" * 19_000],
    "markup: '[a](' x 4,750": lambda _: [MARKUP, "[a](" * 4_750],
    "markup: '+ ' x 500": lambda _: [MARKUP, "+ " * 500 + "x"],
    "markup: '*' x 9,000 around a word": lambda _: [MARKUP, "*" * 9000 + "x" + "*" * 9000],
}


def run(make: Callable[[Path], list[str]], limit: float) -> tuple[float, float, list[str]]:
    """Wall time, peak RSS (MB) and output of one case in a child process, stopped after
    `limit` seconds."""
    with tempfile.TemporaryDirectory() as tmp:
        args = make(Path(tmp))
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        start = time.perf_counter()
        with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
            child = subprocess.Popen(
                [sys.executable, "-c", *args], stdout=out, stderr=err, cwd=REPO, env=env
            )
            timer = threading.Timer(limit, child.kill)
            timer.start()
            _, status, usage = os.wait4(child.pid, 0)
            timer.cancel()
            seconds = time.perf_counter() - start
            out.seek(0)
            err.seek(0)
            if seconds >= limit:
                reported = [f"stopped after {limit:.0f} s"]
            elif status:
                reported = [f"crashed: {(err.read().strip().splitlines() or ['?'])[-1][:100]}"]
            else:
                reported = json.loads(out.read())
        return seconds, usage.ru_maxrss / 1024, reported


def main(argv: list[str]) -> None:
    limit = float(os.environ.get("BENCH_LIMIT", "600"))
    print("| case | time | peak RSS | reported |\n|---|---|---|---|")
    for name, make in CASES.items():
        if argv and not any(word in name for word in argv):
            continue
        seconds, peak, reported = run(make, limit)
        shown = "; ".join(reported).replace("|", "\\|")
        print(f"| {name} | {seconds:.2f} s | {peak:.0f} MB | {shown} |", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
