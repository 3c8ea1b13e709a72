"""The repository's publishing and contribution setup: GitHub workflows (schema-valid,
audited, using the Pages actions), issue forms, Dependabot, pre-commit and editor settings."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path, PurePosixPath
from typing import Any

import jsonschema
import pytest
from ruamel.yaml import YAML

from generator.scaffold import SKELETON
from tests.conftest import FIXTURES, REPO

BIN = Path(sys.executable).parent
WORKFLOWS = REPO / ".github/workflows"


def load(path: Path) -> Any:
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / args[0]), *args[1:]],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def steps(workflow: dict[str, Any], job: str) -> list[dict[str, Any]]:
    return workflow["jobs"][job]["steps"]


@pytest.mark.parametrize(
    ("schema", "pattern"),
    [
        ("vendor.github-workflows", ".github/workflows/*.yml"),
        ("vendor.github-issue-forms", ".github/ISSUE_TEMPLATE/[!c]*.yml"),
        ("vendor.github-issue-config", ".github/ISSUE_TEMPLATE/config.yml"),
        ("vendor.dependabot", ".github/dependabot.yml"),
    ],
)
def test_github_files_match_githubs_schemas(schema: str, pattern: str) -> None:
    files = sorted(str(p.relative_to(REPO)) for p in REPO.glob(pattern))
    assert files, pattern
    result = run("check-jsonschema", "--builtin-schema", schema, *files)
    assert result.returncode == 0, result.stdout + result.stderr


def _zizmor(*flags: str) -> list[dict[str, Any]]:
    result = run("zizmor", "--offline", "--format", "json", *flags, ".github/")
    assert result.returncode in (0, 11, 12, 13, 14), result.stderr  # 1x: findings, by severity
    return json.loads(result.stdout)


def test_zizmor_finds_nothing_but_tag_pinning() -> None:
    # Without the project's policy, the only finding of medium severity or more may be the
    # choice to pin GitHub's own actions to release tags rather than commit hashes.
    findings = _zizmor("--no-config")
    serious = {
        f["ident"] for f in findings if f["determinations"]["severity"] in ("Medium", "High")
    }
    assert serious <= {"unpinned-uses"}, findings
    # With the policy in .github/zizmor.yml (tags for actions/*, hashes for anything else):
    assert _zizmor() == []


def test_every_action_is_pinned_to_a_release_tag_or_a_commit() -> None:
    """GitHub's own actions only; by release tag (Dependabot keeps them current), except in
    sources.yml, whose job can push: there by commit (zizmor's policy allows both)."""
    for path in WORKFLOWS.glob("*.yml"):
        uses = [
            s["uses"]
            for job in load(path)["jobs"].values()
            for s in job.get("steps", [])
            if "uses" in s
        ]
        assert uses, path
        pin = r"[0-9a-f]{40}" if path.name == "sources.yml" else r"v\d+"
        assert [u for u in uses if not re.fullmatch(rf"actions/[a-z-]+@{pin}", u)] == [], path


def test_sources_workflow_imports_fetches_reports_and_opens_a_pull_request() -> None:
    wf = load(WORKFLOWS / "sources.yml")
    assert set(wf["on"]) == {"schedule", "workflow_dispatch"}
    assert wf["permissions"] == {}
    job = wf["jobs"]["update"]
    assert job["permissions"] == {"contents": "write", "pull-requests": "write"}
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False
    script = "\n".join(s.get("run", "") for s in job["steps"])
    for command in (
        ".venv/bin/clausebook sources repositories",
        "git clone --quiet --bare --filter=blob:none",
        ".venv/bin/clausebook sources import",
        ".venv/bin/clausebook sources fetch",
        ".venv/bin/clausebook sources report",
        "gh pr create",
    ):
        assert command in script, command
    assert "${{" not in script  # no expression expanded into a script (template injection)


def test_pull_request_workflow_checks_tests_builds_and_uploads_a_preview() -> None:
    wf = load(WORKFLOWS / "pull-request.yml")
    assert "pull_request" in wf["on"] and "pull_request_target" not in wf["on"]
    assert wf["permissions"] == {}
    job = wf["jobs"]["check"]
    assert job["permissions"] == {"contents": "read"}
    assert job["container"].startswith("python:3.11")
    runs = [s.get("run", "") for s in job["steps"]]
    assert ".venv/bin/clausebook check --format github" in runs
    assert runs.index(".venv/bin/clausebook check --format github") < runs.index("make test")
    assert ".venv/bin/clausebook build" in runs  # strict: mkdocs.yml sets `strict: true`
    assert re.search(r"^strict: true$", (REPO / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    uploads = {
        s["with"]["name"]: s["with"]["path"]
        for s in job["steps"]
        if s.get("uses", "").startswith("actions/upload-artifact@")
    }
    assert uploads == {"site-preview": "site/", "browser-test-artifacts": "test-artifacts/"}
    assert all(
        s["with"]["persist-credentials"] is False
        for s in job["steps"]
        if s.get("uses", "").startswith("actions/checkout@")
    )


def test_the_paths_check_runs_before_anything_of_the_change() -> None:
    job = load(WORKFLOWS / "pull-request.yml")["jobs"]["check"]
    checkout, paths, install = job["steps"][:3]
    assert checkout["uses"].startswith("actions/checkout@") and checkout["with"]["fetch-depth"] == 2
    assert paths["run"] == "python3 -m generator paths --format github HEAD^1 HEAD"
    assert paths["id"] == "paths" and install["id"] == "install"
    assert "steps.paths.outcome != 'failure'" in install["if"]
    publish = steps(load(WORKFLOWS / "publish.yml"), "build")
    runs = [s.get("run", "") for s in publish]
    guard = runs.index("python3 -m generator paths")
    assert guard < next(i for i, r in enumerate(runs) if "make site" in r)


def test_publish_workflow_deploys_with_the_pages_actions() -> None:
    wf = load(WORKFLOWS / "publish.yml")
    assert wf["on"]["push"]["branches"] == ["main"]
    assert wf["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, deploy = wf["jobs"]["build"], wf["jobs"]["deploy"]
    assert [s["uses"].split("@")[0] for s in build["steps"] if "uses" in s] == [
        "actions/checkout",
        "actions/setup-python",
        "actions/configure-pages",
        "actions/upload-pages-artifact",
    ]
    assert (
        next(s for s in build["steps"] if "setup-python" in s.get("uses", ""))["with"][
            "python-version"
        ]
        == "3.11"
    )
    upload = next(s for s in build["steps"] if "upload-pages-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "site/"
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"] == {
        "name": "github-pages",
        "url": "${{ steps.deployment.outputs.page_url }}",
    }
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    assert build["permissions"] == {"contents": "read", "pages": "read"}


def test_publish_workflow_derives_site_url_for_a_project_site() -> None:
    build = next(s for s in steps(load(WORKFLOWS / "publish.yml"), "build") if "env" in s)
    assert build["env"]["BASE_URL"] == "${{ steps.pages.outputs.base_url }}"
    assert build["env"]["REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}"
    assert "make site" in build["run"]
    export = next(line for line in build["run"].splitlines() if "SITE_URL=" in line)
    for base in ("https://owner.github.io/repo", "https://owner.github.io/repo/"):
        shown = subprocess.run(
            ["bash", "-c", f'{export}; printf %s "$SITE_URL"'],
            env={"BASE_URL": base},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert shown == "https://owner.github.io/repo/"
    mkdocs = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "site_url: !ENV [SITE_URL," in mkdocs and "repo_url: !ENV [REPO_URL," in mkdocs


def test_pre_commit_config_is_valid_and_its_tools_are_installed() -> None:
    result = run("pre-commit", "validate-config", ".pre-commit-config.yaml")
    assert result.returncode == 0, result.stdout + result.stderr
    hooks = [h for repo in load(REPO / ".pre-commit-config.yaml")["repos"] for h in repo["hooks"]]
    assert {h["id"] for h in hooks} >= {"clausebook-check", "ruff", "check-workflows", "zizmor"}
    for hook in hooks:
        assert (BIN / hook["entry"].split()[0]).is_file(), hook["entry"]


def _schema_for(path: PurePosixPath, mapping: dict[str, list[str]]) -> list[str]:
    """yaml-language-server's rule: some pattern matches, no `!` pattern does (patterns match
    at any depth, as `**/<pattern>`)."""
    return [
        schema
        for schema, patterns in mapping.items()
        if any(path.match(p) for p in patterns if not p.startswith("!"))
        and not any(path.match(p[1:]) for p in patterns if p.startswith("!"))
    ]


def test_vscode_maps_every_authored_file_to_the_schema_it_validates_against() -> None:
    mapping = json.loads((REPO / ".vscode/settings.json").read_text(encoding="utf-8"))[
        "yaml.schemas"
    ]
    corpus = FIXTURES / "basic"
    files = sorted((corpus / "analyses").rglob("*.yml"))
    assert len(files) > 5
    for file in files:
        rel = PurePosixPath(file.relative_to(corpus).as_posix())
        (schema,) = _schema_for(rel, mapping)
        data = json.loads(json.dumps(load(file), default=str))  # YAML dates → ISO strings
        jsonschema.validate(data, json.loads((REPO / schema).read_text(encoding="utf-8")))
    kinds = {
        _schema_for(PurePosixPath(p), mapping)[0]
        for p in (
            "analyses/x/platform.yml",
            "analyses/x/y.yml",
            "analyses/topics.yml",
            "analyses/jurisdictions.yml",
        )
    }
    assert len(kinds) == 4


def test_new_files_point_editors_at_the_analysis_schema() -> None:
    modeline = SKELETON.splitlines()[0]
    target = modeline.removeprefix("# yaml-language-server: $schema=")
    assert target != modeline
    assert (REPO / "analyses/some-platform" / target).resolve() == (
        REPO / "analyses/schema/analysis.schema.json"
    )
    assert (REPO / "analyses/schema/analysis.schema.json").is_file()


def test_contribution_guides_and_templates_exist() -> None:
    assert "content/contributing.md" in (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "clausebook check" in (REPO / ".github/pull_request_template.md").read_text(
        encoding="utf-8"
    )
    names = {
        load(p)["name"]
        for p in (REPO / ".github/ISSUE_TEMPLATE").glob("*.yml")
        if p.name != "config.yml"
    }
    assert names == {"Propose an analysis", "Report an error in an analysis"}
