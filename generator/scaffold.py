"""`clausebook new PLATFORM/CLAUSE`: a commented skeleton that `check` explains until it is
filled in. The first line points editors at the JSON Schema for completion and errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator import clock
from generator.check.layout import RESERVED_CLAUSES
from generator.model.authoring import is_id
from generator.project import Layout


class ScaffoldError(Exception):
    pass


SKELETON = """\
# yaml-language-server: $schema=../schema/analysis.schema.json
# A Clausebook analysis. Every key below is required unless marked optional.
# Text fields take a small Markdown subset: paragraphs, *emphasis*, **strong**,
# [links](https://…), `code` and lists. Run `clausebook check` to see what is missing.
title: ""                      # the clause's name, one line
document: ""                   # a document id from platform.yml
topic: ""                      # a topic id from analyses/topics.yml
summary: ""                    # plain-language summary, 1-3 sentences
impact: ""                     # what it means for customers
excerpt:
  text: ""                     # VERBATIM quote from the platform's own document
  section: ""                  # optional: the document's section number
  source_url: ""               # https:// address of the document you read
  retrieved: {today}           # the date you read it
regulatory_landscape: ""
exposure:
  rating: medium               # low | medium | high (see the methodology's rubric)
  rationale: ""
jurisdictions:                 # optional: codes from analyses/jurisdictions.yml
  - code: EU
    note: ""
contract_implications: ""
compliance_considerations:
  - ""
citations: []                  # optional: - label: GDPR Art. 28 / url: https://…
# enforcement_risk: ""         # optional
history:                       # oldest first
  - date: {today}
    summary: First analysis of this clause.
faq: []                        # optional: - question: … / answer: …
related: []                    # optional: other-platform/clause-id
status: draft                  # draft is validated but not published
reviewed: {today}
"""


def new_analysis(root: Path, name: str, today: dt.date | None = None) -> Path:
    parts = name.split("/")
    if len(parts) != 2 or not all(is_id(p) for p in parts):
        raise ScaffoldError(
            f"'{name}' is not PLATFORM/CLAUSE in lower-case words joined by "
            "hyphens, e.g. acme-cloud/customer-data-training"
        )
    platform, clause = parts
    if clause in RESERVED_CLAUSES:
        raise ScaffoldError(f"'{clause}' is a reserved name; choose another clause id")
    folder = Layout(root).analyses / platform
    path = folder / f"{clause}.yml"
    if path.exists():
        raise ScaffoldError(f"{path.relative_to(root)} already exists; edit it instead")
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(SKELETON.format(today=(today or clock.today()).isoformat()), encoding="utf-8")
    return path
