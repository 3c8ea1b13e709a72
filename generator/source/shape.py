"""Stage 1, load (guards): bounds on the shape of a YAML text, checked around parsing.

Input: a file's text (before parsing) or its parsed data (after). Output: a `Problem` or None.

Measured with ruamel.yaml 0.19.1 and its C extension (libyaml): flow nesting (`[[[[…`) makes
the parser quadratic (50,000 levels: 8 s; 200,000: 149 s) and composing 50,000 nested flow
or compact block (`- - - - x`) levels crashes the process with a segmentation fault. So the
text is screened *before* it reaches the parser, with a linear, deliberately naive count that
cannot be fooled by YAML syntax. Indented block nesting needs no screen: depth d costs d²/2
bytes of indentation, so the file size limit caps it near 1,000 levels, which parse fast.
Aliases ("billion laughs") are found in the event stream, before anything expands them.

Rules yaml-too-deep, yaml-alias and yaml-tag (and yaml-syntax for a list or mapping used as a
key, which the parser would take):

    title: [[[[[[[[[[[[[[[[[[[[x]]]]]]]]]]]]]]]]]]]]   # error[yaml-too-deep] the YAML is
                                                     #   nested more than 16 levels deep here
    excerpt:
      section: &s "4.2"
      note: *s                # error[yaml-alias] YAML aliases are not allowed (*s)
    title: !!binary Q3VzdA==  # error[yaml-tag] a !!binary value is not allowed
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    MappingStartEvent,
    NodeEvent,
)

from generator.check.registry import YAML_ALIAS, YAML_SYNTAX, YAML_TAG, YAML_TOO_DEEP
from generator.problems import Problem

# No analysis needs more than five levels (documents → history → entry → date); prose never
# opens a hundred brackets without closing them.
MAX_DEPTH = 16
SCREEN_DEPTH = 100
_OPEN, _CLOSE = "[{", "]}"
_BRACKETS = re.compile(r"[\[\]{}]")
_COMPACT = re.compile(rf"^[ \t]*((?:[-?:][ \t]+){{{SCREEN_DEPTH},}})", re.MULTILINE)
# What the safe loader builds besides mappings, lists and plain scalars; none is authored text.
_FOREIGN: dict[type, str] = {bytes: "!!binary", set: "!!set", tuple: "!!pairs or !!omap"}

_TAG = re.compile(r"!!(?:binary|set|pairs|omap)\b")

_PARSER = YAML(typ="safe", pure=False)


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _too_deep(rel: str, line: int, col: int) -> Problem:
    return Problem(
        rel,
        line,
        col,
        YAML_TOO_DEEP,
        f"the YAML is nested more than {MAX_DEPTH} levels deep here",
        "an analysis needs at most five levels; check brackets and indentation",
    )


def screen(rel: str, text: str) -> Problem | None:
    """Before parsing: reject nesting that would make the YAML parser slow or crash."""
    if text.count("[") + text.count("{") >= SCREEN_DEPTH:
        depth = 0
        for match in _BRACKETS.finditer(text):
            depth += 1 if match.group() in _OPEN else -1 if depth else 0
            if depth >= SCREEN_DEPTH:
                return _too_deep(rel, *position(text, match.start()))
    compact = _COMPACT.search(text)
    if compact is not None:
        return _too_deep(rel, *position(text, compact.start(1)))
    return None


def first_alias(rel: str, text: str) -> Problem | None:
    """After a successful parse: the first alias (`*name`), if any. Aliases are never needed
    in an analysis and let a few lines stand for billions of nodes."""
    if "*" not in text:
        return None
    for event in _PARSER.parse(text):
        if isinstance(event, AliasEvent):
            mark = event.start_mark
            return Problem(
                rel,
                mark.line + 1,
                mark.column + 1,
                YAML_ALIAS,
                f"YAML aliases are not allowed (*{event.anchor})",
                "write the value out in full where it is used",
            )
    return None


def shape(rel: str, text: str, data: Any) -> Problem | None:
    """After loading: values the model cannot hold (binary, sets) and excessive nesting."""
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        node, depth = stack.pop()
        kind = _FOREIGN.get(type(node))
        if kind is not None:
            return Problem(
                rel,
                *_tag_mark(text),
                YAML_TAG,
                f"a {kind} value is not allowed",
                "write plain text, lists and mappings only; remove the !! tag",
            )
        if depth > MAX_DEPTH and isinstance(node, (dict, list)):
            return _too_deep(rel, *_deep_mark(text))
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node)
        elif not isinstance(node, (str, int, float, bool, dt.date, type(None))):
            return Problem(
                rel,
                1,
                1,
                YAML_TAG,
                f"a {type(node).__name__} value is not allowed",
                "write plain text, lists and mappings only",
            )
    return None


def _tag_mark(text: str) -> tuple[int, int]:
    tag = _TAG.search(text)
    return position(text, tag.start()) if tag else (1, 1)


def _deep_mark(text: str) -> tuple[int, int]:
    depth = 0
    for event in _PARSER.parse(text):
        if isinstance(event, CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH + 1:
                return event.start_mark.line + 1, event.start_mark.column + 1
        elif isinstance(event, CollectionEndEvent):
            depth -= 1
    return 1, 1


def collection_key(rel: str, text: str) -> Problem:
    """A list or mapping used as a mapping key (`? - a`): the loader cannot even build it."""
    stack: list[list[bool]] = []  # per open collection: [is a mapping, next node is a key]
    line, col = 1, 1
    for event in _PARSER.parse(text):
        if isinstance(event, CollectionEndEvent):
            stack.pop()
        if not isinstance(event, NodeEvent):
            continue
        as_key = bool(stack) and stack[-1][0] and stack[-1][1]
        if stack and stack[-1][0]:
            stack[-1][1] = not stack[-1][1]
        if isinstance(event, CollectionStartEvent):
            if as_key:
                line, col = event.start_mark.line + 1, event.start_mark.column + 1
                break
            stack.append([isinstance(event, MappingStartEvent), True])
    return Problem(
        rel,
        line,
        col,
        YAML_SYNTAX,
        "a list or mapping is used as a key",
        "keys are plain words: remove the `?` or the brackets",
    )
