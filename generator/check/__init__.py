"""Stage 2, check: the project folder → a `Corpus` of models, and every problem found.

`run.load_corpus` reads every file and runs every rule; the rules live one per module
(`fields`, `layout`, `references`, `excerpts` …), and `registry` lists every rule id with its
severity, summary and the module that documents it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from generator.check.run import load_corpus

__all__ = ["load_corpus"]


def __getattr__(name: str) -> Any:
    """`load_corpus` is imported when it is first asked for, not with the package: stage 1
    (source) and `clausebook paths` import the registry, and `paths` runs on the standard
    library alone (the pull request workflow runs it before installing anything), so
    importing this package must not import every rule and their dependencies."""
    if name == "load_corpus":
        from generator.check.run import load_corpus

        return load_corpus
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
