"""Positions of YAML paths in a file, for error messages.

Given a file's text and a path of keys and indexes (the same path pydantic reports), find the
line and column where it is written, from the node tree `compose` gives (libyaml's, the parser
every file was loaded with): the 1-based line and column users see, lines ended by "\n".
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.source import shape
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
        at: Node | None = None  # the node whose start is the answer; none: the file's start
        if isinstance(node, (MappingNode, SequenceNode)):
            at = node
        if isinstance(node, MappingNode) and node.value:
            # The top level "starts" at the file's first line, a comment as often as not: a
            # problem of the whole mapping (a missing key) is shown at its first key.
            at = node.value[0][0]
        for depth, item in enumerate(path):
            last = depth == len(path) - 1
            if isinstance(node, MappingNode) and (pair := _pair(node, item)) is not None:
                at = pair[0] if key and last else pair[1]
                node = pair[1]
            elif isinstance(node, SequenceNode) and isinstance(item, int):
                if not 0 <= item < len(node.value):
                    break
                node = at = node.value[item]
            else:
                break
        # From the character offset, not libyaml's line: it also counts U+0085, U+2028 and
        # U+2029 as line ends, which a quoted text may hold and no editor's line count has.
        return (1, 1) if at is None else shape.position(self._text, at.start_mark.index)


def _pair(mapping: MappingNode, item: PathItem) -> tuple[Node, Node] | None:
    """The first (key, value) of `mapping` whose key is `item`: a text key, or a number."""
    tag, written = (STR, item) if isinstance(item, str) else (INT, str(item))
    for key, value in mapping.value:
        if isinstance(key, ScalarNode) and key.value == written and key.ctag == tag:
            return key, value
    return None
