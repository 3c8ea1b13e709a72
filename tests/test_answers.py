"""Short answers (issue 16): a topic's question and answer form, each analysis's answer checked
against it with file:line:col and the allowed values; not-addressed topics of a platform."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.pipeline import check
from tests.conftest import FIXTURES, write_project

TOPICS = """\
topics:
  - id: customer-data-training
    title: Use of customer data for training
    definition: Whether the provider may train on customer content.
    question: May the provider train its models on our data?
    answer:
      kind: choice
      choices:
        - value: "no"
          label: "No"
          meaning: The terms rule out training.
        - value: opt-out
          label: Yes, unless you opt out
          meaning: Training is the default.
    ratings:
      low: No training.
      medium: Exceptions.
      high: Training by default.
  - id: output-ownership
    title: Ownership of outputs
    definition: Who owns what a model generates.
    question: How many days are outputs kept?
    answer:
      kind: days
      unit: days of retention
"""
CLAUSE = "analyses/acme-cloud/customer-data-training.yml"
OTHER = "analyses/acme-cloud/output-ownership.yml"
GLOBEX = "analyses/globex-ai/training-on-prompts.yml"


def with_answers(tmp_path: Path, **answers: str) -> Path:
    """The basic project with TOPICS and `answers` (file → the answer's YAML lines) inserted
    after each file's `topic:` line; every other analysis of a topic that asks gets a valid one."""
    files = {"analyses/topics.yml": TOPICS}
    valid = {
        CLAUSE: 'answer:\n  value: "no"\n  reason: Customer content is excluded.\n',
        GLOBEX: "answer:\n  value: opt-out\n  reason: Training is on by default.\n",
        OTHER: "answer:\n  value: 30\n  reason: Kept for a month.\n",
        "analyses/globex-ai/outputs.yml": "answer:\n  value: 0\n  reason: Not kept.\n",
        "analyses/initech-ml/model-improvement.yml": (
            'answer:\n  value: "no"\n  reason: Excluded.\n'
        ),
    }
    for rel, default in valid.items():
        text = (FIXTURES / "basic" / rel).read_text(encoding="utf-8")
        topic_line = next(line for line in text.splitlines() if line.startswith("topic:"))
        files[rel] = text.replace(topic_line + "\n", topic_line + "\n" + answers.get(rel, default))
    return write_project(tmp_path / "p", files)


def problems(root: Path) -> list[tuple[str, int, int, str, str]]:
    return [
        (p.path, p.line, p.col, p.rule, p.message)
        for p in check(root)
        if p.rule in ("bad-answer", "coverage-conflict", "dangling-reference")
    ]


def test_valid_answers_pass(tmp_path: Path) -> None:
    assert problems(with_answers(tmp_path)) == []


@pytest.mark.parametrize(
    ("rel", "answer", "where", "says"),
    [
        (CLAUSE, "answer:\n  value: maybe\n  reason: x.\n", (5, 10), "'maybe' is not an answer"),
        (CLAUSE, "answer:\n  value: opt-uot\n  reason: x.\n", (5, 10), "did you mean 'opt-out'?"),
        (OTHER, "answer:\n  value: thirty\n  reason: x.\n", (5, 10), "write a whole number"),
        (OTHER, 'answer:\n  value: "30"\n  reason: x.\n', (5, 10), "write a whole number"),
        (OTHER, "answer:\n  value: -1\n  reason: x.\n", (5, 10), "out of range"),
        (CLAUSE, "", (1, 1), "missing `answer:`"),
    ],
)
def test_an_answer_the_topic_does_not_allow_is_an_error_where_it_is(
    tmp_path: Path, rel: str, answer: str, where: tuple[int, int], says: str
) -> None:
    found = [p for p in problems(with_answers(tmp_path, **{rel: answer})) if p[0] == rel]
    assert [(line, col, rule) for _, line, col, rule, _ in found] == [(*where, "bad-answer")]
    assert says in found[0][4]


def test_the_error_lists_the_allowed_values(tmp_path: Path) -> None:
    root = with_answers(tmp_path, **{CLAUSE: "answer:\n  value: maybe\n  reason: x.\n"})
    [hint] = [p.hint for p in check(root) if p.rule == "bad-answer"]
    assert hint == "allowed: no, opt-out"


def test_a_topic_that_asks_nothing_takes_no_answer(tmp_path: Path) -> None:
    root = write_project(
        tmp_path / "p",
        {
            CLAUSE: (FIXTURES / "basic" / CLAUSE)
            .read_text(encoding="utf-8")
            .replace(
                "topic: customer-data-training\n",
                "topic: customer-data-training\nanswer:\n  value: x\n  reason: y.\n",
            )
        },
    )
    assert [(p[1], p[2], p[3]) for p in problems(root)] == [(4, 1, "bad-answer")]


def test_not_addressed_topics_are_checked(tmp_path: Path) -> None:
    root = with_answers(tmp_path)
    platform = root / "analyses/acme-cloud/platform.yml"
    platform.write_text(
        platform.read_text(encoding="utf-8")
        + "not_addressed:\n"
        + "  - topic: output-ownership\n    documents: [service-terms]\n"
        + "    note: Nothing on outputs.\n    reviewed: 2026-01-10\n"
        + "  - topic: no-such-topic\n    documents: [service-trems]\n"
        + "    note: Nothing.\n    reviewed: 2026-01-10\n",
        encoding="utf-8",
    )
    assert [(p[1], p[2], p[3]) for p in problems(root)] == [
        (14, 12, "coverage-conflict"),
        (18, 12, "dangling-reference"),
        (19, 17, "dangling-reference"),
    ]
