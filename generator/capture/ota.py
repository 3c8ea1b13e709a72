"""Stage 1, source (OTA import): versions from a clone of an Open Terms Archive repository.

Input: the project, a clone of an OTA versions repository, optionally `--since` and document
ids. Output: for each document whose `source.ota.repository` is the clone's, every commit of
the clone that changed `<service>/<terms_type>.md` and that its archive does not hold yet
(matched by commit) becomes a version: dated by the commit (UTC), with its provenance (commit,
path, OTA's kind of change, snapshot, licence). OTA's Markdown is kept as it is, except that
line ends are LF and the text ends with one newline (OTA's files end without one). A second
run adds nothing. One line per document says what was added.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from generator.capture.declared import Declared, declared_documents
from generator.capture.gitclone import Clone, Commit, GitError
from generator.capture.store import ArchiveError, NewVersion, add_versions, normalise
from generator.check.archives import read_archive
from generator.problems import format_problems
from generator.progress import Progress
from generator.source.archive import MAX_TEXT_BYTES, MAX_VERSIONS, OTA_CREDIT, OTA_LICENCE

# How OTA's engine words its commits (and, before 2024, its older wording). Any other commit
# that changed the file is a maintainer's repair (a merge, "Remove mojibake"), not a change
# of the document: technical.
_CHANGES = (
    ("first", ("First record of ", "Start tracking ")),
    ("record", ("Record new changes of ", "Update ")),
    ("technical", ("Apply technical or declaration upgrade on ", "Refilter ")),
)
_SNAPSHOT = re.compile(r"\bsnapshot (https://[^\s<>\"]{1,1900})")
BATCH_BYTES = 64 * 1024 * 1024  # texts held in memory before they are written


def change_of(message: str) -> str:
    for change, prefixes in _CHANGES:
        if message.startswith(prefixes):
            return change
    return "technical"


def snapshot_of(message: str) -> str | None:
    found = _SNAPSHOT.search(message)
    return found.group(1) if found else None


def import_clone(
    root: Path,
    clone: Clone,
    since: dt.date | None,
    names: list[str],
    out: TextIO,
    err: TextIO,
) -> int:
    """Import every declared document of `clone`'s repository; 0, or 1 if any failed."""
    documents, problems = declared_documents(root, names)
    err.write(format_problems(problems, "text"))
    failed = bool(problems)
    for doc in documents:
        ota = doc.document.source.ota if doc.document.source else None
        if ota is None:
            if names:
                out.write(f"{doc.key}: skipped: {doc.platform_rel} declares no `source.ota`\n")
            continue
        if ota.repository.lower() != clone.repository.lower():
            out.write(
                f"{doc.key}: skipped: its versions come from {ota.repository}, "
                f"not from {clone.repository}\n"
            )
            continue
        try:
            out.write(f"{doc.key}: {import_document(root, clone, doc, since, err)}\n")
        except (GitError, ArchiveError) as exc:
            err.write(f"{doc.key}: error: {exc}\n")
            failed = True
    return 1 if failed else 0


def import_document(
    root: Path, clone: Clone, doc: Declared, since: dt.date | None, err: TextIO
) -> str:
    """Import one document; what was added, as one line."""
    assert doc.document.source is not None and doc.document.source.ota is not None
    ota = doc.document.source.ota
    path = f"{ota.service}/{ota.terms_type}.md"
    archive, problems = read_archive(root, doc.platform, doc.document.id)
    if any(p.severity == "error" for p in problems):
        err.write(format_problems(problems, "text"))
        raise ArchiveError(f"{archive.rel} has errors (above); nothing was imported")
    already = len(archive.versions)
    history = clone.history(path, MAX_VERSIONS + 1)
    if not history:
        raise GitError(f"'{path}' has no history in {clone.repository} (HEAD)")
    archived = {v.commit for v in archive.versions if v.commit}
    new = [c for c in history if c.id not in archived]
    older = [c for c in new if since is not None and c.time.date() < since]
    new = [c for c in new if c not in older]
    if len(history) > MAX_VERSIONS and not older:
        raise ArchiveError(f"'{path}' has over {MAX_VERSIONS:,} versions; import --since a date")
    # Oldest first, so that every batch comes after the one written before it.
    new.sort(key=lambda c: c.time)
    sizes = clone.sizes(new, path)
    too_big = [c for c in new if sizes[c.id] > MAX_TEXT_BYTES]
    if too_big:
        raise ArchiveError(
            f"'{path}' at {too_big[0].id[:12]} is {sizes[too_big[0].id]:,} bytes; "
            f"an archived version is at most {MAX_TEXT_BYTES:,}"
        )
    added = []
    progress = Progress(f"{doc.key}: importing", len(new))
    for batch in _batches(new, sizes):
        versions = [_version(clone, path, commit, progress) for commit in batch]
        archive, written = add_versions(archive, doc.platform_rel, doc.document.id, versions)
        added.extend(written)
    progress.finish()
    left_out = f", {len(older)} older than {since} left out" if older else ""
    if not added:
        return f"no new versions, {already} already archived{left_out}"
    span = f"{added[0].date}" if len(added) == 1 else f"{added[0].date} … {added[-1].date}"
    plural = "version" if len(added) == 1 else "versions"
    return f"{len(added)} new {plural} ({span}), {already} already archived{left_out}"


def _batches(commits: list[Commit], sizes: dict[str, int]) -> Iterator[list[Commit]]:
    batch: list[Commit] = []
    held = 0
    for commit in commits:
        if batch and held + sizes[commit.id] > BATCH_BYTES:
            yield batch
            batch, held = [], 0
        batch.append(commit)
        held += sizes[commit.id]
    if batch:
        yield batch


def _version(clone: Clone, path: str, commit: Commit, progress: Progress) -> NewVersion:
    raw = clone.read(commit, path, MAX_TEXT_BYTES)
    progress.step()
    try:
        text = normalise(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise ArchiveError(f"'{path}' at {commit.id[:12]} is not UTF-8 ({exc.reason})") from None
    except ArchiveError as exc:
        raise ArchiveError(f"'{path}' at {commit.id[:12]}: {exc}") from None
    provenance = {
        "repository": clone.repository,
        "commit": commit.id,
        "path": path,
        "change": change_of(commit.message),
        "snapshot": snapshot_of(commit.message),
        "licence": OTA_LICENCE,
        "credit": OTA_CREDIT,
    }
    return NewVersion(text, commit.time, "open-terms-archive", provenance)
