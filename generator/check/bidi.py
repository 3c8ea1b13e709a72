"""Rule bidi-control (warning): a bidirectional control character that is never closed, or
closes nothing.

Right-to-left text may need embeddings (U+202A to U+202E, closed by PDF U+202C) and isolates
(U+2066 to U+2068, closed by PDI U+2069), and the pages isolate every authored text shown
inline, so none can reorder the page around it. But an unclosed one reorders the rest of its
own text, which is how "Trojan source" text shows a reader something other than what it says.

    name: Acme ‮duolC   # warning[bidi-control] RLO (U+202E) that is never closed
"""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from generator.check.fields import iter_model_fields, may_hold
from generator.check.findings import Finding
from generator.check.naming import plain
from generator.check.registry import BIDI_CONTROL
from generator.model.corpus import Corpus
from generator.source.text import BIDI, unbalanced_bidi


def check(corpus: Corpus) -> Iterator[Finding]:
    models: list[tuple[str, BaseModel | tuple[BaseModel, ...], str]] = [
        (a.rel, a.model, "") for a in corpus.analyses
    ]
    models += [(p.rel, p.model, "") for p in corpus.platforms.values()]
    models += [(corpus.topics_rel, corpus.topics, "topics")]
    models += [(corpus.jurisdictions_rel, corpus.jurisdictions, "jurisdictions")]
    search = BIDI.search  # most texts hold no control: one search in C each, nothing more
    for rel, model, top in models:
        if not may_hold(corpus.texts.get(rel), lambda t: not t.isascii() and bool(search(t))):
            continue
        for items, prefix in _roots(model, top):
            for path, value in iter_model_fields(items, prefix):
                if value.__class__ is not str or search(value) is None:
                    continue
                found = unbalanced_bidi(value)
                if found is None:
                    continue
                at, what = found
                yield Finding(
                    rel,
                    path,
                    BIDI_CONTROL,
                    f"bidirectional control {what}, at character {at + 1} of "
                    f"{plain(path)}: it reorders the text after it",
                    "close it (PDF U+202C after an embedding or override, PDI U+2069 after an "
                    "isolate), or delete it if it was pasted by accident",
                    seek=(value[at], value.count(value[at], 0, at)),
                )


def _roots(
    model: BaseModel | tuple[BaseModel, ...], top: str
) -> Iterator[tuple[BaseModel, tuple[str | int, ...]]]:
    """The models to walk, with their YAML paths: a file's model, or each item of a
    taxonomy's list (topics.yml holds `topics: [...]`)."""
    if isinstance(model, tuple):
        for i, item in enumerate(model):
            yield item, (top, i)
    else:
        yield model, ()
