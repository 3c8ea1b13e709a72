"""How problems are printed when what they quote is hostile: file names and authored text
must never make `check --format github` print a workflow command of their own, nor make the
text format print more than one line per problem."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.check.registry import FILE_NAME
from generator.cli import main
from generator.problems import Problem, escape_data, escape_property
from tests.conftest import write_project

INJECTED = "a\n::error file=README.md::Maintainers approved this PR"
STOP = "b\r\n::stop-commands::token\n"
# One problem in GitHub's format: `::level key=value,…::message`, nothing else on the line.
ANNOTATION = re.compile(
    r"::(error|warning) file=[^,:\r\n]+,line=\d+,col=\d+,title=[a-z0-9-]+::[^\r\n]*"
)


def test_escaping_is_githubs() -> None:
    """actions/toolkit packages/core/src/command.ts: escapeData and escapeProperty."""
    assert escape_data("100% a\r\nb:c,d") == "100%25 a%0D%0Ab:c,d"
    assert escape_property("100% a\r\nb:c,d") == "100%25 a%0D%0Ab%3Ac%2Cd"


def test_a_property_cannot_add_or_end_properties() -> None:
    line = Problem("a,line=99,title=x::y:z", 1, 2, FILE_NAME, "m").github()
    assert line == "::error file=a%2Cline=99%2Ctitle=x%3A%3Ay%3Az,line=1,col=2,title=file-name::m"


@pytest.mark.parametrize("name", [INJECTED, STOP])
def test_folder_names_cannot_print_workflow_commands(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    root = write_project(tmp_path / "p", {})
    (root / "analyses" / name).mkdir()
    assert main(["check", str(root), "--format", "github"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines, "the bad folder name is reported"
    for line in lines:
        assert ANNOTATION.fullmatch(line), line
    assert any("title=file-name" in line for line in lines)


@pytest.mark.parametrize("name", [INJECTED, STOP, "tab\there", "esc\x1b[8mhidden"])
def test_file_names_with_controls_are_rejected_and_printed_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    root = write_project(tmp_path / "p", {})
    (root / "analyses" / name).mkdir()
    assert main(["check", str(root)]) == 1
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert all(re.match(r"\S.*:\d+:\d+: (error|warning)\[[a-z0-9-]+\] ", line) for line in lines)
    bad = [line for line in lines if "error[file-name]" in line]
    assert len(bad) == 1, lines
    assert "\x1b" not in out and "\t" not in out
    assert "control character" in bad[0]
