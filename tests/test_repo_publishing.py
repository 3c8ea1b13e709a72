"""The repository's publishing and contribution setup: GitHub workflows (schema-valid,
audited, using the Pages actions), issue forms, Dependabot, pre-commit and editor settings."""

from __future__ import annotations

import fnmatch
import json
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path, PurePosixPath
from typing import Any

import jsonschema
import pytest
from ruamel.yaml import YAML

from generator.export.schema import expected_schemas
from generator.project import area_of
from generator.scaffold import SKELETON
from tests.conftest import FIXTURES, REPO, make_project
from tests.test_paths import GIT_ENV

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


def test_zizmor_finds_nothing() -> None:
    # The one finding ignored in place is pr-comment.yml's workflow_run trigger (it runs no
    # code of the pull request; see test_the_comment_workflow_runs_nothing_of_the_change).
    assert _zizmor("--no-config") == []
    assert _zizmor() == []  # with .github/zizmor.yml: every action pinned to a commit hash


def test_every_action_is_pinned_to_a_commit_with_its_release_in_a_comment() -> None:
    uses = [
        line.split("uses:", 1)[1].strip()
        for path in WORKFLOWS.glob("*.yml")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.lstrip(" -").startswith("uses:")
    ]
    assert len(uses) > 10
    pinned = r"actions/[a-z-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+"
    assert [u for u in uses if not re.fullmatch(pinned, u)] == []


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


def _uses(job: dict[str, Any]) -> list[str]:
    return [s["uses"].split("@")[0] for s in job["steps"] if "uses" in s]


def _runs(job: dict[str, Any]) -> list[str]:
    return [s.get("run", "") for s in job["steps"]]


def test_content_job_installs_the_runtime_only_and_lists_every_problem() -> None:
    wf = load(WORKFLOWS / "pull-request.yml")
    assert "pull_request" in wf["on"] and "pull_request_target" not in wf["on"]
    assert wf["permissions"] == {}
    job = wf["jobs"]["content"]
    assert job["permissions"] == {"contents": "read"}
    assert "container" not in job  # no browser: the runner's Python is enough
    runs = _runs(job)
    assert "python3 -m pip install --quiet ." in runs
    assert not any("make" in r or ".[" in r or "pytest" in r for r in runs)
    check = 'clausebook check --format github --summary "$GITHUB_STEP_SUMMARY"'
    assert runs.index("python3 -m pip install --quiet .") < runs.index(check)
    # The install has no tool of the test suite: the runtime pins only (pyproject.toml).
    with (REPO / "pyproject.toml").open("rb") as f:
        project = tomllib.load(f)["project"]
    runtime = {re.split(r"[\[=<>]", d)[0].lower() for d in project["dependencies"]}
    extras = {
        re.split(r"[\[=<>]", d)[0].lower()
        for d in project["optional-dependencies"]["test"] + project["optional-dependencies"]["dev"]
    }
    assert {"pytest", "playwright", "mypy", "ruff", "hypothesis", "zizmor"} <= extras
    assert runtime & extras == set()


def test_build_job_uploads_the_site_and_the_change_summary() -> None:
    job = load(WORKFLOWS / "pull-request.yml")["jobs"]["build"]
    assert job["permissions"] == {"contents": "read"}
    runs = _runs(job)
    assert "clausebook build" in runs  # strict: mkdocs.yml sets `strict: true`
    assert re.search(r"^strict: true$", (REPO / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    summarise = next(r for r in runs if "clausebook diff" in r)
    assert 'clausebook diff HEAD^1 HEAD "${preview[@]}" > change-summary/summary.md' in summarise
    assert 'cat change-summary/summary.md >> "$GITHUB_STEP_SUMMARY"' in summarise
    assert "${{" not in summarise  # expressions reach the shell as environment variables only
    uploads = {
        s["with"]["name"]: s["with"]["path"]
        for s in job["steps"]
        if s.get("uses", "").startswith("actions/upload-artifact@")
    }
    assert uploads == {"change-summary": "change-summary/summary.md", "site-preview": "site/"}


def test_tests_run_only_when_code_templates_or_dependencies_change() -> None:
    wf = load(WORKFLOWS / "tests.yml")
    paths = wf["on"]["pull_request"]["paths"]
    assert paths == wf["on"]["push"]["paths"]
    for changed, runs in [
        ("generator/cli.py", True),
        ("site_templates/clause.md.j2", True),
        ("pyproject.toml", True),
        ("tests/test_diff.py", True),
        (".github/workflows/pull-request.yml", True),
        ("analyses/aws-bedrock/ip-indemnity.yml", False),
        ("content/about.md", False),
    ]:
        matched = any(fnmatch.fnmatch(changed, p.replace("**", "*")) for p in paths)
        assert matched is runs, changed
    job = wf["jobs"]["test"]
    assert job["container"].startswith("python:3.11")
    assert job["permissions"] == {"contents": "read"}
    runs = _runs(job)
    assert runs.index("make .venv/.installed") < runs.index("make lint") < runs.index("make test")


def test_the_comment_workflow_runs_nothing_of_the_change() -> None:
    wf = load(WORKFLOWS / "pr-comment.yml")
    assert list(wf["on"]) == ["workflow_run"]
    assert wf["on"]["workflow_run"]["workflows"] == [load(WORKFLOWS / "pull-request.yml")["name"]]
    assert wf["permissions"] == {}
    [job] = wf["jobs"].values()
    assert job["permissions"] == {"actions": "read", "pull-requests": "write"}
    assert _uses(job) == ["actions/download-artifact", "actions/github-script"]
    assert _runs(job) == ["", ""]  # no shell step at all; nothing checked out
    download, post = job["steps"]
    assert download["with"]["name"] == "change-summary"
    assert download["with"]["run-id"] == "${{ github.event.workflow_run.id }}"
    script = post["with"]["script"]
    assert "${{" not in script  # the artifact and the event reach the script as data only
    for guard in (
        "lstatSync",
        "isFile()",
        "MAX = 60000",
        "Math.min(stat.size, MAX)",
        "p.head.sha === run.head_sha",
        ".replace(/@/g",
    ):
        assert guard in script, guard


def test_the_paths_check_runs_before_anything_of_the_change() -> None:
    for name, job_id in [
        ("pull-request.yml", "content"),
        ("pull-request.yml", "build"),
        ("tests.yml", "test"),
    ]:
        job = load(WORKFLOWS / name)["jobs"][job_id]
        checkout = job["steps"][0]
        assert checkout["uses"].startswith("actions/checkout@")
        assert checkout["with"] == {"persist-credentials": False, "fetch-depth": 2}
        runs = _runs(job)
        guard = runs.index("python3 -m generator paths --format github HEAD^1 HEAD")
        install = next(i for i, r in enumerate(runs) if "install" in r)
        assert guard < install, (name, job_id)
        assert "steps.paths.outcome != 'failure'" in job["steps"][install]["if"]
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
        # By its path in the project's .venv: no activated environment needed.
        program = hook["entry"].split()[0]
        assert program.startswith(".venv/bin/"), hook["entry"]
        assert (BIN / program.removeprefix(".venv/bin/")).is_file(), hook["entry"]


def test_the_check_hook_runs_without_an_activated_environment(tmp_path: Path) -> None:
    # As a GUI git client runs it: PATH has no environment's bin/, only the system's; the
    # project's .venv (here, the one running the tests) is reached by its path.
    root = make_project(tmp_path / "repo")
    shutil.copy(REPO / ".pre-commit-config.yaml", root)
    (root / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit"),
        "PYTHONPATH": str(REPO),  # this worktree's generator (python -m generator)
        "NO_MKDOCS_2_WARNING": "true",
        **GIT_ENV,
    }

    def hook() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(BIN / "pre-commit"), "run", "clausebook-check", "--all-files"],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    subprocess.run(["git", "init", "-q"], cwd=root, env=env, check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, env=env, check=True)
    clean = hook()
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert "Passed" in clean.stdout
    (root / "analyses/acme-cloud/broken.yml").write_text("title: [\n", encoding="utf-8")
    subprocess.run(["git", "add", "-A"], cwd=root, env=env, check=True)
    broken = hook()
    assert broken.returncode == 1
    assert "analyses/acme-cloud/broken.yml:" in broken.stdout and "Failed" in broken.stdout


def _make_plan(target: str) -> str:
    """The commands `make TARGET` would run from scratch (-n: none is run)."""
    return subprocess.run(
        ["make", "-n", "-B", target, "VENV=/nonexistent/venv"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_make_install_sets_up_the_runtime_only() -> None:
    planned = _make_plan("install")
    assert "/nonexistent/venv/bin/pip install -q -e .\n" in planned
    assert "[dev]" not in planned and "[test]" not in planned
    for target in ("site", "serve"):
        assert "[dev]" not in _make_plan(target), target
    assert "pip install -q -e '.[dev]'" in _make_plan("test")


def test_the_devcontainer_sets_up_the_runtime_for_a_codespace() -> None:
    text = (REPO / ".devcontainer/devcontainer.json").read_text(encoding="utf-8")
    config = json.loads(re.sub(r"^\s*//.*$", "", text, flags=re.M))  # JSON with comments
    assert re.fullmatch(
        r"mcr\.microsoft\.com/devcontainers/python:1-3\.1[1-9]-bookworm", config["image"]
    )
    assert config["postCreateCommand"] == "make install"
    assert 8000 in config["forwardPorts"]  # clausebook serve's default port
    assert "redhat.vscode-yaml" in config["customizations"]["vscode"]["extensions"]
    assert area_of(".devcontainer/devcontainer.json") == "code"


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
    schemas = expected_schemas(corpus)
    files = sorted((corpus / "analyses").rglob("*.yml"))
    assert len(files) > 5
    for file in files:
        rel = PurePosixPath(file.relative_to(corpus).as_posix())
        (schema,) = _schema_for(rel, mapping)
        data = json.loads(json.dumps(load(file), default=str))  # YAML dates → ISO strings
        # The schemas as `clausebook schema` writes them for this corpus: its own ids.
        assert (REPO / schema).is_file(), schema
        jsonschema.validate(data, json.loads(schemas[PurePosixPath(schema).name]))
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


def test_issue_templates_name_no_owner() -> None:
    """A fork's issue pages must not send its contributors to the upstream repository: no
    GitHub address with an owner in them (config.yml's contact links would need one)."""
    for path in sorted((REPO / ".github/ISSUE_TEMPLATE").glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        assert "github.com/" not in text, path.name
        assert "clausebook/clausebook" not in text, path.name
    assert load(REPO / ".github/ISSUE_TEMPLATE/config.yml") == {"blank_issues_enabled": True}


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


def test_pip_install_leaves_no_build_folder_that_build_would_refuse(tmp_path: Path) -> None:
    # `pip install .` builds in the source folder; setuptools' own build/ there would stop
    # `clausebook build` (a generated folder it did not make), in CI and for an analyst.
    tree = tmp_path / "tree"
    files = subprocess.run(
        ["git", "ls-files", "-z", "pyproject.toml", "README.md", "LICENSE", "generator"],
        cwd=REPO,
        capture_output=True,
        check=True,
    ).stdout
    for rel in filter(None, files.decode().split("\0")):
        (tree / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(REPO / rel, tree / rel)
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path / "out"), "."],
        cwd=tree,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    [wheel] = (tmp_path / "out").iterdir()
    assert wheel.name.startswith("clausebook-") and wheel.suffix == ".whl"
    assert not (tree / "build").exists()
    assert (tree / ".cache/setuptools").is_dir()
    assert area_of(".cache/setuptools/lib/generator/cli.py") == "generated"


HARNESS = """
const calls = [];
const existing = JSON.parse(process.env.EXISTING);
const github = {
  paginate: async (fn, args) => fn(args),
  rest: {
    pulls: { list: async (args) => { calls.push(['list', args]); return { data: [
      { number: 7, head: { sha: 'other' } }, { number: 8, head: { sha: 'abc' } }] }; } },
    issues: {
      listComments: (args) => existing,
      updateComment: async (args) => { calls.push(['update', args]); },
      createComment: async (args) => { calls.push(['create', args]); },
    },
  },
};
const context = { repo: { owner: 'o', repo: 'r' }, payload: { workflow_run: {
  head_sha: 'abc', head_branch: 'b', head_repository: { owner: { login: 'fork' } } } } };
const core = { info: () => {}, setFailed: (m) => calls.push(['failed', m]) };
(async () => { SCRIPT })().then(() => console.log(JSON.stringify(calls)));
"""


def _post_comment(
    tmp_path: Path, summary: bytes | None, existing: list[dict[str, Any]]
) -> list[Any]:
    """pr-comment.yml's script, run by node against a stand-in for GitHub's API (the real one
    is not reachable from a test): the calls it makes. `summary` None: the file is left as
    it is."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    wf = load(WORKFLOWS / "pr-comment.yml")
    script = wf["jobs"]["comment"]["steps"][1]["with"]["script"]
    (tmp_path / "change-summary").mkdir(exist_ok=True)
    if summary is not None:
        (tmp_path / "change-summary/summary.md").write_bytes(summary)
    (tmp_path / "run.js").write_text(HARNESS.replace("SCRIPT", script), encoding="utf-8")
    done = subprocess.run(
        [node, str(tmp_path / "run.js")],
        env={"RUNNER_TEMP": str(tmp_path), "EXISTING": json.dumps(existing), "PATH": "/usr/bin"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(done.stdout)


def test_the_comment_script_posts_one_bounded_inert_comment(tmp_path: Path) -> None:
    marker = "<!-- clausebook-diff -->"
    calls = _post_comment(tmp_path, f"{marker}\n## Summary @maintainer\n".encode(), [])
    assert calls[0] == [
        "list",
        {"owner": "o", "repo": "r", "state": "open", "head": "fork:b", "per_page": 10},
    ]
    kind, args = calls[1]
    assert kind == "create" and args["issue_number"] == 8  # the PR whose head is the run's
    assert args["body"] == f"{marker}\n\n## Summary @\u200bmaintainer\n"
    mine = {"id": 3, "user": {"login": "github-actions[bot]"}, "body": f"{marker}\nold"}
    theirs = {"id": 4, "user": {"login": "someone"}, "body": f"{marker}\nforged"}
    calls = _post_comment(tmp_path, ("x" * 70_000).encode(), [theirs, mine])
    kind, args = calls[1]
    assert kind == "update" and args["comment_id"] == 3
    assert args["body"].startswith(f"{marker}\n" + "x" * 60_000 + "\n\n… cut at 60,000 bytes")
    # An artifact is any zip a pull request's run made: a link in it is never followed.
    (tmp_path / "change-summary/summary.md").unlink()
    (tmp_path / "elsewhere.md").write_text("not the summary", encoding="utf-8")
    (tmp_path / "change-summary/summary.md").symlink_to(tmp_path / "elsewhere.md")
    assert _post_comment(tmp_path, None, []) == [["failed", "summary.md is not a regular file"]]
