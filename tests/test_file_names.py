"""Names a pull request can commit that break a checkout or a build on another system:
Windows' device names and forbidden characters, trailing dots, overlong names and paths,
names that differ only by case or Unicode normalisation — in analyses/, sources/, content/
and in the generated output as a whole."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from generator.cli import main
from generator.pipeline import check
from tests.conftest import FIXTURES, make_project, write_project

CLAUSE = (FIXTURES / "basic/analyses/acme-cloud/customer-data-training.yml").read_text("utf-8")
SOURCES = "analyses/acme-cloud/sources/service-terms"


def errors(root: Path) -> list[tuple[str, str]]:
    return sorted((p.path, p.rule) for p in check(root) if p.severity == "error")


@pytest.mark.parametrize(
    "rel",
    [
        "analyses/con/platform.yml",
        "analyses/acme-cloud/nul.yml",
        "analyses/acme-cloud/com1.yml",
        "analyses/acme-cloud/lpt9.yml",
        "analyses/acme-cloud/aux.notes.txt",
        "content/prn.md",
        "content/what?.md",
        "content/a:b.md",
        "content/pipe|d.md",
        'content/say "hi".md',
        "content/back\\slash.md",
        "content/star*.md",
        "content/angle<d>.md",
        "content/dot.md.",
        "content/space.md ",
        "content/zero\u200bwidth.md",
        "content/rtl\u202eoverride.md",
        f"{SOURCES}/2026-01-10.txt.",
        "content/" + "x" * 252 + ".md",  # 255 bytes, the most ext4 holds: fine there
    ],
)
def test_names_other_systems_cannot_hold_are_refused(tmp_path: Path, rel: str) -> None:
    root = write_project(tmp_path / "p", {})
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("x\n", encoding="utf-8")
    found = errors(root)
    if len(rel.split("/")[-1]) == 255:  # the name is fine; the path is too long
        assert found == [(rel, "file-name")]
        assert "characters; the limit is 200" in next(p.message for p in check(root))
        return
    named = rel if not rel.startswith("analyses/con/") else "analyses/con"
    assert (named, "file-name") in found, found
    # Reported once, and the file is not read as anything else (no other error about it).
    assert [f for f in found if f[0].startswith(named)] == [(named, "file-name")]


def test_folders_nested_thousands_deep_are_one_problem_not_a_crash(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    deep = root / "content"
    folders = []
    for _ in range(1500):  # 3,000 characters of path: recursion would overflow the stack
        deep = deep / "d"
        deep.mkdir()
        folders.append(deep)
    (deep / "x.md").write_text("x\n", encoding="utf-8")
    try:
        found = errors(root)
    finally:  # pytest's own clean-up recurses, one level per folder
        (deep / "x.md").unlink()
        for folder in reversed(folders):
            folder.rmdir()
    assert len(found) == 1 and found[0][1] == "file-name"
    assert len(found[0][0]) > 200


def test_names_differing_only_by_normalisation_collide(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    for form in ("NFC", "NFD"):
        (root / "content" / unicodedata.normalize(form, "café.md")).write_text("x\n", "utf-8")
    found = errors(root)
    assert [rule for _, rule in found] == ["id-collision"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("content/About.md", "content/about.md"),
        ("content/Guides/a.md", "content/guides/b.md"),
        (f"{SOURCES}/2026-01-10.txt", "analyses/acme-cloud/sources/Service-Terms/2026-01-10.txt"),
    ],
)
def test_names_differing_only_by_case_collide_in_every_folder(
    tmp_path: Path, a: str, b: str
) -> None:
    root = make_project(tmp_path / "p")
    for rel in (a, b):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("We will not use Customer Content.\n", encoding="utf-8")
    assert "id-collision" in [rule for _, rule in errors(root)]


@pytest.mark.parametrize("rel", ["content/Platforms/index.md", "content/API.md"])
def test_a_page_whose_path_differs_from_a_generated_one_only_by_case_collides(
    tmp_path: Path, rel: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """On macOS and Windows content/Platforms/ and the generated platforms/ are one folder."""
    root = write_project(tmp_path / "p", {rel: "# Mine\n"})
    assert main(["build", str(root)]) == 1
    assert f"{rel}:1:1: error[output-collision]" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("rel", "old", "new"),
    [
        ("analyses/topics.yml", "  - id: output-ownership", "  - id: con"),
        ("analyses/acme-cloud/platform.yml", "  - id: service-terms", "  - id: aux"),
    ],
)
def test_ids_that_are_windows_device_names_are_reserved(
    tmp_path: Path, rel: str, old: str, new: str
) -> None:
    text = (FIXTURES / "basic" / rel).read_text(encoding="utf-8")
    root = write_project(tmp_path / "p", {rel: text.replace(old, new, 1)})
    assert (rel, "reserved-id") in errors(root)


def test_a_folder_named_like_a_copy_is_not_read_as_one(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    (root / SOURCES / "2026-01-10.md").mkdir(parents=True)
    (root / SOURCES / "versions.yml").write_text(
        "versions:\n  - file: 2026-01-10.md\n    date: 2026-01-10\n"
        "    recorded: 2026-01-10T00:00:00Z\n    sha256: " + "a" * 64 + "\n    origin: manual\n",
        encoding="utf-8",
    )
    found = check(root)
    assert [p for p in found if p.rule == "internal-error"] == []
    assert (f"{SOURCES}/versions.yml", "archive-version") in [(p.path, p.rule) for p in found]
