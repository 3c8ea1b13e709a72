"""Stage 1, source (archives): a document's archive read and verified, every problem found.

Input: a project root and a platform/document. Output: its `Archive` and its problems as
`path:line:col` `Problem`s (YAML paths into versions.yml, located with the round-trip loader
like every other file). `check(corpus)` does this for every document of a validated corpus:
the check stage can add it to its rules.

Rules archive-index and archive-version, and missing-key, unknown-key, missing-file and
stray-file as they apply to an archive (versions.yml's keys and values are also checked by its
model: wrong-type, bad-date, …).

archive-index: versions.yml disagrees with itself. Versions are listed oldest first by
`recorded`; `date` is the UTC day of `recorded`; a file is named after its date, the day's
second version `-2`, its third `-3`, … in time order; a commit is archived once.

    versions:
      - file: 2026-03-05.md   # error[archive-index] 'versions.0.file' is 2026-03-05.md; the
        date: 2026-03-04      #   first version of 2026-03-04 is named 2026-03-04.md

archive-version: a listed file is missing, a link, over 5 MB, not UTF-8, has CR line ends,
does not end with exactly one newline, is empty, or its SHA-256 is not the recorded one (it
was changed after it was archived).

    # 2026-01-10.md edited by hand after it was archived
    versions:
      - file: 2026-01-10.md
        sha256: 7547c9ac…   # error[archive-version] the SHA-256 of 2026-01-10.md is
                            #   a254fbd2…, not the recorded 7547c9ac…

Each origin has its own keys (ORIGIN_KEYS): an `open-terms-archive` version names its
repository, commit, path, change, licence and credit; a `fetch` its url and content_type; a
key of another origin is unknown-key, a missing one missing-key.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

from generator import clock
from generator.check.fields import check_model
from generator.check.findings import Finding
from generator.check.registry import (
    ARCHIVE_INDEX,
    ARCHIVE_VERSION,
    MISSING_FILE,
    MISSING_KEY,
    STRAY_FILE,
    UNKNOWN_KEY,
)
from generator.model.corpus import Corpus
from generator.problems import Problem
from generator.source.archive import (
    INDEX,
    MAX_INDEX_BYTES,
    MAX_TEXT_BYTES,
    Archive,
    Version,
    VersionsFile,
    folder_of,
)
from generator.source.load import load_yaml
from generator.source.locations import Locator
from generator.source.text import position_of

COMMON_KEYS = frozenset({"file", "date", "recorded", "sha256", "origin", "partial"})
# origin → (keys it must have, keys it may have)
ORIGIN_KEYS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "open-terms-archive": (
        frozenset({"repository", "commit", "path", "change", "licence", "credit"}),
        frozenset({"snapshot"}),
    ),
    "fetch": (frozenset({"url", "content_type"}), frozenset({"selectors"})),
    "manual": (frozenset(), frozenset({"url"})),
}
EARLIEST = dt.date(1991, 8, 6)  # the first web page: no platform's terms are older
_NAMING = "name a version YYYY-MM-DD.md after its date, then -2, -3 … for later ones that day"


def read_archive(root: Path, platform: str, document: str) -> tuple[Archive, list[Problem]]:
    """The archive of `platform`/`document` and its problems (none: absent, or all is well).

    The versions are those versions.yml lists, whatever their problems; an archive whose
    versions.yml cannot be read or does not fit its model has none."""
    folder, rel = folder_of(root, platform, document)
    empty = Archive(folder, rel)
    index = folder / INDEX
    if not index.is_file() or index.is_symlink():  # a link is the symlink rule's problem
        return empty, locate(without_index(empty), "")
    source, problems = load_yaml(index, empty.index_rel, MAX_INDEX_BYTES)
    if source is None:
        return empty, problems
    parsed, found = check_model(VersionsFile, source.data, empty.index_rel)
    if parsed is None:
        return empty, locate(found, source.text)
    archive = Archive(folder, rel, parsed.versions)
    return archive, locate(findings(archive), source.text)


def check(corpus: Corpus) -> list[Problem]:
    """Every problem of the archives of the corpus's documents (a rule for the check stage)."""
    problems: list[Problem] = []
    for pid, platform in sorted(corpus.platforms.items()):
        for document in platform.model.documents:
            problems.extend(read_archive(corpus.root, pid, document.id)[1])
    return sorted(problems)


def locate(found: Iterable[Finding], text: str) -> list[Problem]:
    """Findings in versions.yml (or about a whole file: an empty path), with line and column."""
    locator = Locator(text)
    return sorted(
        Problem(
            f.file,
            *(locator.position(f.path, key=f.key) if f.path else (1, 1)),
            f.rule,
            f.message,
            f.hint,
            f.severity,
        )
        for f in found
    )


def file_name(date: object, n: int) -> str:
    """The file name of the n-th version (from 1) recorded on `date`."""
    return f"{date}.md" if n == 1 else f"{date}-{n}.md"


def findings(archive: Archive) -> Iterator[Finding]:
    yield from _origin_keys(archive)
    yield from _order(archive)
    for i, version in enumerate(archive.versions):
        yield from _file(archive, i, version)
    yield from _strays(archive)


def without_index(archive: Archive) -> Iterator[Finding]:
    """A folder with version files and no versions.yml: they would silently count for nothing."""
    try:
        texts = [e.name for e in os.scandir(archive.folder) if e.name.endswith(".md")]
    except OSError:  # no folder: an absent archive
        return
    if texts:
        yield Finding(
            archive.index_rel,
            (),
            MISSING_FILE,
            f"{archive.rel} holds {len(texts)} version file(s) but no {INDEX}",
            f"restore {INDEX} from git; `clausebook sources import` and `fetch` write it",
        )


def _origin_keys(archive: Archive) -> Iterator[Finding]:
    for i, v in enumerate(archive.versions):
        required, optional = ORIGIN_KEYS[v.origin]
        present = {k for k in Version.model_fields if getattr(v, k) is not None}
        for key in sorted(required - present):
            yield Finding(
                archive.index_rel,
                ("versions", i),
                MISSING_KEY,
                f"missing required key '{key}' for a version of origin {v.origin}",
                f"add `{key}:` to this entry",
                key=True,
            )
        allowed = COMMON_KEYS | required | optional
        for key in sorted(present - allowed):
            yield Finding(
                archive.index_rel,
                ("versions", i, key),
                UNKNOWN_KEY,
                f"'{key}' does not belong to a version of origin {v.origin}",
                "allowed here: " + ", ".join(sorted(allowed)),
                key=True,
            )


def _order(archive: Archive) -> Iterator[Finding]:
    per_day: Counter[object] = Counter()
    commits: dict[str, int] = {}
    previous: Version | None = None
    for i, v in enumerate(archive.versions):
        at = ("versions", i)
        if previous is not None and v.recorded < previous.recorded:
            yield _index(
                archive,
                (*at, "recorded"),
                f"{_time(v)} is earlier than the version listed before it "
                f"({previous.file}, {_time(previous)})",
                "versions.yml lists versions oldest first: move this entry up",
            )
        if v.date != v.recorded.date():
            yield _index(
                archive,
                (*at, "date"),
                f"'versions.{i}.date' is {v.date}, but it was recorded on "
                f"{v.recorded.date()} ({_time(v)})",
                "date is the UTC day of recorded",
            )
        if not EARLIEST <= v.date <= clock.newest_date():
            when = "in the future" if v.date > EARLIEST else "before the first web page"
            yield _index(
                archive,
                (*at, "date"),
                f"'versions.{i}.date' is {v.date}, {when}",
                "a version is dated by the day it was recorded (UTC)",
            )
        per_day[v.date] += 1
        expected = file_name(v.date, per_day[v.date])
        if v.file != expected:
            yield _index(
                archive,
                (*at, "file"),
                f"'versions.{i}.file' is {v.file}; version {per_day[v.date]} of {v.date} "
                f"is named {expected}",
                _NAMING,
            )
        if v.commit is not None and v.commit in commits:
            yield _index(
                archive,
                (*at, "commit"),
                f"commit {v.commit} is archived twice (also versions.{commits[v.commit]})",
                "remove one of the two entries and its file",
            )
        commits.setdefault(v.commit or "", i)
        previous = v


def _time(v: Version) -> str:
    return v.recorded.strftime("%Y-%m-%dT%H:%M:%SZ")


def _index(archive: Archive, path: tuple[str | int, ...], message: str, hint: str) -> Finding:
    return Finding(archive.index_rel, path, ARCHIVE_INDEX, message, hint)


def _file(archive: Archive, i: int, v: Version) -> Iterator[Finding]:
    def problem(key: str, message: str, hint: str) -> Finding:
        return Finding(archive.index_rel, ("versions", i, key), ARCHIVE_VERSION, message, hint)

    try:
        raw = archive.text_bytes(v)
    except OSError as exc:
        missing = isinstance(exc, FileNotFoundError)
        why = f"{v.file} is missing" if missing else f"{v.file} cannot be read: {exc}"
        yield problem("file", why, "restore it from git, or remove its entry")
        return
    except ValueError:
        yield problem(
            "file",
            f"{v.file} is over {MAX_TEXT_BYTES:,} bytes",
            "an archived version is at most 5 MB; archive a part of it as `partial`",
        )
        return
    actual = hashlib.sha256(raw).hexdigest()
    if actual != v.sha256:
        yield problem(
            "sha256",
            f"the SHA-256 of {v.file} is {actual[:16]}…, not the recorded {v.sha256[:16]}…",
            "the file changed after it was archived: restore it from git (a new text is a "
            "new version, written by `clausebook sources import` or `fetch`)",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, col = position_of(raw, exc.start)
        yield problem(
            "file",
            f"{v.file} is not UTF-8: byte 0x{raw[exc.start]:02x} at line {line}, column {col}",
            "archived texts are UTF-8",
        )
        return
    if not text.strip():
        yield problem("file", f"{v.file} is empty", "archive the document's text, or remove it")
    elif "\r" in text:
        line = text.count("\n", 0, text.index("\r")) + 1
        yield problem(
            "file", f"{v.file} has a CR line end at line {line}", "archived texts have LF ends"
        )
    elif not text.endswith("\n") or text.endswith("\n\n"):
        yield problem(
            "file",
            f"{v.file} does not end with exactly one newline",
            "end the text with one line break",
        )


def _strays(archive: Archive) -> Iterator[Finding]:
    listed = {v.file for v in archive.versions}
    with os.scandir(archive.folder) as entries:
        names = sorted(
            e.name
            for e in entries
            # Dot files are ignored like everywhere in analyses/; links are the symlink rule's.
            if not e.name.startswith(".") and not e.is_symlink()
        )
    for name in names:
        if name == INDEX or name in listed:
            continue
        listed_hint = (
            f"add it to {INDEX} (`origin: manual`) or delete it"
            if name.endswith(".md")
            else "an archive holds versions.yml and its .md files"
        )
        yield Finding(
            f"{archive.rel}/{name}",
            (),
            STRAY_FILE,
            f"'{archive.rel}/{name}' is not listed in {INDEX}",
            listed_hint,
        )
