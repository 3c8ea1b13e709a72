"""A document's archive: written by the store, read and verified with path:line:col problems."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from ruamel.yaml import YAML

from generator.capture import store
from generator.capture.store import ArchiveError, NewVersion, add_versions, normalise
from generator.check import load_corpus
from generator.check.archives import check, read_archive
from generator.source.archive import OTA_CREDIT, OTA_LICENCE, Archive
from tests.conftest import make_project

INDEX = "analyses/acme-cloud/sources/service-terms/versions.yml"
FOLDER = "analyses/acme-cloud/sources/service-terms"


def utc(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


def ota(text: str, when: str, commit: str, change: str = "record") -> NewVersion:
    return NewVersion(
        normalise(text),
        utc(when),
        "open-terms-archive",
        {
            "repository": "OpenTermsArchive/contrib-versions",
            "commit": commit * 40,
            "path": "Acme Cloud/Terms of Service.md",
            "change": change,
            "snapshot": f"https://github.com/OpenTermsArchive/snapshots/commit/{commit * 40}",
            "licence": OTA_LICENCE,
            "credit": OTA_CREDIT,
        },
    )


def fetched(text: str, when: str) -> NewVersion:
    return NewVersion(
        normalise(text),
        utc(when),
        "fetch",
        {
            "url": "https://acme-cloud.example/terms",
            "content_type": "text/html",
            "selectors": {"select": ["main"], "remove": [".cookie-banner", "nav, footer"]},
        },
    )


def archive_of(root: Path) -> Archive:
    archive, problems = read_archive(root, "acme-cloud", "service-terms")
    assert [p for p in problems if p.severity == "error"] == []
    return archive


def write(root: Path, *new: NewVersion) -> Archive:
    archive, _ = add_versions(
        archive_of(root), "analyses/acme-cloud/platform.yml", "service-terms", new
    )
    return archive


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return make_project(tmp_path / "p")


@pytest.fixture
def three(root: Path) -> Path:
    """An archive of three versions, two of them the same UTC day."""
    write(
        root,
        ota("First text.", "2026-03-04T00:33:40", "a", "first"),
        ota("Second text.", "2026-03-04T23:59:59", "b"),
        fetched("Third text.", "2026-03-05T09:12:00"),
    )
    return root


# The fixture's excerpts are not in these made-up texts: their rules are tested elsewhere.
EXCERPT_RULES = {"excerpt-not-in-source", "excerpt-outdated", "excerpt-too-short"}


def located(root: Path) -> list[tuple[str, int, int, str, str]]:
    corpus, problems = load_corpus(root)
    found = check(corpus)
    assert [p for p in problems if p.rule not in EXCERPT_RULES] == found
    return [(p.path, p.line, p.col, p.rule, p.severity) for p in found]


def test_no_folder_is_an_absent_archive(root: Path) -> None:
    archive = archive_of(root)
    assert (archive.state, archive.versions, archive.newest_complete) == ("absent", (), None)


def test_versions_are_named_by_day_and_read_back_in_order(three: Path) -> None:
    archive = archive_of(three)
    assert [v.file for v in archive.versions] == [
        "2026-03-04.md",
        "2026-03-04-2.md",
        "2026-03-05.md",
    ]
    assert archive.state == "complete"
    assert archive.text_bytes(archive.versions[1]) == b"Second text.\n"
    assert archive.versions[1].sha256 == hashlib.sha256(b"Second text.\n").hexdigest()
    assert located(three) == []


def test_versions_yml_is_the_documented_format(three: Path) -> None:
    text = (three / INDEX).read_text(encoding="utf-8")
    assert text.startswith(
        "# Archived versions of service-terms (analyses/acme-cloud/platform.yml), oldest first.\n"
        "# Written by `clausebook sources import` / `clausebook sources fetch`; edit by hand "
        "only to\n# declare a copy partial (`partial: why`) or to add a manual copy "
        "(`origin: manual`).\nversions:\n  - file: 2026-03-04.md\n    date: 2026-03-04\n"
        "    recorded: 2026-03-04T00:33:40Z\n    sha256: "
    )
    assert text.endswith(
        "    origin: fetch\n"
        "    url: https://acme-cloud.example/terms\n"
        "    content_type: text/html\n"
        '    selectors: {select: [main], remove: [".cookie-banner", "nav, footer"]}\n'
    )
    assert "    change: first\n    snapshot: https://github.com/OpenTermsArchive/" in text


def test_the_same_versions_give_the_same_bytes(tmp_path: Path) -> None:
    texts = []
    for name in ("a", "b"):
        root = make_project(tmp_path / name)
        write(root, fetched("Two.", "2026-01-02T00:00:00"), ota("One.", "2026-01-01T00:00:00", "c"))
        texts.append((root / INDEX).read_bytes())
    assert texts[0] == texts[1]


def test_text_is_stored_with_lf_and_one_final_newline(root: Path) -> None:
    assert normalise("a\r\nb\rc\n\n\n") == b"a\nb\nc\n"
    with pytest.raises(ArchiveError, match="empty"):
        normalise(" \n\n")


def test_partial_versions_make_a_partial_archive_until_a_complete_one(root: Path) -> None:
    manual = NewVersion(normalise("Section 1 only."), utc("2026-01-01T00:00:00"), "manual")
    partial = NewVersion(
        normalise("Section 1 only."),
        utc("2026-01-02T00:00:00"),
        "manual",
        {"partial": "Sections 2 to 48 were not copied."},
    )
    archive = write(root, partial)
    assert archive.state == "partial" and archive.newest_complete is None
    archive = write(root, manual.__class__(manual.text, utc("2026-01-03T00:00:00"), "manual"))
    assert archive.state == "complete"
    assert archive.newest_complete is archive.versions[-1]
    assert archive_of(root).state == "complete"


def test_a_version_cannot_slip_in_before_an_archived_one_of_its_day(three: Path) -> None:
    before = sorted(p.name for p in (three / FOLDER).iterdir())
    with pytest.raises(ArchiveError, match=r"would come before 2026-03-04-2\.md"):
        write(three, fetched("Earlier that day.", "2026-03-04T12:00:00"))
    assert sorted(p.name for p in (three / FOLDER).iterdir()) == before


def test_the_number_of_versions_is_bounded(root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "MAX_VERSIONS", 2)
    write(root, fetched("One.", "2026-01-01T00:00:00"), fetched("Two.", "2026-01-02T00:00:00"))
    with pytest.raises(ArchiveError, match=r"3 versions; an archive holds at most 2$"):
        write(root, fetched("Three.", "2026-01-03T00:00:00"))


def test_an_unlisted_file_is_never_overwritten(three: Path) -> None:
    mine = three / FOLDER / "2026-03-06.md"
    mine.write_text("Someone's own copy.\n", encoding="utf-8")
    with pytest.raises(ArchiveError, match=r"2026-03-06\.md exists but is not in versions\.yml"):
        write(three, fetched("Fetched.", "2026-03-06T10:00:00"))
    assert mine.read_text(encoding="utf-8") == "Someone's own copy.\n"


def test_a_run_killed_before_versions_yml_leaves_a_whole_archive(
    three: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index_before = (three / INDEX).read_bytes()
    real_replace = os.replace

    def killed(src: str, dst: str | os.PathLike[str]) -> None:
        if str(dst).endswith("versions.yml"):
            raise KeyboardInterrupt
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        write(three, fetched("Fourth text.", "2026-03-06T00:00:00"))
    monkeypatch.setattr(os, "replace", real_replace)
    assert (three / INDEX).read_bytes() == index_before
    assert not [p for p in (three / FOLDER).iterdir() if p.name.startswith(".")]
    # The text written is only an unlisted file; the next run lists it.
    assert located(three) == [(f"{FOLDER}/2026-03-06.md", 1, 1, "stray-file", "warning")]
    archive = write(three, fetched("Fourth text.", "2026-03-06T00:00:00"))
    assert [v.file for v in archive.versions][-1] == "2026-03-06.md"
    assert located(three) == []


def test_leftover_temporary_files_are_removed(three: Path) -> None:
    (three / FOLDER / ".clausebook-x.tmp").write_text("half", encoding="utf-8")
    write(three, fetched("Fourth.", "2026-03-06T00:00:00"))
    assert not (three / FOLDER / ".clausebook-x.tmp").exists()


SYNTAX = list("ab0 :#?-[]{},&*!|>'\"%@`.\\/~=+()\t\x85\u2028")


@given(
    st.one_of(
        st.text(st.characters(exclude_categories=("Cs",)), max_size=40),
        st.text(st.sampled_from(SYNTAX), max_size=12),  # YAML's own characters, densely
    )
)
def test_every_string_is_written_as_a_scalar_that_reads_back(text: str) -> None:
    for pure in (True, False):  # the project reads with libyaml, falling back to pure Python
        yaml = YAML(typ="safe", pure=pure)
        assert yaml.load(f"key: {store._scalar(text)}\n") == {"key": text}
        assert yaml.load(f"key: [{store._scalar(text, flow=True)}]\n") == {"key": [text]}
