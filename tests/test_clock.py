"""One "today" (generator/clock.py): `check` calls a date the future only once it has begun
nowhere on Earth (UTC+14), and `clausebook new` writes the UTC date, whatever the time zone of
the machine (issue 17)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator import clock
from generator.pipeline import check
from tests.conftest import FIXTURES, REPO, write_project

UTC = dt.UTC
CLAUSE = "analyses/acme-cloud/customer-data-training.yml"


def test_today_is_utc_and_the_newest_date_is_kiritimatis() -> None:
    late = dt.datetime(2026, 5, 23, 11, 0, tzinfo=UTC)  # 01:00 on the 24th in UTC+14
    assert clock.today(late) == dt.date(2026, 5, 23)
    assert clock.newest_date(late) == dt.date(2026, 5, 24)
    early = dt.datetime(2026, 5, 23, 9, 59, tzinfo=UTC)
    assert clock.newest_date(early) == dt.date(2026, 5, 23)
    in_samoa = dt.datetime(2026, 5, 22, 23, 0, tzinfo=dt.timezone(dt.timedelta(hours=-11)))
    assert clock.today(in_samoa) == dt.date(2026, 5, 23)


def run(args: list[str], zone: str) -> subprocess.CompletedProcess[str]:
    """The CLI in a process whose local time zone is `zone` (a POSIX TZ: no tz database)."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "TZ": zone, "PYTHONPATH": str(REPO)},
        timeout=120,
        check=False,
    )


def test_a_date_begun_somewhere_on_earth_is_not_in_the_future(tmp_path: Path) -> None:
    newest = dt.datetime.now(dt.timezone(dt.timedelta(hours=14))).date()
    text = (FIXTURES / "basic" / CLAUSE).read_text(encoding="utf-8")
    root = write_project(
        tmp_path / "p", {CLAUSE: text.replace("reviewed: 2026-01-10", f"reviewed: {newest}")}
    )
    # In UTC-11 the local date is a day (or two) behind the newest one.
    assert "future-date" not in run(["check", str(root)], "SAMOA11").stdout
    text = text.replace("reviewed: 2026-01-10", f"reviewed: {newest + dt.timedelta(days=1)}")
    root = write_project(tmp_path / "q", {CLAUSE: text})
    assert "future-date" in run(["check", str(root)], "KIRITIMATI-14").stdout


def test_new_writes_the_utc_date_in_any_time_zone(tmp_path: Path) -> None:
    utc = dt.datetime.now(UTC)
    # A zone whose local date differs from UTC's now: UTC-11 before 11:00 UTC, else UTC+14.
    zone = "SAMOA11" if utc.hour < 11 else "KIRITIMATI-14"
    root = write_project(tmp_path / "p", {})
    assert run(["new", "acme-cloud/liability-cap", "--path", str(root)], zone).returncode == 0
    text = (root / "analyses/acme-cloud/liability-cap.yml").read_text(encoding="utf-8")
    assert f"reviewed: {clock.today()}" in text


@pytest.mark.parametrize(
    ("utc", "reviewed", "future"),
    [
        # 09:59 UTC on the 23rd: the 24th has begun nowhere yet (UTC+14 is at 23:59)
        (dt.datetime(2026, 5, 23, 9, 59, tzinfo=UTC), "2026-05-23", False),
        (dt.datetime(2026, 5, 23, 9, 59, tzinfo=UTC), "2026-05-24", True),
        # 10:00 UTC: midnight in Kiritimati, the 24th has begun there, the 25th nowhere
        (dt.datetime(2026, 5, 23, 10, 0, tzinfo=UTC), "2026-05-24", False),
        (dt.datetime(2026, 5, 23, 10, 0, tzinfo=UTC), "2026-05-25", True),
        # 23:30 UTC on the 23rd: still the 23rd in Samoa (UTC-11), the 24th in Kiritimati
        (dt.datetime(2026, 5, 23, 23, 30, tzinfo=UTC), "2026-05-24", False),
    ],
)
def test_future_date_means_after_today_anywhere_on_earth_with_a_fixed_clock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, utc: dt.datetime, reviewed: str, future: bool
) -> None:
    """The real `check` with the clock fixed at `utc` (clock.now is where every command reads
    it): the review date is future only once it has begun nowhere on Earth."""
    text = (FIXTURES / "basic" / CLAUSE).read_text(encoding="utf-8")
    reviewed_on = text.replace("reviewed: 2026-01-10", f"reviewed: {reviewed}")
    root = write_project(tmp_path / "p", {CLAUSE: reviewed_on})
    monkeypatch.setattr(clock, "now", lambda: utc)
    found = [p.text() for p in check(root) if p.rule == "future-date"]
    newest = clock.newest_date()
    message = (
        f"{CLAUSE}:40:11: error[future-date] 'reviewed' is {reviewed}, which is in the future: "
        f"today is {newest} at the latest, anywhere on Earth (in UTC+14) (hint: use the date "
        "the change or review actually happened)"
    )
    assert found == ([message] if future else [])
