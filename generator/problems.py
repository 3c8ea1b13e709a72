"""Problems found in content, and how they are printed.

Every stage reports `Problem`s instead of raising; a run collects them all, sorts them and
prints them at once. `ContentError` is the one exception that reaches the user: it carries
the problems that stopped a build.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One finding. `line` and `col` are 1-based; 0 means "the whole file"."""

    path: str
    line: int
    col: int
    rule: str
    message: str
    hint: str = ""
    severity: Severity = "error"

    def text(self) -> str:
        hint = f" (hint: {_one_line(self.hint)})" if self.hint else ""
        return (
            f"{self.path}:{self.line}:{self.col}: "
            f"{self.severity}[{self.rule}] {_one_line(self.message)}{hint}"
        )

    def github(self) -> str:
        level = "error" if self.severity == "error" else "warning"
        body = f"{self.message}. {self.hint}" if self.hint else self.message
        return (
            f"::{level} file={self.path},line={max(self.line, 1)},col={max(self.col, 1)},"
            f"title={self.rule}::{_gh_escape(body)}"
        )


# A message may quote authored text (an unknown key's name). A line break in it would start a
# line of its own, which GitHub Actions reads as a workflow command if it begins with "::".
_BREAKS = {c: repr(chr(c))[1:-1] for c in (*range(0x20), 0x7F, 0x85, 0x2028, 0x2029)}


def _one_line(text: str) -> str:
    return text.translate(_BREAKS)


def _gh_escape(text: str) -> str:
    # GitHub workflow commands: %, CR and LF must be percent-encoded in the message.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


class ContentError(Exception):
    """The content has errors; nothing was rendered or published."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems)
        errors = [p for p in self.problems if p.severity == "error"]
        super().__init__(f"{len(errors)} error(s) in the analyses")


def format_problems(problems: Iterable[Problem], fmt: str) -> str:
    problems = sorted(problems)
    if fmt == "json":
        return json.dumps([asdict(p) for p in problems], indent=2, ensure_ascii=False) + "\n"
    if fmt == "github":
        return "".join(p.github() + "\n" for p in problems)
    return "".join(p.text() + "\n" for p in problems)


def has_errors(problems: Iterable[Problem]) -> bool:
    return any(p.severity == "error" for p in problems)
