"""`clausebook new` writes a skeleton that `check` explains, and refuses bad names."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from generator.pipeline import check
from tests.conftest import REPO


def test_new_writes_a_skeleton_that_check_explains(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "acme-cloud/liability-cap", "--path", str(project)]) == 0
    path = project / "analyses/acme-cloud/liability-cap.yml"
    assert path.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../schema/analysis.schema.json\n"
    )
    rules = {p.rule for p in check(project) if p.path.endswith("liability-cap.yml")}
    assert rules == {"empty-value", "bad-id", "bad-url"}


@pytest.mark.parametrize(
    "name", ["Acme/x", "Cohere API", "../etc/passwd", "acme/index", "a/b/c", "schema", ""]
)
def test_new_rejects_bad_names(project: Path, name: str) -> None:
    assert main(["new", name, "--path", str(project)]) == 2


def test_new_refuses_to_overwrite(project: Path) -> None:
    assert main(["new", "acme-cloud/output-ownership", "--path", str(project)]) == 2


def test_new_platform_writes_a_platform_skeleton_that_check_explains(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "cohere-api", "--path", str(project)]) == 0
    path = project / "analyses/cohere-api/platform.yml"
    assert capsys.readouterr().out == (
        "wrote analyses/cohere-api/platform.yml; fill it in, then `clausebook new "
        "cohere-api/CLAUSE` for each analysis and `clausebook check`\n"
    )
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schema/platform.schema.json\n")
    assert (path.parent / "../schema/platform.schema.json").resolve() == (
        project / "analyses/schema/platform.schema.json"
    ).resolve()
    problems = [p for p in check(project) if p.path.endswith("cohere-api/platform.yml")]
    assert {p.rule for p in problems} == {"empty-value", "bad-url", "bad-id"}
    # Filled in as the comments ask, it passes; then an analysis of it can be started.
    filled = (
        text.replace('name: ""', "name: Cohere API")
        .replace('vendor: ""', "vendor: Cohere Inc.")
        .replace('website: ""', "website: https://cohere.com/")
        .replace('description: ""', "description: Cohere's models through an API.")
        .replace('id: ""', "id: cohere-terms")
        .replace('title: ""', "title: Terms of Use")
        .replace('url: ""', "url: https://cohere.com/terms-of-use")
    )
    path.write_text(filled, encoding="utf-8")
    assert [p for p in check(project) if p.path.endswith("cohere-api/platform.yml")] == []
    assert main(["new", "cohere-api/customer-data-training", "--path", str(project)]) == 0


def test_a_name_of_neither_form_is_explained(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "Cohere API", "--path", str(project)]) == 2
    assert capsys.readouterr().err == (
        "clausebook: error: 'Cohere API' is neither PLATFORM (a new platform) nor "
        "PLATFORM/CLAUSE (a new analysis): ids are lower-case words joined by hyphens, e.g. "
        "cohere-api or cohere-api/customer-data-training\n"
    )
    assert main(["new", "acme-cloud", "--path", str(project)]) == 2
    assert capsys.readouterr().err == (
        "clausebook: error: analyses/acme-cloud/platform.yml already exists; for an analysis "
        "of it run `clausebook new acme-cloud/CLAUSE`\n"
    )


@pytest.mark.parametrize("zone", ["Pacific/Kiritimati", "Pacific/Pago_Pago"])
def test_new_writes_the_utc_date_whatever_the_local_zone(project: Path, zone: str) -> None:
    before = dt.datetime.now(dt.UTC).date()
    done = subprocess.run(
        [sys.executable, "-m", "generator", "new", "zoned", "--path", str(project)],
        env={**os.environ, "TZ": zone, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    after = dt.datetime.now(dt.UTC).date()
    assert done.returncode == 0, done.stderr
    text = (project / "analyses/zoned/platform.yml").read_text(encoding="utf-8")
    written = {d for d in (before, after) if f"reviewed: {d.isoformat()}" in text}
    assert written, text
    local = dt.datetime.now(dt.timezone(dt.timedelta(hours=14 if "Kiritimati" in zone else -11)))
    if local.date() != before == after:  # the zone's day differs from UTC's right now
        assert f"reviewed: {local.date().isoformat()}" not in text
