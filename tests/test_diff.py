"""`clausebook diff BASE HEAD`: what a change does to the analyses, from a real git repository
(a few shipped analyses committed, changed, committed again) and from the shipped history."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.check.run import load_corpus
from generator.review import revision
from generator.review.diff import words
from generator.review.paths import GitError
from generator.review.summary import MARKER, inert
from tests.conftest import REPO
from tests.test_paths import GIT_ENV, git

PLATFORM = "aws-bedrock"
POLICY = f"analyses/{PLATFORM}/sources/aws-acceptable-use-policy"


def diff(root: Path, *args: str) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, "-m", "generator", "diff", *args],
        cwd=root,
        env={**os.environ, **GIT_ENV, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    return done.returncode, done.stdout, done.stderr


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Shipped analyses of one platform on `main`; branch `change` re-rates one, changes an
    answer and one word of an excerpt, removes one, adds one, and archives a new version."""
    root = tmp_path_factory.mktemp("diff") / "repo"
    for name in ("topics.yml", "jurisdictions.yml"):
        (root / "analyses").mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / "analyses" / name, root / "analyses" / name)
    shutil.copytree(REPO / "analyses" / PLATFORM, root / "analyses" / PLATFORM)
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    git(root, "checkout", "-q", "-b", "change")
    a = root / "analyses" / PLATFORM
    edit(a / "ip-indemnity.yml", "  rating: medium\n", "  rating: high\n")
    edit(a / "ip-indemnity.yml", "  value: limited\n", "  value: none\n")
    edit(
        a / "acceptable-use.yml",
        "for\n    any illegal or fraudulent",
        "for\n    any unlawful or fraudulent",
    )
    (a / "output-ownership.yml").unlink()
    shutil.copy(a / "suspension-termination.yml", a / "suspension-copy.yml")
    shutil.copy(root / POLICY / "2026-08-21.md", root / POLICY / "2026-09-01.md")
    index = (root / POLICY / "versions.yml").read_text(encoding="utf-8")
    last = index[index.rindex("  - file: 2026-08-21.md") :]
    entry = last.replace("2026-08-21", "2026-09-01").replace("T00:33:41Z", "T09:00:00Z")
    (root / POLICY / "versions.yml").write_text(index + entry, encoding="utf-8")
    # A new version of the service terms without the words data-retention-abuse-monitoring
    # quotes: that analysis, untouched, becomes outdated.
    terms = root / f"analyses/{PLATFORM}/sources/aws-service-terms"
    text = (
        (terms / "2026-08-21.md")
        .read_bytes()
        .replace(
            b"solely to detect activity that violates our",
            b"solely to detect activity that breaches our",
        )
    )
    (terms / "2026-09-02.md").write_bytes(text)
    index = (terms / "versions.yml").read_text(encoding="utf-8")
    last = index[index.rindex("  - file: 2026-08-21.md") :]
    entry = re.sub(r"sha256: [0-9a-f]{64}", f"sha256: {hashlib.sha256(text).hexdigest()}", last)
    entry = entry.replace("2026-08-21", "2026-09-02").replace("T00:33:40Z", "T10:00:00Z")
    (terms / "versions.yml").write_text(index + entry, encoding="utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "change")
    return root


def keys(items: list[dict[str, Any]]) -> list[str]:
    return [i.get("key") or i["ref"]["key"] for i in items]


def test_json_summary_lists_each_kind_of_change(history: Path) -> None:
    code, out, err = diff(history, "main", "change", "--format", "json")
    assert code == 0, err
    s = json.loads(out)
    assert s["base"] == git(history, "rev-parse", "main").strip()
    assert s["head"] == git(history, "rev-parse", "change").strip()
    assert keys(s["added"]) == [f"{PLATFORM}/suspension-copy"]
    assert keys(s["removed"]) == [f"{PLATFORM}/output-ownership"]
    assert [(c["ref"]["key"], c["old"], c["new"]) for c in s["rerated"]] == [
        (f"{PLATFORM}/ip-indemnity", "medium", "high")
    ]
    assert [(c["ref"]["key"], c["old"], c["new"]) for c in s["answers"]] == [
        (f"{PLATFORM}/ip-indemnity", "limited", "none")
    ]
    [excerpt] = s["excerpts"]
    assert excerpt["ref"]["key"] == f"{PLATFORM}/acceptable-use"
    assert [w for w in excerpt["words"] if w[0] != "="] == [["-", "illegal"], ["+", "unlawful"]]
    assert s["edited"] == [] and s["platforms"] == []
    assert [(v["ref"]["key"], v["files"]) for v in s["versions"]] == [
        (f"{PLATFORM}/aws-acceptable-use-policy", ["2026-09-01.md"]),
        (f"{PLATFORM}/aws-service-terms", ["2026-09-02.md"]),
    ]
    # The excerpt of one word changed is found in no archived version; one the change did not
    # touch is gone from the new version; the others are current.
    states = {v["ref"]["key"]: (v["state"], v["version"], v["vanished"]) for v in s["verification"]}
    assert states == {
        f"{PLATFORM}/suspension-copy": ("current", "2026-09-02.md", None),
        f"{PLATFORM}/acceptable-use": ("not found", None, None),
        f"{PLATFORM}/ip-indemnity": ("current", "2026-09-02.md", None),
        f"{PLATFORM}/data-retention-abuse-monitoring": (
            "outdated",
            "2026-08-21.md",
            "2026-09-02.md",
        ),
    }
    head, problems = load_corpus(history)  # the working tree is the head commit
    assert s["errors"] == sum(p.severity == "error" for p in problems) > 0
    assert sum(s["counts"].values()) == len(head.analyses)
    assert s["counts"]["not found"] == 1


def test_markdown_summary_links_changed_pages_in_the_preview(history: Path) -> None:
    code, out, err = diff(history, "main", "change", "--preview-url", "https://p.test/pr-7")
    assert code == 0, err
    assert out.startswith(MARKER + "\n## What this change does to the analyses\n")
    page = f"https://p.test/pr-7/platforms/{PLATFORM}"
    assert f"[`{PLATFORM}/ip-indemnity`]({page}/ip-indemnity/)" in out
    assert ": medium → **high**" in out
    assert "“limited” → “none”" in out
    assert "[-illegal-]{+unlawful+}" in out
    doc = f"[`{PLATFORM}/aws-acceptable-use-policy`]({page}/documents/aws-acceptable-use-policy/)"
    assert doc in out
    assert ": 2026-09-01.md" in out
    assert f"- `{PLATFORM}/output-ownership`" in out  # removed: no page to link
    assert "**not found** in any archived version" in out
    assert "**outdated**: in 2026-08-21.md, gone from 2026-09-02.md" in out
    assert "### Re-rated (1)" in out and "### Removed (1)" in out


def test_no_change_says_so(history: Path) -> None:
    code, out, _ = diff(history, "main", "main")
    assert code == 0
    assert "No analysis, rating, answer, excerpt or archived version changed." in out


@pytest.mark.parametrize("revision", ["no-such-branch", "--output=x", "main~5"])
def test_unknown_revision_is_a_one_line_error(history: Path, revision: str) -> None:
    code, out, err = diff(history, "--", "main", revision)  # "--": argparse takes "-x" too
    assert code == 2 and out == ""
    assert err.splitlines() == [
        f"clausebook: error: unknown revision '{revision}' (a branch, a tag or a commit id)"
        if not revision.startswith("-")
        else f"clausebook: error: '{revision}' is not a revision (a branch, a tag or a commit id)"
    ]


def test_a_preview_address_must_be_http(history: Path) -> None:
    code, _, err = diff(history, "main", "change", "--preview-url", "javascript:alert(1)")
    assert code == 2 and "is not an http(s) address" in err


def test_a_link_in_the_revision_is_never_followed(history: Path, tmp_path: Path) -> None:
    root = tmp_path / "linked"
    shutil.copytree(history, root, symlinks=True)
    secret = tmp_path / "secret.yml"
    secret.write_text("title: outside the repository\n", encoding="utf-8")
    (root / "analyses" / PLATFORM / "linked.yml").symlink_to(secret)
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "a link")
    code, out, err = diff(root, "change", "HEAD", "--format", "json")
    assert code == 0, err
    assert json.loads(out)["added"] == []


def test_authored_text_is_inert_markdown() -> None:
    hostile = "<img src=x onerror=alert(1)> [a](javascript:x) @maintainer `x` ![i](https://t/)"
    shown = inert(hostile)
    assert "<" not in shown.replace("\\<", "")
    assert "@maintainer" not in shown
    assert "](" not in shown.replace("\\]\\(", "")


def test_word_diff_joins_a_rewritten_phrase() -> None:
    assert words(
        "keep data for 30 days then delete it.", "keep inputs for 60 days then delete them."
    ) == (
        ("=", "keep "),
        ("-", "data for 30"),
        ("+", "inputs for 60"),
        ("=", " days then delete "),
        ("-", "it."),
        ("+", "them."),
    )
    assert words("one two three", "four five six") == (
        ("-", "one two three"),
        ("+", "four five six"),
    )


SHIPPED = ("65b16a6", "951fff3")  # issue 15's last two merges: two platforms re-sourced


def test_two_commits_of_the_shipped_corpus() -> None:
    known = [
        subprocess.run(
            ["git", "cat-file", "-e", f"{c}^{{commit}}"], cwd=REPO, check=False
        ).returncode
        for c in SHIPPED
    ]
    if any(known):
        pytest.skip("the repository's history is not here (a shallow clone)")
    code, out, err = diff(REPO, *SHIPPED, "--format", "json")
    assert code == 0, err
    s = json.loads(out)
    assert "aws-bedrock/acceptable-use" in keys(s["added"])
    assert keys(s["removed"]) == [
        "anthropic-api/data-retention-abuse-monitoring",
        "google-vertex-ai/customer-data-training",
    ]
    assert "google-vertex-ai/third-party-model-terms" in keys(s["answers"])
    assert "google-vertex-ai/data-retention-abuse-monitoring" in keys(s["excerpts"])
    assert s["errors"] == 0
    assert s["counts"]["not found"] == 0


def test_a_revision_over_the_bounds_is_refused_before_it_is_read(
    history: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(revision, "MAX_FILE_BYTES", 1000)
    with pytest.raises(GitError, match=r"is over 1,000 bytes"):
        revision.extract(history, "change", tmp_path / "big")
    assert not (tmp_path / "big").exists()  # refused before anything was written
    monkeypatch.setattr(revision, "MAX_FILE_BYTES", 8 * 1024 * 1024)
    monkeypatch.setattr(revision, "MAX_FILES", 5)
    with pytest.raises(GitError, match=r"has over 5 files"):
        revision.extract(history, "change", tmp_path / "many")
