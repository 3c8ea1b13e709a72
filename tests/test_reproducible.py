"""Two builds of the same input are byte-identical when SOURCE_DATE_EPOCH is set, even from
two copies of the project in different folders into different site folders."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from generator.cli import main
from tests.conftest import make_project

pytestmark = pytest.mark.e2e
EPOCH = "1767225600"  # 2026-01-01T00:00:00Z


def tree(site: Path) -> dict[str, bytes]:
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_two_builds_are_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    sites = []
    for name in ("first", "second-copy"):
        root = make_project(tmp_path / name / "project")
        site = tmp_path / name / f"out-{name}"
        assert main(["build", str(root), "--site-dir", str(site)]) == 0
        sites.append(tree(site))
    first, second = sites
    assert sorted(first) == sorted(second)
    assert [path for path in first if first[path] != second[path]] == []
    sitemap = gzip.decompress(first["sitemap.xml.gz"]).decode()
    assert first["sitemap.xml"].decode() == sitemap
