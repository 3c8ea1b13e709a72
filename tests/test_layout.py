"""The code's layout holds: every module of generator/ imports on its own in a fresh
interpreter (no import cycle hides behind an import order), and every field of an analysis is
classed for `serve`'s incremental render (site/incremental.py), so a new field cannot leave
the preview stale."""

from __future__ import annotations

import os
import subprocess
import sys
import types
import typing

from pydantic import BaseModel

from generator.model import authoring
from generator.site import incremental
from tests.conftest import REPO


def modules() -> list[str]:
    found = []
    for path in sorted((REPO / "generator").rglob("*.py")):
        parts = path.relative_to(REPO).with_suffix("").parts
        if parts[-1] != "__main__":  # `python -m generator`: runs the command line
            found.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return found


def test_modules_are_found() -> None:
    names = modules()
    assert "generator.pipeline" in names and "generator.site.pages" in names
    assert len(names) > 80


def test_every_module_imports_alone() -> None:
    """One fresh interpreter per module; a cycle fails with ImportError (partially
    initialised module) whichever module of it is imported first."""
    failed = {}
    for name in modules():
        result = subprocess.run(
            [sys.executable, "-c", f"import {name}"],
            cwd=REPO,
            env={**os.environ, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "true"},
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        if result.returncode != 0:
            failed[name] = result.stderr.strip().splitlines()[-1:]
    assert failed == {}


def _models(annotation: object) -> list[type[BaseModel]]:
    """The pydantic models an annotation holds: `X`, `X | None`, `tuple[X, ...]`."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, tuple, typing.Annotated):
        args = typing.get_args(annotation)
        if origin is typing.Annotated:
            args = args[:1]
        return [m for arg in args for m in _models(arg)]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return []


def field_paths(model: type[BaseModel], prefix: str = "") -> list[str]:
    """Every leaf field of `model` as a dotted path (`exposure.rating`, `history.date`)."""
    paths = []
    for name, info in model.model_fields.items():
        nested = _models(info.annotation)
        if nested:
            for inner in nested:
                paths += field_paths(inner, f"{prefix}{name}.")
        else:
            paths.append(prefix + name)
    return paths


def unclassified(model: type[BaseModel], table: dict[str, str]) -> list[str]:
    return [
        p
        for p in field_paths(model)
        if table.get(p) not in (incremental.LISTINGS, incremental.TEXT)
    ]


def test_every_analysis_field_is_classed() -> None:
    assert unclassified(authoring.Analysis, incremental.ANALYSIS_FIELDS) == []
    # and nothing is classed that is no field (a renamed one would be left unchecked)
    assert set(incremental.ANALYSIS_FIELDS) == set(field_paths(authoring.Analysis))


def test_an_unclassed_field_is_found() -> None:
    class Grown(authoring.Analysis):
        audience: str = ""
        exposure_detail: authoring.Exposure | None = None

    missing = unclassified(Grown, incremental.ANALYSIS_FIELDS)
    assert missing == ["audience", "exposure_detail.rating", "exposure_detail.rationale"]


def test_every_other_model_is_compared_whole() -> None:
    """A model outside Analysis is part of a platform, topics or jurisdictions file, which
    `changed_pages` compares whole: any edit of it renders everything."""
    whole = [getattr(authoring, name) for name in incremental.RENDERS_EVERYTHING]
    reachable: set[type[BaseModel]] = set()
    stack = [authoring.Analysis, *whole]
    while stack:
        model = stack.pop()
        if model not in reachable:
            reachable.add(model)
            stack += [m for f in model.model_fields.values() for m in _models(f.annotation)]
    models = {
        m
        for m in vars(authoring).values()
        if isinstance(m, type) and issubclass(m, authoring.Strict) and m is not authoring.Strict
    }
    assert models - reachable == set()
