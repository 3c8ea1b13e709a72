"""Stage 1, source (archives): the documents of a project, for the `sources` commands.

Input: the project root and the `platform/document` ids named on the command line (none: all).
Output: each document with its platform, in id order, and the problems of platform.yml files
that could not be read (their documents are left out; `clausebook check` says the same).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from generator.check.archives import locate
from generator.check.fields import check_model
from generator.check.layout import discover
from generator.model.authoring import Document, Platform
from generator.problems import Problem
from generator.project import Layout
from generator.source.load import load_yaml


class UsageError(Exception):
    """A document id on the command line names no document."""


@dataclass(frozen=True)
class Declared:
    platform: str
    platform_rel: str  # analyses/<platform>/platform.yml
    document: Document

    @property
    def key(self) -> str:
        return f"{self.platform}/{self.document.id}"


def declared_documents(root: Path, names: list[str]) -> tuple[list[Declared], list[Problem]]:
    """The documents named (every document when `names` is empty), in id order."""
    layout = Layout(root)
    documents: list[Declared] = []
    problems: list[Problem] = []
    for pid, path in sorted(discover(layout).platforms.items()):
        rel = layout.rel(path)
        source, load_problems = load_yaml(path, rel)
        if source is None:
            problems.extend(load_problems)
            continue
        platform, findings = check_model(Platform, source.data, rel)
        if platform is None:
            problems.extend(locate(findings, source.text))
            continue
        documents.extend(Declared(pid, rel, d) for d in platform.documents)
    documents.sort(key=lambda d: d.key)
    if not names:
        return documents, problems
    by_key = {d.key: d for d in documents}
    unknown = [n for n in names if n not in by_key]
    if unknown:
        close = difflib.get_close_matches(unknown[0], list(by_key), n=1)
        guess = f" (did you mean '{close[0]}'?)" if close else ""
        broken = "; platform.yml files with errors were not read (see `clausebook check`)"
        raise UsageError(
            f"no document '{unknown[0]}' in analyses/*/platform.yml{guess}"
            + (broken if problems else "")
        )
    return [by_key[n] for n in sorted(set(names))], problems
