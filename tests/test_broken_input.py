"""Broken content: every case reports `path:line:col: error[rule]`, all of them in one run.

One project holds every broken file at once (real files on disk, the real `check`), so the
test also proves that problems do not hide each other. The hostile sizes (billion laughs,
200,000 nested brackets, a 2 GB sparse file, a 500 KB line) are bounded by load/yamlshape;
tests/bench/bounded_inputs.py measures their time and memory.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.check.fields import check_model
from generator.model.authoring import Analysis
from generator.pipeline import check
from generator.source.load import load_yaml
from tests.conftest import FIXTURES, write_project

P = "analyses/acme-cloud/"
BASE = (FIXTURES / "basic" / P / "customer-data-training.yml").read_text(encoding="utf-8")


def edit(old: str, new: str) -> str:
    assert old in BASE, old
    return BASE.replace(old, new, 1)


# ten levels of ten aliases each: 10**10 "lol"s once expanded
LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{x}: &{x} [{', '.join([f'*{p}'] * 10)}]\n"
    for p, x in zip("abcdefghi", "bcdefghij", strict=True)
)
INDENTED = "".join(" " * i + "k:\n" for i in range(900)) + " " * 900 + "k: v\n"

# file name → (text or bytes, the problems it must produce)
CASES: dict[str, tuple[str | bytes, list[tuple[int, int, str]]]] = {
    # YAML syntax
    "tab-indent": (edit("  rating: low", "\trating: low"), [(17, 1, "yaml-syntax")]),
    "bad-indent": (edit("  rating: low", "   rating: low"), [(18, 3, "yaml-syntax")]),
    # a double quote may span lines: libyaml only notices at the next quote, on line 11, but
    # the problem is shown where the quote opens (issue 17)
    "unclosed-double-quote": (
        edit("title: Customer", 'title: "Customer'),
        [(1, 8, "yaml-syntax")],
    ),
    "unclosed-single-quote": (edit("title: Customer", "title: 'Customer"), [(1, 8, "yaml-syntax")]),
    "unclosed-bracket": (
        edit("[globex-ai/training-on-prompts]", "[globex-ai/training-on-prompts"),
        [(38, 10, "yaml-syntax")],
    ),
    "unclosed-brace": (
        edit("exposure:\n  rating: low\n", "exposure: {rating: low,\n"),
        [(16, 11, "yaml-syntax")],
    ),
    "colon-in-plain-text": (
        edit("rationale: The default", "rationale: Note: the default"),
        [(18, 18, "yaml-syntax")],
    ),
    "empty": ("", [(1, 1, "empty-file")]),
    "only-comments": ("# to do\n\n", [(1, 1, "empty-file")]),
    "top-level-list": ("- title: x\n", [(1, 1, "not-a-mapping")]),
    "top-level-scalar": ("just some text\n", [(1, 1, "not-a-mapping")]),
    "list-as-key": ("title: x\n? - - a\n: b\n", [(2, 3, "yaml-syntax")]),  # found by fuzzing
    "duplicate-key": (
        edit("topic: customer", "topic: x\ntopic: customer"),
        [(4, 1, "duplicate-key")],
    ),
    "duplicate-nested-key": (
        edit("  rating: low\n", "  rating: low\n  rating: high\n"),
        [(18, 3, "duplicate-key")],
    ),
    # encodings
    "latin-1": (
        BASE.replace("Customer content", "Caf\u00e9 content").encode("latin-1"),
        [(1, 11, "not-utf8")],
    ),
    "utf-16": (BASE.encode("utf-16"), [(1, 1, "not-utf8")]),
    "nul-byte": (edit("Customer content", "Customer\x00content"), [(1, 16, "bad-character")]),
    # tags: nothing but plain data is constructed
    "python-tag": (
        edit("title: Customer", "title: !!python/object/apply:os.system [ls]\nx: "),
        [(1, 8, "yaml-tag")],
    ),
    "binary-tag": (
        edit("summary: The", "summary: !!binary aGVsbG8=\nx: The"),
        [(4, 10, "yaml-tag")],
    ),
    "set-tag": (BASE + "extra: !!set {a, b}\n", [(41, 8, "yaml-tag")]),
    "bool-tag-misfit": (BASE + "extra: !!bool maybe\n", [(41, 8, "yaml-tag")]),
    "int-tag-misfit": (BASE + "extra: !!int ten\n", [(41, 8, "yaml-tag")]),
    # sizes and shapes that must be bounded, not expanded
    "billion-laughs": (LAUGHS, [(2, 8, "yaml-alias")]),
    "scalar-alias": (
        edit("title: Customer content and model training", "title: &t Customer\nsummary2: *t"),
        [(2, 11, "yaml-alias")],
    ),
    "merge-key": (BASE + "base: &b {x: 1}\nmore:\n  <<: *b\n", [(43, 7, "yaml-alias")]),
    # a merge key without an alias: its keys are merged in; there is no line to point at
    "merge-key-inline": (BASE + "<<: {extra: 1}\n", [(1, 1, "unknown-key")]),
    "flow-nesting": ("a: " + "[" * 200_000 + "]" * 200_000 + "\n", [(1, 103, "yaml-too-deep")]),
    "compact-nesting": ("a:\n  " + "- " * 200_000 + "x\n", [(2, 3, "yaml-too-deep")]),
    "indented-nesting": (INDENTED, [(18, 18, "yaml-too-deep")]),
    "huge": ("summary: " + "x" * 10_000_000 + "\n", [(1, 1, "file-too-large")]),
    "long-line": (
        edit("summary: The", "summary: " + "y" * 500_000 + " The"),
        [(4, 10, "text-too-long")],
    ),
    # wrong types
    "number-for-text": (
        edit("title: Customer content and model training", "title: 12"),
        [(1, 8, "wrong-type")],
    ),
    "bool-for-text": (
        edit("enforcement_risk: Low while the default applies.", "enforcement_risk: true"),
        [(29, 19, "wrong-type")],
    ),
    "null-for-text": (
        edit("impact: |-", "impact:\nimpact_: |-"),
        [(5, 1, "empty-value"), (6, 1, "unknown-key")],
    ),
    "mapping-for-list": (
        edit(
            "  - Check the account-level training setting.\n"
            "  - Note the clause in the record of processing.",
            "  first: Check the account-level training setting.",
        ),
        [(24, 3, "wrong-type")],
    ),
    "list-for-mapping": (
        edit(
            "exposure:\n  rating: low\n  rationale:", "exposure:\n  - rating: low\n    rationale:"
        ),
        [(17, 3, "wrong-type")],
    ),
    "text-for-list": (
        edit("related: [globex-ai/training-on-prompts]", "related: globex-ai/training-on-prompts"),
        [(38, 10, "wrong-type")],
    ),
    # dates
    "not-a-date": (edit("reviewed: 2026-01-10", "reviewed: last week"), [(40, 11, "bad-date")]),
    "impossible-date": (
        edit("reviewed: 2026-01-10", "reviewed: 2026-02-30"),
        [(40, 11, "bad-date")],
    ),
    "number-for-date": (edit("reviewed: 2026-01-10", "reviewed: 0"), [(40, 11, "bad-date")]),
    "date-with-time": (
        edit("reviewed: 2026-01-10", "reviewed: 2026-01-10T09:30:00Z"),
        [(40, 11, "bad-date")],
    ),
    "future-date": (
        edit("reviewed: 2026-01-10", "reviewed: 2999-01-01"),
        [(40, 11, "future-date")],
    ),
    "history-order": (edit("date: 2025-02-01", "date: 2026-03-01"), [(33, 11, "history-order")]),
    # ids that would leave the output folder
    "id-dot-dot": (edit("document: service-terms", "document: ../../etc"), [(2, 11, "bad-id")]),
    "id-absolute": (
        edit("topic: customer-data-training", "topic: /etc/passwd"),
        [(3, 8, "bad-id")],
    ),
    "id-slash-related": (
        edit("related: [globex-ai/training-on-prompts]", "related: [globex-ai/../../x]"),
        [(38, 11, "bad-id")],
    ),
    "id-jurisdiction": (edit("  - code: EU\n", "  - code: ../EU\n"), [(20, 11, "bad-id")]),
    "source-url-javascript": (
        edit("source_url: https://acme-cloud.example/terms", "source_url: javascript:alert(1)"),
        [(13, 15, "bad-url")],
    ),
    "source-url-data": (
        edit(
            "source_url: https://acme-cloud.example/terms",
            "source_url: 'data:text/html,<script>alert(1)</script>'",
        ),
        [(13, 15, "bad-url")],
    ),
}


@pytest.fixture(scope="module")
def reported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[int, int, str]]]:
    root = write_project(tmp_path_factory.mktemp("broken") / "p", {})
    for name, (text, _) in CASES.items():
        data = text if isinstance(text, bytes) else text.encode("utf-8")
        (root / P / f"{name}.yml").write_bytes(data)
    problems = check(root)
    assert problems == sorted(problems)
    found: dict[str, list[tuple[int, int, str]]] = {}
    for p in problems:
        found.setdefault(p.path, []).append((p.line, p.col, p.rule))
    return found


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_case_is_reported_at_its_position(reported: dict, name: str) -> None:
    assert reported.get(f"{P}{name}.yml") == CASES[name][1]


def test_nothing_else_is_reported(reported: dict) -> None:
    assert sorted(reported) == sorted(f"{P}{name}.yml" for name in CASES)


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    text = "\ufeff" + BASE.replace("\n", "\r\n").replace("title: Customer", "title: Client")
    root = write_project(tmp_path / "p", {})
    (root / P / "windows.yml").write_bytes(text.encode("utf-8"))
    assert check(root) == []


YAML_BITS = [
    "\n",
    "  ",
    "\t",
    "- ",
    ": ",
    "? ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a ",
    "*a",
    "!!",
    "!x ",
    "'",
    '"',
    "#",
    "|",
    ">",
    "---",
    "...",
    "%YAML 1.2",
    "\\",
    "\x00",
    "\ufeff",
    "\x85",
    "title",
    "excerpt",
    "text",
    "2026-02-30",
    "0x1F",
    "~",
    "null",
    "<<: ",
    "é",
    "😀",
]
FUZZ = st.lists(
    st.sampled_from(YAML_BITS) | st.characters(exclude_categories=("Cs",)), max_size=60
).map("".join)


# CI machines are shared and slow at times: generation speed is not what is tested here.
@settings(
    max_examples=2000,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.one_of(FUZZ, st.binary(max_size=200), FUZZ.map(lambda t: BASE[:300] + t)))
def test_any_input_gives_a_result_or_located_problems_never_a_crash(data: str | bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.yml"
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8", "replace"))
        source, found = load_yaml(path, "x.yml")
        assert (source is None) == bool(found)
        assert all(p.line >= 1 and p.col >= 1 and p.rule for p in found)
        if source is not None:
            check_model(Analysis, source.data, "x.yml")
