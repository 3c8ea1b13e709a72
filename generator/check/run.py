"""Stage 2, check (the run): the project folder → a `Corpus` of models, and every problem found.

Problems are collected from all files and all rules in one run, sorted, each with a 1-based
line and column. A rule that crashes becomes a reported `internal-error` while the others
still run. Nothing downstream runs while an error stands (see `build`).

    analyses:1:1: error[internal-error] rule generator.check.dates.check crashed: Traceback
      (most recent call last): … (hint: please report this as a bug; the other rules still ran)

Rules live one per module; each has a docstring with a failing example and a `check(corpus)`
that yields `Finding`s (a YAML path, not yet a position).
"""

from __future__ import annotations

import gc
import os
import threading
import traceback
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

from generator.check import (
    answers,
    archives,
    bidi,
    content,
    dates,
    excerpts,
    links,
    references,
    reserved,
    salvage,
    swallowed,
)
from generator.check.fields import check_model
from generator.check.findings import Finding
from generator.check.layout import discover
from generator.check.registry import INTERNAL_ERROR
from generator.model.authoring import Analysis, Jurisdictions, Platform, Topics
from generator.model.corpus import AnalysisFile, Corpus, PlatformFile
from generator.problems import Problem
from generator.progress import Progress
from generator.project import Layout
from generator.source import shape, text
from generator.source.ahead import LoadAhead
from generator.source.cache import ModelMemo, ParseCache, cache_entry, memo_for
from generator.source.load import read_text
from generator.source.locations import Locator


class Lookup(NamedTuple):
    """What is known of a file before it is read."""

    rel: str
    stat: os.stat_result
    model: Any  # validated in an earlier call (memo), or None
    data: Any  # parsed in an earlier run (cache), or None


# Cross-file rules, run on the corpus of files that passed their schema.
RULES: list[Callable[[Corpus], Iterable[Finding]]] = [
    references.check,
    dates.check,
    links.check,
    bidi.check,
    reserved.check,
    answers.check,
    excerpts.check,
]


_DEFERRED = 1 << 30  # gc's third threshold while a load runs: no full collection


@contextmanager
def _full_collections_deferred() -> Iterator[None]:
    """Each analysis adds a few hundred objects that live to the end of the run, and each full
    collection traverses all of them again (at 10,000 analyses, a second of a three-second
    check). Young objects, and their cycles, are still collected as usual."""
    thresholds = gc.get_threshold()
    if thresholds[2] == _DEFERRED:  # already deferred, by a caller or another thread
        yield
        return
    gc.set_threshold(thresholds[0], thresholds[1], _DEFERRED)
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


@_full_collections_deferred()
def load_corpus(root: Path, *, memo: bool = False) -> tuple[Corpus, list[Problem]]:
    """With `memo` (serve), validated models of unchanged files are kept for the next call."""
    layout = Layout(root)
    corpus = Corpus(root)
    found = discover(layout)
    findings: list[Finding] = list(found.findings)
    problems: list[Problem] = []
    corpus.source_folders = found.sources
    # Files that failed their schema: their sound parts, for the cross-file rules (salvage.py).
    salvaged: dict[str, Any] = {}
    stand_ins: dict[str, set[salvage.YamlPath]] = {}
    models = memo_for(root) if memo else ModelMemo()
    models.hits = set()
    yaml_files = [
        *found.taxonomies.values(),
        *found.platforms.values(),
        *(path for _, _, path in found.analyses),
    ]
    stats = {path: path.stat() for path in yaml_files}
    # Once this process has validated the project (serve), the memo answers for every
    # unchanged file; reading and rewriting the disk cache for one edited file would cost more.
    cache = None
    if not models.entries:
        cache = ParseCache(layout, len(stats), sum(st.st_size for st in stats.values()))

    def look_up(path: Path, model: type[Any]) -> Lookup:
        """The file's rel and stat, and its model (memo) or its parsed data (cache) if known."""
        rel = layout.rel(path)
        stat = stats[path]
        known = models.get(rel, stat, model)
        if known is not None:
            models.hits.add(rel)
            return Lookup(rel, stat, known, None)
        return Lookup(rel, stat, None, cache.get(rel, path) if cache is not None else None)

    def model_of(path: Path, model: type[Any], lookup: Lookup | None = None) -> Any:
        rel, stat, known, data = lookup or look_up(path, model)
        if known is not None:
            return known
        if data is None:
            source, load_problems, entry = ahead.load(path, rel)
            problems.extend(load_problems)
            if source is None:
                return None
            corpus.texts[rel] = source.text
            if cache is not None and entry is not None:
                cache.put(rel, entry)
            data = source.data
        parsed, schema_findings = check_model(model, data, rel)
        in_text, keys = swallowed.check(model, data, rel, lambda: _text(corpus, path, rel))
        problems.extend(in_text)
        schema_findings = [f for f in schema_findings if (f.path, f.meant) not in keys]
        if parsed is not None and not schema_findings and not in_text:
            models.put(rel, stat, model, parsed)
        findings.extend(schema_findings)
        if parsed is None and isinstance(data, dict):
            salvaged[rel], stand_ins[rel] = salvage.salvage(model, data, schema_findings)
        return parsed

    # The analyses that neither the memo nor the cache knows are parsed ahead, in worker
    # processes when there are many; not for serve, whose server threads make forking unsafe.
    lookups = [look_up(path, Analysis) for _, _, path in found.analyses]
    misses = [
        (path, lookup.rel)
        for (_, _, path), lookup in zip(found.analyses, lookups, strict=True)
        if lookup.model is None and lookup.data is None
    ]
    encode = cache_entry if cache is not None else None  # in the worker processes
    with LoadAhead([] if memo else misses, encode) as ahead:
        checked = Corpus(root, source_folders=found.sources)  # with the salvaged files
        if "topics.yml" in found.taxonomies:
            topics = model_of(found.taxonomies["topics.yml"], Topics)
            corpus.topics = topics.topics if topics else ()
            checked.topics = getattr(topics or salvaged.get(corpus.topics_rel), "topics", ())
        if "jurisdictions.yml" in found.taxonomies:
            codes = model_of(found.taxonomies["jurisdictions.yml"], Jurisdictions)
            corpus.jurisdictions = codes.jurisdictions if codes else ()
            codes = codes or salvaged.get(corpus.jurisdictions_rel)
            checked.jurisdictions = getattr(codes, "jurisdictions", ())
        for pid, path in found.platforms.items():
            rel = layout.rel(path)
            platform = model_of(path, Platform)
            if platform is not None:
                corpus.platforms[pid] = PlatformFile(pid, rel, platform)
            if (salvaged_platform := platform or salvaged.get(rel)) is not None:
                checked.platforms[pid] = PlatformFile(pid, rel, salvaged_platform)
        progress = Progress("Checking analyses", len(found.analyses))
        for (pid, cid, path), lookup in zip(found.analyses, lookups, strict=True):
            analysis = model_of(path, Analysis, lookup)
            if analysis is not None:
                corpus.analyses.append(AnalysisFile(pid, cid, lookup.rel, analysis))
            if (model := analysis or salvaged.get(lookup.rel)) is not None:
                checked.analyses.append(AnalysisFile(pid, cid, lookup.rel, model))
            progress.step()
        progress.finish()
    # Every file is parsed: the cache is written (hashed, to disk: both without the GIL)
    # while the rules run.
    saving = threading.Thread(target=cache.save) if cache is not None else None
    if saving is not None:
        saving.start()

    # The rules see the salvaged files too (one run finds every problem), but a build only
    # ever sees the valid ones: `checked` shares the archives and verifications it finds.
    checked.archives, checked.verified = corpus.archives, corpus.verified
    checked.texts = corpus.texts  # the files read this run: rules skip a text with nothing to see
    problems.extend(_archives(checked))
    found_all = _run_rules(checked, models, memo)
    findings += [f for f in found_all if not salvage.within(f.path, stand_ins.get(f.file, ()))]
    problems.extend(_content_pages(layout, found.content))
    if saving is not None:
        saving.join()
    for f in findings:  # cached files were not read; locating a problem needs the text
        if f.file not in corpus.texts and (root / f.file).is_file():
            corpus.texts[f.file] = read_text(root / f.file, f.file)[0] or ""
    problems.extend(locate(findings, corpus.texts))
    return corpus, sorted(problems)


# Rules that look at one file at a time: with the memo (serve) they run on the edited files
# only, and the findings of the others are reused. The cross-file rules always see everything.
PER_FILE_RULES = (dates.check, links.check, bidi.check)


def _text(corpus: Corpus, path: Path, rel: str) -> str:
    """A file's text, read again if it was not (its data came from the parse cache)."""
    if rel not in corpus.texts:
        corpus.texts[rel] = read_text(path, rel)[0] or ""
    return corpus.texts[rel]


def _run_rules(corpus: Corpus, models: ModelMemo, memo: bool) -> list[Finding]:
    if not memo:
        return [f for rule in RULES for f in _run(rule, corpus)]
    fresh = Corpus(
        corpus.root,
        topics=() if corpus.topics_rel in models.hits else corpus.topics,
        jurisdictions=() if corpus.jurisdictions_rel in models.hits else corpus.jurisdictions,
    )
    fresh.platforms = {k: p for k, p in corpus.platforms.items() if p.rel not in models.hits}
    fresh.analyses = [a for a in corpus.analyses if a.rel not in models.hits]
    fresh_rels = [p.rel for p in fresh.platforms.values()] + [a.rel for a in fresh.analyses]
    fresh_rels += [
        rel for rel in (corpus.topics_rel, corpus.jurisdictions_rel) if rel not in models.hits
    ]
    findings: list[Finding] = []
    for rule in RULES:
        if rule not in PER_FILE_RULES:
            findings.extend(_run(rule, corpus))
            continue
        found = list(_run(rule, fresh))
        for rel in fresh_rels:
            models.findings.pop((rule, rel), None)
        for f in found:
            models.findings.setdefault((rule, f.file), []).append(f)
        findings.extend(found)
        for rel in sorted(models.hits):
            findings.extend(models.findings.get((rule, rel), ()))
    return findings


def _run(rule: Callable[[Corpus], Iterable[Finding]], corpus: Corpus) -> Iterator[Finding]:
    try:
        yield from list(rule(corpus))
    except Exception:
        name = f"{rule.__module__}.{rule.__name__}"
        yield Finding(
            "analyses",
            (),
            INTERNAL_ERROR,
            f"rule {name} crashed: {traceback.format_exc(limit=-1).strip()}",
            "please report this as a bug; the other rules still ran",
        )


def _archives(corpus: Corpus) -> list[Problem]:
    """Read each platform's documents' archives into the corpus, for the excerpt rule (the
    archive rules, check/archives.py, locate their own problems)."""
    problems: list[Problem] = []
    for pid, platform in sorted(corpus.platforms.items()):
        for document in platform.model.documents:
            if not document.id:  # a broken id's stand-in (salvage.py): no folder to read
                continue
            try:
                archive, found = archives.read_archive(corpus.root, pid, document.id)
            except Exception:
                message = f"reading archive {pid}/{document.id} crashed: "
                message += traceback.format_exc(limit=-1).strip()
                problems.append(Problem(platform.rel, 1, 1, INTERNAL_ERROR, message, ""))
                continue
            corpus.archives[(pid, document.id)] = archive
            problems.extend(found)
    return problems


def _content_pages(layout: Layout, files: list[Path]) -> list[Problem]:
    """The rules of content/ (generator/check/content.py), which locate their own problems."""
    try:
        return content.check(layout, files)
    except Exception:
        message = f"rule {content.__name__} crashed: {traceback.format_exc(limit=-1).strip()}"
        hint = "please report this as a bug; the other rules still ran"
        return [Problem("content", 1, 1, INTERNAL_ERROR, message, hint)]


def locate(findings: Iterable[Finding], texts: dict[str, str]) -> list[Problem]:
    """Give each finding its 1-based line and column (one round-trip parse per file)."""
    locators: dict[str, Locator] = {}
    problems = []
    for f in findings:
        if (f.path or f.key) and f.file in texts:  # key: a missing top-level key
            locator = locators.setdefault(f.file, Locator(texts[f.file]))
            line, col = locator.position(f.path, key=f.key)
            if f.seek is not None:
                start = text.offset_of(texts[f.file], line, col)
                found = text.written_at(texts[f.file], start, *f.seek)
                if found is not None:
                    line, col = shape.position(texts[f.file], found)
        else:  # a whole-file problem (missing file, bad name, wrong top level)
            line, col = 1, 1
        problems.append(Problem(f.file, line, col, f.rule, f.message, f.hint, f.severity))
    return problems
