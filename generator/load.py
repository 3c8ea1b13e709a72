"""Stage 1, load: YAML files on disk → plain Python data, or problems.

Fast path: ruamel.yaml's C-accelerated safe loader (about 8x faster than round-trip). Only
files with problems are re-read with the round-trip loader, by `locations.Locator`, to find
line and column. Raw YAML objects never leave load and validate.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError

from generator import yamlshape
from generator.problems import Problem

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


def read_text(path: Path, rel: str) -> tuple[str | None, list[Problem]]:
    """Read a UTF-8 file (a BOM is accepted and dropped; CRLF is fine for YAML)."""
    # Never more than the limit in memory, even from a huge file or a link to /dev/zero.
    with path.open("rb") as stream:
        raw = stream.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        size = path.stat().st_size
        shown = f"{size:,} bytes" if size > MAX_FILE_BYTES else "endless"
        return None, [
            Problem(
                rel,
                1,
                1,
                "file-too-large",
                f"file is {shown}; the limit is {MAX_FILE_BYTES:,} bytes",
                "split it or shorten it: an analysis is a few KB of text",
            )
        ]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            Problem(
                rel,
                line,
                col,
                "not-utf8",
                f"byte 0x{raw[exc.start]:02x} is not valid UTF-8",
                "save the file as UTF-8 (most editors: 'Save with encoding')",
            )
        ]


def load_yaml(path: Path, rel: str) -> tuple[SourceFile | None, list[Problem]]:
    text, problems = read_text(path, rel)
    if text is None:
        return None, problems
    screened = yamlshape.screen(rel, text)
    if screened is not None:
        return None, [screened]
    try:
        data = _YAML.load(text)
    except DuplicateKeyError as exc:
        return None, [_marked(rel, exc, "duplicate-key", "remove or rename one of the two keys")]
    except MarkedYAMLError as exc:
        if "constructor for the tag" in (exc.problem or ""):  # !!python/object, !custom …
            return None, [_marked(rel, exc, "yaml-tag", "remove the tag; write plain text")]
        return None, [_marked(rel, exc, "yaml-syntax", _syntax_hint(exc))]
    except ValueError as exc:  # the YAML timestamp constructor: 2026-02-30 looks like a date
        return None, [_bad_timestamp(rel, text, exc)]
    except ReaderError as exc:  # a control character: YAML allows none but tab and newlines
        line, col = yamlshape.position(text, exc.position)
        return None, [
            Problem(
                rel,
                line,
                col,
                "bad-character",
                f"character U+{_codepoint(exc.character):04X} is not allowed in YAML",
                "delete it; it is usually invisible, pasted from a PDF or Word",
            )
        ]
    except TypeError:  # ruamel builds the mapping before any check: a list key is unhashable
        return None, [yamlshape.collection_key(rel, text)]
    except YAMLError as exc:  # an error ruamel does not locate; still a content error
        return None, [
            Problem(
                rel, 1, 1, "yaml-syntax", str(exc).splitlines()[0], "check indentation and quoting"
            )
        ]
    if data is None:
        return None, [
            Problem(
                rel,
                1,
                1,
                "empty-file",
                "the file is empty",
                "fill it in, or delete it; `clausebook new` writes a skeleton",
            )
        ]
    shaped = yamlshape.first_alias(rel, text) or yamlshape.shape(rel, text, data)
    if shaped is not None:
        return None, [shaped]
    return SourceFile(rel, text, data), []


def _codepoint(character: int | str) -> int:
    return character if isinstance(character, int) else ord(character)


def _marked(rel: str, exc: MarkedYAMLError, rule: str, hint: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    context = exc.context or ""
    unclosed = "quoted scalar" in context or "flow sequence" in context or "flow mapping" in context
    noticed = ""
    if exc.context_mark is not None and unclosed:
        # Point where the quote or bracket opened, not at the line where libyaml gave up.
        mark = exc.context_mark
        if exc.problem_mark is not None and exc.problem_mark.line != mark.line:
            noticed = f" (noticed at line {exc.problem_mark.line + 1})"
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    message = (exc.problem or exc.context or "invalid YAML").strip() + noticed
    if exc.context and exc.problem:
        message = f"{exc.context.strip()}: {message}"
    return Problem(rel, line, col, rule, message, hint)


_DATE_LIKE = re.compile(r"(?<![\w-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\w-])")


def _bad_timestamp(rel: str, text: str, exc: ValueError) -> Problem:
    for match in _DATE_LIKE.finditer(text):
        try:
            dt.date(*map(int, match.groups()))
        except ValueError:
            line, col = yamlshape.position(text, match.start())
            return Problem(
                rel,
                line,
                col,
                "bad-date",
                f"{match.group(0)} is not a date ({exc})",
                "write a real date as YYYY-MM-DD",
            )
    return Problem(
        rel, 1, 1, "bad-date", f"a date does not exist: {exc}", "write dates as YYYY-MM-DD"
    )


def _syntax_hint(exc: MarkedYAMLError) -> str:
    problem = (exc.problem or "").lower()
    if "tab" in problem or "cannot start any token" in problem:
        return "indent with spaces, never tabs"
    if "quoted scalar" in problem:
        return "close the quote, or use a block scalar (`key: >-` and the text indented below)"
    if "mapping values are not allowed" in problem:
        return "quote text that contains ': ' or use a block scalar (`key: >-`)"
    if "expected <block end>" in problem or "expected key" in problem:
        return "check for an unclosed quote or wrong indentation on this line or above it"
    if "expected ','" in problem or "flow" in problem or "flow" in (exc.context or ""):
        return "close the [ ] or { }, or write the list one '- item' per line"
    return "check indentation and quoting around this position"
