"""`clausebook sources import`: versions from a real git repository shaped like an Open Terms
Archive versions repository (commits with OTA's messages and controlled dates)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from generator.capture import ota
from generator.check import load_corpus
from generator.check.archives import check, read_archive
from generator.cli import main
from tests.conftest import write_project
from tests.test_sources_declared import HEAD, OTA

TERMS = "Acme Cloud/Terms of Service.md"
PRIVACY = "Acme Cloud/Privacy Policy.md"
FOLDER = "analyses/acme-cloud/sources/service-terms"
SNAPSHOT = "https://github.com/OpenTermsArchive/contrib-snapshots/commit/" + "5" * 40
PLATFORMS = {
    "analyses/acme-cloud/platform.yml": HEAD + OTA,
    "analyses/globex-ai/platform.yml": """\
        name: Globex AI
        vendor: Globex
        website: https://globex.example/
        description: A fictional platform used by the Clausebook test suite.
        documents:
          - id: globex-terms
            title: Globex Terms
            url: https://globex.example/terms
            type: service-terms
            source:
              ota:
                repository: OpenTermsArchive/GenAI-versions
                service: Globex
                terms_type: Terms of Service
          - id: globex-usage-policy
            title: Globex Usage Policy
            url: https://globex.example/usage
            type: usage-policy
        """,
}


def git(repo: Path, *args: str, when: str = "2025-01-01T00:00:00Z") -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env |= {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_CONFIG_NOSYSTEM": "1"}
    identity = ["-c", "user.name=OTA", "-c", "user.email=bot@ota.example"]
    done = subprocess.run(
        ["git", "-C", str(repo), *identity, *args], env=env, check=True, capture_output=True
    )
    return done.stdout.decode().strip()


def record(repo: Path, files: dict[str, str], message: str, when: str) -> str:
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")  # OTA's files end without a newline
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, when=when)
    return git(repo, "rev-parse", "HEAD")


@pytest.fixture
def versions(tmp_path: Path) -> tuple[Path, list[str]]:
    """An OTA-like versions repository: 4 versions of the terms (two on one UTC day), a commit
    that changes only another document, and one that changes only the README."""
    repo = tmp_path / "contrib-versions"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    git(repo, "remote", "add", "origin", "https://github.com/OpenTermsArchive/contrib-versions.git")
    commits = [
        record(
            repo,
            {TERMS: "# Terms\n\n1. Acme may suspend.", PRIVACY: "# Privacy"},
            "First record of Acme Cloud Terms of Service",
            "2025-01-03T08:00:00Z",
        ),
        record(
            repo,
            {TERMS: "# Terms\n\n1. Acme may suspend.\n2. Acme may train."},
            "Record new changes of Acme Cloud Terms of Service\n\nThis version was recorded "
            f"after extracting from snapshot {SNAPSHOT}\n\nX-engine-version: 15.1.0",
            "2025-02-10T00:10:00Z",
        ),
        record(
            repo,
            {TERMS: "# Terms\n\n1. Acme may suspend.\n2. Acme will not train."},
            "Record new changes of Acme Cloud Terms of Service",
            "2025-02-10T23:50:00+00:00",
        ),
        record(
            repo,
            {PRIVACY: "# Privacy, changed"},
            "Record new changes of Acme Cloud Privacy Policy",
            "2025-03-01T00:00:00Z",
        ),
        record(repo, {"README.md": "Versions"}, "Update README", "2025-03-02T00:00:00Z"),
        record(
            repo,
            {TERMS: "# Terms\n\n1. Acme may suspend.\n2. Acme will not train.\n"},
            "Apply technical or declaration upgrade on Acme Cloud Terms of Service",
            # 01:30 in Paris is 00:30 UTC on the 1st of April, not the 31st of March.
            "2025-04-01T01:30:00+01:00",
        ),
    ]
    return repo, commits


@pytest.fixture
def root(tmp_path: Path) -> Path:
    return write_project(tmp_path / "p", PLATFORMS)


def run(capsys: pytest.CaptureFixture[str], root: Path, *args: str) -> tuple[int, str, str]:
    code = main(["sources", "import", *args, "--path", str(root)])
    out, err = capsys.readouterr()
    return code, out, err


def files(root: Path) -> list[str]:
    folder = root / FOLDER
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def test_every_version_with_its_date_and_provenance(
    root: Path, versions: tuple[Path, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    repo, commits = versions
    code, out, err = run(capsys, root, str(repo))
    assert (code, err) == (0, "")
    assert out == (
        "acme-cloud/service-terms: 4 new versions (2025-01-03 … 2025-04-01), 0 already archived\n"
        "globex-ai/globex-terms: skipped: its versions come from OpenTermsArchive/GenAI-versions,"
        " not from OpenTermsArchive/contrib-versions\n"
    )
    assert files(root) == [
        "2025-01-03.md",
        "2025-02-10-2.md",
        "2025-02-10.md",
        "2025-04-01.md",
        "versions.yml",
    ]
    archive, problems = read_archive(root, "acme-cloud", "service-terms")
    assert problems == []
    assert [(v.file, v.commit, v.change) for v in archive.versions] == [
        ("2025-01-03.md", commits[0], "first"),
        ("2025-02-10.md", commits[1], "record"),
        ("2025-02-10-2.md", commits[2], "record"),
        ("2025-04-01.md", commits[5], "technical"),
    ]
    first, second = archive.versions[:2]
    assert str(first.recorded) == "2025-01-03 08:00:00+00:00"
    assert str(archive.versions[-1].recorded) == "2025-04-01 00:30:00+00:00"
    assert (first.repository, first.path, first.licence, first.credit, first.snapshot) == (
        "OpenTermsArchive/contrib-versions",
        TERMS,
        "ODC-BY-1.0",
        "Open Terms Archive contributors",
        None,
    )
    assert second.snapshot == SNAPSHOT
    # OTA's Markdown byte for byte, with the one final newline its files lack.
    shown = subprocess.run(
        ["git", "-C", str(repo), "show", f"{commits[1]}:{TERMS}"], capture_output=True, check=True
    ).stdout
    assert archive.text_bytes(second) == shown + b"\n"
    assert archive.text_bytes(archive.versions[-1]).endswith(b"train.\n")
    corpus, _ = load_corpus(root)
    assert check(corpus) == []


def test_a_second_run_adds_nothing(
    root: Path, versions: tuple[Path, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    repo, _ = versions
    run(capsys, root, str(repo))
    index = (root / FOLDER / "versions.yml").read_bytes()
    code, out, _ = run(capsys, root, str(repo), "acme-cloud/service-terms")
    assert (code, out) == (0, "acme-cloud/service-terms: no new versions, 4 already archived\n")
    assert (root / FOLDER / "versions.yml").read_bytes() == index
    record(repo, {TERMS: "# Terms, new"}, "Record new changes of Acme Cloud Terms of Service",
           "2025-05-01T12:00:00Z")  # fmt: skip
    code, out, _ = run(capsys, root, str(repo), "acme-cloud/service-terms")
    assert out == "acme-cloud/service-terms: 1 new version (2025-05-01), 4 already archived\n"
    assert files(root)[-2:] == ["2025-05-01.md", "versions.yml"]


def test_since_leaves_older_commits_out(
    root: Path, versions: tuple[Path, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    repo, _ = versions
    code, out, _ = run(capsys, root, str(repo), "--since", "2025-02-10", "acme-cloud/service-terms")
    assert (code, out) == (
        0,
        "acme-cloud/service-terms: 3 new versions (2025-02-10 … 2025-04-01), 0 already "
        "archived, 1 older than 2025-02-10 left out\n",
    )
    # Without --since, the older commit is added after the fact: its own day, its own name.
    code, out, _ = run(capsys, root, str(repo), "acme-cloud/service-terms")
    assert out.startswith("acme-cloud/service-terms: 1 new version (2025-01-03), 3 already")
    assert read_archive(root, "acme-cloud", "service-terms")[1] == []


def test_a_bare_clone_is_named_with_repository(
    root: Path, versions: tuple[Path, list[str]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo, _ = versions
    bare = tmp_path / "bare.git"
    subprocess.run(["git", "clone", "-q", "--bare", str(repo), str(bare)], check=True)
    # Its origin is the folder it was cloned from: not a GitHub URL, so not a name.
    code, out, err = run(capsys, root, str(bare))
    assert (code, out) == (2, "")
    assert "cannot tell which repository" in err and "--repository OWNER/NAME" in err
    code, out, _ = run(capsys, root, str(bare), "--repository", "OpenTermsArchive/contrib-versions")
    assert code == 0 and out.startswith("acme-cloud/service-terms: 4 new versions")


def test_repository_overrides_the_origin(
    root: Path, versions: tuple[Path, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    repo, _ = versions
    code, out, err = run(capsys, root, str(repo), "--repository", "OpenTermsArchive/GenAI-versions")
    # Globex's terms are declared in GenAI-versions, but this clone has no Globex folder.
    assert code == 1
    assert out == (
        "acme-cloud/service-terms: skipped: its versions come from "
        "OpenTermsArchive/contrib-versions, not from OpenTermsArchive/GenAI-versions\n"
    )
    assert err == (
        "globex-ai/globex-terms: error: 'Globex/Terms of Service.md' has no history in "
        "OpenTermsArchive/GenAI-versions (HEAD)\n"
    )
    assert files(root) == []


def test_a_document_without_ota_named_on_the_command_line_is_skipped_and_said_so(
    root: Path, versions: tuple[Path, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, root, str(versions[0]), "globex-ai/globex-usage-policy")
    assert (code, out) == (
        0,
        "globex-ai/globex-usage-policy: skipped: analyses/globex-ai/platform.yml declares no "
        "`source.ota`\n",
    )


def test_an_unknown_option_is_still_a_usage_error(
    root: Path, versions: tuple[Path, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        run(capsys, root, str(versions[0]), "--snice", "2025-01-01")
    assert exit_.value.code == 2
    assert "unrecognized arguments: --snice 2025-01-01" in capsys.readouterr().err


def test_an_unknown_document_is_a_usage_error(
    root: Path, versions: tuple[Path, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, root, str(versions[0]), "acme-cloud/service-term")
    assert code == 2
    assert "no document 'acme-cloud/service-term'" in err
    assert "did you mean 'acme-cloud/service-terms'?" in err


def test_a_folder_that_is_no_clone_is_never_the_repository_around_it(
    root: Path, versions: tuple[Path, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    inside = versions[0] / "Acme Cloud"  # a folder of the working tree, not a clone itself
    code, out, err = run(capsys, root, str(inside))
    assert (code, out) == (2, "")
    assert "not a git repository" in err


def test_git_variables_of_a_hook_do_not_redirect_git(
    root: Path,
    versions: tuple[Path, list[str]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GIT_DIR", str(root))  # as a pre-commit hook of this project has it
    monkeypatch.setenv("GIT_INDEX_FILE", str(root / "index"))
    code, out, _ = run(capsys, root, str(versions[0]), "acme-cloud/service-terms")
    assert code == 0 and out.startswith("acme-cloud/service-terms: 4 new versions")


def test_a_version_over_the_size_limit_writes_nothing(
    root: Path,
    versions: tuple[Path, list[str]],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(ota, "MAX_TEXT_BYTES", 40)
    code, out, err = run(capsys, root, str(versions[0]), "acme-cloud/service-terms")
    assert (code, out) == (1, "")
    assert err.startswith(
        f"acme-cloud/service-terms: error: '{TERMS}' at {versions[1][1][:12]} is 48 bytes; "
        "an archived version is at most 40"
    )
    assert files(root) == []


def test_a_version_that_is_not_utf8_writes_nothing(
    root: Path, versions: tuple[Path, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    repo, _ = versions
    (repo / TERMS).write_bytes(b"caf\xe9 au lait")
    git(repo, "commit", "-q", "-am", "Record new changes of Acme Cloud Terms of Service")
    code, out, err = run(capsys, root, str(repo), "acme-cloud/service-terms")
    assert (code, out) == (1, "")
    assert "is not UTF-8 (invalid continuation byte)" in err
    assert files(root) == []


def test_an_archive_with_errors_is_left_alone(
    root: Path, versions: tuple[Path, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, root, str(versions[0]), "acme-cloud/service-terms")
    (root / FOLDER / "2025-01-03.md").write_text("edited\n", encoding="utf-8")
    record(versions[0], {TERMS: "# Terms, new"}, "Record new changes of Acme Cloud Terms",
           "2025-05-01T12:00:00Z")  # fmt: skip
    code, out, err = run(capsys, root, str(versions[0]), "acme-cloud/service-terms")
    assert (code, out) == (1, "")
    assert "error[archive-version] the SHA-256 of 2025-01-03.md" in err
    assert err.endswith(f"acme-cloud/service-terms: error: {FOLDER} has errors (above); "
                        "nothing was imported\n")  # fmt: skip
    assert "2025-05-01.md" not in files(root)


@pytest.mark.parametrize(
    ("message", "change"),
    [
        ("First record of X Terms of Service", "first"),
        ("Start tracking X Terms of Service", "first"),
        ("Record new changes of X Terms of Service\n\nThis version was…", "record"),
        ("Update X Terms of Service", "record"),
        ("Apply technical or declaration upgrade on X Terms of Service", "technical"),
        ("Refilter X Terms of Service", "technical"),
        ("Remove mojibake", "technical"),
    ],
)
def test_the_kind_of_change_comes_from_the_commit_message(message: str, change: str) -> None:
    assert ota.change_of(message) == change
