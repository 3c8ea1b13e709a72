"""Today's date, told one way everywhere: what `clausebook new` writes and what `check` calls
"the future" (`future-date`, the dates of archived copies).

A date is in the future only once it has begun nowhere on Earth: the newest date is the one in
UTC+14 (Kiritimati), so an author in New Zealand, whose day starts before Europe's, is never
told their today is tomorrow. What a command writes (`clausebook new`) is the UTC date.
"""

from __future__ import annotations

import datetime as dt

# The first time zone where a day begins: Kiritimati, Line Islands.
EARLIEST_ZONE = dt.timezone(dt.timedelta(hours=14), "UTC+14")


def now() -> dt.datetime:
    """The current time, in UTC: the one place every command reads the clock (a test fixes
    it here)."""
    return dt.datetime.now(dt.UTC)


def today(at: dt.datetime | None = None) -> dt.date:
    """The UTC date (of `at`, default the current time)."""
    return (at or now()).astimezone(dt.UTC).date()


def newest_date(at: dt.datetime | None = None) -> dt.date:
    """The newest date anywhere on Earth: a later one is in the future."""
    return (at or now()).astimezone(EARLIEST_ZONE).date()
