"""Rules dangling-reference and duplicate-id: ids that point nowhere, or are defined twice.

A document, topic, jurisdiction or related analysis is named by its id, which must exist
(excerpts.py and answers.py report the references of archives and answers):

    document: aws-servce-terms   # error[dangling-reference] there is no document
                                 #   'aws-servce-terms' (hint: did you mean …?)

    # analyses/topics.yml
    topics:
      - id: customer-data-training
      - id: customer-data-training   # error[duplicate-id] id 'customer-data-training' is
                                     #   defined twice (first as item 1)
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterator

from generator.check.findings import Finding
from generator.check.registry import DANGLING_REFERENCE, DUPLICATE_ID
from generator.model.corpus import Corpus


def check(corpus: Corpus) -> Iterator[Finding]:
    yield from _duplicates(corpus.topics_rel, "topics", [t.id for t in corpus.topics], "id")
    yield from _duplicates(
        corpus.jurisdictions_rel, "jurisdictions", [j.code for j in corpus.jurisdictions], "code"
    )
    for pf in corpus.platforms.values():
        yield from _duplicates(pf.rel, "documents", [d.id for d in pf.model.documents], "id")
    topics = {t.id for t in corpus.topics}
    codes = {j.code for j in corpus.jurisdictions}
    clauses = {a.key for a in corpus.analyses}
    for a in corpus.analyses:
        platform = corpus.platforms.get(a.platform)
        if platform is not None:
            docs = {d.id for d in platform.model.documents}
            yield from _dangling(
                a.rel, ("document",), a.model.document, docs, f"document of {platform.rel}"
            )
        yield from _dangling(
            a.rel, ("topic",), a.model.topic, topics, f"topic in {corpus.topics_rel}"
        )
        for i, flag in enumerate(a.model.jurisdictions):
            yield from _dangling(
                a.rel,
                ("jurisdictions", i, "code"),
                flag.code,
                codes,
                f"jurisdiction in {corpus.jurisdictions_rel}",
            )
        for i, ref in enumerate(a.model.related):
            if ref == a.key:
                yield Finding(
                    a.rel,
                    ("related", i),
                    DANGLING_REFERENCE,
                    "an analysis cannot be related to itself",
                    "remove this entry",
                )
            else:
                yield from _dangling(a.rel, ("related", i), ref, clauses, "analysis")


def _dangling(
    file: str, path: tuple[str | int, ...], value: str, known: Collection[str], what: str
) -> Iterator[Finding]:
    if value in known:  # a set: sorting it for every reference made `check` quadratic
        return
    if "" in known or not value:
        # A broken id, of a definition or of this reference, stands in as empty text
        # (generator/check/salvage.py): its schema problem is the one to report.
        return
    known = sorted(known)
    close = difflib.get_close_matches(value, known, n=1)
    guess = f"did you mean '{close[0]}'?" if close else f"known: {', '.join(known[:12]) or 'none'}"
    yield Finding(file, path, DANGLING_REFERENCE, f"there is no {what} '{value}'", guess)


def _duplicates(file: str, key: str, ids: list[str], field: str) -> Iterator[Finding]:
    first: dict[str, int] = {}
    for i, value in enumerate(ids):
        if value in first:
            yield Finding(
                file,
                (key, i, field),
                DUPLICATE_ID,
                f"{field} '{value}' is defined twice (first as item {first[value] + 1})",
                "give each entry its own id, or merge the two",
            )
        else:
            first[value] = i
