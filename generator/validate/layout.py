"""Rules file-name, stray-file, missing-file, id-collision, symlink: the folder layout of
analyses/ (and symlinks in content/ too).

Ids come from names: the platform id is the folder name, the clause id the file stem, and
both must match ^[a-z0-9]+(-[a-z0-9]+)*$ so that every URL is stable and portable.

    analyses/Acme Cloud/Training.YML   # error[file-name] folder name 'Acme Cloud' is not an id

Folders are read with os.scandir, whose entries carry each file's type: no stat per file
(`serve` runs this on every rebuild, over 10,000 files at 10,000 analyses).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from generator.model import is_id
from generator.project import RESERVED_PLATFORM, RESERVED_TOP, Layout
from generator.validate.findings import Finding

TAXONOMIES = ("topics.yml", "jurisdictions.yml")
RESERVED_CLAUSES = {"platform", "index", "feed", "sources"}


@dataclass
class Discovered:
    taxonomies: dict[str, Path] = field(default_factory=dict)
    platforms: dict[str, Path] = field(default_factory=dict)  # id → platform.yml
    analyses: list[tuple[str, str, Path]] = field(default_factory=list)  # platform, clause, path
    sources: dict[tuple[str, str], list[Path]] = field(default_factory=dict)
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
                    "missing-file",
                    f"analyses/{name} is missing",
                    "create it; see the authoring guide",
                )
            )
    found.findings.extend(_symlinks(layout))
    for entry in sorted(layout.analyses.iterdir()):
        rel = layout.rel(entry)
        if (
            entry.name.startswith(".")
            or entry.name in TAXONOMIES
            or entry.name in RESERVED_TOP
            or entry.is_symlink()
        ):
            continue
        if entry.is_dir():
            found.findings.extend(_platform(layout, entry, found))
        else:
            found.findings.append(
                _stray(
                    rel,
                    "only topics.yml, jurisdictions.yml and one "
                    "folder per platform belong in analyses/",
                )
            )
    found.findings.extend(
        _case_clashes(layout, layout.analyses, [e.name for e in _listing(layout.analyses)])
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


def _platform(layout: Layout, folder: Path, found: Discovered) -> Iterator[Finding]:
    rel = layout.rel(folder)
    if not is_id(folder.name):
        yield Finding(
            rel,
            (),
            "file-name",
            f"folder name '{folder.name}' is not an id",
            "rename it to lower-case words joined by hyphens, e.g. 'acme-cloud'",
        )
        return
    entries = _listing(folder)
    yield from _case_clashes(layout, folder, [e.name for e in entries])
    platform_file = folder / "platform.yml"
    if platform_file.is_file() and not platform_file.is_symlink():
        found.platforms[folder.name] = platform_file
    else:
        yield Finding(
            f"{rel}/platform.yml",
            (),
            "missing-file",
            f"platform '{folder.name}' has no platform.yml",
            "add one with name, vendor, website, description and documents",
        )
    for entry in entries:
        name = entry.name
        if name.startswith(".") or name == "platform.yml" or entry.is_symlink():
            continue
        erel = f"{rel}/{name}"
        stem, suffix = _stem_suffix(name)
        is_dir = _is_dir(entry)
        if is_dir and name in RESERVED_PLATFORM:
            _sources(folder / name, folder.name, found)
        elif is_dir:
            yield _stray(erel, "a platform folder holds platform.yml, clause files and sources/")
        elif suffix.lower() in (".yml", ".yaml") and suffix != ".yml":
            yield Finding(
                erel,
                (),
                "file-name",
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
                "file-name",
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


def _sources(folder: Path, platform: str, found: Discovered) -> None:
    for doc in sorted(p for p in folder.iterdir() if p.is_dir() and not p.is_symlink()):
        found.sources[(platform, doc.name)] = sorted(
            p for p in doc.glob("*.txt") if not p.is_symlink()
        )


def _symlinks(layout: Layout) -> Iterator[Finding]:
    """A symbolic link could make `check` read, and its messages quote, any file on the
    machine (a pull request's CI runner: /proc/self/environ), or publish it from content/."""
    for top in (layout.analyses, layout.content):
        for folder, entries in _walk(top):
            for entry in sorted(entries, key=lambda e: e.name):
                if entry.is_symlink():
                    path = folder / entry.name
                    yield Finding(
                        layout.rel(path),
                        (),
                        "symlink",
                        f"'{layout.rel(path)}' is a symbolic link",
                        "replace it with the file itself",
                    )


def _walk(top: Path) -> Iterator[tuple[Path, list[os.DirEntry[str]]]]:
    """os.walk(top) with each folder's entries: top-down, links not followed, a folder that
    cannot be read skipped."""
    try:
        with os.scandir(top) as listing:
            entries = list(listing)
    except OSError:
        return
    yield top, entries
    for entry in entries:
        if _is_dir(entry) and not entry.is_symlink():
            yield from _walk(top / entry.name)


def _stray(rel: str, hint: str) -> Finding:
    return Finding(
        rel, (), "stray-file", f"'{rel}' is not part of the layout", hint, severity="warning"
    )


def _case_clashes(layout: Layout, folder: Path, names: list[str]) -> Iterator[Finding]:
    """Names that differ only by case would be one page on macOS and Windows. `names`: the
    folder's entries, sorted."""
    seen: dict[str, str] = {}
    for name in names:
        folded = name.casefold()
        if folded in seen:
            yield Finding(
                layout.rel(folder / name),
                (),
                "id-collision",
                f"'{name}' and '{seen[folded]}' differ only by case",
                "rename one of them: ids are lower case",
            )
        seen[folded] = name
