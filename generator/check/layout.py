"""Rules file-name, stray-file, missing-file, id-collision, symlink: the folder layout of
analyses/ (and the names and symlinks of content/ too).

Ids come from names: the platform id is the folder name, the clause id the file stem, and
both must match ^[a-z0-9]+(-[a-z0-9]+)*$ so that every URL is stable and portable.

    analyses/Acme Cloud/Training.YML   # error[file-name] folder name 'Acme Cloud' is not an id
    analyses/acme/notes.txt            # warning[stray-file] 'analyses/acme/notes.txt' is not
                                       #   part of the layout
    analyses/acme/terms.yml -> /etc/passwd   # error[symlink] 'analyses/acme/terms.yml' is a
                                             #   symbolic link
    analyses/acme/ without platform.yml  # error[missing-file] platform 'acme' has no
                                         #   platform.yml

Every name under analyses/ and content/, stray files too, must be one that every system a
contributor clones the repository on can hold (`unportable`): no control or invisible
formatting characters, none of Windows' `<>:"|?*\\`, no Windows device name (CON, NUL, COM1 …),
no trailing dot or space, at most 255 bytes, and a path of at most 200 characters. Two names
of one folder that differ only by case or Unicode normalisation are one name on macOS and
Windows (id-collision).

    analyses/acme/training.yml
    analyses/acme/Training.yml   # error[id-collision] 'training.yml' and 'Training.yml' differ
                                 #   only by case or Unicode normalisation: one name on macOS
                                 #   and Windows

Folders are read with os.scandir, whose entries carry each file's type: no stat per file
(`serve` runs this on every rebuild, over 10,000 files at 10,000 analyses).
"""

from __future__ import annotations

import functools
import os
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator.check.findings import Finding
from generator.check.registry import FILE_NAME, ID_COLLISION, MISSING_FILE, STRAY_FILE, SYMLINK
from generator.model.fieldtypes import is_id
from generator.project import RESERVED_PLATFORM, RESERVED_TOP, Layout
from generator.source.text import bad_character, bidi_control

TAXONOMIES = ("topics.yml", "jurisdictions.yml")
RESERVED_CLAUSES = {"platform", "index", "feed", "sources"}
# Names Windows gives to devices, with any extension ("nul.txt" too): such a file cannot be
# checked out there, and a page or folder named so cannot be written.
WINDOWS_DEVICES = frozenset(
    ["con", "prn", "aux", "nul", "conin$", "conout$"]
    + [f"{port}{n}" for port in ("com", "lpt") for n in "0123456789\u00b9\u00b2\u00b3"]
)
_WINDOWS_FORBIDDEN = frozenset('<>:"|?*\\')
MAX_NAME_BYTES = 255  # ext4, APFS and NTFS alike
# Windows refuses paths over 260 characters unless long paths are enabled: this leaves 60 for
# the folder a contributor clones into, and the build's own prefixes (build/docs/, site/).
MAX_PATH_CHARS = 200


@dataclass
class Discovered:
    taxonomies: dict[str, Path] = field(default_factory=dict)
    platforms: dict[str, Path] = field(default_factory=dict)  # id → platform.yml
    analyses: list[tuple[str, str, Path]] = field(default_factory=list)  # platform, clause, path
    sources: dict[tuple[str, str], Path] = field(default_factory=dict)  # (platform, doc) → folder
    content: list[Path] = field(default_factory=list)  # content/'s files, names usable
    findings: list[Finding] = field(default_factory=list)


def discover(layout: Layout) -> Discovered:
    found = Discovered()
    for name in TAXONOMIES:
        path = layout.analyses / name
        if path.is_file() and not path.is_symlink():
            found.taxonomies[name] = path
        else:
            found.findings.append(
                Finding(
                    f"analyses/{name}",
                    (),
                    MISSING_FILE,
                    f"analyses/{name} is missing",
                    "create it; see the authoring guide",
                )
            )
    unusable = _names(layout, found)
    for entry in sorted(layout.analyses.iterdir()):
        rel = layout.rel(entry)
        if (
            entry.name.startswith(".")
            or entry.name in TAXONOMIES
            or entry.name in RESERVED_TOP
            or entry.is_symlink()
            or rel in unusable
        ):
            continue
        if entry.is_dir():
            found.findings.extend(_platform(layout, entry, found, unusable))
        else:
            found.findings.append(
                _stray(
                    rel,
                    "only topics.yml, jurisdictions.yml and one "
                    "folder per platform belong in analyses/",
                )
            )
    return found


def _listing(folder: Path) -> list[os.DirEntry[str]]:
    """The entries of `folder` in the order of sorted(folder.iterdir())."""
    with os.scandir(folder) as entries:
        return sorted(entries, key=lambda e: os.path.normcase(e.name))


def _stem_suffix(name: str) -> tuple[str, str]:
    """Path(name).stem and Path(name).suffix."""
    i = name.rfind(".")
    return (name[:i], name[i:]) if 0 < i < len(name) - 1 else (name, "")


def _platform(
    layout: Layout, folder: Path, found: Discovered, unusable: set[str]
) -> Iterator[Finding]:
    rel = layout.rel(folder)
    if not is_id(folder.name):
        yield Finding(
            rel,
            (),
            FILE_NAME,
            f"folder name '{folder.name}' is not an id",
            "rename it to lower-case words joined by hyphens, e.g. 'acme-cloud'",
        )
        return
    entries = _listing(folder)
    platform_file = folder / "platform.yml"
    if platform_file.is_file() and not platform_file.is_symlink():
        found.platforms[folder.name] = platform_file
    else:
        yield Finding(
            f"{rel}/platform.yml",
            (),
            MISSING_FILE,
            f"platform '{folder.name}' has no platform.yml",
            "add one with name, vendor, website, description and documents",
        )
    for entry in entries:
        name = entry.name
        erel = f"{rel}/{name}"
        if name.startswith(".") or name == "platform.yml" or entry.is_symlink() or erel in unusable:
            continue
        stem, suffix = _stem_suffix(name)
        is_dir = _is_dir(entry)
        if is_dir and name in RESERVED_PLATFORM:
            yield from _sources(layout, folder / name, found, unusable)
        elif is_dir:
            yield _stray(erel, "a platform folder holds platform.yml, clause files and sources/")
        elif suffix.lower() in (".yml", ".yaml") and suffix != ".yml":
            yield Finding(
                erel,
                (),
                FILE_NAME,
                f"'{name}' must end in '.yml'",
                f"rename it to '{stem}.yml'",
            )
        elif suffix != ".yml":
            yield _stray(erel, "only .yml files are read here")
        elif not is_id(stem) or stem in RESERVED_CLAUSES:
            why = "is reserved" if is_id(stem) else "is not an id"
            yield Finding(
                erel,
                (),
                FILE_NAME,
                f"clause file name '{stem}' {why}",
                "name the file after the clause in lower-case words joined by hyphens",
            )
        else:
            found.analyses.append((folder.name, stem, folder / name))


def _is_dir(entry: os.DirEntry[str]) -> bool:
    """Path.is_dir(): a folder or a link to one; False where that cannot be told."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _sources(
    layout: Layout, folder: Path, found: Discovered, unusable: set[str]
) -> Iterator[Finding]:
    """sources/<document>/: one folder per document. What a folder holds (versions.yml and
    the versions it lists) is the archive rules' (generator/check/archives.py)."""
    for doc in _listing(folder):
        rel = layout.rel(folder / doc.name)
        if rel in unusable or doc.name.startswith(".") or doc.is_symlink():
            continue
        if not _is_dir(doc):
            yield _stray(rel, "sources/ holds one folder per document, named after its id")
            continue
        found.sources[(folder.parent.name, doc.name)] = folder / doc.name


def _names(layout: Layout, found: Discovered) -> set[str]:
    """Every entry of analyses/ and content/, links not followed: symbolic links, names that
    are not portable, names that collide in one folder; and the files of content/. Returns
    the paths of the entries that must not be read (their problem is already reported)."""
    unusable: set[str] = set()
    findings = found.findings
    for top in (layout.analyses, layout.content):
        for folder, entries in _walk(top, unusable, layout):
            seen: dict[str, str] = {}
            for entry in sorted(entries, key=lambda e: e.name):
                rel = layout.rel(folder / entry.name)
                why = unportable(entry.name) or _too_long(rel)
                if entry.is_symlink():
                    # A symbolic link could make `check` read, and its messages quote, any
                    # file on the machine (a pull request's CI runner: /proc/self/environ), or
                    # publish it from content/.
                    unusable.add(rel)
                    findings.append(
                        Finding(
                            rel,
                            (),
                            SYMLINK,
                            f"'{rel}' is a symbolic link",
                            "replace it with the file itself",
                        )
                    )
                elif why:
                    unusable.add(rel)
                    findings.append(
                        Finding(
                            rel,
                            (),
                            FILE_NAME,
                            f"the name {entry.name!r} {why}",
                            "rename it to lower-case words joined by hyphens (ids), or plain "
                            "letters, digits, '-', '_' and '.' (other files)",
                        )
                    )
                elif top == layout.content and entry.is_file(follow_symlinks=False):
                    found.content.append(folder / entry.name)
                folded = unicodedata.normalize("NFC", entry.name).casefold()
                if folded in seen:
                    findings.append(
                        Finding(
                            rel,
                            (),
                            ID_COLLISION,
                            f"{entry.name!r} and {seen[folded]!r} differ only by case or "
                            "Unicode normalisation: one name on macOS and Windows",
                            "rename one of them: ids are lower case",
                        )
                    )
                seen[folded] = entry.name
    return unusable


@functools.lru_cache(maxsize=1 << 16)  # serve asks again for every name on every rebuild
def unportable(name: str) -> str | None:
    """Why `name` cannot be a file or folder name on every system, or None."""
    for char in name:
        kind = unicodedata.category(char)
        bad = (
            "a control character"
            if kind == "Cc"
            else "an invisible formatting character"
            if kind in ("Cf", "Zl", "Zp") or bidi_control(char)
            else bad_character(char)
        )
        if bad:
            return f"holds {bad} (U+{ord(char):04X})"
        if char in _WINDOWS_FORBIDDEN:
            return f"holds {char!r}, which Windows does not allow in a name"
    if name.endswith((".", " ")):
        return "ends in a dot or a space, which Windows drops"
    if name.split(".")[0].strip().lower() in WINDOWS_DEVICES:
        return "is a device name on Windows (CON, PRN, AUX, NUL, COM1…9, LPT1…9)"
    if len(name.encode("utf-8", "surrogateescape")) > MAX_NAME_BYTES:
        return f"is longer than {MAX_NAME_BYTES} bytes"
    return None


def _too_long(rel: str) -> str | None:
    if len(rel) > MAX_PATH_CHARS:
        return f"makes a path of {len(rel)} characters; the limit is {MAX_PATH_CHARS}"
    return None


def _walk(
    top: Path, skip: set[str], layout: Layout
) -> Iterator[tuple[Path, list[os.DirEntry[str]]]]:
    """os.walk(top) with each folder's entries: top-down, links not followed, a folder that
    cannot be read or is in `skip` (filled in while walking) not entered. A loop, not
    recursion: a pull request can commit folders nested thousands deep."""
    stack = [top]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError:
            continue
        yield folder, entries
        for entry in sorted(entries, key=lambda e: e.name, reverse=True):
            path = folder / entry.name
            if _is_dir(entry) and not entry.is_symlink() and layout.rel(path) not in skip:
                stack.append(path)


def _stray(rel: str, hint: str) -> Finding:
    return Finding(rel, (), STRAY_FILE, f"'{rel}' is not part of the layout", hint)
