"""Stage 1 helper, parse caches: YAML files unchanged since the last run → their parsed data.

Input: the files `load` is about to parse. Output: for each file whose text is the same as in
the previous run (by SHA-256), the plain data the safe loader produced then; after the run,
build/cache/yaml-<key>.json is rewritten with what was parsed now: its MAC, a header line,
then one line per file (its path as JSON, the SHA-256 of its text, its data as JSON, separated
by tabs), so each file's data is decoded only if its text is unchanged, and nothing is escaped
twice. The entries of the files parsed in worker processes are made there (`cache_entry`).

Parsing is the largest cost of `clausebook check` (~0.35 ms of CPU per analysis: libyaml
makes a Python object of every node; see `load`); validation is not cached, so every rule
still runs on every file each time. Only files that loaded without a problem are cached.

The cache is data only, never code: JSON whose values are what YAML gives (str, int, float,
bool, None, lists, mappings with text keys), dates as ISO text with a list of where they are
(a file with any other kind of value is not cached). A pull request can commit a file under
build/cache/ (git ignores build/, `git add -f` does not), so nothing in the cache is believed
unless this machine wrote it:

- the file carries an HMAC-SHA256 of its body under a key kept outside the repository
  (`~/.cache/clausebook/parse-cache.key`, made on first use, readable by its owner only): a
  committed, copied or edited cache fails the check and is ignored whole, with one line;
- its name and body carry KEY (generator version, the loader's source, ruamel.yaml's
  version): a cache of another generator is never read;
- each entry holds the SHA-256 of the file's text, which is read and hashed again on every
  run. Modification times are not enough: git sets them at checkout, `git restore-mtime`
  sets them to the commit's time, and an edit within one clock tick keeps them; reading and
  hashing a file costs a small part of parsing it.

`ModelMemo` keeps the validated models of unchanged files in memory for the life of the
process: `serve` rebuilds after an edit re-parse and re-validate only the edited file. The
cross-file rules still run over the whole corpus every time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import os
import secrets
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any, BinaryIO

import ruamel.yaml
from ruamel.yaml.constructor import SafeConstructor

from generator import __version__
from generator.outputs import (
    CLOEXEC,
    NOFOLLOW,
    OutputError,
    claim,
    is_ours,
    read_small,
    real_dir,
    remove_dead_tmp,
    shown,
    write_new,
)
from generator.project import Layout
from generator.source import load

RACY_NS = 2_000_000_000
FORMAT = 3  # 1 was a pickle, never read again; 2 was one JSON document
BOM = "\ufeff".encode()


def _key() -> str:
    """Changes whenever the loader, its library or the generator version change."""
    loader = Path(load.__file__).read_bytes()
    digest = hashlib.sha256(loader + f"{__version__} {ruamel.yaml.__version__}".encode())
    return digest.hexdigest()


def _secret_path() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "clausebook" / "parse-cache.key"


def _secret() -> bytes:
    """This machine's key for the cache's HMAC; made on first use."""
    path = _secret_path()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW | CLOEXEC, 0o600)
    except FileExistsError:
        secret = read_small(path, 65)
        if secret is None or len(secret) != 32:
            raise OutputError(f"{shown(path)} is not a parse cache key: delete it") from None
        return secret
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        return _secret()
    secret = secrets.token_bytes(32)
    with os.fdopen(fd, "wb") as stream:
        stream.write(secret)
    return secret


class _Uncacheable(Exception):
    """Data that JSON would not give back exactly (a key that is not text, a set …)."""


Where = list[str | int]  # keys and indexes from the top of a document to a value


def _decode(text: str) -> Any:
    """An entry's data: [data, dates] as `cache_entry` wrote them; ValueError if it is not."""
    data, dates = json.loads(text, parse_constant=_constant)
    for kind, where in dates:
        holder = data
        for step in where[:-1]:
            holder = holder[step]
        iso = holder[where[-1]]
        if type(iso) is not str:
            raise ValueError("a date that is not text")
        parse = dt.date.fromisoformat if kind == "d" else dt.datetime.fromisoformat
        holder[where[-1]] = parse(iso)
    return data


def _constant(name: str) -> float:
    # The loader's own NaN object, as ruamel gives it (one object, compared by identity).
    return SafeConstructor.nan_value if name == "NaN" else float(name)


def _settled(st: os.stat_result) -> bool:
    return time.time_ns() - st.st_mtime_ns > RACY_NS


def _digest(text_bytes: bytes) -> str:
    return hashlib.sha256(text_bytes).hexdigest()


def _dates(value: Any, where: Where, dates: list[list[Any]]) -> None:
    """Note in `dates` where each date (or datetime) of `value` is, as ["d" or "t", where]:
    JSON has no dates, so `cache_entry` writes each as its ISO text, and `_decode` makes it a
    date again there. _Uncacheable for anything JSON would not give back exactly (a key that
    is not text, a set …)."""
    kind = type(value)
    if kind is list:
        items: Iterable[tuple[Any, Any]] = enumerate(value)
    elif kind is dict:
        items = value.items()
    elif kind is dt.date or kind is dt.datetime:
        dates.append(["d" if kind is dt.date else "t", where])
        return
    elif kind is str or kind is int or kind is float or kind is bool or value is None:
        return
    else:
        raise _Uncacheable
    for k, v in items:
        if kind is dict and type(k) is not str:
            raise _Uncacheable
        if type(v) is not str:  # most values are text: no call for them
            _dates(v, [*where, k], dates)


def _iso(value: Any) -> str:
    return str(value.isoformat())  # only dates reach here: `_dates` refused anything else


def cache_entry(text: str, data: Any) -> list[str] | None:
    """The entry of the data parsed from `text` (the file as `load` read it): [SHA-256 of the
    text, the data as JSON], or None if JSON would not give it back exactly."""
    dates: list[list[Any]] = []
    try:
        _dates(data, [], dates)
    except (_Uncacheable, RecursionError):
        return None
    encoded = json.dumps(
        [data, dates], ensure_ascii=False, separators=(",", ":"), default=_iso, check_circular=False
    )
    if len(encoded) > 4 * len(text) + 1024:  # with JSON's escapes, within `limit`
        return None
    return [_digest(text.encode()), encoded]


class ParseCache:
    """The parse cache of one project, for `files` YAML files of `size` bytes in all. A cache
    file larger than the most `put` can store for them is not read."""

    def __init__(self, layout: Layout, files: int, size: int) -> None:
        self.layout = layout
        self.key = _key()
        self.path = layout.build / "cache" / f"yaml-{self.key[:16]}.json"
        # An entry holds at most 4 times its text plus 1 KB (`put`), and is written as a JSON
        # string (escapes at most double it), with its path and hash.
        self.limit = 8 * size + 4096 * files + (1 << 20)
        self.old: dict[str, list[str]] | None = None  # read on the first lookup
        self.new: dict[str, list[str]] = {}
        self.changed = False
        self.secret: bytes | None = None
        self.off = False

    def _say(self, message: str) -> None:
        print(f"clausebook: {message}", file=sys.stderr)

    def _ready(self) -> bool:
        """Whether the cache may be used at all (its key, and build/ being ours)."""
        if self.off:
            return False
        try:
            if os.path.lexists(self.layout.build) and not is_ours(self.layout.build):
                raise OutputError(
                    f"{shown(self.layout.build, True)} was not made by clausebook "
                    f"(delete it to have one)"
                )
            self.secret = _secret()
        except (OSError, OutputError) as exc:
            self._say(f"not using the parse cache: {exc}")
            self.off = True
        return not self.off

    def _load(self) -> dict[str, list[str]]:
        if not self._ready():
            return {}
        try:
            real_dir(self.path.parent, self.layout.root, make=False)
            raw = read_small(self.path, self.limit + 1)
            if raw is None:
                return {}
            if len(raw) > self.limit:
                raise ValueError(f"larger than {self.limit:,} bytes")
            mac, _, body = raw.partition(b"\n")
            assert self.secret is not None
            expected = hmac.new(self.secret, body, hashlib.sha256).hexdigest().encode()
            if not hmac.compare_digest(mac, expected):
                raise ValueError("not written by clausebook on this machine")
            header, *lines = body.decode("utf-8").split("\n")
            about = json.loads(header)
            if about.get("format") != FORMAT or about.get("key") != self.key:
                raise ValueError("of another generator")
            entries: dict[str, list[str]] = {}
            for line in lines:
                rel, digest, encoded = line.split("\t")
                rel = json.loads(rel)
                if not isinstance(rel, str):
                    raise ValueError("wrong types")
                entries[rel] = [digest, encoded]
            return entries
        except (OSError, OutputError, ValueError, KeyError, TypeError, RecursionError) as exc:
            # A foreign, truncated or corrupt cache is rebuilt, never trusted.
            self._say(f"ignoring parse cache {shown(self.path)}: {exc}")
            return {}

    def get(self, rel: str, path: Path) -> Any | None:
        """The data of the file at `path` as parsed before, if its text is unchanged."""
        if self.old is None:
            self.old = self._load()
        entry = self.old.get(rel)
        if entry is None:
            self.changed = True
            return None
        try:
            raw = read_small(path, load.MAX_FILE_BYTES + 1) or b""
        except (OSError, OutputError):
            raw = b""
        if _digest(raw.removeprefix(BOM)) != entry[0]:
            self.changed = True
            return None
        try:
            data = _decode(entry[1])
        except (ValueError, TypeError, KeyError, IndexError, RecursionError):
            self.changed = True
            return None
        self.new[rel] = entry
        return data

    def put(self, rel: str, entry: list[str]) -> None:
        """Remember a file's `cache_entry`."""
        self.new[rel] = entry
        self.changed = True

    def save(self) -> None:
        """Write the cache (atomically) if anything changed; stale caches are removed."""
        if self.old is None or self.off or not (self.changed or self.new.keys() != self.old.keys()):
            return
        assert self.secret is not None
        # A path is written as JSON (no tab or line break in it then); the digest is hex; JSON
        # writes no tab or line break outside a string, and escapes them inside one.
        # Written line by line, the MAC last into the room left for it at the start: joined,
        # the ~100 MB of 10,000 analyses' entries were copied three times, a third of the
        # memory a cold `check` touched.
        secret = self.secret

        def write(stream: BinaryIO) -> None:
            mac = hmac.new(secret, digestmod=hashlib.sha256)
            stream.write(b"0" * mac.digest_size * 2 + b"\n")
            header = json.dumps({"format": FORMAT, "key": self.key}).encode()
            mac.update(header)
            stream.write(header)
            for rel, (digest, encoded) in self.new.items():
                line = f"\n{json.dumps(rel, ensure_ascii=False)}\t{digest}\t{encoded}".encode()
                mac.update(line)
                stream.write(line)
            stream.seek(0)
            stream.write(mac.hexdigest().encode())

        try:
            claim(self.layout.build, self.layout.root)
            real_dir(self.path.parent, self.layout.root)
            write_new(self.path, write)
            remove_dead_tmp(self.path.parent)
            for stale in self.path.parent.glob("yaml-*"):
                if stale != self.path and not stale.is_dir():
                    stale.unlink()  # an older cache, a pickle of old; a link is not followed
        except (OSError, OutputError) as exc:
            # A read-only checkout, a full disk: check still checks, only more slowly.
            self._say(f"parse cache not written ({exc})")


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
