"""Stage 4b helper: build/docs, the generated Markdown folder, written and emptied safely.

Input: the files a render produces (path in build/docs → bytes). Output: build/docs holding
exactly those files, and build/manifest.json listing them.

Only files this tool wrote are ever deleted: build/manifest.json lists every file a render
may have written (it is written before the files, so a build killed half-way leaves none
unlisted), and a file of build/docs that it does not list is refused, not deleted. Nothing
is followed through a link: a link anywhere in build/docs is refused (`verify`), folders are
checked as they are made (`outputs.real_dir`) and files opened with O_NOFOLLOW. MkDocs then
reads build/docs knowing that every file in it came from this render.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterable
from pathlib import Path

from generator.outputs import (
    CLOEXEC,
    NOFOLLOW,
    TMP_SUFFIX,
    OutputError,
    claim,
    read_small,
    real_dir,
    remove_dead_tmp,
    shown,
    write_new,
)
from generator.project import Layout

MANIFEST = "manifest.json"
MANIFEST_FORMAT = 1
# 10,000 analyses make about 12,000 files, a manifest of 0.7 MB.
MAX_MANIFEST_BYTES = 64 * 1024 * 1024


def _valid(rel: object) -> bool:
    """A manifest entry: a relative path below build/docs, no way out of it."""
    if not isinstance(rel, str) or not rel or "\\" in rel or "\0" in rel:
        return False
    return all(part not in ("", ".", "..") for part in rel.split("/"))


class DocsTree:
    """build/docs of one project. `verify` walks it first (a render of every page does);
    `serve`'s partial renders skip the walk: the last full render of this process made it."""

    def __init__(self, layout: Layout, *, verify: bool) -> None:
        claim(layout.build, layout.root)
        remove_dead_tmp(layout.build)  # a manifest or marker a killed build was writing
        self.build = layout.build
        self.docs = real_dir(layout.docs, layout.root)
        self.manifest = layout.build / MANIFEST
        self.known = self._read_manifest()
        self.dirs: set[str] = {""}
        self.verified = verify
        if verify:
            self._verify(self.docs, "")

    def _refuse(self, path: Path, why: str) -> OutputError:
        return OutputError(
            f"{shown(path)} {why}; clausebook never deletes or publishes what it did not "
            f"write: delete {shown(self.build, True)} and run again"
        )

    def _read_manifest(self) -> set[str]:
        raw = read_small(self.manifest, MAX_MANIFEST_BYTES + 1)
        if raw is None:
            return set()
        try:
            if len(raw) > MAX_MANIFEST_BYTES:
                raise ValueError("too large")
            data = json.loads(raw)
            files = data["files"]
            if data.get("format") != MANIFEST_FORMAT or not all(_valid(f) for f in files):
                raise ValueError("not a manifest of this format")
        except (ValueError, TypeError, KeyError, RecursionError):
            raise self._refuse(self.manifest, "is not a manifest clausebook wrote") from None
        return set(files)

    def _write_manifest(self, files: Iterable[str]) -> None:
        text = json.dumps({"format": MANIFEST_FORMAT, "files": sorted(files)}, indent=0)
        write_new(self.manifest, text.encode() + b"\n")

    def _verify(self, folder: Path, prefix: str) -> None:
        """Every file in build/docs is one the manifest lists; no links, no other kinds."""
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
        for entry in entries:
            rel, path = prefix + entry.name, folder / entry.name
            if entry.is_symlink():
                raise self._refuse(path, "is a symbolic link, which clausebook never writes")
            if entry.is_dir(follow_symlinks=False):
                self.dirs.add(rel)
                self._verify(path, rel + "/")
            elif not entry.is_file(follow_symlinks=False):
                raise self._refuse(path, "is not a file or a folder")
            elif entry.name.startswith(".") and entry.name.endswith(TMP_SUFFIX):
                os.unlink(path)  # left by a build that was killed while writing it
            elif rel not in self.known:
                raise self._refuse(path, f"is not listed in {shown(self.manifest)}")

    def begin(self, outputs: Iterable[str]) -> None:
        """List the files about to be written before writing any of them."""
        every = self.known | set(outputs)
        if every != self.known:
            self._write_manifest(every)
            self.known = every

    def _folder(self, rel: str) -> Path:
        if rel not in self.dirs:
            real_dir(self.docs / rel, self.docs)
            parts = rel.split("/")
            self.dirs.update("/".join(parts[: i + 1]) for i in range(len(parts)))
        return self.docs / rel if rel else self.docs

    def write(self, rel: str, data: bytes) -> bool:
        """Write one file unless it already holds exactly `data` (MkDocs' dirty builds and
        serve then see it unchanged); False when it did."""
        assert rel in self.known, f"{rel} was not announced by begin()"
        folder, _, name = rel.rpartition("/")
        target = self._folder(folder) / name
        if self._holds(target, data):
            return False
        write_new(target, data)
        return True

    @staticmethod
    def _holds(target: Path, data: bytes) -> bool:
        try:
            fd = os.open(target, os.O_RDONLY | NOFOLLOW | CLOEXEC)
        except OSError:  # missing, or a link (replaced by the rename, never followed)
            return False
        with os.fdopen(fd, "rb") as stream:
            st = os.fstat(stream.fileno())
            if not stat.S_ISREG(st.st_mode) or st.st_size != len(data):
                return False
            return stream.read() == data

    def finish(self, keep: set[str]) -> list[str]:
        """Delete the files an earlier render wrote and this one did not (and folders left
        empty); the manifest then lists `keep`. Needs a verified tree."""
        assert self.verified, "only a render of every page removes files"
        removed = sorted(self.known - keep)
        for rel in removed:
            # `verify` saw every folder on the way: real folders, no links.
            path = self.docs / rel
            path.unlink(missing_ok=True)
            parent = path.parent
            while parent != self.docs:
                try:
                    parent.rmdir()  # only an empty folder; never a link (ENOTDIR)
                except FileNotFoundError:
                    pass
                except OSError:
                    break
                parent = parent.parent
        if self.known != keep:
            self._write_manifest(keep)
            self.known = set(keep)
        return removed
