"""Stage 6b helper: whether a Pagefind bundle is whole, before a site with it is published.

Input: a bundle folder Pagefind wrote (the main one, a part, or the quick index). Output:
nothing, or `SearchIndexError` naming the first file that is missing, empty or cut short.

Pagefind's exit status is not enough: on a full disk it exited 0 having written pagefind.js,
pagefind-entry.json and other files empty, and search failed in the browser. So:
pagefind-entry.json must list English; every file it names (the language's metadata and
WebAssembly), the runtime the browser loads, and the index and fragment folders must be
there; and every file of the bundle must be non-empty, each compressed one decompressing to
Pagefind's signature.
"""

from __future__ import annotations

import gzip
import json
import zlib
from pathlib import Path

from generator.outputs import OutputError, shown

QUICK = "quick"  # the titles-and-summaries index, in pagefind/quick/
# What a bundle must hold to answer a query in the browser: its runtime (the main bundle's
# pagefind.js and worker; the quick index's own worker), its entry file, and the folders of
# its index and fragments. The rest is named by pagefind-entry.json.
RUNTIME = ("pagefind.js", "pagefind-worker.js")
RUNTIME_OF_QUICK = ("pagefind-worker.js",)
ENTRY = "pagefind-entry.json"
LANGUAGE = "en"
COMPRESSED = (".pf_meta", ".pf_index", ".pf_fragment", ".pf_filter", ".pagefind")
SIGNATURE = b"pagefind_dcd"  # what each compressed file of Pagefind 1.x starts with


def _files(bundle: Path) -> list[Path]:
    """The files of one bundle; the parts and the quick index inside it are bundles of their
    own."""
    files = []
    for path in sorted(bundle.iterdir()):
        if not path.is_dir():
            files.append(path)
        elif path.name != QUICK and not path.name.startswith("part-"):
            files += sorted(p for p in path.rglob("*") if p.is_file())
    return files


class SearchIndexError(OutputError):
    """The search index could not be built, or is not whole; one line for the user."""


def verify_bundle(bundle: Path, runtime: tuple[str, ...] = ()) -> None:
    """Raise SearchIndexError unless `bundle` is a whole Pagefind bundle (module docstring)."""

    def broken(path: Path, why: str) -> SearchIndexError:
        return SearchIndexError(f"search index not whole: {shown(path)} {why} (is the disk full?)")

    try:
        raw = (bundle / ENTRY).read_bytes()
    except OSError as exc:
        raise broken(bundle / ENTRY, f"cannot be read ({exc.strerror})") from None
    try:
        language = json.loads(raw)["languages"][LANGUAGE]
        named = [f"pagefind.{language['hash']}.pf_meta", f"wasm.{language['wasm']}.pagefind"]
    except (ValueError, KeyError, TypeError):
        raise broken(bundle / ENTRY, "is empty" if not raw else "lists no English index") from None
    for name in (*runtime, *named, "index", "fragment"):
        if not (bundle / name).exists():
            raise broken(bundle / name, "is missing")
    for folder in ("index", "fragment"):
        if not any((bundle / folder).iterdir()):
            raise broken(bundle / folder, "is empty")
    for path in _files(bundle):
        data = path.read_bytes()
        if not data:
            raise broken(path, "is empty")
        if path.name.endswith(COMPRESSED):
            try:
                whole = gzip.decompress(data)
            except (OSError, EOFError, zlib.error):
                raise broken(path, "is cut short") from None
            if not whole.startswith(SIGNATURE):
                raise broken(path, "is not a Pagefind file")
