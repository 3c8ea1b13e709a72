"""`clausebook new` writes a skeleton that `check` explains, and refuses bad names."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.pipeline import check


def test_new_writes_a_skeleton_that_check_explains(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "acme-cloud/liability-cap", "--path", str(project)]) == 0
    path = project / "analyses/acme-cloud/liability-cap.yml"
    assert path.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../schema/analysis.schema.json\n"
    )
    rules = {p.rule for p in check(project) if p.path.endswith("liability-cap.yml")}
    assert rules == {"empty-value", "bad-id", "bad-url"}


@pytest.mark.parametrize("name", ["Acme/x", "acme", "../etc/passwd", "acme/index", "a/b/c"])
def test_new_rejects_bad_names(project: Path, name: str) -> None:
    assert main(["new", name, "--path", str(project)]) == 2


def test_new_refuses_to_overwrite(project: Path) -> None:
    assert main(["new", "acme-cloud/output-ownership", "--path", str(project)]) == 2
