"""Where a path is written (source/locations.py), from the node tree libyaml composes: the
same line and column as ruamel's round-trip loader gives (which it replaced: parsing a file
again with it took 5 ms, and `check` did so for every file with a problem), except for a key
with no value, which is shown where its value is missing rather than at the next key."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from generator.source.locations import Locator, YamlPath
from tests.conftest import FIXTURES

REPO = Path(__file__).resolve().parent.parent


def round_trip_position(root: Any, path: YamlPath, key: bool) -> tuple[int, int]:
    """The position the round-trip loader's line-and-column records give (the former way)."""
    node, (line, col) = root, (0, 0)
    if isinstance(node, (CommentedMap, CommentedSeq)):
        line, col = node.lc.line, node.lc.col
    if isinstance(node, CommentedMap) and node:
        line, col = node.lc.key(next(iter(node)))
    for depth, item in enumerate(path):
        last = depth == len(path) - 1
        if isinstance(node, CommentedMap) and item in node.lc.data:
            line, col = node.lc.key(item) if key and last else node.lc.value(item)
            node = node[item]
        elif isinstance(node, CommentedSeq) and isinstance(item, int) and item < len(node):
            line, col = node.lc.item(item)
            node = node[item]
        else:
            break
    return line + 1, col + 1


def paths(node: Any, path: YamlPath = ()) -> Iterator[YamlPath]:
    """Every path in the data, and one missing key and index below each mapping and list."""
    yield path
    if isinstance(node, dict):
        for k, v in node.items():
            yield from paths(v, (*path, k))
        yield (*path, "no-such-key")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from paths(v, (*path, i))
        yield (*path, len(node))


def yaml_files() -> list[Path]:
    found = sorted((REPO / "analyses").rglob("*.yml")) + sorted(FIXTURES.rglob("*.yml"))
    return [f for f in found if "sources" not in f.parts]  # archives: versions.yml, too alike


def test_positions_match_the_round_trip_loader_for_every_shipped_and_fixture_path() -> None:
    compared = 0
    for file in yaml_files():
        text = file.read_text(encoding="utf-8-sig")
        try:
            yaml = YAML(typ="rt")
            yaml.allow_duplicate_keys = True
            root = yaml.load(text)
        except Exception:
            continue  # a fixture that does not parse: nothing to locate
        locator = Locator(text)
        for path in paths(root):
            for key in (False, True):
                assert locator.position(path, key=key) == round_trip_position(root, path, key), (
                    f"{file.relative_to(REPO)} {path} key={key}"
                )
                compared += 1
    assert compared > 10_000  # the shipped analyses alone have more


TRICKY = """\
# a comment first
title: first
anchor: &shared
  inner: 1
alias: *shared
merged:
  <<: *shared
  own: 2
title: again
"quoted": yes
1: a number
"1": a text
flow: {a: 1, b: [x, y]}
block: |
  text
nested:
- - deep
  - er
- {k: v}
"""


@pytest.mark.parametrize(
    ("path", "key", "expected"),
    [
        ((), False, (2, 1)),  # the whole file: its first key, not the comment
        (("title",), True, (2, 1)),  # a key written twice: the first
        (("alias", "inner"), False, (4, 10)),  # through an alias: where the anchor's value is
        (("merged", "inner"), False, (7, 3)),  # a key a merge brought in: its mapping
        (("quoted",), True, (10, 1)),
        ((1,), True, (11, 1)),
        (("1",), True, (12, 1)),
        (("flow", "b", 1), False, (13, 21)),
        (("block",), False, (14, 8)),
        (("nested", 0, 1), False, (18, 5)),
        (("nested", 1, "k"), True, (19, 4)),
        (("nested", 5), False, (17, 1)),  # no such item: the list
    ],
)
def test_tricky_yaml_positions(path: YamlPath, key: bool, expected: tuple[int, int]) -> None:
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = True
    root = yaml.load(TRICKY)
    assert Locator(TRICKY).position(path, key=key) == expected
    assert round_trip_position(root, path, key) == expected


def test_a_key_without_a_value_is_shown_where_the_value_is_missing() -> None:
    """The round-trip loader put an empty value at the start of the next key's line, so a
    `summary:` left empty was reported at the key below it."""
    text = "title: x\nsummary:\nimpact: y\nlist:\n- a\n-\n"
    locator = Locator(text)
    assert locator.position(("summary",)) == (2, 9)
    assert locator.position(("summary",), key=True) == (2, 1)
    assert locator.position(("list", 1)) == (6, 2)


def test_a_file_that_does_not_parse_is_located_at_its_start() -> None:
    assert Locator("title: [unclosed\n").position(("title",)) == (1, 1)


@pytest.mark.parametrize("separator", ["\x85", "\u2028", "\u2029"])
def test_a_line_separator_in_a_quoted_text_starts_no_line(separator: str) -> None:
    """libyaml counts U+0085, U+2028 and U+2029 as line ends; the lines users see (and
    text.offset_of, which goes back from a position to the text) end at "\\n" only. A fuzzed
    analysis put a problem at line 20,031 of a 9-line file."""
    text = f'title: x\nsummary: "a{separator}b{separator}c"\nimpact: "y{separator}z"\nfaq: w\n'
    yaml = YAML(typ="rt")
    root = yaml.load(text)
    locator = Locator(text)
    for path, expected in [(("summary",), (2, 10)), (("impact",), (3, 9)), (("faq",), (4, 6))]:
        assert locator.position(path) == expected == round_trip_position(root, path, False)
