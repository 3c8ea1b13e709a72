"""Rules unknown-key, missing-key, wrong-type, bad-enum, bad-date, bad-id, bad-url,
empty-value, text-too-long, not-a-mapping, invalid-value: each file checked against its model.

pydantic reports every field problem of a file in one pass; this module turns its error types
into our rule ids and adds a did-you-mean for misspelt keys.

Each example on its own, in analyses/acme/training.yml:

    titel: Use of customer data  # error[unknown-key] unknown key 'titel': did you mean 'title'?
                                 #   (one problem: 'title' is not reported missing as well)
    # (no title: key at all)     # at the first key: error[missing-key] missing required key
                                 #   'title'
    “title”: Use of customer data  # error[unknown-key] the key “title” is in curly quotes
    exposure: {rating: severe}   # error[bad-enum] the exposure's rating is 'severe'; expected
                                 #   one of low, medium or high
    title: [a, b]                # error[wrong-type] 'title' should be text, but it is a list
    title: ' '                   # error[empty-value] 'title' is empty
    document: Service_Terms      # error[bad-id] 'document' is 'Service_Terms', not a valid id
    excerpt:
      retrieved: 10/01/2026      # error[bad-date] the excerpt's retrieved is '10/01/2026', not
                                 #   a date
      source_url: javascript:x   # error[bad-url] the excerpt's source_url is 'javascript:x',
                                 #   which is not an http(s) address
    jurisdictions:
      - code: EU
        note:
          a: b                   # error[wrong-type] the first jurisdiction's note should be
                                 #   text, but the lines indented below it make it a set of keys
    title: xxxx…(301 x)          # error[text-too-long] 'title' has 301 characters; the limit is
                                 #   300
    ? [a, b]                     # at 1:1: error[invalid-value] '('a', 'b')': Keys should be
    : x                          #   strings
    - a                          # (the whole file) error[not-a-mapping] the top level is a list,
    - b                          #   not a mapping of keys

A path is named in words (generator/check/naming.py): "the first jurisdiction's note", not
`jurisdictions.0.note`.
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import typing
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from generator.check.findings import Finding
from generator.check.naming import describe, plain, wrong_type
from generator.check.registry import (
    BAD_DATE,
    BAD_ENUM,
    BAD_ID,
    BAD_URL,
    EMPTY_VALUE,
    INVALID_VALUE,
    MISSING_KEY,
    NOT_A_MAPPING,
    TEXT_TOO_LONG,
    UNKNOWN_KEY,
    WRONG_TYPE,
)
from generator.source.locations import YamlPath

M = TypeVar("M", bound=BaseModel)

_WRONG_TYPE = {
    "string_type": "text",
    "tuple_type": "a list",
    "list_type": "a list",
    "model_type": "a mapping of keys",
    "dict_type": "a mapping of keys",
    "model_attributes_type": "a mapping of keys",
    "bool_type": "true or false",
    "int_type": "a whole number",
}
_BAD_DATE = {
    "date_type",
    "date_parsing",
    "date_from_datetime_parsing",
    "date_from_datetime_inexact",
    "date_future",
}


def check_model(model: type[M], data: Any, file: str) -> tuple[M | None, list[Finding]]:
    if not isinstance(data, dict):
        return None, [
            Finding(
                file,
                (),
                NOT_A_MAPPING,
                f"the top level is {describe(data)}, not a mapping of keys",
                "start the file with `key: value` lines, as `clausebook new` does",
            )
        ]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        errs = exc.errors(include_url=False)
        # pydantic adds "too short" for a list whose only item is invalid: noise, not a problem.
        invalid = [tuple(e["loc"]) for e in errs if e["type"] != "too_short"]

        def noise(e: Any) -> bool:
            loc = tuple(e["loc"])
            return e["type"] == "too_short" and any(i[: len(loc)] == loc for i in invalid)

        found = [_finding(model, file, e) for e in errs if not noise(e)]
        return None, _one_per_mistake(found)


# Typographic quotes a word processor or chat client puts where straight ones were typed.
_CURLY = "\u201c\u201d\u2018\u2019\u201e\u201a\u00ab\u00bb"


def _one_per_mistake(found: list[Finding]) -> list[Finding]:
    """A misspelt key is one mistake: the unknown key, which names the key it should be,
    and not also that key reported missing (at the start of the mapping, often a comment)."""
    renamed = {(f.path[:-1], f.meant) for f in found if f.rule == UNKNOWN_KEY and f.meant}
    return [f for f in found if not (f.rule == MISSING_KEY and (f.path, f.meant) in renamed)]


def _finding(model: type[BaseModel], file: str, err: Any) -> Finding:
    loc: YamlPath = tuple(err["loc"])
    kind, value = err["type"], err.get("input")
    name = plain(loc)
    if kind == "missing":
        where = f" in {plain(loc[:-1])}" if loc[:-1] else ""
        return Finding(
            file,
            loc[:-1],
            MISSING_KEY,
            f"missing required key '{loc[-1]}'{where}",
            f"add `{loc[-1]}:` to this mapping",
            key=True,
            meant=str(loc[-1]),
        )
    if kind == "extra_forbidden":
        return _unknown_key(model, file, loc)
    empty_key = kind in _WRONG_TYPE and value is None  # `key:` with nothing after it
    if empty_key or kind in ("string_too_short", "blank_text", "too_short"):
        return Finding(
            file,
            loc,
            EMPTY_VALUE,
            f"{name} is empty",
            "fill it in, or remove the key if it is optional",
            key=empty_key,
        )
    if kind in _WRONG_TYPE:
        message, hint = wrong_type(name, _WRONG_TYPE[kind], value)
        return Finding(file, loc, WRONG_TYPE, message, hint)
    if kind == "literal_error":
        allowed = err["ctx"]["expected"].replace("'", "")
        return Finding(
            file,
            loc,
            BAD_ENUM,
            f"{name} is {value!r}; expected one of {allowed}",
            "use one of the listed values, in lower case",
        )
    if kind in _BAD_DATE:
        shown = str(value) if isinstance(value, dt.date) else repr(value)
        return Finding(
            file,
            loc,
            BAD_DATE,
            f"{name} is {shown}, not a date",
            "write a date as YYYY-MM-DD, e.g. 2026-05-23",
        )
    if kind == "string_pattern_mismatch":
        code = "jurisdiction code" if "A-Z" in err["ctx"]["pattern"] else "id"
        example = "EU or US-CA" if code == "jurisdiction code" else "lower-case-words-with-hyphens"
        return Finding(
            file,
            loc,
            BAD_ID,
            f"{name} is {value!r}, not a valid {code}",
            f"write it like {example}",
        )
    if kind == "bad_url":
        problem = (err.get("ctx") or {}).get("problem", "is not an http(s) URL")
        return Finding(
            file,
            loc,
            BAD_URL,
            f"{name} is {value!r}, which {problem}",
            "write the page's full address as the browser shows it, starting with https://",
        )
    if kind == "string_too_long":
        limit = err["ctx"]["max_length"]
        return Finding(
            file,
            loc,
            TEXT_TOO_LONG,
            f"{name} has {len(value):,} characters; the limit is {limit:,}",
            "shorten it; link to the source for the full text",
        )
    if kind == "multi_line":
        return Finding(
            file, loc, WRONG_TYPE, f"{name} must be a single line", "remove the line breaks"
        )
    return Finding(file, loc, INVALID_VALUE, f"{name}: {err['msg']}", "")


def _unknown_key(model: type[BaseModel], file: str, loc: YamlPath) -> Finding:
    known = _fields_at(model, loc[:-1])
    key = str(loc[-1])
    bare = key.strip(_CURLY + "\"' ")
    if bare != key and bare in known:  # a word processor or chat client turned "x" into “x”
        return Finding(
            file,
            loc,
            UNKNOWN_KEY,
            f"the key {key} is in curly quotes",
            f"write it without quotes: `{bare}:`",
            key=True,
            meant=bare,
        )
    close = difflib.get_close_matches(key, known, n=1)
    return Finding(
        file,
        loc,
        UNKNOWN_KEY,
        f"unknown key '{key}'" + (f": did you mean '{close[0]}'?" if close else ""),
        "allowed here: " + ", ".join(known),
        key=True,
        meant=close[0] if close else None,
    )


def _fields_at(model: type[BaseModel], loc: YamlPath) -> list[str]:
    """Field names of the model found at `loc` below `model`."""
    current: Any = model
    for item in loc:
        if isinstance(item, int):
            continue
        field = current.model_fields.get(item)
        if field is None:
            return []
        current = model_in(field.annotation)
        if current is None:
            return []
    return sorted(current.model_fields)


def model_in(annotation: Any) -> type[BaseModel] | None:
    """The model a field's type holds (`Analysis.history` → `HistoryEntry`), or None.
    Remembered per annotation object (the models' annotations live as long as the process):
    rules ask for every field of every file, 890,000 times at 10,000 analyses."""
    key = id(annotation)
    if key not in _MODEL_IN:
        _MODEL_IN[key] = (annotation, _model_in(annotation))
    return _MODEL_IN[key][1]


_MODEL_IN: dict[int, tuple[Any, type[BaseModel] | None]] = {}  # keeps each annotation alive


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _can_hold(annotation: Any, kind: type) -> bool:
    if isinstance(annotation, type):
        if issubclass(annotation, kind):
            return True
        if issubclass(annotation, BaseModel):
            return any(_can_hold(f.annotation, kind) for f in annotation.model_fields.values())
    return any(_can_hold(arg, kind) for arg in typing.get_args(annotation))


@functools.cache
def _fields_holding(model: type[BaseModel], kind: type | None) -> tuple[str, ...]:
    """The names of `model`'s fields that can hold a `kind` (all with None), last first."""
    names = [
        n for n, f in model.model_fields.items() if kind is None or _can_hold(f.annotation, kind)
    ]
    return tuple(reversed(names))


def iter_model_fields(
    model: BaseModel, path: YamlPath = (), kind: type | None = None
) -> Iterator[tuple[YamlPath, Any]]:
    """Every (path, value) below a model, depth first in field order: for rules that look at
    all text or all dates. With `kind`, only the fields whose type can hold one are walked
    (the dates of an analysis are 5 of its ~80 values). A loop over a stack, not nested
    generators: rules call this for every file, and at 10,000 analyses the generator chain
    was a third of `check`."""
    stack: list[tuple[Any, YamlPath]] = [(model, path)]
    while stack:
        value, at = stack.pop()
        if isinstance(value, BaseModel):
            names = _fields_holding(type(value), kind)
            stack.extend((getattr(value, n), (*at, n)) for n in names)
        elif isinstance(value, tuple):
            stack.extend((value[i], (*at, i)) for i in range(len(value) - 1, -1, -1))
        else:
            yield at, value


def may_hold(text: str | None, found: Callable[[str], bool]) -> bool:
    """Whether the strings of a file whose text is `text` (None: not read this run, its data
    came from the parse cache or the memo) may hold what `found` looks for in a text: without
    an escape, no string holds what its file does not."""
    return text is None or "\\" in text or found(text)
