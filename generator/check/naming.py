"""Stage 2 helper: a YAML path in the words an analyst would use, for problem messages.

Input: a path of keys and list indexes, as pydantic and the rules report it. Output: a phrase.
An author reads "the first jurisdiction's note", not `jurisdictions.0.note`; the line and
column already say where it is, so the phrase only has to name it.

    ("title",)                          → 'title'
    ("excerpt", "source_url")           → the excerpt's source_url
    ("jurisdictions", 0, "note")        → the first jurisdiction's note
    ("compliance_considerations", 1)    → the second compliance consideration
    ("documents", 0, "history", 2, "date") → the first document's third history entry's date
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from generator.source.locations import YamlPath

# What one item of each list key of the authoring format is called.
_ITEM = {
    "jurisdictions": "jurisdiction",
    "compliance_considerations": "compliance consideration",
    "citations": "citation",
    "history": "history entry",
    "faq": "FAQ entry",
    "related": "related analysis",
    "documents": "document",
    "not_addressed": "not_addressed entry",
    "topics": "topic",
    "choices": "choice",
    "special": "special answer",
    "regimes": "regime",
    "select": "selector",
    "remove": "selector",
}
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")


def ordinal(index: int) -> str:
    """0 → first, 10 → 11th."""
    if index < len(_ORDINALS):
        return _ORDINALS[index]
    n = index + 1
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def plain(path: YamlPath) -> str:
    """The value at `path`, named in words (see the module docstring)."""
    if not path:
        return "the file"
    if len(path) == 1:
        return f"'{path[0]}'"
    owner: str | None = None
    i = 0
    while i < len(path):
        item = path[i]
        if i + 1 < len(path) and isinstance(path[i + 1], int):
            index = path[i + 1]
            assert isinstance(index, int)
            name = f"{ordinal(index)} {_ITEM.get(str(item), f'item of {item}')}"
            i += 2
        else:
            name = str(item)
            i += 1
        owner = f"the {name}" if owner is None else f"{owner}'s {name}"
    assert owner is not None
    return owner


_TYPE_NAMES = {
    str: "text",
    int: "a number",
    float: "a number",
    bool: "true/false",
    list: "a list",
    dict: "a set of keys",
    dt.date: "a date",
    type(None): "nothing (empty value)",
}


def describe(value: Any) -> str:
    for kind, name in _TYPE_NAMES.items():
        if type(value) is kind:
            return name
    return type(value).__name__


def wrong_type(name: str, expected: str, value: Any) -> tuple[str, str]:
    """The message and hint for a value of the wrong kind, in the words of YAML's look."""
    if expected == "text":
        if isinstance(value, dict):
            return (
                f"{name} should be text, but the lines indented below it make it a set of keys",
                "write the text after the colon, in quotes if it holds ': ', or as a block "
                "(`key: >-` and the text indented below it)",
            )
        if isinstance(value, list):
            return f"{name} should be text, but it is a list", "write the text, not '- ' items"
        return (
            f"{name} should be text, but YAML reads {value!s} as {describe(value)}",
            f'put it in quotes: "{value!s}"',
        )
    if expected == "a list":
        return (
            f"{name} should be a list, but it is {describe(value)}",
            "write one item a line, each starting with '- ', indented below the key",
        )
    if expected == "a mapping of keys":
        return (
            f"{name} should hold keys (`key: value` lines indented below it), but it is "
            f"{describe(value)}",
            "indent its keys below it, as `clausebook new` writes them",
        )
    return f"{name} should be {expected}, not {describe(value)}", f"write {expected} here"
