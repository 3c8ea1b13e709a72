"""Memory the process has freed, handed back to the system before the site engine runs.

`generate` builds the model of every analysis and renders every page; most of that is freed
when it returns, but glibc's allocator keeps the freed pages of its heap for later use (about
235 MB of the 570 MB the process holds after generating 10,000 analyses). The engine then
holds every page's HTML at once (MkDocs converts all pages before it writes any), on top of
what the allocator kept. `malloc_trim(0)` returns the free pages at once; elsewhere than
glibc there is no such call and nothing happens.
"""

from __future__ import annotations

import ctypes
import gc


def release_freed() -> None:
    gc.collect()
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):  # not glibc (macOS, Windows, musl's static builds)
        return
    trim(0)
