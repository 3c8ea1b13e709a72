"""Stage 6, the site engine (Zensical): build build/docs with Zensical, Material's successor.

Zensical reads a mkdocs.yml-style configuration but no MkDocs plugin and no Jinja theme
override, and has no module interface: it runs as a command on build/zensical.yml
(engine/config.py), which names the folder to write. Everything the MkDocs plugin relays page
by page, the post-build then does from the written files (postbuild/__init__.py: `finish`).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from generator.engine.config import ZENSICAL_SITE_DIR

TIMEOUT = 3600  # seconds; 12,640 pages took 172 s here


class EngineError(Exception):
    """The engine failed; the message is its last lines of output."""


def executable() -> str:
    """The `zensical` command installed beside this Python (the `zensical` extra)."""
    found = shutil.which("zensical", path=str(Path(sys.executable).parent)) or shutil.which(
        "zensical"
    )
    if found is None:
        raise EngineError(
            "zensical is not installed: pip install 'clausebook[zensical]' (or make test)"
        )
    return found


def build(config_file: Path, into: Path) -> None:
    """Run `zensical build` on `config_file`, then move what it wrote into the folder `into`
    (which exists); EngineError with its output when it fails. Zensical writes only inside
    its configuration's folder (engine/config.py: ZENSICAL_SITE_DIR)."""
    result = subprocess.run(
        [executable(), "build", "--clean", "--config-file", str(config_file)],
        cwd=config_file.parent,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    if result.returncode != 0:
        tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-12:])
        raise EngineError(f"zensical build failed ({result.returncode}):\n{tail}")
    written = config_file.parent / ZENSICAL_SITE_DIR
    for entry in sorted(written.iterdir()):
        # A rename when both are on one file system (the usual case), else a copy.
        shutil.move(str(entry), str(into / entry.name))
    shutil.rmtree(written)
