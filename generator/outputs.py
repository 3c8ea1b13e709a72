"""Generated folders: build/, build/docs, build/cache, the site and its staging folders.

Input: a folder clausebook is about to write. Output: the same folder, known to be a real
folder that clausebook made, reached through no symbolic link; or `OutputError`, one line
saying what is wrong and how to fix it.

A pull request can commit anything, a git-ignored `build/` too (`git add -f`): a committed
link `build/docs -> ../..` once made a build write into the folder above the repository and
then delete everything there that was not a page it had generated. So:

- every component from the project (or the site's parent folder) down is checked with lstat:
  a link on the way is refused, never followed, never removed;
- a folder that already holds anything must carry MARKER, written by clausebook when it made
  the folder; any other folder is refused, never emptied (the user deletes it);
- files are opened with O_NOFOLLOW, and `DocsTree` (docstree.py) deletes only the files its
  manifest says an earlier build wrote.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from generator.bounded import read_at_most

MARKER = ".clausebook"
# Written into each generated folder that clausebook makes; another format is another
# clausebook's folder, refused like a folder that is not ours (the user deletes it).
MARKER_TEXT = "clausebook generated folder, format 1\n"
TMP_SUFFIX = ".clausebook-tmp"  # write_new's temporary files: hidden, named by their pid
NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
CLOEXEC = getattr(os, "O_CLOEXEC", 0)


class OutputError(Exception):
    """A generated folder cannot be used safely; the message is one line, with the fix."""


def shown(path: Path, folder: bool = False) -> str:
    """A path as the user knows it: relative to the current folder when inside it; a folder
    with a trailing slash."""
    try:
        text = path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        text = str(path)
    return text + "/" if folder and not text.endswith("/") else text


def real_dir(folder: Path, base: Path, make: bool = True) -> Path:
    """`folder` (at or below `base`) as a real folder: every component below `base` is a folder
    and not a link; missing ones are made (or, without `make`, the rest is not looked at).
    `base` itself is the user's (the project root)."""
    current = base
    for part in folder.relative_to(base).parts:
        current = current / part
        try:
            st = os.lstat(current)
        except FileNotFoundError:
            if not make:
                return folder
            try:
                os.mkdir(current)
                continue
            except FileExistsError:  # made meanwhile by another process: look again
                st = os.lstat(current)
        if stat.S_ISLNK(st.st_mode):
            raise OutputError(
                f"{shown(current)} is a symbolic link; clausebook never writes a generated "
                f"folder through a link: delete the link {shown(current)} and run again"
            )
        if not stat.S_ISDIR(st.st_mode):
            raise OutputError(
                f"{shown(current)} is not a folder; clausebook writes a generated folder "
                f"there: delete it and run again"
            )
    return folder


def read_small(path: Path, limit: int) -> bytes | None:
    """A regular file's bytes (at most `limit`), never through a link; None if missing."""
    try:
        fd = os.open(path, os.O_RDONLY | NOFOLLOW | CLOEXEC)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise OutputError(
                f"{shown(path)} is a symbolic link; clausebook never reads a generated file "
                f"through a link: delete it and run again"
            ) from None
        raise
    with os.fdopen(fd, "rb") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            raise OutputError(f"{shown(path)} is not a file: delete it and run again")
        return read_at_most(stream, limit)


def write_new(path: Path, data: bytes | Callable[[BinaryIO], None]) -> None:
    """Write `data` to a file at `path` by rename (no reader sees half of it); never through a
    link. The temporary file is hidden (MkDocs skips dotfiles) and removed on failure. `data`
    may be a function that writes the file to the stream it is given (a large file, written
    without a copy of it in memory)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}{TMP_SUFFIX}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | NOFOLLOW | CLOEXEC, 0o666)
    try:
        with os.fdopen(fd, "wb") as stream:
            if isinstance(data, bytes):
                stream.write(data)
            else:
                data(stream)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if exc.filename is None:  # a failed write names no file: name the one it was for
            exc.filename = str(path)
        raise
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def remove_dead_tmp(folder: Path) -> None:
    """Remove the temporary files of `write_new` left in `folder` by processes that are gone
    (killed while writing); a live process's is left to it."""
    try:
        names = [n for n in os.listdir(folder) if n.startswith(".") and n.endswith(TMP_SUFFIX)]
    except OSError:
        return
    for name in names:
        pid = name.removesuffix(TMP_SUFFIX).rsplit(".", 1)[-1]
        if pid.isdigit() and not _alive(int(pid)):
            with contextlib.suppress(OSError):  # removed meanwhile
                os.unlink(folder / name)  # a link is removed, never followed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def claim(folder: Path, base: Path) -> Path:
    """`folder` as a generated folder of clausebook's: a real folder (see `real_dir`) that is
    new, empty, or carries MARKER. Made with the marker if missing; anything else is refused."""
    real_dir(folder, base)
    marker = folder / MARKER
    text = read_small(marker, len(MARKER_TEXT) + 1)
    if text == MARKER_TEXT.encode():
        return folder
    if text is not None:
        raise OutputError(
            f"{shown(folder, True)} was made by another version of clausebook "
            f"({shown(marker)} differs): delete {shown(folder, True)} and run again"
        )
    refuse_unless_empty(folder, "delete it (or move it away) and run again")
    write_new(marker, MARKER_TEXT.encode())
    return folder


def refuse_unless_empty(folder: Path, fix: str) -> None:
    """Raise OutputError if `folder`, which has no marker, holds anything: it is someone
    else's, and clausebook never empties or replaces it."""
    with os.scandir(folder) as entries:
        if any(True for _ in entries):
            raise OutputError(
                f"{shown(folder, True)} was not made by clausebook (it has no {MARKER} file) "
                f"and is not empty; clausebook never empties or replaces such a folder: {fix}"
            )


def is_ours(folder: Path) -> bool:
    """Whether `folder` is a real folder (not a link) that carries clausebook's marker."""
    try:
        if not stat.S_ISDIR(os.lstat(folder).st_mode):
            return False
        return read_small(folder / MARKER, len(MARKER_TEXT) + 1) == MARKER_TEXT.encode()
    except (OSError, OutputError):
        return False
