"""`serve` helper: notice edits from file system events instead of polling.

MkDocs' live-reload server polls what it watches every half second: a walk and a stat of
every file (10,400 files in a 10,000-analysis project) in a thread of the process that also
rebuilds the site, so a poll both delays noticing an edit and slows the rebuild it starts.
`use_events` gives the server watchdog's native observer (inotify on Linux, FSEvents on
macOS) before it starts, and watches the given paths with it. Polling stays where events
are not to be trusted: `CLAUSEBOOK_POLL=1` (network drives, some container mounts) or when
the native observer cannot watch (e.g. the inotify watch limit is reached).
"""

from __future__ import annotations

import logging
import os
from typing import Any

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer

log = logging.getLogger("mkdocs.plugins.clausebook")


# Changes only. inotify also reports files opened and closed unwritten: a rebuild reads the
# templates and the edited file, and those reads would start another rebuild.
CHANGES: list[type[FileSystemEvent]] = [
    FileCreatedEvent,
    FileModifiedEvent,
    FileClosedEvent,  # closed after writing
    FileMovedEvent,
    FileDeletedEvent,
    DirCreatedEvent,
    DirMovedEvent,
    DirDeletedEvent,
]


class ChangeObserver(Observer):  # type: ignore[misc, valid-type]
    """The platform's native observer, reporting changes only."""

    def schedule(self, handler: Any, path: Any, **options: Any) -> Any:
        options.setdefault("event_filter", CHANGES)
        return super().schedule(handler, path, **options)


def use_events(server: Any, paths: list[str]) -> None:
    """Watch `paths` (each not yet watched by `server`) with a native observer if possible."""
    if os.environ.get("CLAUSEBOOK_POLL") != "1" and _native_works(paths):
        server.observer = ChangeObserver()
    for path in paths:
        server.watch(path)


def _native_works(paths: list[str]) -> bool:
    """Start a native observer on `paths` and stop it: watches are only set up on start,
    where the server could no longer fall back."""
    probe = Observer()
    try:
        for path in paths:
            probe.schedule(FileSystemEventHandler(), path, recursive=True)
        probe.start()
    except OSError as exc:
        log.info("Clausebook: watching for edits by polling (%s)", exc)
        return False
    finally:
        if probe.is_alive():
            probe.stop()
            probe.join()
    return True
