"""`clausebook diff BASE HEAD`: what a change does to the published analyses, for a reviewer.

Each revision's analyses/ is read from git (generator/review/revision.py) into a temporary
folder and loaded with the same code as `check` (the code of the working tree, never that of
either revision). The two corpora are compared by analysis (`platform/clause`): added,
removed, re-rated, answers changed, excerpts changed (word by word), other edits; the
excerpt verification state at HEAD of each analysis the change touches or whose state it
changes (a new archived version that no longer holds an excerpt), as the excerpt rule found
it; the archived versions a document gained. generator/review/summary.py prints it.

    $ clausebook diff main HEAD --preview-url https://example.org/preview/
    ## What this change does to the analyses
    …
    ### Re-rated (1)
    - [`acme-cloud/training`](https://example.org/preview/platforms/acme-cloud/training/) — …:
      medium → **high**
"""

from __future__ import annotations

import difflib
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from generator.check.run import load_corpus
from generator.model import routes
from generator.model.corpus import AnalysisFile, Corpus
from generator.review.revision import extract

Op = Literal["=", "-", "+"]
WORDS = re.compile(r"\S+|\s+")


@dataclass(frozen=True)
class Ref:
    """An analysis (or a document) as the summary names it, with its page in the site."""

    key: str  # platform/clause (platform/document)
    title: str
    page: str | None  # its Markdown path (routes); None when it is not published at HEAD


@dataclass(frozen=True)
class Changed:
    ref: Ref
    old: str
    new: str


@dataclass(frozen=True)
class ExcerptChange:
    ref: Ref
    words: tuple[tuple[Op, str], ...]  # the new excerpt against the old, word by word


@dataclass(frozen=True)
class Verified:
    ref: Ref
    state: Literal["current", "outdated", "not found"]
    version: str | None  # the archived file that holds the excerpt
    vanished: str | None  # outdated: the first complete version without it


@dataclass(frozen=True)
class NewVersions:
    ref: Ref
    files: tuple[str, ...]


@dataclass(frozen=True)
class Summary:
    base: str
    head: str
    added: tuple[Ref, ...] = ()
    removed: tuple[Ref, ...] = ()
    rerated: tuple[Changed, ...] = ()
    answers: tuple[Changed, ...] = ()
    excerpts: tuple[ExcerptChange, ...] = ()
    edited: tuple[Ref, ...] = ()  # every other analysis whose file changed
    platforms: tuple[Ref, ...] = ()  # platform.yml changed
    verification: tuple[Verified, ...] = ()
    versions: tuple[NewVersions, ...] = ()
    errors: int = 0  # `check`'s errors at HEAD
    counts: dict[str, int] = field(default_factory=dict)  # verification states, whole corpus

    @property
    def pages(self) -> list[str]:
        """The pages this change touches, at HEAD, each once, in summary order."""
        refs = [
            *self.added,
            *(c.ref for c in self.rerated),
            *(c.ref for c in self.answers),
            *(e.ref for e in self.excerpts),
            *self.edited,
            *self.platforms,
            *(v.ref for v in self.versions),
        ]
        return list(dict.fromkeys(r.page for r in refs if r.page))


def words(old: str, new: str) -> tuple[tuple[Op, str], ...]:
    """`new` against `old` word by word (white space kept with the words it follows). A run
    of one or two unchanged words between two changes joins them, as a reader reads a
    rewritten phrase; a rewrite that keeps under half of the words is shown whole."""
    a, b = WORDS.findall(old), WORDS.findall(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.ratio() < 0.5:
        return (("-", old), ("+", new))
    chunks: list[tuple[str, str]] = []  # (old text, new text); equal when both are the same
    codes = matcher.get_opcodes()
    for n, (tag, i1, i2, j1, j2) in enumerate(codes):
        before, after = "".join(a[i1:i2]), "".join(b[j1:j2])
        short = sum(not w.isspace() for w in a[i1:i2]) <= 2
        inner = 0 < n < len(codes) - 1
        if tag == "equal" and not (short and inner):
            chunks.append((before, before))
        elif chunks and chunks[-1][0] != chunks[-1][1]:
            chunks[-1] = (chunks[-1][0] + before, chunks[-1][1] + after)
        else:
            chunks.append((before, after))  # the first change, or one after an unchanged run
    out: list[tuple[Op, str]] = []
    for before, after in chunks:
        if before == after:
            out.append(("=", before))
            continue
        if before:
            out.append(("-", before))
        if after:
            out.append(("+", after))
    return tuple(out)


def _ref(a: AnalysisFile, published: bool = True) -> Ref:
    page = routes.analysis(a.platform, a.id) if published else None
    return Ref(a.key, a.model.title, page)


def _published(a: AnalysisFile) -> bool:
    return a.model.status == "published"


def _verified(corpus: Corpus, a: AnalysisFile) -> Verified:
    found = corpus.verified.get(a.rel)
    ref = _ref(a, _published(a))
    if found is None:
        return Verified(ref, "not found", None, None)
    vanished = found.vanished.file if found.vanished else None
    return Verified(ref, found.state, found.version.file, vanished)


def compare(base: Corpus, head: Corpus, base_id: str, head_id: str, errors: int) -> Summary:
    old = {a.key: a for a in base.analyses}
    new = {a.key: a for a in head.analyses}
    added = [_ref(new[k], _published(new[k])) for k in sorted(new.keys() - old.keys())]
    removed = [_ref(old[k], False) for k in sorted(old.keys() - new.keys())]
    rerated, answers, excerpts, edited, touched = (
        [],
        [],
        [],
        [],
        [new[k] for k in sorted(new.keys() - old.keys())],
    )
    for key in sorted(old.keys() & new.keys()):
        a, b = old[key].model, new[key].model
        if a == b:
            continue
        ref = _ref(new[key], _published(new[key]))
        touched.append(new[key])
        listed = False
        if a.exposure.rating != b.exposure.rating:
            rerated.append(Changed(ref, a.exposure.rating, b.exposure.rating))
            listed = True
        old_answer = str(a.answer.value) if a.answer else "(none)"
        new_answer = str(b.answer.value) if b.answer else "(none)"
        if old_answer != new_answer:
            answers.append(Changed(ref, old_answer, new_answer))
            listed = True
        if a.excerpt.text != b.excerpt.text:
            excerpts.append(ExcerptChange(ref, words(a.excerpt.text, b.excerpt.text)))
            listed = True
        if not listed:
            edited.append(ref)
    platforms = [
        Ref(pid, p.model.name, routes.platform(pid))
        for pid, p in sorted(head.platforms.items())
        if pid not in base.platforms or base.platforms[pid].model != p.model
    ]
    versions = []
    for (pid, doc), archive in sorted(head.archives.items()):
        before = base.archives.get((pid, doc))
        known = {v.file for v in before.versions} if before else set()
        files = tuple(v.file for v in archive.versions if v.file not in known)
        if files:
            versions.append(NewVersions(Ref(f"{pid}/{doc}", doc, routes.document(pid, doc)), files))
    # An analysis the change did not touch is listed too when its excerpt's state changed:
    # a new archived version without the quoted words makes it outdated.
    keys = {a.key for a in touched}
    for key in sorted(old.keys() & new.keys() - keys):
        if _verified(base, old[key]).state != _verified(head, new[key]).state:
            touched.append(new[key])
    counts = {"current": 0, "outdated": 0, "not found": 0}
    for entry in head.analyses:
        counts[_verified(head, entry).state] += 1
    return Summary(
        base=base_id,
        head=head_id,
        added=tuple(added),
        removed=tuple(removed),
        rerated=tuple(rerated),
        answers=tuple(answers),
        excerpts=tuple(excerpts),
        edited=tuple(edited),
        platforms=tuple(platforms),
        verification=tuple(_verified(head, a) for a in touched),
        versions=tuple(versions),
        errors=errors,
        counts=counts,
    )


def diff(repo: Path, base: str, head: str) -> Summary:
    """The summary of BASE → HEAD in the git repository that holds `repo`."""
    with tempfile.TemporaryDirectory(prefix="clausebook-diff-") as tmp:
        base_dir, head_dir = Path(tmp, "base"), Path(tmp, "head")
        base_id = extract(repo, base, base_dir)
        head_id = extract(repo, head, head_dir)
        old, _ = load_corpus(base_dir)
        new, problems = load_corpus(head_dir)
        errors = sum(p.severity == "error" for p in problems)
        return compare(old, new, base_id, head_id, errors)
