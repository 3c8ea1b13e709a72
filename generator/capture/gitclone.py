"""Stage 1, source (OTA import): a local git clone, read through the `git` command.

Input: the path of a clone (bare or not) of an Open Terms Archive versions repository.
Output: the commits that changed one file, newest first, and that file's bytes at a commit.
Nothing here parses git's objects: `git log`, `git cat-file --batch-check` and `git show` do,
read-only (no optional locks, no textconv, no pager, literal pathspecs, replace refs ignored),
each bounded in time and in the bytes read from it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from generator.model.fieldtypes import REPOSITORY_PATTERN

GIT_TIMEOUT = 120.0  # seconds for one git command; `git log` of a path in 42,000 commits: 0.5 s
MAX_LOG_BYTES = 16 * 1024 * 1024  # OTA's commit messages are ~300 bytes
_GITHUB = re.compile(r"github\.com[:/]+([^/]+/[^/]+?)(?:\.git)?/?$", re.IGNORECASE)


class GitError(Exception):
    """git failed or said something unexpected; the message is one line for the user."""


@dataclass(frozen=True)
class Commit:
    id: str
    time: dt.datetime  # the commit (committer) time, UTC
    message: str


@dataclass(frozen=True)
class Clone:
    git_dir: Path
    repository: str  # OWNER/NAME

    @classmethod
    def open(cls, path: Path, repository: str | None) -> Clone:
        """The clone at `path` (never a repository above it), named `repository` or by its
        origin remote's GitHub URL."""
        if not path.is_dir():
            raise GitError(f"'{path}' is not a folder")
        found = _run(["git", "-C", str(path), "rev-parse", "--absolute-git-dir"], path, None)
        git_dir = Path(os.fsdecode(found.rstrip(b"\n")))
        if repository is None:
            url = _run(_git(git_dir, "config", "--default", "", "remote.origin.url"), path, None)
            match = _GITHUB.search(url.decode("utf-8", "replace").strip())
            if match is None:
                raise GitError(
                    f"cannot tell which repository '{path}' is (its origin is not a GitHub URL);"
                    " name it with --repository OWNER/NAME"
                )
            repository = match.group(1)
        if not re.fullmatch(REPOSITORY_PATTERN, repository):
            raise GitError(f"'{repository}' is not a GitHub repository as OWNER/NAME")
        return cls(git_dir, repository)

    def history(self, path: str, limit: int) -> list[Commit]:
        """The commits of the first-parent line of HEAD that added or changed `path`, newest
        first, at most `limit` of them."""
        out = self._stream(
            "log",
            "--first-parent",
            "--no-renames",
            "--diff-filter=AMT",  # added, modified, type changed: a deletion leaves no text
            f"--max-count={limit}",
            "-z",
            "--format=%H%x1f%ct%x1f%B",
            "HEAD",
            "--",
            path,
            limit=MAX_LOG_BYTES,
        )
        commits = []
        for record in out.decode("utf-8", "replace").split("\0"):
            if not record:
                continue
            parts = record.split("\x1f", 2)  # the message may hold anything but NUL
            if len(parts) != 3 or not re.fullmatch(r"[0-9a-f]{40}([0-9a-f]{24})?", parts[0]):
                raise GitError(f"unexpected output from git log: {record[:80]!r}")
            when = dt.datetime.fromtimestamp(int(parts[1]), dt.UTC)
            commits.append(Commit(parts[0], when, parts[2]))
        return commits

    def sizes(self, commits: list[Commit], path: str) -> dict[str, int]:
        """The size in bytes of `path` at each commit, read without reading the files."""
        if not commits:
            return {}
        names = "".join(f"{c.id}:{path}\n" for c in commits).encode("utf-8")
        out = _run(_git(self.git_dir, "cat-file", "--batch-check"), self.git_dir, names)
        sizes = {}
        for commit, line in zip(commits, out.decode("utf-8", "replace").splitlines(), strict=True):
            fields = line.rsplit(" ", 2)
            if len(fields) != 3 or fields[1] != "blob" or not fields[2].isdigit():
                raise GitError(f"{path} at {commit.id[:12]} is not a file ({line[-40:]!r})")
            sizes[commit.id] = int(fields[2])
        return sizes

    def read(self, commit: Commit, path: str, limit: int) -> bytes:
        """The bytes of `path` at `commit` (at most `limit`: larger is a GitError)."""
        return self._stream("show", "--no-textconv", f"{commit.id}:{path}", limit=limit)

    def _stream(self, *args: str, limit: int) -> bytes:
        return _stream(_git(self.git_dir, *args), self.git_dir, limit)


def _git(git_dir: Path, *args: str) -> list[str]:
    return [
        "git",
        f"--git-dir={git_dir}",
        "--no-pager",
        "--literal-pathspecs",
        "-c",
        "core.quotepath=off",
        "-c",
        "core.fsmonitor=false",
        *args,
    ]


def _env(where: Path) -> dict[str, str]:
    # A git hook (pre-commit) sets GIT_DIR, GIT_INDEX_FILE …: they would point git elsewhere.
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        GIT_CEILING_DIRECTORIES=str(where.resolve().parent),  # never the repository above
        GIT_OPTIONAL_LOCKS="0",  # read-only: no index refresh, no lock files
        GIT_NO_REPLACE_OBJECTS="1",  # history as committed, not as `git replace` shows it
        GIT_TERMINAL_PROMPT="0",
        GIT_CONFIG_NOSYSTEM="1",
        LC_ALL="C",  # git's own messages, which errors pass on, in English
    )
    return env


def _run(cmd: list[str], where: Path, stdin: bytes | None) -> bytes:
    """A git command whose output is small by construction (one short line per input line)."""
    try:
        done = subprocess.run(
            cmd, input=stdin, capture_output=True, timeout=GIT_TIMEOUT, env=_env(where)
        )
    except subprocess.TimeoutExpired:
        raise GitError(f"git {cmd[-1]} took over {GIT_TIMEOUT:.0f} s") from None
    except FileNotFoundError:
        raise GitError("the git command is not installed") from None
    if done.returncode != 0:
        raise GitError(_first_line(done.stderr) or f"git exited with {done.returncode}")
    return done.stdout


def _stream(cmd: list[str], where: Path, limit: int) -> bytes:
    """A git command's output, at most `limit` bytes: past it, or past the timeout, git is
    stopped and GitError raised."""
    with tempfile.TemporaryFile() as errors:
        try:
            proc = subprocess.Popen(
                cmd,
                stdout=subprocess.PIPE,
                stderr=errors,
                stdin=subprocess.DEVNULL,
                env=_env(where),
            )
        except FileNotFoundError:
            raise GitError("the git command is not installed") from None
        timer = threading.Timer(GIT_TIMEOUT, proc.kill)
        timer.start()
        try:
            assert proc.stdout is not None
            out = proc.stdout.read(limit + 1)
            if len(out) > limit:
                proc.kill()
            code = proc.wait()
        finally:
            timer.cancel()
            if proc.stdout is not None:
                proc.stdout.close()
        if len(out) > limit:
            raise GitError(f"git printed more than {limit:,} bytes")
        if code != 0:
            errors.seek(0)
            message = _first_line(errors.read(4096))
            raise GitError(message or f"git was stopped after {GIT_TIMEOUT:.0f} s")
        return out


def _first_line(stderr: bytes) -> str:
    lines = [x.strip() for x in stderr.decode("utf-8", "replace").splitlines() if x.strip()]
    return lines[0] if lines else ""


MAX_TREE_BYTES = 64 * 1024 * 1024  # `git ls-tree` of analyses/ at 10,000 analyses: ~1 MB


def files_at(work_tree: Path, ref: str, folder: str) -> set[str]:
    """The paths of the files under `folder` at `ref` in the repository whose work tree is
    `work_tree` (never one above it): `git ls-tree`, read-only."""
    found = _run(["git", "-C", str(work_tree), "rev-parse", "--absolute-git-dir"], work_tree, None)
    git_dir = Path(os.fsdecode(found.rstrip(b"\n")))
    if ref.startswith("-"):
        raise GitError(f"'{ref}' is not a git revision")
    out = _stream(
        _git(git_dir, "ls-tree", "-r", "-z", "--name-only", ref, "--", folder),
        work_tree,
        MAX_TREE_BYTES,
    )
    return {name for name in out.decode("utf-8", "replace").split("\0") if name}
