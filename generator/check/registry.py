"""Stage 2, check (the registry): every rule id Clausebook reports, in README.md's order, with
its default severity, its summary and the module that reports it, whose docstring documents it.

Code names a rule by its constant (`EXCERPT_NOT_IN_SOURCE`), never by its id as a string
(tests/test_rule_registry.py). A `Rule` is its id, a `str`: `Problem.rule`, comparisons and
every output format are the id. README.md's table of rules is `clausebook rules --markdown`.
Standard library only: `clausebook paths` runs before anything is installed.
"""

from __future__ import annotations

import re
from importlib import import_module
from typing import TYPE_CHECKING

from generator.problems import Severity

if TYPE_CHECKING:
    from collections.abc import Callable

_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
_REGISTERED: dict[str, Rule] = {}


class Rule(str):
    """A rule id, registered once, with what a reader of its problems needs to know."""

    severity: Severity
    """Its problems' severity, unless a finding gives one: errors stop a build, warnings not."""
    module: str
    """The module that reports it (dotted); its docstring is the rule's documentation."""
    summary: str
    """One line, as README.md's table of rules shows it (Markdown)."""

    def __new__(cls, rule_id: str, module: str, summary: str, severity: Severity = "error") -> Rule:
        if not _ID.fullmatch(rule_id) or rule_id in _REGISTERED:
            raise ValueError(f"rule id {rule_id!r} is not lower-case words, or is taken")
        rule = super().__new__(cls, rule_id)
        rule.__dict__.update(severity=severity, module=module, summary=summary)
        _REGISTERED[rule_id] = rule
        return rule

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"rule {self} is read-only")

    def __reduce__(self) -> tuple[Callable[[str], Rule], tuple[str]]:
        """Pickled (to and from the load's worker processes) as its id: unpickling gives the
        registered rule back, not a copy."""
        return rule, (str(self),)

    @property
    def docs(self) -> str:
        """The rule's documentation: its module's docstring."""
        return import_module(self.module).__doc__ or ""


def rule(rule_id: str) -> Rule:
    """The registered rule with this id (`clausebook rules ID`)."""
    try:
        return _REGISTERED[rule_id]
    except KeyError:
        raise ValueError(f"no rule '{rule_id}'; `clausebook rules` lists them") from None


WARNING: Severity = "warning"
_LOAD, _SHAPE, _RENDER = "generator.source.load", "generator.source.shape", "generator.site.render"
_CHECK = "generator.check."
_FIELDS, _DATES, _LAYOUT = _CHECK + "fields", _CHECK + "dates", _CHECK + "layout"
_REFERENCES, _RESERVED, _LINKS = _CHECK + "references", _CHECK + "reserved", _CHECK + "links"
_BIDI, _EXCERPTS, _ARCHIVES = _CHECK + "bidi", _CHECK + "excerpts", _CHECK + "archives"
_CONTENT, _ANSWERS, _RUN = _CHECK + "content", _CHECK + "answers", _CHECK + "run"
_PATHS = "generator.review.paths"

FILE_TOO_LARGE = Rule(
    "file-too-large",
    _LOAD,
    "a YAML file or content page over 512 KB (read no further than the limit)",
)
NOT_UTF8 = Rule(
    "not-utf8",
    _LOAD,
    "the file (an analysis or a content/ page) is not UTF-8; UTF-16 and UTF-32 are named as such "
    "(a UTF-8 BOM and CRLF line ends are fine)",
)
BAD_CHARACTER = Rule(
    "bad-character",
    _LOAD,
    'a character no text may hold, typed or written as a YAML escape (`"\\x9b"`), in an analysis or'
    " a content/ page: a control character other than tab and line feed (NUL, ESC, a lone CR, C1 "
    "controls such as U+009B), a Unicode noncharacter (U+FFFE, U+FDD0 …) or a lone surrogate; "
    "refused, never replaced",
)
YAML_SYNTAX = Rule(
    "yaml-syntax", _LOAD, "not valid YAML: indentation, tabs, unclosed quotes or brackets"
)
INDENTED_INTO_TEXT = Rule(
    "indented-into-text",
    _CHECK + "swallowed",
    "a key indented under a block of text (`text: >-`), or a list item under the item above "
    "it, so YAML reads it as part of the text",
)
DUPLICATE_KEY = Rule("duplicate-key", _LOAD, "the same key twice in one mapping")
EMPTY_FILE = Rule("empty-file", _LOAD, "nothing but whitespace or comments")
YAML_ALIAS = Rule(
    "yaml-alias", _SHAPE, "an anchor/alias (`&a` … `*a`): never needed, and a memory bomb"
)
YAML_TAG = Rule("yaml-tag", _SHAPE, "a `!!binary`, `!!set`, `!!python/…` or custom tag")
YAML_TOO_DEEP = Rule(
    "yaml-too-deep",
    _SHAPE,
    "nesting deeper than 16 levels (a parser crash and quadratic time guard)",
)
NOT_A_MAPPING = Rule("not-a-mapping", _FIELDS, "the top level is a list or a scalar")
UNKNOWN_KEY = Rule("unknown-key", _FIELDS, "a key the format does not have (with a did-you-mean)")
MISSING_KEY = Rule("missing-key", _FIELDS, "a required key is missing")
WRONG_TYPE = Rule("wrong-type", _FIELDS, "text where a list is expected, a number where text is, …")
EMPTY_VALUE = Rule("empty-value", _FIELDS, "a key with no value, or only whitespace")
BAD_ENUM = Rule("bad-enum", _FIELDS, "a value outside its list (rating, document type, status)")
BAD_DATE = Rule(
    "bad-date", _FIELDS, "not a date, an impossible date (2026-02-30), a number, a date with a time"
)
FUTURE_DATE = Rule(
    "future-date",
    _DATES,
    "a date after today anywhere on Earth (the date in UTC+14; `clausebook new` writes the UTC "
    "date)",
)
HISTORY_ORDER = Rule("history-order", _DATES, "history entries not oldest first")
BAD_ID = Rule(
    "bad-id", _FIELDS, "an id that is not lower-case words with hyphens (so no `..`, `/`, capitals)"
)
BAD_URL = Rule(
    "bad-url",
    _FIELDS,
    "not an http(s) URL that goes where it says, read as a browser reads it "
    "(`generator/model/urls.py`): `javascript:`, `data:`, a user name before the host "
    "(`https://bank.example@evil.example`), a backslash (read as `/`), a space or an invisible "
    "character, a host with letters outside a-z (write it in punycode), a port that is not one",
)
TEXT_TOO_LONG = Rule(
    "text-too-long", _FIELDS, "a text over its limit (20,000 characters; 300 for one-line fields)"
)
INVALID_VALUE = Rule(
    "invalid-value", _FIELDS, "any other value the model rejects (e.g. a key that is not text)"
)
FILE_NAME = Rule(
    "file-name",
    _LAYOUT,
    "a file or folder name that is not an id, or a reserved name; anywhere in analyses/ or "
    "content/, a name another system cannot hold: a control or invisible formatting character, one"
    ' of `<>:"|?*\\`, a Windows device name (`con`, `nul`, `com1` …, with any extension), a '
    "trailing dot or space, over 255 bytes, or a path over 200 characters",
)
STRAY_FILE = Rule("stray-file", _LAYOUT, "a file that is not part of the layout", severity=WARNING)
SYMLINK = Rule(
    "symlink",
    _LAYOUT,
    "a symbolic link in analyses/ or content/ (never followed: it could expose any file)",
)
MISSING_FILE = Rule(
    "missing-file", _LAYOUT, "topics.yml, jurisdictions.yml or a platform.yml is missing"
)
ID_COLLISION = Rule(
    "id-collision",
    _LAYOUT,
    "two names in one folder of analyses/ or content/ that differ only by case or Unicode "
    "normalisation (one file on macOS/Windows)",
)
DUPLICATE_ID = Rule("duplicate-id", _REFERENCES, "an id or code defined twice in one file")
DANGLING_REFERENCE = Rule(
    "dangling-reference",
    _REFERENCES,
    "a document, topic, jurisdiction, related analysis or sources/ folder that does not exist",
)
RESERVED_ID = Rule(
    "reserved-id",
    _RESERVED,
    "an id whose page would replace a generated page (topic `index`), or a topic or document id "
    "that is a Windows device name (`con`, `aux` …)",
)
OUTPUT_COLLISION = Rule(
    "output-collision",
    _RENDER,
    "two inputs would write the same page, or pages whose paths (or folders) differ only by case "
    "or Unicode normalisation; both are named",
)
LINK_SCHEME = Rule(
    "link-scheme",
    _LINKS,
    "a link in text that is not http(s), mailto or relative, or an http(s) address a URL field "
    "would refuse (`/\\evil.example` and `//evil.example` are other sites); it is shown as text",
    severity=WARNING,
)
BIDI_CONTROL = Rule(
    "bidi-control",
    _BIDI,
    "a bidirectional control (U+202A to U+202E, U+2066 to U+2069) left open, or closing nothing "
    '("Trojan source"): it reorders the rest of its text',
    severity=WARNING,
)
EXCERPT_NOT_IN_SOURCE = Rule(
    "excerpt-not-in-source",
    _EXCERPTS,
    'the excerpt is in no archived version of its document, on word boundaries ("enforceable" is '
    'not in "unenforceable"); the hint quotes the closest passage of the newest version, how many '
    "words are alike and both sides of the first difference",
)
EXCERPT_OUTDATED = Rule(
    "excerpt-outdated",
    _EXCERPTS,
    "the excerpt is in an older archived version but not in the newest complete one: the message "
    "gives the day the quoted text changed; the clause page says the analysis is under review",
    severity=WARNING,
)
EXCERPT_TOO_SHORT = Rule(
    "excerpt-too-short",
    _EXCERPTS,
    "an excerpt of fewer than 4 words, of a document with archived copies: it would occur by "
    "chance",
)
ARCHIVE_INDEX = Rule(
    "archive-index",
    _ARCHIVES,
    "an archive's versions.yml disagrees with itself: versions not oldest first, a `date` that is "
    "not the UTC day of `recorded`, a file not named after its day and place in it (`-2`, `-3` …),"
    " a commit archived twice (see [Archived sources](#archived-sources))",
)
ARCHIVE_VERSION = Rule(
    "archive-version",
    _ARCHIVES,
    "an archived version's file is missing, a link, over 5 MB, not UTF-8 with LF line ends and "
    "exactly one final newline, or its SHA-256 is not the one versions.yml records",
)
CONTENT_FILE = Rule(
    "content-file",
    _CONTENT,
    "a file in content/ that is not a `.md` page (nothing else is published from it)",
)
CONTENT_FRONT_MATTER = Rule(
    "content-front-matter",
    _CONTENT,
    "front matter in a content/ page other than a plain-text `title` or `description` (also "
    "MkDocs' `Key: value` lines at the top)",
)
CONTENT_HTML = Rule(
    "content-html",
    _CONTENT,
    'raw HTML, an HTML comment, a `markdown="1"` block, an attribute list adding an event handler '
    "or style, an image, a link that is not http(s), mailto or relative, or `<`/`>` in a heading, "
    "in a content/ page",
)
PATH_GENERATED = Rule(
    "path-generated",
    _PATHS,
    "(`clausebook paths`) a generated file committed: build/, site/, caches, …",
)
PATH_LINK = Rule(
    "path-link", _PATHS, "(`clausebook paths`) a symbolic link or a submodule committed"
)
PATH_EXECUTABLE = Rule(
    "path-executable",
    _PATHS,
    "(`clausebook paths`) an authored file (analyses/, content/) with its executable bit",
)
PATH_OUTSIDE = Rule(
    "path-outside",
    _PATHS,
    "(`clausebook paths`) a file outside the authored areas in a change that touches no code",
)
BAD_ANSWER = Rule(
    "bad-answer",
    _ANSWERS,
    "an analysis's `answer` that its topic's form does not allow (a value not among the choices, "
    "days that are not a whole number, a phrase over 80 characters), a missing answer where the "
    "topic asks a question, or a topic with a question and no answer form",
)
COVERAGE_CONFLICT = Rule(
    "coverage-conflict",
    _ANSWERS,
    "a platform marks a topic `not_addressed` while one of its analyses covers it",
)
INTERNAL_ERROR = Rule("internal-error", _RUN, "a rule crashed (a bug; the other rules still ran)")

RULES: tuple[Rule, ...] = tuple(_REGISTERED.values())


def table() -> str:
    """README.md's table of rules, in Markdown."""
    # A `|` ends a table cell even in a code span: GitHub reads `\|` as the character.
    rows = [f"| `{r}` | {r.severity} | {r.summary.replace('|', _CELL_BAR)} |" for r in RULES]
    return "\n".join(["| rule | severity | meaning |", "|---|---|---|", *rows]) + "\n"


_CELL_BAR = r"\|"


def listing() -> str:
    """For `clausebook rules`: a rule a line, its id, severity and summary."""
    width = max(map(len, RULES))
    return "".join(f"{r:<{width}}  {r.severity:<7}  {r.summary}\n" for r in RULES)


def describe(rule_id: str) -> str:
    """For `clausebook rules ID`: the rule, and its documentation."""
    r = rule(rule_id)
    return f"{r} ({r.severity}): {r.summary}\n\nFrom {r.module}:\n\n{r.docs.strip()}\n"
