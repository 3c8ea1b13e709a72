"""bounded.read_at_most gives what `stream.read(limit)` gives, from files, devices and pipes,
while allocating only what a file holds."""

from __future__ import annotations

import os
import threading
import tracemalloc
from pathlib import Path

import pytest

from generator.bounded import read_at_most


@pytest.mark.parametrize("size", [0, 1, 99, 100, 101, 5000])
def test_a_file_gives_what_read_gives(tmp_path: Path, size: int) -> None:
    path = tmp_path / "f"
    path.write_bytes(bytes(range(256)) * (size // 256) + b"x" * (size % 256))
    for limit in (1, 100, 101, 10_000):
        with path.open("rb") as a, path.open("rb") as b:
            assert read_at_most(a, limit) == b.read(limit)


def test_a_device_that_says_it_is_empty_is_read_up_to_the_limit() -> None:
    with open("/dev/zero", "rb") as stream:
        assert read_at_most(stream, 70_000) == b"\0" * 70_000


def test_a_pipe_is_read_up_to_the_limit() -> None:
    read_end, write_end = os.pipe()
    writer = threading.Thread(
        target=lambda: (os.write(write_end, b"y" * 5000), os.close(write_end))
    )
    writer.start()
    with os.fdopen(read_end, "rb") as stream:
        assert read_at_most(stream, 4000) == b"y" * 4000
    writer.join()


def test_a_small_file_under_a_large_limit_allocates_what_it_holds(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"z" * 20_000)
    with path.open("rb") as stream:
        tracemalloc.start()
        try:
            read_at_most(stream, 5 * 1024 * 1024)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert peak < 100_000  # `stream.read(limit)` allocates the 5 MB first
