"""The corpus as it was at one git revision, copied into a folder to be read like any project.

`clausebook diff` compares two revisions of the repository; each is read from git's objects,
never checked out: `git ls-tree` names the files under analyses/ with their sizes (every bound
is checked before a byte is read), `git cat-file --batch` gives their exact bytes (no filters,
no attributes, no hooks, no external drivers), and only regular files are written, under
paths checked one part at a time. Nothing of either revision is run or followed: a symbolic
link or a submodule is left out (`clausebook paths` refuses them in a pull request).

    $ clausebook diff main no-such-branch
    clausebook: error: unknown revision 'no-such-branch' (a branch, a tag or a commit id)
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from generator.review.paths import GIT, GitError, _git, top

AREA = "analyses"  # all that a summary compares; content/ pages have no analyses
MAX_FILES = 50_000  # 10,000 analyses and their archives' versions fit with room to spare
MAX_FILE_BYTES = 8 * 1024 * 1024  # the largest file the project reads is 5 MB (a version)
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
REGULAR = ("100644", "100755")


@dataclass(frozen=True)
class Blob:
    path: str
    sha: str
    size: int


def resolve(repo: Path, revision: str) -> str:
    """The full commit id `revision` names; GitError naming it when git knows no such commit."""
    if not revision or revision.startswith("-"):
        raise GitError(f"'{revision}' is not a revision (a branch, a tag or a commit id)")
    try:
        out = _git(
            repo, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"
        )
    except GitError:
        raise GitError(f"unknown revision '{revision}' (a branch, a tag or a commit id)") from None
    return out.decode().strip()


def blobs(repo: Path, commit: str) -> list[Blob]:
    """The regular files under analyses/ at `commit`, checked against the bounds."""
    out = _git(repo, "ls-tree", "-r", "-z", "--long", "--full-tree", commit, "--", AREA)
    found: list[Blob] = []
    total = 0
    for record in out.split(b"\0"):
        if not record:
            continue
        meta, _, raw_path = record.partition(b"\t")
        mode, kind, sha, size = meta.split()
        if kind != b"blob" or mode.decode() not in REGULAR:
            continue  # a link or a submodule: never followed
        path = raw_path.decode("utf-8", "surrogateescape")
        if not _safe(path):
            raise GitError(f"{commit[:12]}: '{path}' is not a plain relative path")
        n = int(size)
        if n > MAX_FILE_BYTES:
            raise GitError(f"{commit[:12]}: {path} is over {MAX_FILE_BYTES:,} bytes")
        total += n
        found.append(Blob(path, sha.decode(), n))
        if len(found) > MAX_FILES or total > MAX_TOTAL_BYTES:
            raise GitError(
                f"{commit[:12]}: {AREA}/ has over {MAX_FILES:,} files or {MAX_TOTAL_BYTES:,} bytes"
            )
    return found


def _safe(path: str) -> bool:
    parts = path.split("/")
    return parts[0] == AREA and all(p not in ("", ".", "..") and "\\" not in p for p in parts)


def extract(repo: Path, revision: str, dest: Path) -> str:
    """Write analyses/ as it is at `revision` into `dest` (an empty folder); its commit id."""
    repo = top(repo)
    commit = resolve(repo, revision)
    files = blobs(repo, commit)
    (dest / AREA).mkdir(parents=True, exist_ok=True)
    if not files:
        return commit
    request = b"".join(f.sha.encode() + b"\n" for f in files)
    try:
        done = subprocess.run(
            [*GIT, "cat-file", "--batch"],
            cwd=repo,
            input=request,
            capture_output=True,
            check=False,
            timeout=300,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GitError(f"could not run git: {exc}") from None
    if done.returncode != 0:
        raise GitError(f"git cat-file failed: {done.stderr.decode('utf-8', 'replace').strip()}")
    out, at = done.stdout, 0
    for f in files:
        header_end = out.index(b"\n", at)
        sha, kind, size = out[at:header_end].split()
        if sha.decode() != f.sha or kind != b"blob" or int(size) != f.size:
            raise GitError(f"git cat-file answered {sha.decode()} for {f.path}")
        start = header_end + 1
        target = dest.joinpath(*f.path.split("/"))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(out[start : start + f.size])
        at = start + f.size + 1  # the newline after the contents
    return commit
