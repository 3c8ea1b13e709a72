"""The bodies of the `clausebook` commands, one module per area: `build.py` (check, build,
generate), `serve.py`, `review.py` (paths, diff), `sources.py` (sources import|fetch|…),
`authors.py` (new, schema, rules). generator/cli.py parses the arguments and calls them.

Each command takes the parsed arguments and returns its exit code. A command imports what it
runs inside its body, so that `clausebook` starts fast and `clausebook paths` runs on the
standard library alone. This module holds what they share: the exit codes and finding the
project."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from generator.project import find_root

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def project_root(path: str | None) -> Path:
    root = find_root(Path(path or "."))
    if root is None:
        raise SystemExit(
            usage_error(
                f"no Clausebook project (analyses/ or mkdocs.yml) at or above '{path or '.'}'"
            )
        )
    return root


def usage_error(message: str) -> int:
    print(f"clausebook: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def engine_logging() -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "true")
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
