"""Stage 7, publish: a site is built into a staging folder beside its target and swapped in
only when complete, so an error, a full disk or an interrupted build (Ctrl-C, kill) never
leaves a half-written site where the previous one was.

The site folder is a generated folder (outputs.py): never reached through a link, and
replaced only when it carries clausebook's marker (a folder of someone else's named `site`,
or a `--site-dir` typed wrong, is refused, never emptied). The marker is a dotfile, which
GitHub Pages' upload leaves out.

Each staging folder (and each folder holding a previous site while it is swapped out) is
locked with flock by the build that made it, for as long as that build lives; `clean_stale`
removes only folders whose lock it can take, so it never removes a running build's folder.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.outputs import (
    CLOEXEC,
    MARKER,
    MARKER_TEXT,
    NOFOLLOW,
    OutputError,
    is_ours,
    refuse_unless_empty,
    shown,
    write_new,
)

try:
    import fcntl
except ImportError:  # Windows: no flock; staging folders are cleaned only by the next build
    fcntl = None  # type: ignore[assignment]


@dataclass
class Staged:
    """A staging folder and the open folder that holds its lock."""

    path: Path
    fd: int  # -1 once closed

    def unlock(self) -> None:
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1


def _prefixes(site_dir: Path) -> tuple[str, str]:
    return f".{site_dir.name}.building-", f".{site_dir.name}.old-"


def _lock_folder(path: Path) -> int | None:
    """An exclusive flock on the folder itself, or None if another process holds one."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | NOFOLLOW | CLOEXEC)
    if fcntl is None:
        return fd
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    return fd


def _made(prefix: str, parent: Path) -> Staged:
    path = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    fd = _lock_folder(path)
    assert fd is not None, "a new folder is locked by nobody"
    return Staged(path, fd)


def check_target(site_dir: Path) -> None:
    """Refuse a site folder that a swap would replace but that is not a site of ours."""
    try:
        st = os.lstat(site_dir)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(st.st_mode):
        raise OutputError(
            f"{shown(site_dir)} is a symbolic link; clausebook never writes a site through a "
            f"link: delete the link {shown(site_dir)} and build again"
        )
    if not stat.S_ISDIR(st.st_mode):
        raise OutputError(f"{shown(site_dir)} is not a folder: delete it and build again")
    if not is_ours(site_dir):
        refuse_unless_empty(
            site_dir,
            "delete it (or move it away, or build with --site-dir elsewhere) and build again",
        )


def staging_dir(site_dir: Path) -> Staged:
    """A new, locked, empty folder (but for the marker) on the same file system as
    `site_dir`, so that the swap is a rename."""
    check_target(site_dir)
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staged = _made(_prefixes(site_dir)[0], site_dir.parent)
    try:
        write_new(staged.path / MARKER, MARKER_TEXT.encode())
    except BaseException:
        discard(staged)
        raise
    return staged


def swap_in(staged: Staged, site_dir: Path) -> None:
    """Replace `site_dir` with `staged`. The old site stays whole until the final rename, and
    is put back if that rename fails."""
    check_target(site_dir)
    old, aside = None, None
    try:
        if os.path.lexists(site_dir):
            old = _made(_prefixes(site_dir)[1], site_dir.parent)
            os.rename(site_dir, old.path / "site")
            aside = old.path / "site"
        os.rename(staged.path, site_dir)
    except BaseException:
        if aside is not None:
            # If even this fails, the previous site stays in old.path: the next build's
            # clean_stale puts it back.
            os.rename(aside, site_dir)
        if old is not None:
            discard(old)
        raise
    finally:
        staged.unlock()
    if old is not None:
        discard(old)


def discard(staged: Staged) -> None:
    shutil.rmtree(staged.path, ignore_errors=True)  # rmtree never follows a link
    staged.unlock()


def clean_stale(site_dir: Path) -> None:
    """Remove the staging folders of builds that are gone (killed); if one was killed between
    the two renames of `swap_in`, put the previous site back first. A folder whose build is
    alive (it holds the folder's lock) is left alone; a link is never followed."""
    parent = site_dir.parent
    if not parent.is_dir():
        return
    building, old_prefix = _prefixes(site_dir)
    with os.scandir(parent) as listing:
        names = sorted(e.name for e in listing if e.name.startswith((building, old_prefix)))
    for name in names:
        path = parent / name
        if not stat.S_ISDIR(os.lstat(path).st_mode):
            continue  # a link or a file someone else named so: not ours to remove
        fd = _lock_folder(path)
        if fd is None:
            continue  # its build is running
        try:
            aside = path / "site"
            if name.startswith(old_prefix) and not os.path.lexists(site_dir) and is_ours(aside):
                os.rename(aside, site_dir)
            shutil.rmtree(path, ignore_errors=True)
        finally:
            os.close(fd)
