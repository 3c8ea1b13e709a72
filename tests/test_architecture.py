"""ARCHITECTURE.md names only what exists: every path it gives (in backticks) is a file or a
folder of the repository, and every page module and every stage folder is named in it."""

from __future__ import annotations

import ast
import re

import pytest

from tests.conftest import REPO

ARCHITECTURE = (REPO / "ARCHITECTURE.md").read_text(encoding="utf-8")
# `generator/site/pages/`, `site_templates/clause.md.j2`, `build/docs/` … but not a
# placeholder (`<kind>`) nor a route (`routes.HOME`).
_PATH = re.compile(r"`([\w./-]+/[\w./-]*|[\w-]+\.(?:py|md|j2|yml|toml))`")
GENERATED = ("build/", "site/")  # written by a build, not in the repository


def named_paths() -> list[str]:
    """Every path named, from the repository's root. A bare file name (`load.py`) is in the
    folder its line names first (a stage's row: `generator/source/`), else at the root."""
    found = set()
    for line in ARCHITECTURE.splitlines():
        names = _PATH.findall(line)
        folder = next((n for n in names if n.endswith("/") and n.startswith("generator/")), "")
        found.update(n if "/" in n else folder + n for n in names)
    return sorted(found)


def test_paths_are_found() -> None:
    paths = named_paths()
    assert "generator/site/pages/clauses.py" in paths and "site_templates/clause.md.j2" in paths
    assert len(paths) > 40


def test_every_named_path_exists() -> None:
    missing = [p for p in named_paths() if not p.startswith(GENERATED) and not (REPO / p).exists()]
    assert missing == []


def test_every_page_module_and_stage_folder_is_named() -> None:
    paths = set(named_paths())
    for module in sorted((REPO / "generator/site/pages").glob("*.py")):
        if module.name != "__init__.py":
            assert f"generator/site/pages/{module.name}" in paths, module.name
    for folder in sorted((REPO / "generator").iterdir()):
        if folder.is_dir() and (folder / "__init__.py").exists():
            assert f"generator/{folder.name}/" in paths, folder.name
    for template in sorted((REPO / "site_templates").glob("*.md.j2")):
        assert f"site_templates/{template.name}" in paths, template.name


def _imports(folder: str) -> dict[str, set[str]]:
    """Each module of generator/<folder>/ → the generator modules it imports (anywhere in it)."""
    found = {}
    for path in sorted((REPO / "generator" / folder).rglob("*.py")):
        names: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                names.add(node.module)
            elif isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
        found[path.relative_to(REPO).as_posix()] = {n for n in names if n.startswith("generator")}
    return found


@pytest.mark.parametrize(
    ("folders", "never"),
    [
        (("source", "check", "model"), ("generator.site", "generator.export")),
        (
            ("source", "check", "model", "site", "export"),
            ("generator.engine", "generator.postbuild", "generator.pipeline"),
        ),
    ],
)
def test_no_stage_imports_a_later_one(folders: tuple[str, ...], never: tuple[str, ...]) -> None:
    """What ARCHITECTURE.md says of the stages' imports."""
    wrong = {
        module: sorted(n for n in names if n.startswith(never))
        for folder in folders
        for module, names in _imports(folder).items()
    }
    assert {m: names for m, names in wrong.items() if names} == {}
