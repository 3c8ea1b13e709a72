"""Progress of long phases (validating, rendering, MkDocs pages), for a person at a terminal.

Input: a phase name, its total and steps. Output: one line on stderr rewritten in place, at
most ten times a second, and only when stderr is a terminal: logs, CI output and the test
suite see nothing. A phase of a few hundred items finishes too fast to show.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

MIN_TOTAL = 500  # smaller phases finish before a display would help


class Progress:
    def __init__(self, label: str, total: int, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.label, self.total, self.done = label, total, 0
        self.enabled = total >= MIN_TOTAL and self.stream.isatty()
        self._shown = 0.0

    def step(self, n: int = 1) -> None:
        self.done += n
        if self.enabled and time.monotonic() - self._shown >= 0.1:
            self._shown = time.monotonic()
            self.stream.write(
                f"\r{self.label}: {self.done:,}/{self.total:,} "
                f"({100 * self.done // max(self.total, 1)}%)"
            )
            self.stream.flush()

    def finish(self) -> None:
        if self.enabled:
            self.stream.write(f"\r{self.label}: {self.done:,}/{self.total:,} done\n")
            self.stream.flush()
            self.enabled = False
