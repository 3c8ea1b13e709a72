"""Stage 1 helper, compose: YAML text → ruamel's node tree (mappings, lists and scalars, each
with where it starts), with libyaml when ruamel's C extension is there.

`load` builds plain data from the tree (its fast path); `locations` finds in it where a path
is written. Scalars are tagged as ruamel's resolver tags them for YAML 1.2, from a table.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.resolver import BaseResolver, implicit_resolvers
from ruamel.yaml.tag import Tag

try:
    from _ruamel_yaml import CParser  # what YAML(pure=False) parses with
except ImportError:  # no C extension: ruamel's loader does all the work
    CParser = None
FAST = CParser is not None  # libyaml composes (load's fast path builds plain data from it)


def _implicit_tags() -> tuple[dict[str, list[tuple[Tag, Any]]], list[tuple[Tag, Any]]]:
    """ruamel's implicit tags for YAML 1.2 by first character, in its order, and those for
    any first character. The C loader always resolves with these: it never tells ruamel the
    version of a `%YAML 1.1` directive."""
    tags = {suffix: Tag(suffix=suffix) for _, suffix, _, _ in implicit_resolvers}
    table: dict[str, list[tuple[Tag, Any]]] = {}
    anywhere: list[tuple[Tag, Any]] = []
    for versions, suffix, regexp, first in implicit_resolvers:
        for char in first if (1, 2) in versions else ():
            found = anywhere if char is None else table.setdefault(char, [])
            found.append((tags[suffix], regexp.match))
    return {char: found + anywhere for char, found in table.items()}, anywhere


_IMPLICIT, _ANY_FIRST = _implicit_tags()
STR, SEQ, MAP = (
    BaseResolver.DEFAULT_SCALAR_TAG,
    BaseResolver.DEFAULT_SEQUENCE_TAG,
    BaseResolver.DEFAULT_MAPPING_TAG,
)
_DEFAULT_TAGS = {ScalarNode: STR, SequenceNode: SEQ, MappingNode: MAP}
_SCALAR_TAGS = {tag.suffix: tag for matchers in _IMPLICIT.values() for tag, _ in matchers}
NULL, BOOL, INT, FLOAT, TIMESTAMP = (
    _SCALAR_TAGS[f"tag:yaml.org,2002:{name}"]
    for name in ("null", "bool", "int", "float", "timestamp")
)


if CParser is not None:

    class _Composer(CParser):  # type: ignore[misc]
        """libyaml's parser and composer; the tag of a scalar as ruamel's resolver gives it,
        from a table instead of a lookup of the YAML version per scalar."""

        def resolve(self, kind: Any, value: Any, implicit: Any) -> Tag:
            if kind is ScalarNode and implicit[0]:
                for tag, match in _IMPLICIT.get(value[:1], _ANY_FIRST):
                    if match(value):
                        return tag
            return _DEFAULT_TAGS[kind]

        def descend_resolver(self, current_node: Any, current_index: Any) -> None:
            pass  # no path resolvers

        def ascend_resolver(self) -> None:
            pass


def compose(text: str) -> Node | None:
    """The document's node tree, None for an empty document; raises the parser's errors."""
    node: Node | None = (
        _Composer(text).get_single_node() if FAST else YAML(typ="safe", pure=True).compose(text)
    )
    return node
