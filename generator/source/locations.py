"""Positions of YAML paths in a file, for error messages.

Given a file's text and a path of keys and indexes (the same path pydantic reports), find the
line and column with ruamel.yaml's round-trip loader. ruamel counts from 0; this module is the
one place that converts to the 1-based positions users see.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

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
                yaml = YAML(typ="rt")
                yaml.allow_duplicate_keys = True
                self._root = yaml.load(self._text)
            except Exception:  # the caller already reported why the file does not parse
                self._root = None
        return self._root

    def position(self, path: Sequence[PathItem], *, key: bool = False) -> tuple[int, int]:
        """1-based (line, col) of the value at `path`, or of its key when `key` is true.

        When the path leads nowhere (a missing key, or one a `<<` merge key brought in), the
        deepest existing node is used.
        """
        node = self._tree()
        line, col = 0, 0
        if isinstance(node, (CommentedMap, CommentedSeq)):
            line, col = node.lc.line, node.lc.col
        if isinstance(node, CommentedMap) and node:
            # The top level "starts" at the file's first line, a comment as often as not: a
            # problem of the whole mapping (a missing key) is shown at its first key.
            line, col = node.lc.key(next(iter(node)))
        for depth, item in enumerate(path):
            last = depth == len(path) - 1
            if isinstance(node, CommentedMap) and item in node.lc.data:
                kl, kc = node.lc.key(item)
                vl, vc = node.lc.value(item)
                line, col = (kl, kc) if key and last else (vl, vc)
                node = node[item]
            elif isinstance(node, CommentedSeq) and isinstance(item, int) and item < len(node):
                line, col = node.lc.item(item)
                node = node[item]
            else:
                break
            if isinstance(node, (CommentedMap, CommentedSeq)) and not last:
                continue
        return line + 1, col + 1
