"""Problems found in content, and how they are printed.

Every stage reports `Problem`s instead of raising; a run collects them all, sorts them and
prints them at once. `ContentError` is the one exception that reaches the user: it carries
the problems that stopped a build.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from generator.check.registry import Rule

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    """One finding. `line` and `col` are 1-based; 0 means "the whole file"."""

    path: str
    line: int
    col: int
    rule: Rule
    """A constant of generator/check/registry.py; printed as its id."""
    message: str
    hint: str = ""
    severity: Severity | None = None
    """An error stops a build, a warning does not; None (the default): the rule's severity."""

    def __post_init__(self) -> None:
        if self.severity is None:
            object.__setattr__(self, "severity", self.rule.severity)

    def text(self) -> str:
        hint = f" (hint: {one_line(self.hint)})" if self.hint else ""
        return (
            f"{one_line(self.path)}:{self.line}:{self.col}: "
            f"{self.severity}[{self.rule}] {one_line(self.message)}{hint}"
        )

    def github(self) -> str:
        """A workflow command. The path is GitHub-escaped only, so that GitHub decodes it back
        to the file's name; the message is made one line and visible first (an escape
        sequence or a bidi control in the log would hide or reorder what follows)."""
        level = "error" if self.severity == "error" else "warning"
        body = f"{self.message}. {self.hint}" if self.hint else self.message
        return (
            f"::{level} file={escape_property(self.path)},line={max(self.line, 1)},"
            f"col={max(self.col, 1)},title={escape_property(self.rule)}"
            f"::{escape_data(one_line(body))}"
        )


# A message may quote authored text (an unknown key's name) and a path may hold any character
# a file name can. A line break would start a line of its own, which GitHub Actions reads as a
# workflow command if it begins with "::"; an escape sequence recolours or hides the terminal's
# text; a bidirectional control reorders it.
_INVISIBLE = {
    c: repr(chr(c))[1:-1]
    for c in (
        *range(0x20),
        *range(0x7F, 0xA0),
        0x2028,
        0x2029,
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
        0x200E,
        0x200F,
        0x061C,
    )
}


def one_line(text: str) -> str:
    """`text` on one line, every control character (C0, C1, line separators, bidirectional
    controls) written as its Python escape: what a terminal shows is what the text holds."""
    return text.translate(_INVISIBLE)


def escape_data(text: str) -> str:
    """A workflow command's message, as GitHub's toolkit escapes it (actions/toolkit,
    packages/core/src/command.ts, escapeData)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value (file=, title=): escapeProperty of the toolkit,
    which also encodes the ':' and ',' that would end the value or start another."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


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
