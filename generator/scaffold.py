"""`clausebook new PLATFORM/CLAUSE` (an analysis) and `clausebook new PLATFORM` (a platform's
platform.yml): a commented skeleton that `check` explains until it is filled in. The first
line points editors at the JSON Schema for completion and errors. Dates are UTC (clock.py).

    $ clausebook new cohere-api
    wrote analyses/cohere-api/platform.yml; fill it in, then `clausebook new
    cohere-api/CLAUSE` for each analysis
    $ clausebook new "Cohere API"
    clausebook: error: 'Cohere API' is neither PLATFORM (a new platform) nor PLATFORM/CLAUSE
    (a new analysis): ids are lower-case words joined by hyphens, e.g. cohere-api or
    cohere-api/customer-data-training
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from generator import clock
from generator.check.layout import RESERVED_CLAUSES
from generator.model.fieldtypes import is_id
from generator.project import RESERVED_TOP, Layout


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


PLATFORM_SKELETON = """\
# yaml-language-server: $schema=../schema/platform.schema.json
# A Clausebook platform: who offers it and the documents its analyses quote. Every key below
# is required unless marked optional. Run `clausebook check` to see what is missing, then
# `clausebook new {platform}/CLAUSE` for each analysis.
name: ""                       # the platform's name as its vendor writes it, one line
vendor: ""                     # the company that offers it
website: ""                    # https:// address of the platform's home page
description: ""                # what the platform is, 1-3 sentences
documents:                     # the terms analyses quote; `document:` in an analysis names one
  - id: ""                     # lower-case words joined by hyphens, e.g. {platform}-terms
    title: ""                  # the document's own title, e.g. Terms of Service
    url: ""                    # https:// address where the document is published
    type: service-terms        # service-terms | customer-agreement | acceptable-use-policy |
                               # data-processing-addendum | model-terms | privacy-policy |
                               # usage-policy | other
    history: []                # optional: - date: {today} / summary: what changed
    # source:                  # optional: where archived versions come from, one of
    #   ota:                   #   an Open Terms Archive versions repository
    #     repository: OpenTermsArchive/GenAI-versions
    #     service: ""          #   the service's name there
    #     terms_type: ""       #   e.g. Terms of Service
    #   fetch: https://…       #   or the URL `clausebook sources fetch` copies
not_addressed: []              # optional: topics its documents do not address, each
                               # - topic: … / documents: [id] / note: … / reviewed: {today}
"""


def split_name(name: str) -> tuple[str, str | None]:
    """`PLATFORM` or `PLATFORM/CLAUSE` → (platform, clause or None); ScaffoldError if neither."""
    parts = name.split("/")
    if len(parts) in (1, 2) and all(is_id(p) for p in parts):
        return parts[0], parts[1] if len(parts) == 2 else None
    raise ScaffoldError(
        f"'{name}' is neither PLATFORM (a new platform) nor PLATFORM/CLAUSE (a new analysis): "
        "ids are lower-case words joined by hyphens, e.g. cohere-api or "
        "cohere-api/customer-data-training"
    )


def new_platform(root: Path, platform: str, today: dt.date | None = None) -> Path:
    folder = Layout(root).analyses / platform
    path = folder / "platform.yml"
    if platform in RESERVED_TOP:
        raise ScaffoldError(f"'{platform}' is a reserved name; choose another platform id")
    if path.exists():
        raise ScaffoldError(
            f"{path.relative_to(root)} already exists; for an analysis of it run "
            f"`clausebook new {platform}/CLAUSE`"
        )
    folder.mkdir(parents=True, exist_ok=True)
    day = (today or clock.today()).isoformat()
    path.write_text(PLATFORM_SKELETON.format(platform=platform, today=day), encoding="utf-8")
    return path


def skeleton(topic: str) -> str:
    """The analysis skeleton for `topic`, its dates left for the author ("YYYY-MM-DD", which
    `check` refuses until they are filled): for GitHub's "create a new file" page."""
    text = SKELETON.format(today="YYYY-MM-DD")
    return text.replace('topic: ""                      #', f"topic: {topic}  #", 1)


def new_analysis(root: Path, name: str, today: dt.date | None = None) -> Path:
    platform, clause = split_name(name)
    if clause is None:
        raise ScaffoldError(f"'{name}' names a platform; an analysis is PLATFORM/CLAUSE")
    if clause in RESERVED_CLAUSES:
        raise ScaffoldError(f"'{clause}' is a reserved name; choose another clause id")
    folder = Layout(root).analyses / platform
    path = folder / f"{clause}.yml"
    if path.exists():
        raise ScaffoldError(f"{path.relative_to(root)} already exists; edit it instead")
    folder.mkdir(parents=True, exist_ok=True)
    path.write_text(SKELETON.format(today=(today or clock.today()).isoformat()), encoding="utf-8")
    return path
