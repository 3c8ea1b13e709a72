"""`clausebook sources report`: what the archived versions added since a git revision change.

Input: the project (a git work tree) after `sources import` / `sources fetch`, and a base
revision (default HEAD: the versions written but not yet committed). Output, on stdout, a
Markdown summary for a pull request: each document with new versions (date, origin,
provenance, the address of its diff page) and the analyses whose quoted text is no longer in
the newest version (excerpt-outdated) or in any version (excerpt-not-in-source), which are
stale until someone updates them. A version is new when its file is not in the base
revision's tree (`git ls-tree`, read-only). Authored words are written with Markdown's
punctuation escaped, so a title cannot add a link or an image to the pull request.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from generator.capture.gitclone import GitError, files_at
from generator.check.registry import EXCERPT_NOT_IN_SOURCE, EXCERPT_OUTDATED
from generator.check.run import load_corpus
from generator.engine import config as engine_config
from generator.model import routes
from generator.model.documents import source_document, stem
from generator.project import Layout
from generator.source.archive import Version

LISTED = 10  # new versions listed per document (its newest)
MAX_CHARS = 60_000  # a pull request's body holds at most 65,536 characters
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>#+!|~&])")


def escape(text: str) -> str:
    """Authored text for a Markdown line: one line, punctuation that means something
    backslash-escaped."""
    return _MARKDOWN.sub(r"\\\1", " ".join(text.split()))


@dataclass(frozen=True)
class Changed:
    key: str  # platform/document
    title: str
    new: tuple[Version, ...]
    diffs: dict[str, str]  # version file → its diff page's URL
    stale: tuple[tuple[str, str, str], ...]  # (analysis file, title, why)


def changed_documents(root: Path, base: str) -> list[Changed]:
    corpus, problems = load_corpus(root)
    before = files_at(root, base, "analyses")
    settings = engine_config.read(Layout(root)).settings
    findings: dict[str, list[str]] = {}
    for p in problems:
        if p.rule in (EXCERPT_OUTDATED, EXCERPT_NOT_IN_SOURCE):
            findings.setdefault(p.path, []).append(f"{p.rule}: {p.message}")
    out = []
    for (pid, did), archive in sorted(corpus.archives.items()):
        new = tuple(v for v in archive.versions if f"{archive.rel}/{v.file}" not in before)
        if not new:
            continue
        platform = corpus.platforms[pid].model
        document = next(d for d in platform.documents if d.id == did)
        pages = source_document(pid, document, archive)
        diffs = {
            c.version.file: settings.url(routes.url(c.path))
            for c in pages.changes
            if c.version.file in {v.file for v in new}
        }
        stale = tuple(
            (a.rel, a.model.title, why)
            for a in corpus.analyses
            if a.platform == pid and a.model.document == did
            for why in findings.get(a.rel, ())
        )
        out.append(Changed(f"{pid}/{did}", document.title, new, diffs, stale))
    return out


def _origin(v: Version) -> str:
    if v.origin == "open-terms-archive" and v.repository and v.commit:
        return (
            f"Open Terms Archive, [{v.repository} `{v.commit[:12]}`]"
            f"(https://github.com/{v.repository}/commit/{v.commit})"
        )
    if v.origin == "fetch" and v.url:
        return f"fetched from <{v.url}>"
    return "copied by hand"


def write_report(changed: list[Changed], base: str, out: TextIO) -> None:
    base = base.replace("`", "")
    if not changed:
        out.write(f"No archived document has a new version since `{base}`.\n")
        return
    versions = sum(len(c.new) for c in changed)
    stale = sum(len(c.stale) for c in changed)
    out.write(
        f"{versions} new archived version{'s' if versions != 1 else ''} of {len(changed)} "
        f"document{'s' if len(changed) != 1 else ''} since `{base}`; "
        f"{stale} finding{'s' if stale != 1 else ''} on the analyses quoting them.\n\n"
        "Review each diff; update the analyses listed as stale (excerpt, analysis, a history "
        "entry), or merge as it is: a stale analysis shows that it is under review.\n"
    )
    written = 0
    for n, c in enumerate(changed):
        section = io.StringIO()
        _section(c, section)
        text = section.getvalue()
        if written + len(text) > MAX_CHARS:
            rest = ", ".join(f"`{d.key}`" for d in changed[n:])
            out.write(f"\n{len(changed) - n} more documents changed: {rest}\n"[:2_000])
            return
        out.write(text)
        written += len(text)


def _section(c: Changed, out: TextIO) -> None:
    out.write(f"\n## {escape(c.title)} (`{c.key}`)\n\n")
    for v in c.new[-LISTED:]:
        diff = c.diffs.get(v.file)
        partial = f" (partial: {escape(v.partial)})" if v.partial else ""
        link = f": [diff]({diff})" if diff else ""
        out.write(f"- {v.date} `{stem(v)}`{partial}, {_origin(v)}{link}\n")
    if len(c.new) > LISTED:
        out.write(f"- and {len(c.new) - LISTED} older new versions\n")
    if c.stale:
        out.write("\nStale analyses (their quoted text changed):\n\n")
        for rel, title, why in c.stale:
            out.write(f"- `{rel}`: {escape(title)}: {escape(why)}\n")
    else:
        out.write("\nNo analysis quoting it is stale.\n")


def report(root: Path, base: str, out: TextIO, err: TextIO) -> int:
    try:
        changed = changed_documents(root, base)
    except GitError as exc:
        err.write(f"error: {root}: {exc}\n")
        return 2
    write_report(changed, base, out)
    return 0
