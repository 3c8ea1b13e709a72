"""`clausebook check`: each rule reports the exact (line, col, rule) of a problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.pipeline import check
from tests.conftest import write_project

CLAUSE = "analyses/acme-cloud/customer-data-training.yml"


def problems_of(tmp_path: Path, files: dict[str, str]) -> list[tuple[str, int, int, str]]:
    root = write_project(tmp_path / "p", files)
    return [(p.path, p.line, p.col, p.rule) for p in check(root) if p.severity == "error"]


def replace(
    tmp_path: Path, old: str, new: str, rel: str = CLAUSE
) -> list[tuple[str, int, int, str]]:
    from tests.conftest import FIXTURES

    text = (FIXTURES / "basic" / rel).read_text(encoding="utf-8")
    assert old in text, old
    return problems_of(tmp_path, {rel: text.replace(old, new, 1)})


def test_fixture_corpus_is_clean(project: Path) -> None:
    assert check(project) == []


def test_unknown_key_points_at_the_key_with_a_suggestion(tmp_path: Path) -> None:
    # One mistake, one problem: 'title' is not reported missing as well (issue 17).
    assert replace(tmp_path, "title:", "titel:") == [(CLAUSE, 1, 1, "unknown-key")]


def test_missing_key_points_at_the_enclosing_mapping(tmp_path: Path) -> None:
    assert replace(
        tmp_path,
        '  section: "4.2"\n  source_url: https://acme-cloud.example/terms\n',
        '  section: "4.2"\n',
    ) == [(CLAUSE, 10, 1, "missing-key")]


def test_wrong_type(tmp_path: Path) -> None:
    assert replace(
        tmp_path, "contract_implications: Record", "contract_implications: 42\nx: Record"
    ) == [(CLAUSE, 22, 24, "wrong-type"), (CLAUSE, 23, 1, "unknown-key")]


def test_bad_enum(tmp_path: Path) -> None:
    assert replace(tmp_path, "rating: low", "rating: severe") == [(CLAUSE, 17, 11, "bad-enum")]


def test_bad_date(tmp_path: Path) -> None:
    assert replace(tmp_path, "reviewed: 2026-01-10", "reviewed: 2026-02-30") == [
        (CLAUSE, 40, 11, "bad-date")
    ]


def test_future_date(tmp_path: Path) -> None:
    assert replace(tmp_path, "reviewed: 2026-01-10", "reviewed: 2999-01-01") == [
        (CLAUSE, 40, 11, "future-date")
    ]


def test_history_out_of_order(tmp_path: Path) -> None:
    assert replace(tmp_path, "date: 2025-02-01", "date: 2026-03-01") == [
        (CLAUSE, 33, 11, "history-order")
    ]


def test_bad_url(tmp_path: Path) -> None:
    assert replace(
        tmp_path, "source_url: https://acme-cloud.example/terms", "source_url: javascript:alert(1)"
    ) == [(CLAUSE, 13, 15, "bad-url")]


def test_dangling_references(tmp_path: Path) -> None:
    text_problems = replace(tmp_path, "topic: customer-data-training", "topic: training")
    assert text_problems == [(CLAUSE, 3, 8, "dangling-reference")]


def test_dangling_jurisdiction_and_related(tmp_path: Path) -> None:
    assert replace(tmp_path, "  - code: EU\n", "  - code: FR\n") == [
        (CLAUSE, 20, 11, "dangling-reference")
    ]
    assert replace(
        tmp_path / "2", "related: [globex-ai/training-on-prompts]", "related: [globex-ai/nope]"
    ) == [(CLAUSE, 38, 11, "dangling-reference")]


def test_duplicate_key_and_syntax_errors(tmp_path: Path) -> None:
    assert replace(
        tmp_path, "topic: customer-data-training\n", "topic: customer-data-training\ntopic: x\n"
    ) == [(CLAUSE, 4, 1, "duplicate-key")]
    # libyaml notices at the next quote, on line 11; the problem is where the quote opens
    assert replace(tmp_path / "2", "title: Customer", 'title: "Customer') == [
        (CLAUSE, 1, 8, "yaml-syntax")
    ]


def test_top_level_not_a_mapping(tmp_path: Path) -> None:
    assert problems_of(tmp_path, {CLAUSE: "- a\n- b\n"}) == [(CLAUSE, 1, 1, "not-a-mapping")]


def test_bad_file_name(tmp_path: Path) -> None:
    assert problems_of(tmp_path, {"analyses/acme-cloud/Bad_Name.yml": "title: x\n"}) == [
        ("analyses/acme-cloud/Bad_Name.yml", 1, 1, "file-name")
    ]


def test_duplicate_topic_id(tmp_path: Path) -> None:
    assert replace(
        tmp_path,
        "  - id: output-ownership",
        "  - id: customer-data-training",
        rel="analyses/topics.yml",
    ) == [
        ("analyses/acme-cloud/output-ownership.yml", 3, 8, "dangling-reference"),
        ("analyses/globex-ai/outputs.yml", 3, 8, "dangling-reference"),
        ("analyses/topics.yml", 5, 9, "duplicate-id"),
    ]


def test_problems_are_sorted_and_all_reported_in_one_run(tmp_path: Path) -> None:
    root = write_project(
        tmp_path / "p",
        {
            "analyses/globex-ai/a.yml": "title: [\n",
            "analyses/acme-cloud/b.yml": "- x\n",
        },
    )
    found = [(p.path, p.rule) for p in check(root)]
    assert found == sorted(found)
    assert ("analyses/acme-cloud/b.yml", "not-a-mapping") in found
    assert ("analyses/globex-ai/a.yml", "yaml-syntax") in found


@pytest.mark.parametrize("fmt", ["text", "github", "json"])
def test_cli_exit_codes_and_formats(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    root = write_project(tmp_path / "p", {"analyses/acme-cloud/b.yml": "- x\n"})
    assert main(["check", str(root), "--format", fmt]) == 1
    out = capsys.readouterr().out
    expected = {
        "text": "analyses/acme-cloud/b.yml:1:1: error[not-a-mapping]",
        "github": "::error file=analyses/acme-cloud/b.yml,line=1,col=1,title=not-a-mapping::",
        "json": '"rule": "not-a-mapping"',
    }[fmt]
    assert expected in out
    with pytest.raises(SystemExit) as usage:
        main(["check", "/"])
    assert usage.value.code == 2
