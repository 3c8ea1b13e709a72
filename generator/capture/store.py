"""Stage 1, source (archives): new versions written into a document's archive.

Input: an `Archive` that verified clean, and new versions (text and provenance). Output: one
Markdown file per new version and a new versions.yml. Each file is written to a temporary file
in the same folder, flushed to disk and renamed into place, so neither a reader nor a crash
ever sees half a file; versions.yml is written last, so until then the new texts are unlisted
files and the index never names a text that is not there. The index is deterministic: entries
oldest first, keys in the model's order, the same bytes for the same versions.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.resolver import implicit_resolvers

from generator.check.archives import file_name
from generator.source.archive import (
    INDEX,
    MAX_TEXT_BYTES,
    MAX_VERSIONS,
    Archive,
    Origin,
    Version,
    VersionsFile,
    read_bounded,
)

HEADER = """\
# Archived versions of {document} ({platform_rel}), oldest first.
# Written by `clausebook sources import` / `clausebook sources fetch`; edit by hand only to
# declare a copy partial (`partial: why`) or to add a manual copy (`origin: manual`).
"""
_TEMP_PREFIX = ".clausebook-"


class ArchiveError(Exception):
    """A version cannot be added; the message says why in one line. Nothing was written."""


@dataclass(frozen=True)
class NewVersion:
    text: bytes  # from `normalise`
    recorded: dt.datetime  # UTC
    origin: Origin
    provenance: dict[str, Any] = field(default_factory=dict)  # the origin's keys


def normalise(text: str) -> bytes:
    """A version's text as stored: UTF-8, LF line ends, exactly one newline at the end."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n")
    if not text.strip():
        raise ArchiveError("the text is empty")
    data = (text + "\n").encode("utf-8")
    if len(data) > MAX_TEXT_BYTES:
        raise ArchiveError(f"the text is {len(data):,} bytes; the limit is {MAX_TEXT_BYTES:,}")
    return data


def add_versions(
    archive: Archive, platform_rel: str, document: str, new: Sequence[NewVersion]
) -> tuple[Archive, list[Version]]:
    """Write `new` into the archive: the archive now, and the versions written, oldest first.
    ArchiveError (and nothing written) when they do not fit: too many, or one that would have
    to be named before an archived version of its day (names follow time order, and an
    archived file is never renamed)."""
    if not new:
        return archive, []
    total = len(archive.versions) + len(new)
    if total > MAX_VERSIONS:
        raise ArchiveError(f"{total:,} versions; an archive holds at most {MAX_VERSIONS:,}")
    # Archived before new at the same time; new ones in the order given (their history).
    merged = sorted(
        [(v.recorded, 0, i, v) for i, v in enumerate(archive.versions)]
        + [(n.recorded, 1, i, n) for i, n in enumerate(new)],
        key=lambda entry: entry[:3],
    )
    per_day: Counter[dt.date] = Counter()
    versions: list[Version] = []
    written: list[tuple[Version, bytes]] = []
    for recorded, _, _, item in merged:
        day = recorded.astimezone(dt.UTC).date()
        per_day[day] += 1
        name = file_name(day, per_day[day])
        if isinstance(item, Version):
            if item.file != name:
                raise ArchiveError(
                    f"a new version would come before {item.file} on {day}, and archived "
                    "files are never renamed; import older versions before newer ones"
                )
            versions.append(item)
            continue
        version = Version(
            file=name,
            date=day,
            recorded=recorded.astimezone(dt.UTC).replace(microsecond=0),
            sha256=hashlib.sha256(item.text).hexdigest(),
            origin=item.origin,
            **item.provenance,
        )
        versions.append(version)
        written.append((version, item.text))
    for version, text in written:
        if _unlisted_other(archive.folder / version.file, text):
            raise ArchiveError(
                f"{archive.rel}/{version.file} exists but is not in {INDEX}; move it away first"
            )
    index = render_index(document, platform_rel, versions)
    archive.folder.mkdir(parents=True, exist_ok=True)
    for leftover in archive.folder.glob(_TEMP_PREFIX + "*"):  # from a killed run
        leftover.unlink()
    for version, text in written:
        _write_atomically(archive.folder / version.file, text)
    _write_atomically(archive.folder / INDEX, index.encode("utf-8"))
    _sync_folder(archive.folder)
    return replace(archive, versions=tuple(versions)), [version for version, _ in written]


def _unlisted_other(path: Path, text: bytes) -> bool:
    """A file at `path` that is not `text`. The same text is what a run killed before it wrote
    versions.yml left behind: the next run writes it again, and lists it."""
    if not path.exists() and not path.is_symlink():
        return False
    try:
        return read_bounded(path) != text
    except (OSError, ValueError):
        return True


def render_index(document: str, platform_rel: str, versions: Sequence[Version]) -> str:
    lines = [HEADER.format(document=document, platform_rel=platform_rel) + "versions:"]
    for version in versions:
        data = version.model_dump(exclude_none=True)
        for n, (key, value) in enumerate(data.items()):
            lines.append(f"{'  - ' if n == 0 else '    '}{key}: {_value(value)}")
    text = "\n".join(lines) + "\n"
    # The writer's own check: the text reads back as exactly these versions, or nothing is
    # written (a quoting mistake here would otherwise corrupt an archive silently).
    if VersionsFile.model_validate(_LOADER.load(text)).versions != tuple(versions):
        raise AssertionError(f"{INDEX} does not read back as written")
    return text


_LOADER = YAML(typ="safe", pure=False)
# Characters a plain (unquoted) scalar may hold here: no control characters, no comment mark,
# none of the line breaks YAML 1.1 knows besides \n (NEL, LS, PS), no BOM.
_PLAIN = re.compile(r"[A-Za-z0-9][^\x00-\x1f\x7f-\x9f#\u2028\u2029\ufeff]*")
# In a flow list ([main, nav]) libyaml is stricter ("0?" does not parse): words only.
_FLOW_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
_RESOLVERS = [regexp for _, _, regexp, _ in implicit_resolvers]
# What JSON leaves raw but YAML does not allow raw (non-printable) or reads as a line break.
_ESCAPES = {
    **{c: f"\\x{c:02x}" for c in range(0x7F, 0xA0)},
    **{c: f"\\u{c:04x}" for c in (0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF)},
}


def _scalar(text: str, flow: bool = False) -> str:
    """`text` as a YAML scalar: plain when it reads back as the same string, else quoted."""
    plain = (
        _PLAIN.fullmatch(text)
        and ": " not in text
        and not text.endswith((":", " "))
        and not any(r.match(text) for r in _RESOLVERS)
        and (not flow or _FLOW_PLAIN.fullmatch(text))
    )
    # JSON's escapes are YAML's.
    return text if plain else json.dumps(text, ensure_ascii=False).translate(_ESCAPES)


def _value(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):  # selectors: {select: [main], remove: [".cookie-banner"]}
        parts = [
            f"{key}: [{', '.join(_scalar(s, flow=True) for s in items)}]"
            for key, items in value.items()
            if items
        ]
        return "{" + ", ".join(parts) + "}"
    return _scalar(str(value))


def _write_atomically(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=_TEMP_PREFIX, suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(tmp, 0o644)  # mkstemp's 0600 would differ from every other file of a checkout
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _sync_folder(folder: Path) -> None:
    """The renames themselves reach the disk (POSIX; Windows cannot open a folder)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
