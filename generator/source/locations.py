"""Positions of YAML paths in a file, for error messages.

Given a file's text and a path of keys and indexes (the same path pydantic reports), find the
line and column where it is written, in the node tree `compose` gives (libyaml's, the parser
every file was loaded with). YAML counts from 0; this module is the one place that converts
to the 1-based positions users see.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.source.compose import INT, STR, compose

PathItem = str | int
YamlPath = tuple[PathItem, ...]


class Locator:
    """Resolves YAML paths in one file's text; parses the text once, lazily."""

    def __init__(self, text: str):
        self._text = text
        self._root: Any = None
        self._parsed = False

    def _tree(self) -> Any:
        if not self._parsed:
            self._parsed = True
            try:
                self._root = compose(self._text)
            except Exception:  # the caller already reported why the file does not parse
                self._root = None
        return self._root

    def position(self, path: Sequence[PathItem], *, key: bool = False) -> tuple[int, int]:
        """1-based (line, col) of the value at `path`, or of its key when `key` is true.

        When the path leads nowhere (a missing key, or one a `<<` merge key brought in), the
        deepest existing node is used. Of a key written twice, the first is meant.
        """
        node = self._tree()
        line, col = 0, 0
        if isinstance(node, (MappingNode, SequenceNode)):
            line, col = _start(node)
        if isinstance(node, MappingNode) and node.value:
            # The top level "starts" at the file's first line, a comment as often as not: a
            # problem of the whole mapping (a missing key) is shown at its first key.
            line, col = _start(node.value[0][0])
        for depth, item in enumerate(path):
            last = depth == len(path) - 1
            if isinstance(node, MappingNode) and (pair := _pair(node, item)) is not None:
                line, col = _start(pair[0] if key and last else pair[1])
                node = pair[1]
            elif isinstance(node, SequenceNode) and isinstance(item, int):
                if not 0 <= item < len(node.value):
                    break
                node = node.value[item]
                line, col = _start(node)
            else:
                break
        return line + 1, col + 1


def _start(node: Node) -> tuple[int, int]:
    return node.start_mark.line, node.start_mark.column


def _pair(mapping: MappingNode, item: PathItem) -> tuple[Node, Node] | None:
    """The first (key, value) of `mapping` whose key is `item`: a text key, or a number."""
    tag, written = (STR, item) if isinstance(item, str) else (INT, str(item))
    for key, value in mapping.value:
        if isinstance(key, ScalarNode) and key.value == written and key.ctag == tag:
            return key, value
    return None
