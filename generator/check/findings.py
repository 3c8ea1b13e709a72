"""What a validation rule yields, before it has a line and column."""

from __future__ import annotations

from dataclasses import dataclass

from generator.check.registry import Rule
from generator.problems import Severity
from generator.source.locations import YamlPath


@dataclass(frozen=True)
class Finding:
    """A problem at a YAML path of a file; `key` points at the key rather than its value."""

    file: str
    path: YamlPath
    rule: Rule
    message: str
    hint: str = ""
    key: bool = False
    severity: Severity | None = None
    """None (the default): the rule's severity (generator/check/registry.py)."""
    seek: tuple[str, int] | None = None
    """(character, n): point at the nth occurrence (0: the first) of the character in the
    value, as typed or as a YAML escape, rather than at the value's start."""
    meant: str | None = None
    """unknown-key: the key it is probably meant to be; missing-key: the key missing. A
    missing key that an unknown key was meant to be is one mistake, reported once."""

    def __post_init__(self) -> None:
        if self.severity is None:
            object.__setattr__(self, "severity", self.rule.severity)
