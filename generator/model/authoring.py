"""The authoring format as typed, immutable models.

Field names equal the YAML keys, so a validation error's location is also the YAML path.
The JSON Schemas in analyses/schema/ are generated from these classes (`clausebook schema`).
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from collections.abc import Callable
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictInt,
    StrictStr,
    WithJsonSchema,
    model_validator,
)
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


class Strict(BaseModel):
    """Unknown keys are errors; instances are immutable."""

    # Attribute docstrings become the JSON Schema's descriptions, which editors show.
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


class Change(Strict):
    date: Date
    summary: Text
    kind: Literal["clause", "analysis"] = "clause"
    """clause: the document's text changed (dated by the version where it changed);
    analysis: our analysis was published or revised."""


class OtaSource(Strict):
    """A document tracked by Open Terms Archive: `<service>/<terms_type>.md` in `repository`."""

    repository: Repository
    service: OtaName
    terms_type: OtaName


class Source(Strict):
    """Where a document's versions come from: exactly one of `ota` (an Open Terms Archive
    versions repository) or `fetch` (a URL, with the CSS selectors of the legal text, in OTA's
    own declaration form)."""

    model_config = ConfigDict(
        json_schema_extra={
            "oneOf": [{"required": ["ota"]}, {"required": ["fetch"]}],
            "dependentRequired": {"select": ["fetch"], "remove": ["fetch"]},
        }
    )

    ota: OtaSource | None = None
    fetch: FetchUrl | None = None
    select: Selectors | None = None
    remove: Selectors | None = None

    @model_validator(mode="after")
    def _one_origin(self) -> Source:
        if self.ota is not None and self.fetch is not None:
            raise PydanticCustomError(
                "source_both", "holds both 'ota' and 'fetch'; a document's versions come from one"
            )
        if self.ota is None and self.fetch is None:
            raise PydanticCustomError(
                "source_none", "needs 'ota' (an Open Terms Archive repository) or 'fetch' (a URL)"
            )
        if self.ota is not None and (self.select or self.remove):
            raise PydanticCustomError(
                "source_selectors", "'select' and 'remove' belong to a 'fetch' source, not 'ota'"
            )
        return self


class Document(Strict):
    id: Id
    title: Line
    url: Url
    type: DocumentType
    history: tuple[Change, ...] = ()
    source: Source | None = None


class NotAddressed(Strict):
    """A topic the platform's terms do not address: an authored finding, with the documents
    read to reach it (not the same as "not yet analysed", which is simply no analysis)."""

    topic: Id
    """The topic (an id from analyses/topics.yml)."""
    documents: tuple[Id, ...] = Field(min_length=1)
    """The documents of this platform that were read and found silent on the topic."""
    note: Text
    """What was looked for, in a sentence or two."""
    reviewed: Date
    """When the documents were last read for this topic."""


class Platform(Strict):
    """analyses/<platform>/platform.yml"""

    name: Line
    vendor: Line
    website: Url
    description: Text
    documents: tuple[Document, ...] = Field(min_length=1)
    not_addressed: tuple[NotAddressed, ...] = ()
    """Topics its terms do not address (see the methodology's coverage section)."""


class Excerpt(Strict):
    text: Text
    section: Line | None = None
    source_url: Url
    retrieved: Date


class Exposure(Strict):
    rating: Rating
    rationale: Text


class JurisdictionFlag(Strict):
    code: JurisdictionCode
    note: Text


class Citation(Strict):
    label: Line
    url: Url


class Question(Strict):
    question: Text
    answer: Text


AnswerValue = StrictInt | StrictStr  # `30` is days, `"30"` a phrase: no coercion either way


class ShortAnswer(Strict):
    """The analysis's answer to its topic's question, in the form the topic defines."""

    value: AnswerValue
    """A choice's value, a number of days, or a short phrase (see analyses/topics.yml)."""
    reason: Line
    """Why, in one line: what in the clause decides the answer."""


class Analysis(Strict):
    """analyses/<platform>/<clause>.yml"""

    title: Line
    document: Id
    topic: Id
    answer: ShortAnswer | None = None
    """The short answer to the topic's question (required when the topic defines one)."""
    summary: Text
    impact: Text
    excerpt: Excerpt
    regulatory_landscape: Text
    exposure: Exposure
    jurisdictions: tuple[JurisdictionFlag, ...] = ()
    contract_implications: Text
    compliance_considerations: tuple[Text, ...] = Field(min_length=1)
    citations: tuple[Citation, ...] = ()
    enforcement_risk: Text | None = None
    history: tuple[Change, ...] = Field(min_length=1)
    faq: tuple[Question, ...] = ()
    related: tuple[ClauseRef, ...] = ()
    status: Literal["published", "draft"] = "published"
    reviewed: Date


class Choice(Strict):
    value: Id
    """What an analysis writes as its answer, e.g. opt-out."""
    label: Line
    """How the answer is shown, e.g. "Yes, unless you opt out"."""
    meaning: Text
    """What the answer means, for the legend."""


MAX_ANSWER_TEXT = 80  # characters of a short answer in words ("text" form)
MAX_DAYS = 36_500  # a hundred years


class AnswerForm(Strict):
    """The form of a topic's short answer: one of fixed choices, a number of days, or a
    short phrase."""

    kind: Literal["choice", "days", "text"]
    choices: tuple[Choice, ...] = ()
    """choice: the answers allowed (at least two)."""
    unit: Line | None = None
    """days: what the number counts, e.g. "days of default retention"."""
    special: tuple[Choice, ...] = ()
    """days: answers that are not a number, e.g. no-limit ("No stated limit")."""
    hint: Line | None = None
    """text: what to write, with an example."""

    @model_validator(mode="after")
    def _choices_for_choice(self) -> AnswerForm:
        if self.kind == "choice" and len(self.choices) < 2:
            raise PydanticCustomError("answer_choices", "a choice answer needs two choices or more")
        if self.kind != "choice" and self.choices:
            raise PydanticCustomError("answer_choices", "only a choice answer has choices")
        if self.kind != "days" and self.special:
            raise PydanticCustomError("answer_choices", "only a days answer has special values")
        values = [c.value for c in (*self.choices, *self.special)]
        if len(set(values)) != len(values):
            raise PydanticCustomError("answer_choices", "two choices have the same value")
        return self


class RatingLegend(Strict):
    """What each exposure rating means for this topic."""

    low: Text
    medium: Text
    high: Text


class Topic(Strict):
    id: Id
    title: Line
    definition: Text
    question: Line | None = None
    """The question a reader brings, answered by each analysis of the topic."""
    answer: AnswerForm | None = None
    """The form of that answer (with `question`)."""
    ratings: RatingLegend | None = None
    """What low, medium and high mean for this topic."""


class Topics(Strict):
    """analyses/topics.yml"""

    topics: tuple[Topic, ...]


class Regime(Strict):
    name: Line
    url: Url | None = None


class Jurisdiction(Strict):
    code: JurisdictionCode
    name: Line
    description: Text
    regimes: tuple[Regime, ...] = ()


class Jurisdictions(Strict):
    """analyses/jurisdictions.yml"""

    jurisdictions: tuple[Jurisdiction, ...]


def slug(code: str) -> str:
    """URL segment of a jurisdiction code: EU → eu, US-CA → us-ca."""
    return code.lower()


def is_id(value: str) -> bool:
    return re.fullmatch(ID_PATTERN, value) is not None
