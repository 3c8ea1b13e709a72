"""Broken content beyond one clause file: names, ids, taxonomies, colliding outputs, and a
failed build that leaves the published site as it was."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.cli import main
from generator.pipeline import check
from tests.conftest import FIXTURES, make_project, write_project

CLAUSE = (FIXTURES / "basic/analyses/acme-cloud/customer-data-training.yml").read_text("utf-8")


def errors(root: Path) -> list[tuple[str, int, int, str]]:
    return [(p.path, p.line, p.col, p.rule) for p in check(root) if p.severity == "error"]


def taxonomy(tmp_path: Path, rel: str, old: str, new: str) -> list[tuple[str, int, int, str]]:
    text = (FIXTURES / "basic" / rel).read_text(encoding="utf-8")
    assert old in text, old
    return errors(write_project(tmp_path / "p", {rel: text.replace(old, new, 1)}))


def test_names_that_differ_only_by_case_collide(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {"analyses/acme-cloud/Customer-Data-Training.yml": CLAUSE})
    (root / "analyses/Globex-AI").mkdir()
    assert errors(root) == [
        ("analyses/Globex-AI", 1, 1, "file-name"),
        ("analyses/acme-cloud/Customer-Data-Training.yml", 1, 1, "file-name"),
        ("analyses/acme-cloud/customer-data-training.yml", 1, 1, "id-collision"),
        ("analyses/globex-ai", 1, 1, "id-collision"),
    ]


@pytest.mark.parametrize("name", ["a b.yml", "x.yml.yml", "x.YML", "café.yml", "index.yml"])
def test_file_names_that_are_not_ids(tmp_path: Path, name: str) -> None:
    root = write_project(tmp_path / "p", {f"analyses/acme-cloud/{name}": CLAUSE})
    assert errors(root) == [(f"analyses/acme-cloud/{name}", 1, 1, "file-name")]


@pytest.mark.parametrize("bad", ["../../etc", "/etc/passwd", "a/b", "Index", "a..b", ".."])
def test_ids_that_could_leave_the_output_folder(tmp_path: Path, bad: str) -> None:
    found = taxonomy(
        tmp_path, "analyses/topics.yml", "  - id: output-ownership", f"  - id: '{bad}'"
    )
    assert ("analyses/topics.yml", 5, 9, "bad-id") in found
    found = taxonomy(
        tmp_path / "2",
        "analyses/acme-cloud/platform.yml",
        "  - id: service-terms",
        f"  - id: '{bad}'",
    )
    assert found == [("analyses/acme-cloud/platform.yml", 6, 9, "bad-id")]


def test_topic_id_index_would_replace_the_topics_page(tmp_path: Path) -> None:
    assert taxonomy(
        tmp_path, "analyses/topics.yml", "  - id: output-ownership", "  - id: index"
    ) == [
        ("analyses/acme-cloud/output-ownership.yml", 3, 8, "dangling-reference"),
        ("analyses/globex-ai/outputs.yml", 3, 8, "dangling-reference"),
        ("analyses/topics.yml", 5, 9, "reserved-id"),
    ]


def test_platform_and_taxonomy_files_are_checked_too(tmp_path: Path) -> None:
    platform = "analyses/acme-cloud/platform.yml"
    assert taxonomy(
        tmp_path,
        platform,
        "      - date: 2025-01-15",
        "      - date: 2025-01-15\n        summary: b\n      - date: 2024-01-01",
    ) == [(platform, 13, 15, "history-order")]
    assert taxonomy(
        tmp_path / "2",
        platform,
        "website: https://acme-cloud.example/",
        "website:\n  - https://acme-cloud.example/",
    ) == [(platform, 4, 3, "wrong-type")]
    assert ("analyses/topics.yml", 1, 1, "not-a-mapping") in errors(
        write_project(tmp_path / "3", {"analyses/topics.yml": "- a\n"})
    )


def test_files_too_large_are_never_read_whole(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    with (root / "analyses/acme-cloud/sparse.yml").open("wb") as f:
        f.truncate(2 * 1024**3)  # 2 GB on paper, nothing on disk
    assert errors(root) == [("analyses/acme-cloud/sparse.yml", 1, 1, "file-too-large")]


def test_symbolic_links_are_refused_and_never_read(tmp_path: Path) -> None:
    """A pull request could link a file to /proc/self/environ and have CI print its secrets
    (the excerpt rule quotes the closest passage of a source copy)."""
    root = make_project(tmp_path / "p")
    (root / "analyses/acme-cloud/endless.yml").symlink_to("/dev/zero")
    sources = root / "analyses/acme-cloud/sources/service-terms"
    sources.mkdir(parents=True)
    (sources / "2026-01-10.txt").symlink_to("/proc/self/environ")
    (root / "content/secret.md").symlink_to("/etc/passwd")
    (root / "analyses/globex-ai/linked").symlink_to(root / "analyses/acme-cloud")
    found = check(root)
    assert [(p.path, p.line, p.col, p.rule) for p in found if p.severity == "error"] == [
        ("analyses/acme-cloud/endless.yml", 1, 1, "symlink"),
        ("analyses/acme-cloud/sources/service-terms/2026-01-10.txt", 1, 1, "symlink"),
        ("analyses/globex-ai/linked", 1, 1, "symlink"),
        ("content/secret.md", 1, 1, "symlink"),
    ]
    assert not [p for p in found if "PATH=" in p.text() or "root:" in p.text()]


def site_files(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    root = make_project(tmp_path_factory.mktemp("collide") / "project")
    assert main(["build", str(root)]) == 0
    return root, site_files(root / "site")


def test_two_inputs_writing_one_page_are_both_named(
    built: tuple[Path, dict[str, bytes]], capsys: pytest.CaptureFixture[str]
) -> None:
    root, before = built
    page = root / "content/platforms/acme-cloud/customer-data-training/index.md"
    page.parent.mkdir(parents=True)
    page.write_text("# Mine\n", encoding="utf-8")
    try:
        assert main(["build", str(root)]) == 1
    finally:
        page.unlink()
    # The generation refuses before the engine starts
    assert (
        "content/platforms/acme-cloud/customer-data-training/index.md:1:1: "
        "error[output-collision] 'platforms/acme-cloud/customer-data-training/index.md' would "
        "also be written from analyses/acme-cloud/customer-data-training.yml"
    ) in capsys.readouterr().err
    assert site_files(root / "site") == before
    assert not list(root.glob(".site.*"))


def test_every_problem_of_a_broken_corpus_in_one_build(
    built: tuple[Path, dict[str, bytes]], capsys: pytest.CaptureFixture[str]
) -> None:
    root, before = built
    broken = {
        "analyses/acme-cloud/a.yml": "title: [\n",
        "analyses/globex-ai/b.yml": "- x\n",
        "analyses/initech-ml/c.yml": CLAUSE.replace("rating: low", "rating: severe"),
    }
    for rel, text in broken.items():
        (root / rel).write_text(text, encoding="utf-8")
    try:
        assert main(["build", str(root)]) == 1
    finally:
        for rel in broken:
            (root / rel).unlink()
    err = capsys.readouterr().err.splitlines()
    assert [line.split(": error")[0] for line in err if ": error[" in line] == [
        "analyses/acme-cloud/a.yml:2:1",
        "analyses/globex-ai/b.yml:1:1",
        "analyses/initech-ml/c.yml:17:11",
    ]
    assert all("(hint: " in line for line in err if ": error[" in line)
    assert site_files(root / "site") == before


def test_each_problem_is_one_line_whatever_the_authored_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A key's name is quoted in its message; a line break in it must not start a new line
    (GitHub Actions runs lines starting with "::" as workflow commands)."""
    root = write_project(
        tmp_path / "p",
        {
            "analyses/acme-cloud/x.yml": '"a\\n::error file=README.md::pwned": 1\n'
            '"b\\n::add-mask::x\\u2028": 2\n'  # a CR is refused at load (bad-character)
        },
    )
    assert main(["check", str(root)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 14
    assert all(
        re.match(r"analyses/\S+:\d+:\d+: (error|warning)\[[a-z0-9-]+\] ", line) for line in lines
    )
    assert "unknown key 'a\\n::error file=README.md::pwned'" in "\n".join(lines)
