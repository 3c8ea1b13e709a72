"""An analyst's journey from a fresh clone, with the real CLI and real git: a new platform and
an analysis from `clausebook new`'s skeletons, filled in as their comments ask, `check` clean,
a commit on a branch, and `clausebook diff` against main naming what the change adds."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, make_project
from tests.test_paths import GIT_ENV, git

PLATFORM = {
    "name": "Cohere API",
    "vendor": "Cohere Inc.",
    "website": "https://cohere.com/",
    "description": "Cohere's language models offered through an API.",
    "id": "cohere-terms",
    "title": "Terms of Use",
    "url": "https://cohere.com/terms-of-use",
}
ANALYSIS = {
    "title": "Cohere does not train on API customers' data by default",
    "document": "cohere-terms",
    "topic": "customer-data-training",
    "summary": "Prompts and outputs are not used for training unless the customer opts in.",
    "impact": "Customers keep control of their data for training purposes.",
    "text": "We do not use your Customer Data to train our models.",
    "source_url": "https://cohere.com/terms-of-use",
    "regulatory_landscape": "Data protection law asks for a purpose for every processing.",
    "rationale": "A default with an opt-in keeps the exposure low.",
    "note": "The GDPR's purpose limitation applies.",
    "contract_implications": "Record the default in the order form.",
}


def clausebook(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=root,
        env={**os.environ, **GIT_ENV, "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "true"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def fill(path: Path, values: dict[str, str]) -> None:
    """Each `key: ""` of a skeleton given its value, as an analyst types it in."""
    text = path.read_text(encoding="utf-8")
    for key, value in values.items():
        text, n = re.subn(
            rf'^(\s*(?:- )?){key}: ""',
            rf"\g<1>{key}: {json.dumps(value)}",
            text,
            count=1,
            flags=re.M,
        )
        assert n == 1, key
    path.write_text(text, encoding="utf-8")


def test_a_new_platform_from_a_fresh_clone_to_a_reviewed_diff(tmp_path: Path) -> None:
    upstream = make_project(tmp_path / "upstream")
    git(upstream, "init", "-q", "-b", "main")
    git(upstream, "add", "-A")
    git(upstream, "commit", "-q", "-m", "the published corpus")
    git(tmp_path, "clone", "-q", str(upstream), "clone")
    clone = tmp_path / "clone"
    git(clone, "checkout", "-q", "-b", "cohere")

    made = clausebook(clone, "new", "cohere-api")
    assert made.returncode == 0, made.stderr
    fill(clone / "analyses/cohere-api/platform.yml", PLATFORM)
    made = clausebook(clone, "new", "cohere-api/customer-data-training")
    assert made.returncode == 0, made.stderr
    analysis = clone / "analyses/cohere-api/customer-data-training.yml"
    fill(analysis, ANALYSIS)
    text = analysis.read_text(encoding="utf-8")
    text = re.sub(r'^  section: "".*\n', "", text, flags=re.M)  # optional: no section here
    text = text.replace('  - ""', "  - Check the opt-in setting.").replace(
        "status: draft", "status: published"
    )
    analysis.write_text(text, encoding="utf-8")

    checked = clausebook(clone, "check")
    assert checked.returncode == 0, checked.stdout
    assert "0 error(s)" in checked.stderr or "no problems" in checked.stderr

    git(clone, "add", "-A")
    git(clone, "commit", "-q", "-m", "Cohere API: customer-data-training")
    summary = clausebook(clone, "diff", "origin/main", "HEAD", "--format", "json")
    assert summary.returncode == 0, summary.stderr
    s = json.loads(summary.stdout)
    assert [a["key"] for a in s["added"]] == ["cohere-api/customer-data-training"]
    assert [p["key"] for p in s["platforms"]] == ["cohere-api"]
    assert s["removed"] == [] and s["rerated"] == [] and s["errors"] == 0
    assert [p["page"] for p in s["pages"]] == [
        "platforms/cohere-api/customer-data-training/index.md",
        "platforms/cohere-api/index.md",
    ]
    shown = clausebook(clone, "diff", "origin/main", "--preview-url", "https://p.test/pr-1/")
    assert (
        "[`cohere-api/customer-data-training`](https://p.test/pr-1/platforms/cohere-api/customer-data-training/)"
        in shown.stdout
    )
