"""One build of a project at a time: an exclusive lock on build/.lock for as long as a build
writes build/docs and its staging folder.

Two builds in one folder used to crash each other: each rendered into the same build/docs,
and the second one's `publish.clean_stale` deleted the first one's staging folder. Now the
second waits, saying for whom, and gives up after `wait` seconds with one line.

`fcntl.flock`, not the `filelock` package: filelock opens its lock file following links (a
committed `build/.lock` link to a file elsewhere would be truncated), and flock is what it
uses on Linux and macOS anyway. The lock belongs to the open file: a build that is killed
releases it, so there is never a stale lock to remove by hand. The lock is held per process
and counted, so the plugin inside `clausebook build` shares the command's lock.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.outputs import CLOEXEC, NOFOLLOW, OutputError, claim, read_small, shown
from generator.project import Layout

try:
    import fcntl
except ImportError:  # Windows: no flock; builds there are not guarded against each other
    fcntl = None  # type: ignore[assignment]

LOCK = ".lock"
WAIT = 900.0  # seconds; a build of 10,000 analyses takes about three minutes
POLL = 0.1

_held: dict[Path, tuple[int, int]] = {}  # lock file → (fd, how many holders in this process)


class LockTimeout(OutputError):
    """Another build still held the lock after the wait."""


def _owner(path: Path) -> str:
    try:
        pid = (read_small(path, 32) or b"").decode("ascii").strip()
    except (OSError, OutputError, UnicodeDecodeError):
        pid = ""
    return f"pid {pid}" if pid.isdigit() else "pid unknown"


def acquire(layout: Layout, wait: float = WAIT) -> Path:
    """Take the project's build lock (waiting up to `wait` seconds); return its path."""
    path = claim(layout.build, layout.root) / LOCK
    if path in _held:
        fd, count = _held[path]
        _held[path] = (fd, count + 1)
        return path
    fd = os.open(path, os.O_RDWR | os.O_CREAT | NOFOLLOW | CLOEXEC, 0o666)
    try:
        if fcntl is not None:
            _lock(fd, path, wait)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
    except BaseException:
        os.close(fd)
        raise
    _held[path] = (fd, 1)
    return path


def _lock(fd: int, path: Path, wait: float) -> None:
    deadline = time.monotonic() + wait
    told = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        if not told:
            print(
                f"clausebook: waiting for another build of this project ({_owner(path)})…",
                file=sys.stderr,
                flush=True,
            )
            told = True
        if time.monotonic() >= deadline:
            raise LockTimeout(
                f"another build of this project ({_owner(path)}) still holds {shown(path)} "
                f"after {wait:g} s: let it finish, or stop it, and run again"
            )
        time.sleep(POLL)


def release(path: Path) -> None:
    """Give back one hold of the lock; the last one unlocks it."""
    if path not in _held:
        return
    fd, count = _held.pop(path)
    if count > 1:
        _held[path] = (fd, count - 1)
        return
    os.close(fd)  # closing the file releases its flock


@contextmanager
def held(layout: Layout, wait: float = WAIT) -> Iterator[None]:
    path = acquire(layout, wait)
    try:
        yield
    finally:
        release(path)
