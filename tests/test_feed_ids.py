"""Atom entry ids: unique and stable (RFC 4287 §4.2.6), valid tag URIs (RFC 4151) whatever
the site's address. Two same-day changes with the same summary had the same id: the feed
reader showed one."""

from __future__ import annotations

import re
from pathlib import Path

import feedparser
import pytest

from generator.export import feeds
from generator.pipeline import generate
from generator.settings import Settings
from tests.conftest import FIXTURES, write_project

CLAUSE = "analyses/acme-cloud/customer-data-training.yml"
# RFC 4151: tag:<DNS name>,<date>:<specific>, the specific part made of URI pchars and "/?".
TAG = re.compile(
    r"tag:[a-z0-9]([a-z0-9.-]*[a-z0-9])?,\d{4}-\d\d-\d\d:"
    r"([A-Za-z0-9\-._~!$&'()*+,;=:@/?]|%[0-9A-F]{2})*"
)


def project(tmp_path: Path) -> Path:
    text = (FIXTURES / "basic" / CLAUSE).read_text(encoding="utf-8")
    history = text[text.index("history:") :].split("\n", 1)[0]
    assert history == "history:"
    same_day = (
        "history:\n"
        "  - date: 2025-06-01\n    summary: Reworded.\n"
        "  - date: 2025-06-01\n    summary: Reworded.\n"
        "  - date: 2025-06-01\n    summary: Reworded again.\n"
    )
    start = text.index("history:")
    end = text.index("\n", text.index("summary:", text.index("date:", start))) + 1
    return write_project(tmp_path / "p", {CLAUSE: text[:start] + same_day + text[end:]})


def entry_ids(root: Path, settings: Settings) -> list[str]:
    written = feeds.feeds(generate(root, settings).index, settings)
    return [e.id for e in feedparser.parse(written["feed.xml"]).entries]


def test_same_day_changes_with_the_same_summary_have_their_own_ids(tmp_path: Path) -> None:
    site = Settings(site_url="https://owner.github.io/repo/")
    ids = entry_ids(project(tmp_path), site)
    mine = [i for i in ids if "customer-data-training" in i and ",2025-06-01:" in i]
    assert len(mine) == len(set(mine)) == 3
    assert sorted(mine) == [
        f"tag:owner.github.io,2025-06-01:/repo/platforms/acme-cloud/customer-data-training/history/{n}"
        for n in (1, 2, 3)
    ]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(
    "site_url",
    [
        "https://Owner.GitHub.io/My Repo/",
        "https://bücher.example/terms (beta)/",
        "https://example.org:8443/a%20b/",
        "http://127.0.0.1:8000/",
    ],
)
def test_ids_are_tag_uris_whatever_the_sites_address(tmp_path: Path, site_url: str) -> None:
    ids = entry_ids(project(tmp_path), Settings(site_url=site_url))
    assert ids and len(ids) == len(set(ids))
    for entry_id in ids:
        assert TAG.fullmatch(entry_id), entry_id
