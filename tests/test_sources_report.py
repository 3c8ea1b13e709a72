"""`clausebook sources report`: new archived versions since a git revision, and the analyses
they make stale, as Markdown for the pull request the sources workflow opens (a real git
repository, the real command in a subprocess)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.conftest import clausebook, write_archive, write_project

QUOTED = "We will not use Customer Content to train models except as you permit."
V1 = f"4.2 Training. {QUOTED}\n\n4.3 Outputs belong to you.\n"


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        check=True,
        capture_output=True,
    )


def committed(tmp_path: Path) -> Path:
    root = write_project(tmp_path / "p", {})
    write_archive(root, "acme-cloud/service-terms", [("2025-06-01", V1)])
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "corpus")
    return root


def test_a_new_version_removing_a_quote_lists_the_document_and_the_stale_analyses(
    tmp_path: Path,
) -> None:
    root = committed(tmp_path)
    # what `sources import` would add: a version without the quoted sentence, and one after it
    write_archive(
        root,
        "acme-cloud/service-terms",
        [
            ("2026-03-01", V1.replace(QUOTED, "We may use Customer Content.")),
            ("2026-03-02", V1.replace(QUOTED, "We may use Customer Content again.")),
        ],
    )
    done = clausebook("sources", "report", "--path", str(root))
    assert done.returncode == 0, done.stderr
    report = done.stdout
    assert report.startswith(
        "2 new archived versions of 1 document since `HEAD`; "
        "2 findings on the analyses quoting them."
    )
    assert "\n## Acme Cloud Service Terms (`acme-cloud/service-terms`)\n" in report
    assert "- 2026-03-01 `2026-03-01`, copied by hand: [diff](" in report
    assert "/platforms/acme-cloud/documents/service-terms/2026-03-01/)\n" in report
    assert "- 2025-06-01" not in report  # committed already
    for clause in ("customer-data-training", "output-ownership"):
        assert f"- `analyses/acme-cloud/{clause}.yml`: " in report, report
    assert "excerpt-outdated: the quoted text changed on 2026-03-01" in report


def test_nothing_new_says_so(tmp_path: Path) -> None:
    root = committed(tmp_path)
    done = clausebook("sources", "report", "--path", str(root))
    assert (done.returncode, done.stdout) == (
        0,
        "No archived document has a new version since `HEAD`.\n",
    )


def test_outside_a_git_work_tree_is_a_clear_error(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {})
    done = clausebook("sources", "report", "--path", str(root))
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.startswith(f"error: {root}: ") and "git" in done.stderr.lower()


def test_authored_words_cannot_add_markdown_to_the_pull_request() -> None:
    from generator.capture.report import escape

    assert escape("Terms ![x](https://t.example/p.png) <b>*now*</b>\n# 2") == (
        "Terms \\!\\[x\\]\\(https://t.example/p.png\\) \\<b\\>\\*now\\*\\</b\\> \\# 2"
    )


def test_repositories_lists_each_declared_ota_repository_once(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {})
    platform = root / "analyses/acme-cloud/platform.yml"
    text = platform.read_text(encoding="utf-8")
    ota = (
        "    source:\n      ota:\n        repository: OpenTermsArchive/contrib-versions\n"
        "        service: Acme\n        terms_type: Terms of Service\n"
    )
    platform.write_text(
        text.replace("    type: service-terms\n", "    type: service-terms\n" + ota, 1)
    )
    done = clausebook("sources", "repositories", "--path", str(root))
    assert (done.returncode, done.stdout, done.stderr) == (
        0,
        "OpenTermsArchive/contrib-versions\n",
        "",
    )
