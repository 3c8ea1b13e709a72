"""The authoring format as typed, immutable models.

Field names equal the YAML keys, so a validation error's location is also the YAML path.
The JSON Schemas in analyses/schema/ are generated from these classes (`clausebook schema`).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from generator.urls import http_problem

ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
JURISDICTION_PATTERN = r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$"
MAX_TEXT = 20_000  # characters in one text field; bounds page size and render time


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("blank_text", "text is empty")
    return value


def _http_url(value: str) -> str:
    problem = http_problem(value)  # the rule links in text follow too (generator/urls.py)
    if problem:
        raise PydanticCustomError(
            "bad_url", "'{url}' {problem}", {"url": value, "problem": problem}
        )
    return value


def _single_line(value: str) -> str:
    if "\n" in value.strip() or "\r" in value:
        raise PydanticCustomError("multi_line", "must be a single line")
    return value


def _calendar_date(value: object) -> object:
    # pydantic would read a number as seconds since 1970: `reviewed: 0` is not 1 January 1970.
    if isinstance(value, (int, float)):
        raise PydanticCustomError("date_type", "a number is not a date")
    return value


Text = Annotated[str, Field(min_length=1, max_length=MAX_TEXT), AfterValidator(_not_blank)]
Line = Annotated[
    str,
    Field(min_length=1, max_length=300),
    AfterValidator(_not_blank),
    AfterValidator(_single_line),
]
Url = Annotated[
    str, Field(max_length=2_000, json_schema_extra={"format": "uri"}), AfterValidator(_http_url)
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
ClauseRef = Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*$")]


class Strict(BaseModel):
    """Unknown keys are errors; instances are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Change(Strict):
    date: Date
    summary: Text


class Document(Strict):
    id: Id
    title: Line
    url: Url
    type: DocumentType
    history: tuple[Change, ...] = ()


class Platform(Strict):
    """analyses/<platform>/platform.yml"""

    name: Line
    vendor: Line
    website: Url
    description: Text
    documents: tuple[Document, ...] = Field(min_length=1)


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


class Analysis(Strict):
    """analyses/<platform>/<clause>.yml"""

    title: Line
    document: Id
    topic: Id
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


class Topic(Strict):
    id: Id
    title: Line
    definition: Text


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
