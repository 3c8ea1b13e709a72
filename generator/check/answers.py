"""Rules bad-answer and coverage-conflict: each analysis answers its topic's question in the
form the topic defines, and a topic a platform's terms do not address is not also analysed.

A topic in analyses/topics.yml may define a `question` and the form of its `answer`: one of
fixed `choices`, a number of `days`, or a short `text`. Every analysis of that topic then gives
`answer: {value, reason}`; `check` refuses a value the form does not allow, naming the
allowed ones.

    # topics.yml: customer-data-training answers with choices no, opt-in, opt-out, yes
    answer:
      value: maybe       # error[bad-answer] 'maybe' is not an answer to "May the provider
                         #   train its models on our data?"; allowed: no, opt-in, opt-out, yes

A platform's `not_addressed` entry says its terms are silent on a topic, after reading the
documents it names; an analysis of that platform on that topic contradicts it
(coverage-conflict), and a topic or document it names must exist (dangling-reference).

    # analyses/acme/platform.yml, while analyses/acme/outputs.yml analyses output-ownership
    not_addressed:
      - topic: output-ownership   # error[coverage-conflict] topic 'output-ownership' is marked
                                  #   not addressed, but analyses/acme/outputs.yml analyses it
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator

from generator.check.findings import Finding
from generator.check.registry import BAD_ANSWER, COVERAGE_CONFLICT, DANGLING_REFERENCE
from generator.model.authoring import (
    MAX_ANSWER_TEXT,
    MAX_DAYS,
    AnswerForm,
    ShortAnswer,
    Topic,
)
from generator.model.corpus import Corpus


def check(corpus: Corpus) -> Iterator[Finding]:
    topics = {t.id: t for t in corpus.topics}
    for i, topic in enumerate(corpus.topics):
        if (topic.question is None) != (topic.answer is None):
            missing = "answer" if topic.answer is None else "question"
            yield Finding(
                corpus.topics_rel,
                ("topics", i),
                BAD_ANSWER,
                f"topic '{topic.id}' has a {'question' if missing == 'answer' else 'answer'} "
                f"but no {missing}",
                "give a topic both a question and the form of its answer, or neither",
            )
    for a in corpus.analyses:
        asked = topics.get(a.model.topic)
        if asked is not None:  # else dangling-reference
            yield from _answer(a.rel, a.model.answer, asked)
    yield from _coverage(corpus, topics)


def _answer(rel: str, answer: ShortAnswer | None, topic: Topic) -> Iterator[Finding]:
    form = topic.answer
    if form is None:
        if answer is not None:
            yield Finding(
                rel,
                ("answer",),
                BAD_ANSWER,
                f"topic '{topic.id}' asks no question, so an analysis of it has no answer",
                "remove `answer:`, or add a question and answer form to the topic",
                key=True,
            )
        return
    if answer is None:
        yield Finding(
            rel,
            (),
            BAD_ANSWER,
            f'missing `answer:`: this topic asks "{topic.question}"',
            f"add `answer:` with `value:` ({allowed(form)}) and a one-line `reason:`",
        )
        return
    problem = _fits(answer.value, form)
    if problem:
        yield Finding(
            rel,
            ("answer", "value"),
            BAD_ANSWER,
            f'{answer.value!r} is not an answer to "{topic.question}": {problem}',
            f"allowed: {allowed(form)}",
        )


def allowed(form: AnswerForm) -> str:
    """The values an answer of this form may take, for messages."""
    if form.kind == "choice":
        return ", ".join(c.value for c in form.choices)
    if form.kind == "days":
        number = f"a whole number of days from 0 to {MAX_DAYS:,}" + (
            f" ({form.unit})" if form.unit else ""
        )
        return ", ".join([number, *(c.value for c in form.special)])
    return f"a short phrase of at most {MAX_ANSWER_TEXT} characters" + (
        f" ({form.hint})" if form.hint else ""
    )


def _fits(value: int | str, form: AnswerForm) -> str:
    """Why `value` does not fit `form`, or ''."""
    if form.kind == "choice":
        values = [c.value for c in form.choices]
        if isinstance(value, str) and value in values:
            return ""
        close = difflib.get_close_matches(str(value), values, n=1)
        return f"did you mean {close[0]!r}?" if close else "not one of the choices"
    if form.kind == "days":
        if isinstance(value, str) and value in [c.value for c in form.special]:
            return ""
        if isinstance(value, bool) or not isinstance(value, int):
            return "write a whole number of days, without quotes or units"
        return "" if 0 <= value <= MAX_DAYS else f"out of range (0 to {MAX_DAYS:,})"
    if not isinstance(value, str):
        return "write a short phrase, in quotes"
    if "\n" in value.strip() or not value.strip():
        return "write one line of words"
    return "" if len(value) <= MAX_ANSWER_TEXT else f"{len(value)} characters; at most 80"


def _coverage(corpus: Corpus, topics: dict[str, Topic]) -> Iterator[Finding]:
    analysed = {(a.platform, a.model.topic): a.rel for a in corpus.analyses}
    for pid, platform in sorted(corpus.platforms.items()):
        documents = {d.id for d in platform.model.documents}
        for i, entry in enumerate(platform.model.not_addressed):
            at = ("not_addressed", i)
            if entry.topic not in topics:
                yield Finding(
                    platform.rel,
                    (*at, "topic"),
                    DANGLING_REFERENCE,
                    f"there is no topic '{entry.topic}' in {corpus.topics_rel}",
                    _guess(entry.topic, topics),
                )
            elif (pid, entry.topic) in analysed:
                yield Finding(
                    platform.rel,
                    (*at, "topic"),
                    COVERAGE_CONFLICT,
                    f"topic '{entry.topic}' is marked not addressed, but "
                    f"{analysed[pid, entry.topic]} analyses it",
                    "remove this entry, or the analysis",
                )
            for j, doc in enumerate(entry.documents):
                if doc not in documents:
                    yield Finding(
                        platform.rel,
                        (*at, "documents", j),
                        DANGLING_REFERENCE,
                        f"there is no document '{doc}' in {platform.rel}",
                        _guess(doc, documents),
                    )


def _guess(value: str, known: Iterable[str]) -> str:
    names = sorted(known)
    close = difflib.get_close_matches(value, names, n=1)
    return f"did you mean '{close[0]}'?" if close else f"known: {', '.join(names[:12])}"
