"""Rule indented-into-text: a key or a list item indented so far that YAML reads it as part
of the text above it.

Under a block scalar (`text: >-` or `|`), every line indented more than `text:` belongs to
the text, so a sibling key indented one step too far silently becomes part of a verbatim
excerpt, and the key is simply absent. A key of the same mapping that is absent, written at
the start of a line of the text, is reported where it stands (and not also as missing):

    excerpt:
      text: >-
        We will not use Customer Content to train models.
        section: "4.2"          # error[indented-into-text] `section:` is indented under `text:`, so
                                #   it is read as part of the excerpt's text
      source_url: https://acme-cloud.example/terms

A plain (unquoted) text runs on over the lines indented more than its key or dash, so a list
item indented one step too far becomes the end of the item above it:

    compliance_considerations:
      - Check the account-level training setting.
       - Note the clause in the record.   # error[indented-into-text] this '- ' item is
                                          #   indented more than the '-' above it, so it is
                                          #   read as part of that item's text

Input: a file's model class, its parsed data and (only when a text holds such a line) its
text. Output: the problems, and the (mapping path, key) of each key found in a text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from typing import Any

from pydantic import BaseModel
from ruamel.yaml import YAML
from ruamel.yaml.tokens import ScalarToken

from generator.check.fields import model_in
from generator.check.naming import plain
from generator.check.registry import INDENTED_INTO_TEXT
from generator.problems import Problem
from generator.source.locations import Locator, YamlPath

Swallowed = tuple[YamlPath, str]
"""The path of the mapping, and the key found in one of its texts."""


def check(
    model: type[BaseModel], data: Any, rel: str, text_of: Callable[[], str]
) -> tuple[list[Problem], set[Swallowed]]:
    candidates = list(_candidates(model, data, ()))
    problems = _items(rel, text_of) if _holds_a_dash(data) else []
    if not candidates:
        return problems, set()
    text = text_of()
    locator = Locator(text)
    lines = text.split("\n")
    swallowed = set()
    for path, field, key in candidates:
        line, col = locator.position((*path, field), key=True)
        found = _line_of(lines, line - 1, col - 1, key)
        if found is None:
            continue
        at, indent = found
        problems.append(
            Problem(
                rel,
                at + 1,
                indent + 1,
                INDENTED_INTO_TEXT,
                f"`{key}:` is indented under `{field}:`, so it is read as part of "
                f"{plain((*path, field))}",
                f"line `{key}:` up with `{field}:` (the same number of spaces)",
            )
        )
        swallowed.add((path, key))
    return problems, swallowed


@functools.cache
def _fields(model: type[BaseModel]) -> dict[str, type[BaseModel] | None]:
    """A model's field names, each with the model it holds (or None). Asked once per mapping
    of every file: pydantic's `model_fields` costs a microsecond a look-up."""
    return {name: model_in(field.annotation) for name, field in model.model_fields.items()}


def _candidates(model: type[BaseModel], data: Any, path: YamlPath) -> Iterator[tuple[Any, ...]]:
    """(mapping path, text key, absent key) where the text holds `absent:` after a space or
    a line break: cheap, on the data, so that most files never need their text."""
    if not isinstance(data, dict):
        return
    fields = _fields(model)
    absent: list[str] | None = None
    for name, value in data.items():
        if not isinstance(name, str) or name not in fields:
            continue
        if isinstance(value, str) and ":" in value:
            if absent is None:
                absent = [k for k in fields if k not in data]
            for key in absent:
                # The substring test first: a regex per text and absent key was a third of
                # a cold `check` at 10,000 analyses.
                if f"{key}:" in value and re.search(rf"(?:^|\s){re.escape(key)}:(?:\s|$)", value):
                    yield path, name, key
        sub = fields[name]
        if sub is not None and isinstance(value, dict):
            yield from _candidates(sub, value, (*path, name))
        elif sub is not None and isinstance(value, list):
            for i, item in enumerate(value):
                yield from _candidates(sub, item, (*path, name, i))


def _line_of(lines: list[str], line: int, indent: int, key: str) -> tuple[int, int] | None:
    """The line (0-based) and indentation of `key:` among the block scalar lines below the
    key at (line, indent), if the key's value is a block scalar."""
    head = lines[line][indent:] if line < len(lines) else ""
    if not re.match(r"[^:]+:\s*[|>][-+0-9]*\s*(#.*)?$", head):
        return None
    pattern = re.compile(rf"^( +){re.escape(key)}:(?:\s|$)")
    for number in range(line + 1, len(lines)):
        text = lines[number]
        if text.strip() and len(text) - len(text.lstrip(" ")) <= indent:
            return None  # the block ended
        found = pattern.match(text)
        if found:
            return number, len(found.group(1))
    return None


def _holds_a_dash(data: Any) -> bool:
    """Whether a text holds ' - ', as a line that ran on into it leaves it: cheap, on the
    data, so that most files are never scanned."""
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            if " - " in value:
                return True
        elif isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return False


def _items(rel: str, text_of: Callable[[], str]) -> list[Problem]:
    """A plain text that runs on over a line starting with '- ': a list item indented under
    the one above it (the file parsed, so its scan does not fail)."""
    text = text_of()
    lines = text.split("\n")
    problems = []
    for token in YAML(typ="safe", pure=True).scan(text):
        if not isinstance(token, ScalarToken) or token.plain is False or token.style:
            continue
        start, end = token.start_mark.line, token.end_mark.line
        for number in range(start + 1, min(end, len(lines) - 1) + 1):
            line = lines[number]
            if line.lstrip().startswith("- "):
                problems.append(
                    Problem(
                        rel,
                        number + 1,
                        len(line) - len(line.lstrip()) + 1,
                        INDENTED_INTO_TEXT,
                        "this '- ' item is indented more than the '-' above it, so it is read "
                        "as part of that item's text",
                        "line its '-' up with the one above; for a list inside a text, write "
                        "the text as a block (`key: |` and the lines indented below it)",
                    )
                )
                break
    return problems
