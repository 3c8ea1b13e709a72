"""Rule reserved-id: ids that would write over a page the site generates itself, or name a
file that Windows cannot hold.

A topic's page is topics/<id>.md, so a topic named `index` would replace the list of all
topics. A topic or document id that is a Windows device name (`con`, `nul`, `com1` …) names a
page, or a sources/ folder, that cannot be checked out or built on Windows. (Platform and
clause ids are file names; layout.py reserves those.)

    topics:
      - id: index     # error[reserved-id] topic id 'index' is reserved
      - id: con       # error[reserved-id] topic id 'con' is a device name on Windows
"""

from __future__ import annotations

from collections.abc import Iterator

from generator.check.findings import Finding
from generator.check.layout import WINDOWS_DEVICES
from generator.check.registry import RESERVED_ID
from generator.model.corpus import Corpus

RESERVED_TOPICS = {"index"}
_DEVICE = "is a device name on Windows: no file can be named so there"


def check(corpus: Corpus) -> Iterator[Finding]:
    for i, topic in enumerate(corpus.topics):
        if topic.id in RESERVED_TOPICS or topic.id in WINDOWS_DEVICES:
            why = (
                "is reserved: its page would replace the list of all topics"
                if topic.id in RESERVED_TOPICS
                else _DEVICE
            )
            yield Finding(
                corpus.topics_rel,
                ("topics", i, "id"),
                RESERVED_ID,
                f"topic id '{topic.id}' {why}",
                "choose another id",
            )
    for platform in corpus.platforms.values():
        for i, doc in enumerate(platform.model.documents):
            if doc.id in WINDOWS_DEVICES:
                yield Finding(
                    platform.rel,
                    ("documents", i, "id"),
                    RESERVED_ID,
                    f"document id '{doc.id}' {_DEVICE} (its archive is sources/{doc.id}/)",
                    "choose another id",
                )
