"""Stage 1 helper, ahead: `load.load_yaml` of many files in worker processes.

A cold `check` of 10,000 analyses spends most of its time parsing; the workers parse while
the process that asked validates what is already back. See `LoadAhead`.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from generator.problems import Problem
from generator.source.load import SourceFile, load_yaml

POOL_MIN = 200  # fewer files parse faster here than a process pool starts and returns them
POOL_CHUNK = 32  # files per task sent to a worker
# A worker parses a file in ~0.25 ms; the process that receives and validates it takes ~0.1 ms,
# so it keeps up with about three workers, and more would only wait.
POOL_MAX_WORKERS = 4
# macOS has fork, but its system libraries are not safe in a forked child; Windows has none.
_FORK_SAFE = "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin"

Encode = Callable[[str, Any], Any]
Loaded = tuple[SourceFile | None, list[Problem], Any]


def _load_encoded(encode: Encode | None, path: Path, rel: str) -> Loaded:
    source, problems = load_yaml(path, rel)
    encoded = encode(source.text, source.data) if source is not None and encode else None
    return source, problems, encoded


class LoadAhead:
    """`load_yaml` of many files in worker processes (one per CPU, up to POOL_MAX_WORKERS)
    while the caller works on the results already back; `load(path, rel)` gives what
    `load_yaml` gives, and `encode(text, data)` of a file that loaded (the parse cache's
    entry, made in the worker: it is a sixth of a cold `check`), or None.

    Input: the files about to be loaded, in the order they will be asked for. A file not in
    the list, too few files, one CPU, or a process with other threads (forking it is unsafe):
    `load` runs `load_yaml` in this process.
    """

    def __init__(self, files: list[tuple[Path, str]], encode: Encode | None = None) -> None:
        self._encode = encode
        self._pending = {path for path, _ in files}
        self._ready: dict[Path, Loaded] = {}
        self._pool: ProcessPoolExecutor | None = None
        self._results: Iterator[Loaded] = iter(())
        self._order = iter([path for path, _ in files])
        cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        workers = min(cpus or 1, POOL_MAX_WORKERS, len(files) // POOL_CHUNK)
        if len(files) >= POOL_MIN and workers > 1 and _FORK_SAFE and threading.active_count() == 1:
            self._pool = ProcessPoolExecutor(
                workers,
                mp_context=multiprocessing.get_context("fork"),  # no re-import, starts at once
                initializer=_start_worker,
                initargs=(os.getpid(),),
            )
            paths, rels = zip(*files, strict=True)
            work = functools.partial(_load_encoded, encode)
            self._results = self._pool.map(work, paths, rels, chunksize=POOL_CHUNK)
        else:
            self._pending.clear()

    def load(self, path: Path, rel: str) -> Loaded:
        if path not in self._pending:
            return _load_encoded(self._encode, path, rel)
        while path not in self._ready:
            self._ready[next(self._order)] = next(self._results)
        self._pending.discard(path)
        return self._ready.pop(path)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def __enter__(self) -> LoadAhead:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _start_worker(parent: int) -> None:
    """Ctrl-C is for the parent, which stops the pool. A worker whose parent is gone (killed)
    exits: it would otherwise wait for work on its queue forever."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True).start()


def _exit_when_orphaned(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)
