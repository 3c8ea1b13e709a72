"""Real file systems that fail writes, for the tests of full disks and read-only folders.

Tests run as root here and in CI. A full disk is a small tmpfs mounted for the test; a
read-only folder is a read-only bind mount of it (as root, chmod stops no write), or failing
that `chattr +i`. Where mounting is not permitted, the caller falls back (RLIMIT_FSIZE) or
skips, saying so: `strategies()` tells which of these this machine allows.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path


def _run(*command: str) -> bool:
    if shutil.which(command[0]) is None:
        return False
    return subprocess.run(command, capture_output=True, check=False).returncode == 0


@cache
def can_mount() -> bool:
    """Whether this process may mount a tmpfs (root with CAP_SYS_ADMIN)."""
    if os.geteuid() != 0:
        return False
    with tempfile.TemporaryDirectory() as folder:
        if not _run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", folder):
            return False
        _run("umount", folder)
    return True


@cache
def can_make_immutable() -> bool:
    """Whether `chattr +i` works on a folder of the temporary file system."""
    with tempfile.TemporaryDirectory() as folder:
        if not _run("chattr", "+i", folder):
            return False
        _run("chattr", "-i", folder)
    return True


@contextmanager
def tmpfs(folder: Path, size: int) -> Iterator[Path]:
    """A tmpfs of `size` bytes mounted on `folder` for the block."""
    folder.mkdir(parents=True, exist_ok=True)
    assert _run("mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder))
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


@contextmanager
def read_only(folder: Path) -> Iterator[str]:
    """`folder` read-only for the block: a read-only bind mount of itself, or `chattr +i`.
    Yields which one."""
    if can_mount():
        assert _run("mount", "--bind", str(folder), str(folder))
        if not _run("mount", "-o", "remount,bind,ro", str(folder)):
            subprocess.run(["umount", "-l", str(folder)], check=False)
            raise AssertionError("a bind mount could not be made read-only")
        try:
            yield "read-only bind mount"
        finally:
            subprocess.run(["umount", "-l", str(folder)], check=False)
    else:
        assert _run("chattr", "+i", str(folder))
        try:
            yield "chattr +i"
        finally:
            subprocess.run(["chattr", "-i", str(folder)], check=False)


def free_bytes(folder: Path) -> int:
    st = os.statvfs(folder)
    return st.f_bavail * st.f_frsize


def fill(folder: Path, leave: int) -> Path:
    """A file that fills the file system of `folder` but for `leave` bytes."""
    filler = folder / "filler"
    size = max(free_bytes(folder) - leave, 0)
    with filler.open("wb") as stream:
        os.posix_fallocate(stream.fileno(), 0, size) if size else None
    return filler
