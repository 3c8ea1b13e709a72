"""verify.check(corpus): every problem of an archive, at the line and column that says it."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from generator.check import load_corpus
from generator.check.archives import check, read_archive
from generator.source.archive import MAX_TEXT_BYTES
from tests.conftest import make_project

FOLDER = "analyses/acme-cloud/sources/service-terms"
INDEX = f"{FOLDER}/versions.yml"
ONE = "The first text.\n"
TWO = "The second text.\n"


def sha(text: str | bytes) -> str:
    return hashlib.sha256(text.encode() if isinstance(text, str) else text).hexdigest()


def entry(name: str, when: str, text: str, extra: str = "") -> str:
    return (
        f"  - file: {name}\n"
        f"    date: {when[:10]}\n"
        f"    recorded: {when}\n"
        f"    sha256: {sha(text)}\n"
        "    origin: open-terms-archive\n"
        "    repository: OpenTermsArchive/contrib-versions\n"
        f"    commit: {sha(name)[:40]}\n"
        "    path: Acme Cloud/Terms of Service.md\n"
        "    change: record\n"
        "    licence: ODC-BY-1.0\n"
        "    credit: Open Terms Archive contributors\n" + extra
    )


GOOD = (
    "versions:\n"
    + entry("2026-01-01.md", "2026-01-01T10:00:00Z", ONE)
    + entry("2026-01-01-2.md", "2026-01-01T11:00:00Z", TWO)
)


def archive(
    tmp_path: Path, index: str | None = GOOD, files: dict[str, str | bytes] | None = None
) -> Path:
    root = make_project(tmp_path / "p")
    folder = root / FOLDER
    folder.mkdir(parents=True)
    if index is not None:
        (folder / "versions.yml").write_text(index, encoding="utf-8")
    for name, text in ({"2026-01-01.md": ONE, "2026-01-01-2.md": TWO} | (files or {})).items():
        data = text.encode() if isinstance(text, str) else text
        (folder / name).write_bytes(data)
    return root


# The fixture's excerpts are not in these made-up texts: their rules are tested elsewhere.
EXCERPT_RULES = {"excerpt-not-in-source", "excerpt-outdated", "excerpt-too-short"}


def problems(root: Path) -> list[tuple[str, int, int, str]]:
    """The archive's problems, as `verify.check` gives them and as `check` reports them."""
    corpus, found = load_corpus(root)
    archive_problems = check(corpus)
    assert [p for p in found if p.rule not in EXCERPT_RULES] == archive_problems
    return [(p.path, p.line, p.col, p.rule) for p in archive_problems]


def test_a_good_archive_has_no_problems(tmp_path: Path) -> None:
    root = archive(tmp_path)
    assert problems(root) == []
    assert read_archive(root, "acme-cloud", "service-terms")[0].state == "complete"


def test_a_changed_text_is_caught_by_its_sha256(tmp_path: Path) -> None:
    root = archive(tmp_path, files={"2026-01-01-2.md": "The second text, edited.\n"})
    assert problems(root) == [(INDEX, 16, 13, "archive-version")]


def test_a_missing_text(tmp_path: Path) -> None:
    root = archive(tmp_path)
    (root / FOLDER / "2026-01-01.md").unlink()
    assert problems(root) == [(INDEX, 2, 11, "archive-version")]


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"caf\xe9\n", "is not UTF-8: byte 0xe9 at line 1, column 4"),
        (b"one\r\ntwo\n", "has a CR line end at line 1"),
        (b"no newline", "does not end with exactly one newline"),
        (b"two newlines\n\n", "does not end with exactly one newline"),
        (b"  \n", "is empty"),
    ],
)
def test_a_text_that_is_not_utf8_lf_with_one_final_newline(
    tmp_path: Path, data: bytes, why: str
) -> None:
    index = GOOD.replace(sha(ONE), sha(data))
    root = archive(tmp_path, index, {"2026-01-01.md": data})
    corpus, _ = load_corpus(root)
    found = check(corpus)
    assert [(p.line, p.col, p.rule) for p in found] == [(2, 11, "archive-version")]
    assert why in found[0].message


def test_a_text_over_5_mb(tmp_path: Path) -> None:
    big = "x" * MAX_TEXT_BYTES + "\n"
    root = archive(tmp_path, GOOD.replace(sha(ONE), sha(big)), {"2026-01-01.md": big})
    assert problems(root) == [(INDEX, 2, 11, "archive-version")]


def test_versions_out_of_order(tmp_path: Path) -> None:
    index = GOOD.replace("2026-01-01T11:00:00Z", "2026-01-01T09:00:00Z")
    root = archive(tmp_path, index)
    assert problems(root) == [(INDEX, 15, 15, "archive-index")]


def test_a_date_that_is_not_the_day_recorded(tmp_path: Path) -> None:
    index = GOOD.replace(
        "date: 2026-01-01\n    recorded: 2026-01-01T11",
        "date: 2026-01-02\n    recorded: 2026-01-01T11",
    )
    # The date is wrong, and so the name is not the one of the first version of that date.
    assert problems(archive(tmp_path, index)) == [
        (INDEX, 13, 11, "archive-index"),
        (INDEX, 14, 11, "archive-index"),
    ]


def test_a_name_out_of_sequence(tmp_path: Path) -> None:
    index = GOOD.replace("2026-01-01-2.md", "2026-01-01-3.md")
    root = archive(tmp_path, index, {"2026-01-01-3.md": TWO})
    (root / FOLDER / "2026-01-01-2.md").unlink()
    corpus, _ = load_corpus(root)
    found = check(corpus)
    assert [(p.line, p.col, p.rule) for p in found] == [(13, 11, "archive-index")]
    assert "version 2 of 2026-01-01 is named 2026-01-01-2.md" in found[0].message


def test_a_commit_archived_twice(tmp_path: Path) -> None:
    index = GOOD.replace(sha("2026-01-01-2.md")[:40], sha("2026-01-01.md")[:40])
    assert problems(archive(tmp_path, index)) == [(INDEX, 19, 13, "archive-index")]


def test_keys_of_another_origin_and_missing_ones(tmp_path: Path) -> None:
    index = GOOD.replace("    change: record\n", "    url: https://acme-cloud.example/terms\n", 1)
    assert problems(archive(tmp_path, index)) == [
        (INDEX, 2, 5, "missing-key"),
        (INDEX, 10, 5, "unknown-key"),
    ]


def test_keys_the_model_does_not_know(tmp_path: Path) -> None:
    index = GOOD.replace("    change: record\n", "    chnage: record\n", 1)
    corpus, _ = load_corpus(archive(tmp_path, index))
    found = check(corpus)
    assert [(p.line, p.col, p.rule) for p in found] == [(10, 5, "unknown-key")]
    assert "did you mean 'change'?" in found[0].message


def test_a_time_that_is_not_utc(tmp_path: Path) -> None:
    index = GOOD.replace("2026-01-01T10:00:00Z", "2026-01-01T10:00:00+02:00")
    assert problems(archive(tmp_path, index)) == [(INDEX, 4, 15, "invalid-value")]


def test_more_than_2000_versions(tmp_path: Path) -> None:
    entries = "".join(
        entry("2026-01-01.md" if i == 0 else f"2026-01-01-{i + 1}.md", "2026-01-01T10:00:00Z", ONE)
        for i in range(2001)
    )
    root = archive(tmp_path, "versions:\n" + entries)
    assert problems(root)[:1] == [(INDEX, 2, 3, "invalid-value")]


def test_versions_yml_that_is_not_yaml(tmp_path: Path) -> None:
    root = archive(tmp_path, GOOD.replace("    origin: open", "   origin: [open", 1))
    assert [rule for *_, rule in problems(root)] == ["yaml-syntax"]


def test_text_files_without_versions_yml(tmp_path: Path) -> None:
    assert problems(archive(tmp_path, None)) == [(INDEX, 1, 1, "missing-file")]


def test_an_unlisted_file_is_a_warning(tmp_path: Path) -> None:
    root = archive(tmp_path, files={"2026-02-01.md": "Pasted by hand.\n", "README": "x"})
    corpus, _ = load_corpus(root)
    found = check(corpus)
    assert [(p.path, p.rule, p.severity) for p in found] == [
        (f"{FOLDER}/2026-02-01.md", "stray-file", "warning"),
        (f"{FOLDER}/README", "stray-file", "warning"),
    ]
