"""The rule registry (generator/check/registry.py) is the one list of rule ids: the code names
every rule by its constant, each constant is reported by the module that owns it, and
README.md's table of rules is the registry's."""

from __future__ import annotations

import ast
import copy
import pickle
import re
from pathlib import Path

import pytest

from generator.check import load_corpus, registry, run
from generator.check.findings import Finding
from generator.check.registry import (
    FILE_NAME,
    INTERNAL_ERROR,
    RULES,
    STRAY_FILE,
    Rule,
    rule,
)
from generator.cli import main
from generator.model.corpus import Corpus
from generator.problems import Problem, format_problems
from tests.conftest import REPO, write_project

REGISTRY = REPO / "generator" / "check" / "registry.py"
CODE = sorted(p for p in (REPO / "generator").rglob("*.py") if p != REGISTRY)


def spelt_out(source: str) -> list[tuple[int, str]]:
    """(line, id) of every string literal in `source` that is a rule id."""
    return [
        (node.lineno, node.value)
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in RULES
    ]


def names_used(path: Path) -> set[str]:
    """Names read in a module (`X`, `registry.X`); importing a name is not using it."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    return names | {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}


def constant(r: Rule) -> str:
    return r.upper().replace("-", "_")


def test_the_walk_finds_a_rule_id_written_as_a_string() -> None:
    source = 'Problem(rel, 1, 1, "stray-file", f"x {y}", "stray-file")\n"""error[stray-file]"""'
    assert spelt_out(source) == [(1, "stray-file"), (1, "stray-file")]


def test_no_rule_id_is_spelt_out_in_the_code() -> None:
    found = [
        f"{path.relative_to(REPO)}:{line}: {rule_id!r} (write {constant(rule(rule_id))})"
        for path in CODE
        for line, rule_id in spelt_out(path.read_text(encoding="utf-8"))
    ]
    assert found == [], "use the constants of generator/check/registry.py"


@pytest.mark.parametrize("r", RULES, ids=str)
def test_each_rule_is_reported_by_the_module_that_owns_it(r: Rule) -> None:
    owner = REPO / (r.module.replace(".", "/") + ".py")
    assert getattr(registry, constant(r)) is r
    assert constant(r) in names_used(owner), f"{r.module} never reports {r}"


# generator/site/render.py is being rewritten (issue 18) and is not ours to edit meanwhile;
# strict: once its docstring shows the rule failing, this mark must go.
UNDOCUMENTED: dict[str, str] = {}


@pytest.mark.parametrize(
    "r",
    [
        pytest.param(r, marks=pytest.mark.xfail(strict=True, reason=UNDOCUMENTED[r]))
        if r in UNDOCUMENTED
        else r
        for r in RULES
    ],
    ids=str,
)
def test_each_rules_documentation_shows_it_failing(r: Rule) -> None:
    """As in yamllint, the owning module's docstring documents the rule, with an example (an
    indented block) marked as `check` prints the problem: `error[rule-id]`."""
    marked = f"{r.severity}[{r}]"
    examples = [line for line in r.docs.splitlines() if line.startswith("    ")]
    assert any(marked in line for line in examples), f"{r.module}: no example of {marked}"


def test_every_constant_is_registered_and_named_after_its_id() -> None:
    constants = {name: v for name, v in vars(registry).items() if isinstance(v, Rule)}
    assert sorted(constants) == sorted(constant(r) for r in RULES)
    assert len(RULES) == len(set(RULES)) > 40


def test_an_id_is_registered_once() -> None:
    with pytest.raises(ValueError, match="taken"):
        Rule("stray-file", "generator.check.layout", "again")
    with pytest.raises(ValueError, match="not lower-case"):
        Rule("Stray_File", "generator.check.layout", "not an id")
    with pytest.raises(ValueError, match="no rule 'no-such-rule'"):
        rule("no-such-rule")


def test_a_rule_is_its_id_wherever_a_string_was() -> None:
    problem = Problem("analyses/x.yml", 2, 3, STRAY_FILE, "m")
    assert problem.rule == "stray-file" and {"stray-file"} == {STRAY_FILE}
    assert problem.text() == "analyses/x.yml:2:3: warning[stray-file] m"
    assert '"rule": "stray-file"' in format_problems([problem], "json")
    assert "title=stray-file::" in problem.github()
    # Problems come back from the load's worker processes pickled: the same rule, not a copy.
    assert pickle.loads(pickle.dumps(problem)).rule is STRAY_FILE
    assert copy.deepcopy(STRAY_FILE) is STRAY_FILE
    with pytest.raises(AttributeError):
        STRAY_FILE.severity = "error"  # type: ignore[misc]


def explicit_severities(source: str) -> list[tuple[int, Rule, str]]:
    """(line, rule, severity) of every call in `source` that names a rule by its constant and
    gives a severity of its own."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        rules = [getattr(registry, a.id, None) for a in node.args if isinstance(a, ast.Name)]
        given = [k.value for k in node.keywords if k.arg == "severity"]
        for r in (r for r in rules if isinstance(r, Rule)):
            found += [(node.lineno, r, ast.literal_eval(v)) for v in given]
    return found


def test_the_walk_finds_a_severity_given_with_a_rule() -> None:
    source = 'Finding(rel, (), STRAY_FILE, "m", severity="warning")\nProblem(a, STRAY_FILE)'
    assert explicit_severities(source) == [(1, STRAY_FILE, "warning")]


def test_a_severity_comes_from_the_registry_unless_a_finding_differs_from_it() -> None:
    """A finding states its severity only where its rule, for once, is not the registry's."""
    restated = [
        f"{path.relative_to(REPO)}:{line}: {r} is a {severity} by default"
        for path in CODE
        for line, r, severity in explicit_severities(path.read_text(encoding="utf-8"))
        if severity == r.severity
    ]
    assert restated == [], "drop the severity: the registry gives it"


def test_a_problem_has_its_rules_severity_unless_it_says_otherwise() -> None:
    assert Problem("a", 1, 1, STRAY_FILE, "m").severity == "warning"
    assert Problem("a", 1, 1, FILE_NAME, "m").severity == "error"
    assert Problem("a", 1, 1, STRAY_FILE, "m", severity="error").severity == "error"
    assert Finding("a", (), STRAY_FILE, "m").severity == "warning"
    assert Finding("a", (), FILE_NAME, "m", severity="warning").severity == "warning"


def test_a_stray_file_is_a_warning_in_a_real_check(tmp_path: Path) -> None:
    root = write_project(tmp_path / "p", {"analyses/acme-cloud/notes.txt": "draft\n"})
    _, problems = load_corpus(root)
    assert [(p.path, p.rule, p.severity) for p in problems] == [
        ("analyses/acme-cloud/notes.txt", "stray-file", "warning")
    ]


def test_a_crashing_rule_is_an_internal_error_and_the_others_still_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def crashes(corpus: Corpus) -> list[Finding]:
        raise RuntimeError("boom")

    monkeypatch.setattr(run, "RULES", [crashes, *run.RULES])
    root = write_project(tmp_path / "p", {"analyses/acme-cloud/notes.txt": "draft\n"})
    _, problems = load_corpus(root)
    assert [(p.path, p.line, p.col, p.rule, p.severity) for p in problems] == [
        ("analyses", 1, 1, INTERNAL_ERROR, "error"),
        ("analyses/acme-cloud/notes.txt", 1, 1, STRAY_FILE, "warning"),
    ]
    message = problems[0].message
    assert message.startswith("rule ") and ".crashes crashed: Traceback" in message
    assert message.endswith("RuntimeError: boom")


def readme_table() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    found = re.search(r"^\| rule \| severity \| meaning \|\n(?:\|.*\|\n)+", readme, re.MULTILINE)
    assert found is not None, "README.md has no table of rules"
    return found.group(0)


def test_the_readme_table_of_rules_is_the_registry() -> None:
    assert readme_table() == registry.table(), "paste the registry's table into README.md"


def test_the_table_escapes_a_bar_and_keeps_the_summary() -> None:
    row = next(line for line in registry.table().splitlines() if line.startswith("| `file-name`"))
    assert r'one of `<>:"\|?*\`' in row
    assert registry.FILE_NAME.summary in row.replace(r"\|", "|")


def test_clausebook_rules_lists_every_rule_with_its_severity(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["rules"]) == 0
    listed = [line.split(None, 2) for line in capsys.readouterr().out.splitlines()]
    assert [(i, severity, summary) for i, severity, summary in listed] == [
        (r, r.severity, r.summary) for r in RULES
    ]


def test_clausebook_rules_markdown_is_the_readme_table(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["rules", "--markdown"]) == 0
    assert capsys.readouterr().out == readme_table()


def test_clausebook_rules_shows_a_rules_documentation(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "excerpt-outdated"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("excerpt-outdated (warning): the excerpt is in an older archived")
    assert "From generator.check.excerpts:" in out and "warning[excerpt-outdated]" in out
    assert main(["rules", "excerpt-old"]) == 2
    assert "no rule 'excerpt-old'" in capsys.readouterr().err
