"""Rules file-name, stray-file, missing-file, id-collision, symlink: the folder layout of
analyses/ (and symlinks in content/ too).

Ids come from names: the platform id is the folder name, the clause id the file stem, and
both must match ^[a-z0-9]+(-[a-z0-9]+)*$ so that every URL is stable and portable.

    analyses/Acme Cloud/Training.YML   # error[file-name] folder name 'Acme Cloud' is not an id
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
    found.findings.extend(_case_clashes(layout, layout.analyses))
    return found


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
    yield from _case_clashes(layout, folder)
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
    for entry in sorted(folder.iterdir()):
        erel = layout.rel(entry)
        if entry.name.startswith(".") or entry.name == "platform.yml" or entry.is_symlink():
            continue
        if entry.is_dir() and entry.name in RESERVED_PLATFORM:
            _sources(entry, folder.name, found)
        elif entry.is_dir():
            yield _stray(erel, "a platform folder holds platform.yml, clause files and sources/")
        elif entry.suffix.lower() in (".yml", ".yaml") and entry.suffix != ".yml":
            yield Finding(
                erel,
                (),
                "file-name",
                f"'{entry.name}' must end in '.yml'",
                f"rename it to '{entry.stem}.yml'",
            )
        elif entry.suffix != ".yml":
            yield _stray(erel, "only .yml files are read here")
        elif not is_id(entry.stem) or entry.stem in RESERVED_CLAUSES:
            why = "is reserved" if is_id(entry.stem) else "is not an id"
            yield Finding(
                erel,
                (),
                "file-name",
                f"clause file name '{entry.stem}' {why}",
                "name the file after the clause in lower-case words joined by hyphens",
            )
        else:
            found.analyses.append((folder.name, entry.stem, entry))


def _sources(folder: Path, platform: str, found: Discovered) -> None:
    for doc in sorted(p for p in folder.iterdir() if p.is_dir() and not p.is_symlink()):
        found.sources[(platform, doc.name)] = sorted(
            p for p in doc.glob("*.txt") if not p.is_symlink()
        )


def _symlinks(layout: Layout) -> Iterator[Finding]:
    """A symbolic link could make `check` read, and its messages quote, any file on the
    machine (a pull request's CI runner: /proc/self/environ), or publish it from content/."""
    for top in (layout.analyses, layout.content):
        for folder, dirs, files in os.walk(top):  # does not follow links
            for name in sorted(dirs + files):
                path = Path(folder) / name
                if path.is_symlink():
                    yield Finding(
                        layout.rel(path),
                        (),
                        "symlink",
                        f"'{layout.rel(path)}' is a symbolic link",
                        "replace it with the file itself",
                    )


def _stray(rel: str, hint: str) -> Finding:
    return Finding(
        rel, (), "stray-file", f"'{rel}' is not part of the layout", hint, severity="warning"
    )


def _case_clashes(layout: Layout, folder: Path) -> Iterator[Finding]:
    """Names that differ only by case would be one page on macOS and Windows."""
    seen: dict[str, Path] = {}
    for entry in sorted(folder.iterdir()):
        folded = entry.name.casefold()
        if folded in seen:
            yield Finding(
                layout.rel(entry),
                (),
                "id-collision",
                f"'{entry.name}' and '{seen[folded].name}' differ only by case",
                "rename one of them: ids are lower case",
            )
        seen[folded] = entry
