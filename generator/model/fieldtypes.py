"""Stage 3, model: the field types of the authoring format, shared by its models
(generator/model/authoring.py) and by an archive's versions.yml (generator/source/archive.py).

Each is an annotated type: its limits (length, pattern), its validators, which raise the
pydantic errors that generator/check/fields.py turns into rule ids, and the pattern the JSON
Schema gives editors for what a validator checks.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema
from pydantic_core import PydanticCustomError

from generator.model.urls import http_problem, https_problem, url_pattern

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
JURISDICTION_PATTERN = r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$"
MAX_TEXT = 20_000  # characters in one text field; bounds page size and render time
# GitHub's own limits: an owner of at most 39 characters, a repository name of at most 100.
REPOSITORY_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}$"
# A folder or file name in an OTA versions repository ("Amazon Web Services", "Terms of
# Service"): one path segment, so no slash, no control character, no leading dot or dash
# (no "..", no option to git), no space at either end.
OTA_NAME_PATTERN = r"^[^\s./\\:\x00-\x1f\x7f-](?:[^/\\\x00-\x1f\x7f]*[^\s/\\\x00-\x1f\x7f])?$"


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("blank_text", "text is empty")
    return value


def _https_url(value: str) -> str:
    return _url(value, https_problem(value))


def _http_url(value: str) -> str:
    return _url(value, http_problem(value))  # the rule links in text follow too (model/urls.py)


def _url(value: str, problem: str | None) -> str:
    if problem:
        raise PydanticCustomError(
            "bad_url", "'{url}' {problem}", {"url": value, "problem": problem}
        )
    return value


def _single_line(value: str) -> str:
    if "\n" in value.strip() or "\r" in value:
        raise PydanticCustomError("multi_line", "must be a single line")
    return value


def matching(pattern: str, what: str) -> Callable[[str], str]:
    """A pattern check whose error names what was expected (a `pattern` in the Field would be
    reported as an id that should be lower-case words)."""
    compiled = re.compile(pattern)

    def check(value: str) -> str:
        if not compiled.fullmatch(value):
            raise PydanticCustomError(
                "no_match", "'{value}' is not {what}", {"value": value, "what": what}
            )
        return value

    return check


def _css_selector(value: str) -> str:
    import soupsieve  # only when a document declares selectors: 60 ms to import

    try:
        with warnings.catch_warnings():  # deprecated spellings (:contains) still work
            warnings.simplefilter("ignore")
            soupsieve.compile(value)
    except (soupsieve.SelectorSyntaxError, NotImplementedError, ValueError) as exc:
        why = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise PydanticCustomError(
            "bad_selector",
            "'{selector}' is not a CSS selector: {why}",
            {"selector": value, "why": why},
        ) from None
    return value


def _listify(value: Any) -> Any:
    """`select: main` means `select: [main]`, as in OTA's declarations."""
    return (value,) if isinstance(value, str) else value


def _calendar_date(value: object) -> object:
    # pydantic would read a number as seconds since 1970: `reviewed: 0` is not 1 January 1970.
    if isinstance(value, (int, float)):
        raise PydanticCustomError("date_type", "a number is not a date")
    return value


# For editors (the JSON Schema), what _not_blank and _single_line check: a character that is
# not a space; and one line, blank lines around it aside, no carriage return anywhere.
NOT_BLANK_PATTERN = r"\S"
ONE_LINE_PATTERN = r"^[^\S\r]*\S(?:[^\r\n]*\S)?[^\S\r]*$"
Text = Annotated[
    str,
    Field(min_length=1, max_length=MAX_TEXT, json_schema_extra={"pattern": NOT_BLANK_PATTERN}),
    AfterValidator(_not_blank),
]
Line = Annotated[
    str,
    Field(min_length=1, max_length=300, json_schema_extra={"pattern": ONE_LINE_PATTERN}),
    AfterValidator(_not_blank),
    AfterValidator(_single_line),
]
Url = Annotated[
    str,
    Field(max_length=2_000, json_schema_extra={"format": "uri", "pattern": url_pattern("https")}),
    AfterValidator(_https_url),
]
# A page `clausebook sources fetch` downloads: http too (a test's local server, an old site).
FetchUrl = Annotated[
    str,
    Field(
        max_length=2_000,
        json_schema_extra={"format": "uri", "pattern": url_pattern("http", "https")},
    ),
    AfterValidator(_http_url),
]
Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=80)]
JurisdictionCode = Annotated[str, Field(pattern=JURISDICTION_PATTERN)]
Rating = Literal["low", "medium", "high"]
DocumentType = Literal[
    "service-terms",
    "customer-agreement",
    "acceptable-use-policy",
    "data-processing-addendum",
    "model-terms",
    "privacy-policy",
    "usage-policy",
    "other",
]
Date = Annotated[dt.date, BeforeValidator(_calendar_date)]
Repository = Annotated[
    str,
    Field(max_length=140, json_schema_extra={"pattern": REPOSITORY_PATTERN}),
    AfterValidator(matching(REPOSITORY_PATTERN, "a GitHub repository as OWNER/NAME")),
]
OtaName = Annotated[
    str,
    Field(min_length=1, max_length=200, json_schema_extra={"pattern": OTA_NAME_PATTERN}),
    AfterValidator(matching(OTA_NAME_PATTERN, "one folder or file name of an OTA repository")),
]
Selector = Annotated[
    str,
    Field(min_length=1, max_length=500),
    AfterValidator(_not_blank),
    AfterValidator(_css_selector),
]
Selectors = Annotated[
    tuple[Selector, ...],
    BeforeValidator(_listify),
    Field(min_length=1, max_length=50),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "minLength": 1},
                {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
            ],
            "description": "a CSS selector, or a list of them",
        }
    ),
]
ClauseRef = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*$")]


def is_id(value: str) -> bool:
    return re.fullmatch(ID_PATTERN, value) is not None
