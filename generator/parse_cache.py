"""Stage 1 helper, parse caches: YAML files unchanged since the last run → their parsed data.

Input: the files `load` is about to parse. Output: for each file whose (mtime_ns, size) match
the previous run, the plain data the safe loader produced then; after the run, the cache file
build/cache/yaml-<key>.pickle is rewritten with what was parsed now.

Parsing is the largest cost of `clausebook check` (~0.35 ms of CPU per analysis: libyaml
makes a Python object of every node; see `load`); validation is not cached, so every
rule still runs on every file each time. Only files that loaded without a problem are cached.
A file changed within RACY_NS of the cache being written is not trusted (the racy-git rule:
a second edit in the same clock tick would keep the same mtime).

`ModelMemo` keeps the validated models of unchanged files in memory for the life of the
process: `serve` rebuilds after an edit re-parse and re-validate only the edited file. The
cross-file rules still run over the whole corpus every time.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import time
from pathlib import Path
from typing import Any

import ruamel.yaml

from generator import __version__, load

RACY_NS = 2_000_000_000
Entry = tuple[int, int, Any]  # mtime_ns, size, data


def _key() -> str:
    """Changes whenever the loader, its library or the generator version change."""
    loader = Path(load.__file__).read_bytes()
    digest = hashlib.sha256(loader + f"{__version__} {ruamel.yaml.__version__}".encode())
    return digest.hexdigest()[:16]


def _settled(st: os.stat_result) -> bool:
    return time.time_ns() - st.st_mtime_ns > RACY_NS


class ParseCache:
    def __init__(self, folder: Path) -> None:
        self.path = folder / f"yaml-{_key()}.pickle"
        self.old: dict[str, Entry] | None = None  # read on the first lookup
        self.new: dict[str, Entry] = {}
        self.hits: set[str] = set()

    def _load(self) -> dict[str, Entry]:
        try:
            with self.path.open("rb") as f:
                return dict(pickle.load(f))
        except FileNotFoundError:
            return {}
        except (pickle.UnpicklingError, EOFError, AttributeError, ValueError) as exc:
            # A truncated or foreign cache is rebuilt, never trusted.
            print(
                f"clausebook: ignoring unreadable parse cache {self.path}: {exc}", file=sys.stderr
            )
            return {}

    def get(self, rel: str, st: os.stat_result) -> Any | None:
        if self.old is None:
            self.old = self._load()
        entry = self.old.get(rel)
        if entry is not None and entry[0] == st.st_mtime_ns and entry[1] == st.st_size:
            self.new[rel] = entry
            self.hits.add(rel)
            return entry[2]
        return None

    def put(self, rel: str, st: os.stat_result, data: Any) -> None:
        if _settled(st):
            self.new[rel] = (st.st_mtime_ns, st.st_size, data)

    def save(self) -> None:
        """Write the cache (atomically) if anything changed; stale caches are removed."""
        if self.old is None or (self.new.keys() == self.hits == self.old.keys()):
            return
        tmp = self.path.with_name(self.path.name + f".{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with tmp.open("wb") as f:
                pickle.dump(self.new, f, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(self.path)
        except OSError as exc:  # a read-only checkout still checks, only more slowly
            print(f"clausebook: parse cache not written ({exc})", file=sys.stderr)
            return
        for stale in self.path.parent.glob("yaml-*.pickle"):
            if stale != self.path:
                stale.unlink()


class ModelMemo:
    """rel → (mtime_ns, size, model class, validated model) of files that had no problem."""

    def __init__(self) -> None:
        self.entries: dict[str, tuple[int, int, type, Any]] = {}
        self.hits: set[str] = set()  # files answered from the memo in the current run
        self.findings: dict[tuple[Any, str], list[Any]] = {}  # (rule, file) → its findings

    def get(self, rel: str, st: os.stat_result, model: type) -> Any | None:
        entry = self.entries.get(rel)
        if entry is not None and entry[:3] == (st.st_mtime_ns, st.st_size, model):
            return entry[3]
        return None

    def put(self, rel: str, st: os.stat_result, model: type, parsed: Any) -> None:
        if _settled(st):
            self.entries[rel] = (st.st_mtime_ns, st.st_size, model, parsed)
        else:
            self.entries.pop(rel, None)


MEMOS: dict[Path, ModelMemo] = {}  # project root → its memo, for this process


def memo_for(root: Path) -> ModelMemo:
    return MEMOS.setdefault(root.resolve(), ModelMemo())
