"""Rules future-date and history-order: dates must have happened (somewhere on Earth: see
generator/clock.py), histories run oldest first.

    history:
      - date: 2026-06-01
      - date: 2026-05-01   # error[history-order] history must be in date order, oldest first
    excerpt:
      retrieved: 2099-01-10   # error[future-date] the excerpt's retrieved is 2099-01-10,
                              #   which is in the future: today is 2026-05-24 at the latest,
                              #   anywhere on Earth (in UTC+14)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from pydantic import BaseModel

from generator import clock
from generator.check.fields import iter_model_fields
from generator.check.findings import Finding
from generator.check.naming import plain
from generator.check.registry import FUTURE_DATE, HISTORY_ORDER
from generator.model.authoring import Change
from generator.model.corpus import Corpus


def check(corpus: Corpus) -> Iterator[Finding]:
    limit = clock.newest_date()  # a date that has begun somewhere on Earth is not future
    models: list[tuple[str, BaseModel]] = [(a.rel, a.model) for a in corpus.analyses]
    models += [(p.rel, p.model) for p in corpus.platforms.values()]
    for rel, model in models:
        for path, value in iter_model_fields(model, kind=dt.date):
            if isinstance(value, dt.date) and value > limit:
                yield Finding(
                    rel,
                    path,
                    FUTURE_DATE,
                    f"{plain(path)} is {value}, which is in the future: today is {limit} at "
                    "the latest, anywhere on Earth (in UTC+14)",
                    "use the date the change or review actually happened",
                )
    for a in corpus.analyses:
        yield from _order(a.rel, ("history",), a.model.history)
    for p in corpus.platforms.values():
        for i, doc in enumerate(p.model.documents):
            yield from _order(p.rel, ("documents", i, "history"), doc.history)


def _order(rel: str, path: tuple[str | int, ...], history: tuple[Change, ...]) -> Iterator[Finding]:
    for i in range(1, len(history)):
        if history[i].date < history[i - 1].date:
            yield Finding(
                rel,
                (*path, i, "date"),
                HISTORY_ORDER,
                f"history entry {i + 1} ({history[i].date}) is older than the entry "
                f"before it ({history[i - 1].date})",
                "list history oldest first",
            )
