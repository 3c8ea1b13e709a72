"""Stage 1, load: YAML files on disk → plain Python data, or problems.

Fast path: libyaml (ruamel.yaml's C extension) composes the node tree, and `_plain` turns it
into dicts, lists and scalars. It takes only what an analysis is made of: implicit YAML 1.2
tags, scalar keys, no aliases, no duplicate keys, at most `shape.MAX_DEPTH` levels. Any
other document, and any document that fails, is loaded again by ruamel.yaml's safe loader,
which gives the data or the error it always gave. Only files with problems are composed again,
by `locations.Locator`, to find line and column. Raw YAML objects never leave load and
validate. `ahead.LoadAhead` runs `load_yaml` on many files in worker processes.

Text is normalised here, once (`generator.source.text`): every string in NFC, and a file whose text
holds a control character, a noncharacter or a lone surrogate is refused (bad-character).

Rules file-too-large, not-utf8, bad-character, yaml-syntax, duplicate-key, empty-file: a file
that cannot be read as text, or parsed as YAML, at the line and column where it stops (a
whole-file problem at 1:1). A syntax error is named as the mistake it most likely is (a tab,
a quote left open, a key indented wrongly) by syntax.py. The bounds on the YAML's shape are
shape.py's rules.

    # analyses/acme/training.yml, 601,431 bytes
    #   error[file-too-large] file is 601,431 bytes; the limit is 524,288 bytes
    # analyses/acme/training.yml, saved as UTF-16
    #   error[not-utf8] the file is UTF-16 (it starts with a UTF-16 byte-order mark)
    title: "Customer content\\x9b" # error[bad-character] character U+009B (a C1 control
                                   #   character) is not allowed in text
    title: [Customer content       # error[yaml-syntax] while parsing a flow sequence: did not
                                   #   find expected ',' or ']' (noticed at line 2)
    document: service-terms
    document: service-terms        # error[duplicate-key] found duplicate key "document" …
    # nothing yet                  # error[empty-file] the file is empty
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import DuplicateKeyError, SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.util import create_timestamp, timestamp_regexp

from generator.bounded import read_at_most
from generator.check.registry import (
    BAD_CHARACTER,
    BAD_DATE,
    DUPLICATE_KEY,
    EMPTY_FILE,
    FILE_TOO_LARGE,
    NOT_UTF8,
    YAML_SYNTAX,
    YAML_TAG,
)
from generator.problems import Problem
from generator.source import compose, shape, syntax
from generator.source import text as texts
from generator.source.compose import BOOL, FLOAT, INT, MAP, NULL, SEQ, STR, TIMESTAMP
from generator.source.locations import Locator

MAX_FILE_BYTES = 512 * 1024  # the largest real analysis is ~10 KB; this bounds time and memory


@dataclass(frozen=True)
class SourceFile:
    """One YAML file: where it is, its text, and what it holds."""

    rel: str  # path relative to the project root, with forward slashes
    text: str
    data: Any


def _safe_yaml() -> YAML:
    yaml = YAML(typ="safe", pure=False)
    yaml.allow_duplicate_keys = False
    return yaml


_YAML = _safe_yaml()


class _Unusual(Exception):
    """A document `_plain` leaves to ruamel's safe loader."""


def _parse(text: str) -> tuple[Any, bool]:
    """The document's data, and whether `_plain` built it (so its shape is already known)."""
    if compose.FAST:
        node = compose.compose(text)  # syntax errors: the same parser as _YAML
        try:
            return (None if node is None else _plain(node, 0, set())), True
        except Exception:  # ruamel raises this error, or another, or none at all
            pass
    return _YAML.load(text), False


def _plain(node: Any, depth: int, seen: set[int]) -> Any:
    """What SafeConstructor builds from the node, or _Unusual (see the module docstring)."""
    tag = node.ctag
    if tag is STR:
        return node.value
    if tag is MAP or tag is SEQ:
        if depth > shape.MAX_DEPTH or id(node) in seen:  # too deep, or an alias
            raise _Unusual
        seen.add(id(node))
        if tag is SEQ:
            return [_plain(item, depth + 1, seen) for item in node.value]
        data = {}
        for key_node, value_node in node.value:
            key = _scalar(key_node)
            if key in data:  # a duplicate: ruamel's error says where both are
                raise _Unusual
            data[key] = _plain(value_node, depth + 1, seen)
        return data
    return _scalar(node)


def _scalar(node: Any) -> Any:
    """SafeConstructor's value of an implicitly tagged scalar, for YAML 1.2."""
    tag, value = node.ctag, node.value
    if tag is STR:
        return value
    if tag is NULL:
        return None
    if tag is BOOL:
        return SafeConstructor.bool_values[value.lower()]
    if tag is INT:
        digits = value.replace("_", "")
        sign = -1 if digits[0] == "-" else 1
        digits = digits[1:] if digits[0] in "+-" else digits
        base = {"0b": 2, "0x": 16, "0o": 8}.get(digits[:2])
        return sign * (int(digits) if base is None else int(digits[2:], base))
    if tag is FLOAT:
        digits = value.replace("_", "").lower()
        sign = -1 if digits[0] == "-" else 1
        digits = digits[1:] if digits[0] in "+-" else digits
        if digits == ".inf":
            return sign * SafeConstructor.inf_value
        if digits == ".nan":
            return SafeConstructor.nan_value  # one object, as ruamel's duplicate check sees it
        return sign * float(digits)
    if tag is TIMESTAMP:
        match = timestamp_regexp.match(value)
        if match is None:
            raise _Unusual
        return create_timestamp(**match.groupdict())  # ValueError for 2026-02-30
    raise _Unusual  # merge key, `=`, explicit tag, or a mapping or list as a key


def read_text(
    path: Path, rel: str, limit: int = MAX_FILE_BYTES
) -> tuple[str | None, list[Problem]]:
    """Read a UTF-8 file (a BOM is accepted and dropped; CRLF is fine for YAML)."""
    # Never more than the limit in memory, even from a huge file or a link to /dev/zero.
    with path.open("rb") as stream:
        raw = read_at_most(stream, limit + 1)
    if len(raw) > limit:
        size = path.stat().st_size
        shown = f"{size:,} bytes" if size > limit else "endless"
        return None, [
            Problem(
                rel,
                1,
                1,
                FILE_TOO_LARGE,
                f"file is {shown}; the limit is {limit:,} bytes",
                "split it or shorten it: an analysis is a few KB of text",
            )
        ]
    other = next((name for bom, name in _OTHER_BOMS if raw.startswith(bom)), None)
    # UTF-16 without a byte-order mark: a NUL byte beside every Latin letter.
    if other or raw.count(b"\x00") * 3 > len(raw):
        return None, [
            Problem(
                rel,
                1,
                1,
                NOT_UTF8,
                f"the file is {other} (it starts with a {other} byte-order mark)"
                if other
                else "the file looks like UTF-16 (a NUL byte beside every letter)",
                "save it as UTF-8 (most editors: 'Save with encoding')",
            )
        ]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = texts.position_of(raw, exc.start)
        return None, [
            Problem(
                rel,
                line,
                col,
                NOT_UTF8,
                f"byte 0x{raw[exc.start]:02x} is not valid UTF-8",
                "save the file as UTF-8 (most editors: 'Save with encoding')",
            )
        ]
    return text, []


_OTHER_BOMS = (  # UTF-32's starts like UTF-16's: longest first
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def read_markdown(path: Path, rel: str) -> tuple[str | None, list[Problem]]:
    """A hand-written page (content/*.md) as text, or the problems that stop it being read:
    UTF-8 only (a BOM is dropped), every line end a line feed, Unicode NFC; a control
    character (NUL …), a noncharacter or a lone surrogate is an error at its position. The
    text to publish, normalised once like the analyses'."""
    text, problems = read_text(path, rel)
    if text is None:
        return None, problems
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    bad = texts.find_bad(text)
    if bad is not None:
        return None, [_bad_character(rel, *shape.position(text, bad.start()), bad.group())]
    return unicodedata.normalize("NFC", text), []


def load_yaml(
    path: Path, rel: str, limit: int = MAX_FILE_BYTES
) -> tuple[SourceFile | None, list[Problem]]:
    """`limit`: the largest file read, in bytes (an archive's versions.yml may be larger)."""
    text, problems = read_text(path, rel, limit)
    if text is None:
        return None, problems
    screened = shape.screen(rel, text)
    if screened is not None:
        return None, [screened]
    try:
        data, plain = _parse(text)
    except DuplicateKeyError as exc:
        return None, [
            syntax.marked(rel, exc, DUPLICATE_KEY, "remove or rename one of the two keys")
        ]
    except MarkedYAMLError as exc:
        if "constructor for the tag" in (exc.problem or ""):  # !!python/object, !custom …
            return None, [syntax.marked(rel, exc, YAML_TAG, "remove the tag; write plain text")]
        return None, [syntax.syntax_error(rel, text, exc)]
    except (ValueError, KeyError) as exc:  # 2026-02-30 looks like a date; `!!bool maybe`
        return None, [_unfit_value(rel, text, exc)]
    except ReaderError as exc:  # a control character: YAML allows none but tab and newlines
        char = chr(_codepoint(exc.character))
        return None, [_bad_character(rel, *shape.position(text, exc.position), char)]
    except TypeError:  # ruamel builds the mapping before any check: a list key is unhashable
        return None, [shape.collection_key(rel, text)]
    except YAMLError as exc:  # an error ruamel does not locate; still a content error
        return None, [
            Problem(
                rel, 1, 1, YAML_SYNTAX, str(exc).splitlines()[0], "check indentation and quoting"
            )
        ]
    if data is None:
        return None, [
            Problem(
                rel,
                1,
                1,
                EMPTY_FILE,
                "the file is empty",
                "fill it in, or delete it; `clausebook new` writes a skeleton",
            )
        ]
    shaped = shape.first_alias(rel, text)
    if shaped is None and not plain:  # `_plain` builds only what shape accepts
        shaped = shape.shape(rel, text, data)
    if shaped is not None:
        return None, [shaped]
    # Without a backslash no escape wrote a character the text does not show, so a clean
    # text has clean strings: most files are checked in one pass over their text.
    if "\\" in text or not texts.clean(text):
        data, bad = texts.normalise(data)
        if bad:
            return None, [_bad_value(rel, text, *bad[0][:3])]
    return SourceFile(rel, text, data), []


def _bad_value(rel: str, text: str, path: tuple[str | int, ...], key: bool, char: str) -> Problem:
    """The first rejected character of the string at `path` (or of its key), where it is
    written: as itself or as an escape, at or after the start of the value; else the start."""
    line, col = Locator(text).position(path, key=key)
    found = texts.written_at(text, texts.offset_of(text, line, col), char)
    if found is not None:
        line, col = shape.position(text, found)
    return _bad_character(rel, line, col, char)


def _bad_character(rel: str, line: int, col: int, char: str) -> Problem:
    what = texts.bad_character(char) or "a character YAML does not allow"
    return Problem(
        rel,
        line,
        col,
        BAD_CHARACTER,
        f"character U+{ord(char):04X} ({what}) is not allowed in text",
        "delete it; it is usually invisible, pasted from a PDF or Word",
    )


def _codepoint(character: int | str) -> int:
    return character if isinstance(character, int) else ord(character)


_DATE_LIKE = re.compile(r"(?<![\w-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\w-])")


_EXPLICIT_TAG = re.compile(r"!![\w/:.-]*")


def _unfit_value(rel: str, text: str, exc: Exception) -> Problem:
    """A scalar its tag cannot take: an impossible date (implicitly a timestamp), or a value
    after an explicit tag (`!!bool maybe`, `!!int ten`)."""
    dates = (m for m in _DATE_LIKE.finditer(text) if not _is_date(*map(int, m.groups())))
    found = next(dates, None) or _EXPLICIT_TAG.search(text)
    if found is None:
        return Problem(
            rel, 1, 1, BAD_DATE, f"a date does not exist: {exc}", "write dates as YYYY-MM-DD"
        )
    line, col = shape.position(text, found.start())
    if found.re is _DATE_LIKE:
        message = f"{found.group(0)} is not a date ({exc})"
        return Problem(rel, line, col, BAD_DATE, message, "write a real date as YYYY-MM-DD")
    message = f"the value after {found.group(0)} does not fit that tag"
    return Problem(rel, line, col, YAML_TAG, message, "remove the tag; write plain text")


def _is_date(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True
