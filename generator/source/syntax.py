"""Stage 1, load (syntax errors): a YAML parser's error → one problem, at the mistake, in words.

Input: the file's text and the error ruamel.yaml (libyaml) raised. Output: a `Problem`.

The parser says where it gave up, in its own terms ("while parsing a block mapping: did not
find expected key"). The mistake is often elsewhere, and has a name an author knows:

    title: "Customer content      # error[yaml-syntax] the quote opened here is not closed on
    document: service-terms       #   this line: the text runs on to line 11, where a quote
    …                             #   closes it
    excerpt:
      text: "We will not use …"

    exposure:
       rating: low                #
      rationale: The default …    # error[yaml-syntax] `rationale:` is indented 2 spaces, but
                                  #   `rating:` on line 17 above it is indented 3

    topic:customer-data-training  # error[yaml-syntax] `topic:customer-data-training` has no
                                  #   space after the colon, so YAML reads it as text, not a key
    rationale: Note: the default  # error[yaml-syntax] ': ' in the text of `rationale:` starts
                                  #   a new key, for YAML
    document: service-terms
     topic: training              # error[yaml-syntax] `topic:` is indented more than
                                  #   `document:` above it, so YAML reads it as part of
                                  #   document's value
    exposure:
    ⇥rating: low                  # (⇥: a tab) error[yaml-syntax] a tab indents this line;
                                  #   YAML indents with spaces only
"""

from __future__ import annotations

import re

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.tokens import ScalarToken

from generator.check.registry import YAML_SYNTAX, Rule
from generator.problems import Problem

# A `key:` line; `lead` (spaces, and a list item's dash) ends at the key's column.
_KEY_LINE = re.compile(r"^(?P<lead> *(?:- +)?)(?P<key>[\w-]+):(?: |$)")
_NO_SPACE = re.compile(r"^(?P<lead> *(?:- +)?)(?P<key>[\w-]+):(?P<value>[^\s:/][^:]*)$")
_QUOTE_HINT = (
    'close the quote on the line where it opens (a quote inside the text is written \\" in '
    "double quotes, '' in single ones), or use a block (`key: >-` and the text indented below)"
)
_INDENT_HINT = "indent the keys of one mapping by the same number of spaces"


def marked(rel: str, exc: MarkedYAMLError, rule: Rule, hint: str) -> Problem:
    """The parser's own message, at the line where a quote or bracket opened if the error is
    that it was not closed (libyaml only notices later)."""
    mark = exc.problem_mark or exc.context_mark
    context = exc.context or ""
    unclosed = "quoted scalar" in context or "flow sequence" in context or "flow mapping" in context
    noticed = ""
    if exc.context_mark is not None and unclosed:
        mark = exc.context_mark
        if exc.problem_mark is not None and exc.problem_mark.line != mark.line:
            noticed = f" (noticed at line {exc.problem_mark.line + 1})"
    line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    message = (exc.problem or exc.context or "invalid YAML").strip() + noticed
    if exc.context and exc.problem:
        message = f"{exc.context.strip()}: {message}"
    return Problem(rel, line, col, rule, message, hint)


def syntax_error(rel: str, text: str, exc: MarkedYAMLError) -> Problem:
    """A yaml-syntax problem, named as the mistake it most likely is (module docstring)."""
    lines = text.split("\n")
    at = exc.problem_mark
    if at is None:
        return marked(rel, exc, YAML_SYNTAX, hint(exc))
    for number in (at.line, exc.context_mark.line if exc.context_mark else at.line):
        tab = _tab_at(lines, number)
        if tab is not None:
            return Problem(
                rel,
                number + 1,
                tab + 1,
                YAML_SYNTAX,
                "a tab indents this line; YAML indents with spaces only",
                "replace the tab with spaces (most editors: 'indent using spaces')",
            )
    if "quoted scalar" in (exc.context or "") and exc.context_mark is not None:
        start = exc.context_mark
        return Problem(
            rel,
            start.line + 1,
            start.column + 1,
            YAML_SYNTAX,
            "the quote opened here is never closed",
            _QUOTE_HINT,
        )
    quoted = _quote_ending_on(text, at.line)
    if quoted is not None:
        start, end = quoted
        return Problem(
            rel,
            start[0] + 1,
            start[1] + 1,
            YAML_SYNTAX,
            f"the quote opened here is not closed on this line: the text runs on to line "
            f"{end + 1}, where a quote closes it",
            _QUOTE_HINT,
        )
    indented = _indentation(rel, lines, exc)
    return indented or marked(rel, exc, YAML_SYNTAX, hint(exc))


def _tab_at(lines: list[str], number: int) -> int | None:
    """The column (0-based) of a tab in the line's indentation, if there is one."""
    if number >= len(lines):
        return None
    line = lines[number]
    indent = line[: len(line) - len(line.lstrip(" \t"))]
    return indent.index("\t") if "\t" in indent else None


def _quote_ending_on(text: str, line: int) -> tuple[tuple[int, int], int] | None:
    """(line, column) of the opening quote and the line of the closing one, of a quoted text
    that spans lines and closes on `line`: nearly always a quote left open where it started."""
    found = None
    try:
        for token in YAML(typ="safe", pure=True).scan(text):
            if token.start_mark.line > line:
                break
            if isinstance(token, ScalarToken) and token.style in ('"', "'"):
                start, end = token.start_mark, token.end_mark
                if start.line < end.line == line:
                    found = ((start.line, start.column), end.line)
    except YAMLError:
        pass  # the scan stops at the error; the tokens before it are all that matter
    return found


def _indentation(rel: str, lines: list[str], exc: MarkedYAMLError) -> Problem | None:
    """A key indented differently from the keys it stands among, or more than the `key:
    value` line above it (so YAML reads it as the rest of that value); a key without a space
    after its colon."""
    at = exc.problem_mark
    assert at is not None
    problem = exc.problem or ""
    context = exc.context_mark
    if "could not find expected ':'" in problem and context is not None:
        glued = _NO_SPACE.match(lines[context.line]) if context.line < len(lines) else None
        if glued is not None:
            name, value = glued["key"], glued["value"].strip()
            return _problem(
                rel,
                context.line,
                len(glued["lead"]) + len(name) + 1,
                f"`{name}:{value}` has no space after the colon, so YAML reads it as text, "
                "not a key",
                f"write `{name}: {value}`",
            )
    if at.line >= len(lines):
        return None
    key = _KEY_LINE.match(lines[at.line])
    if key is None:
        return None
    indent, name = len(key["lead"]), key["key"]
    if "mapping values are not allowed" in problem:
        above = next((lines[i] for i in range(at.line - 1, -1, -1) if lines[i].strip()), "")
        over = _KEY_LINE.match(above)
        if over is not None and indent > len(over["lead"]) and above.rstrip()[-1:] != ":":
            return _problem(
                rel,
                at.line,
                indent,
                f"`{name}:` is indented more than `{over['key']}:` above it, so YAML reads "
                f"it as part of {over['key']}'s value",
                f"line it up with `{over['key']}:`; if ': ' belongs to the text, put the text "
                "in quotes",
            )
        return _problem(
            rel,
            at.line,
            at.column,
            f"': ' in the text of `{name}:` starts a new key, for YAML",
            f"put the whole text in quotes, or write it as a block (`{name}: >-` and the text "
            "indented below it)",
        )
    if "expected key" in problem or "block end" in problem or "'-' indicator" in problem:
        key_above = next((i for i in range(at.line - 1, -1, -1) if _KEY_LINE.match(lines[i])), -1)
        over = _KEY_LINE.match(lines[key_above]) if key_above >= 0 else None
        if over is not None and len(over["lead"]) != indent:
            return _problem(
                rel,
                at.line,
                indent,
                f"`{name}:` is indented {indent} spaces, but `{over['key']}:` on line "
                f"{key_above + 1} above it is indented {len(over['lead'])}",
                _INDENT_HINT,
            )
    return None


def _problem(rel: str, line: int, col: int, message: str, hint: str) -> Problem:
    """A problem at a 0-based line and column."""
    return Problem(rel, line + 1, col + 1, YAML_SYNTAX, message, hint)


def hint(exc: MarkedYAMLError) -> str:
    problem = (exc.problem or "").lower()
    if "tab" in problem or "cannot start any token" in problem:
        return "indent with spaces, never tabs"
    if "quoted scalar" in problem:
        return _QUOTE_HINT
    if "mapping values are not allowed" in problem:
        return "quote text that contains ': ' or use a block scalar (`key: >-`)"
    if "expected <block end>" in problem or "expected key" in problem:
        return "check for an unclosed quote or wrong indentation on this line or above it"
    if "expected ','" in problem or "flow" in problem or "flow" in (exc.context or ""):
        return "close the [ ] or { }, or write the list one '- item' per line"
    return "check indentation and quoting around this position"
