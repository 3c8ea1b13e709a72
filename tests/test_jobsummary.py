"""`clausebook check --summary FILE`: every problem in a CI job's summary (GitHub annotates only
the first ten of a step), as inert text."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from generator.check.registry import YAML_SYNTAX
from generator.problems import Problem
from generator.review import jobsummary
from tests.conftest import REPO, write_project


def check(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "check", *args],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_every_problem_is_appended_to_the_summary(tmp_path: Path) -> None:
    files = {f"analyses/acme-cloud/empty-{n:02}.yml": "# to do\n" for n in range(12)}
    root = write_project(tmp_path / "p", files)
    summary = tmp_path / "step-summary.md"
    summary.write_text("## an earlier step\n", encoding="utf-8")
    done = check(root, "--format", "github", "--summary", str(summary))
    assert done.returncode == 1
    assert done.stdout.count("::error ") == 12
    text = check(root).stdout.splitlines()
    shown = summary.read_text(encoding="utf-8")
    assert shown.startswith("## an earlier step\n## clausebook check: 12 error(s), 0 warning(s)\n")
    assert shown.count("error[empty-file]") == 12
    assert [line for line in shown.splitlines() if "error[" in line] == text


def test_a_clean_check_says_so(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {})
    summary = tmp_path / "step-summary.md"
    assert check(root, "--summary", str(summary)).returncode == 0
    assert summary.read_text(encoding="utf-8") == (
        "## clausebook check: 0 error(s), 0 warning(s)\n\nNo problems.\n"
    )


def test_authored_text_cannot_close_the_fence() -> None:
    hostile = "key ```` <script>alert(1)</script>"
    shown = jobsummary.markdown([Problem("analyses/a/b.yml", 1, 1, YAML_SYNTAX, hostile)])
    fence = "`````"  # one more backtick than the longest run in the text
    assert f"\n{fence}text\n" in shown and shown.endswith(f"\n{fence}\n")
    assert shown.count(fence) == 2


def test_a_huge_list_stops_below_githubs_limit() -> None:
    problems = [
        Problem(f"analyses/a/f{n:05}.yml", 1, 1, YAML_SYNTAX, "x" * 200) for n in range(10_000)
    ]
    shown = jobsummary.markdown(problems)
    assert len(shown.encode()) < 1024 * 1024
    assert "more: run `clausebook check` to see them all" in shown
