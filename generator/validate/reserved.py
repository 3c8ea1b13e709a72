"""Rule reserved-id: ids that would write over a page the site generates itself.

A topic's page is topics/<id>.md, so a topic named `index` would replace the list of all
topics. (Platform and clause ids are file names; layout.py reserves those.)

    topics:
      - id: index     # error[reserved-id] topic id 'index' is reserved
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.corpus import Corpus
from generator.validate.findings import Finding

RESERVED_TOPICS = {"index"}


def check(corpus: Corpus) -> Iterator[Finding]:
    for i, topic in enumerate(corpus.topics):
        if topic.id in RESERVED_TOPICS:
            yield Finding(
                corpus.topics_rel,
                ("topics", i, "id"),
                "reserved-id",
                f"topic id '{topic.id}' is reserved: its page would replace the list of all topics",
                "choose another id",
            )
