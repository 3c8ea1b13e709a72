"""The authoring format as typed, immutable models.

Field names equal the YAML keys, so a validation error's location is also the YAML path.
The JSON Schemas in analyses/schema/ are generated from these classes (`clausebook schema`).
Their field types (text, one line, URL, id, date, …) are generator/model/fieldtypes.py.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr, model_validator
from pydantic_core import PydanticCustomError

from generator.model.fieldtypes import (
    ClauseRef,
    Date,
    DocumentType,
    FetchUrl,
    Id,
    JurisdictionCode,
    Line,
    OtaName,
    Rating,
    Repository,
    Selectors,
    Text,
    Url,
)


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
