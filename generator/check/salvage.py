"""Stage 2 helper: what is sound in a file that failed its schema, for the cross-file rules.

Input: a model class, the file's data and the YAML paths its schema problems are at. Output:
a model instance built without validating the whole (pydantic's `model_construct`), whose
every sound value is validated on its own, and whose broken or missing values are stand-ins
(empty text, no items, the earliest date), with the paths of those stand-ins.

So `check` reports an unknown topic, an unknown jurisdiction or an excerpt that is not in the
source together with the schema errors of the same file, in one run, rather than after they
are fixed. A finding of a cross-file rule at or below a stand-in's path is dropped: it would
be about the stand-in, and the schema problem already says what is wrong there. The salvaged
models are seen by the rules only, never by a build (which no error lets run).
"""

from __future__ import annotations

import datetime as dt
import functools
import types
import typing
from collections.abc import Collection
from typing import Annotated, Any, Literal

from pydantic import BaseModel, TypeAdapter, ValidationError

from generator.check.findings import Finding
from generator.check.registry import MISSING_KEY
from generator.source.locations import YamlPath

__all__ = ["YamlPath", "salvage", "within"]


def salvage(
    model: type[BaseModel], data: dict[str, Any], problems: list[Finding]
) -> tuple[BaseModel, set[YamlPath]]:
    """The model of `data`, its sound parts kept, and the paths of its stand-ins: where the
    schema `problems` are (a missing key: the key's path), and every path filled in."""
    stand_ins = {
        (*f.path, f.meant) if f.rule == MISSING_KEY and f.meant else f.path for f in problems
    }
    return _build(model, data, (), stand_ins), stand_ins


def _build(model: type[BaseModel], data: Any, path: YamlPath, broken: set[YamlPath]) -> Any:
    if not isinstance(data, dict):
        broken.add(path)
        data = {}
    values: dict[str, Any] = {}
    for name, field in model.model_fields.items():
        at = (*path, name)
        if name not in data:
            if field.is_required():
                values[name] = _stand_in(field.annotation, at, broken)
                broken.add(at)
            continue
        raw = data[name]
        if not any(p[: len(at)] == at for p in broken):
            try:
                values[name] = _adapter(model, name).validate_python(raw)
                continue
            except ValidationError:  # sound alone but not with the rest (a model validator)
                pass
        sub = _model_in(field.annotation)
        items = _items_model(field.annotation)
        if sub is not None and isinstance(raw, dict):
            values[name] = _build(sub, raw, at, broken)
        elif items is not None and isinstance(raw, list):
            values[name] = tuple(
                _build(items, item, (*at, i), broken) for i, item in enumerate(raw)
            )
        else:
            broken.add(at)
            if field.is_required():
                values[name] = _stand_in(field.annotation, at, broken)
    return model.model_construct(**values)


@functools.cache
def _adapter(model: type[BaseModel], name: str) -> TypeAdapter[Any]:
    """Validates one field's value as the model would (its annotation with its constraints)."""
    field = model.model_fields[name]
    return TypeAdapter(Annotated[field.annotation, field])  # type: ignore[arg-type]


def _stand_in(annotation: Any, path: YamlPath, broken: set[YamlPath]) -> Any:
    """A value of the annotation's type that no rule finds wrong (or whose finding is dropped)."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is Annotated:
        return _stand_in(args[0], path, broken)
    if origin in (typing.Union, types.UnionType):
        return None if type(None) in args else _stand_in(args[0], path, broken)
    if origin is Literal:
        return args[0]
    if origin is tuple:
        return ()
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return _build(annotation, {}, path, broken)
        if issubclass(annotation, dt.date):
            return dt.date.min
        if issubclass(annotation, bool):
            return False
        if issubclass(annotation, int):
            return 0
    return ""


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model of a field that holds one (`Excerpt`, `ShortAnswer | None`)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        found = [a for a in typing.get_args(annotation) if _model_in(a) is not None]
        return _model_in(found[0]) if found else None
    return None


def _items_model(annotation: Any) -> type[BaseModel] | None:
    """The model of each item of a field that holds a list of them (`tuple[Citation, ...]`)."""
    if typing.get_origin(annotation) is Annotated:
        return _items_model(typing.get_args(annotation)[0])
    if typing.get_origin(annotation) is tuple:
        item = typing.get_args(annotation)[0]
        if typing.get_origin(item) is Annotated:
            item = typing.get_args(item)[0]
        return item if isinstance(item, type) and issubclass(item, BaseModel) else None
    return None


def within(path: YamlPath, broken: Collection[YamlPath]) -> bool:
    """Whether `path` is a stand-in's path or below one."""
    return any(path[: len(p)] == p for p in broken)
