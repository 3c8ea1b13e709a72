"""Stage 7, publish: a site is built into a temporary folder beside its target and swapped in
only when complete, so an error or an interrupted build (Ctrl-C, kill) never leaves a
half-written site where the previous one was."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def staging_dir(site_dir: Path) -> Path:
    """A new empty folder on the same file system as `site_dir` (so the swap is a rename)."""
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.building-", dir=site_dir.parent))


def swap_in(staged: Path, site_dir: Path) -> None:
    """Replace `site_dir` with `staged`. The old site stays whole until the final rename."""
    old = None
    if site_dir.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}.old-", dir=site_dir.parent))
        os.rename(site_dir, old / "site")
    os.rename(staged, site_dir)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def discard(staged: Path) -> None:
    shutil.rmtree(staged, ignore_errors=True)


def clean_stale(site_dir: Path) -> None:
    """Remove staging folders left by builds that were killed; if one was killed between the
    two renames of `swap_in`, put the previous site back first."""
    if not site_dir.exists():
        for old in sorted(site_dir.parent.glob(f".{site_dir.name}.old-*/site")):
            os.rename(old, site_dir)
            break
    for prefix in (f".{site_dir.name}.building-", f".{site_dir.name}.old-"):
        for leftover in site_dir.parent.glob(prefix + "*"):
            shutil.rmtree(leftover, ignore_errors=True)
