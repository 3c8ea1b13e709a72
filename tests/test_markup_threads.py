"""Authored text converts the same from any thread: `serve` makes the quick search index's
pages (postbuild/quick.py) in a background thread while a rebuild converts pages."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest

from generator.site import markup


@pytest.fixture
def switching() -> Iterator[None]:
    """Threads switched as often as the interpreter can, so that two conversions interleave."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(before)


def test_threads_converting_at_once_convert_as_one_thread_does(switching: None) -> None:
    texts = [
        f"Clause {i}: *emphasis*, `code` and [a link](https://example.com/{i}).\n\n"
        f"- the first of {i}\n- the second, **strong**\n\nA last paragraph {i}."
        for i in range(300)
    ]
    alone = [markup.block.__wrapped__(t) for t in texts]
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(markup.block.__wrapped__, texts * 4))
    assert together == alone * 4
