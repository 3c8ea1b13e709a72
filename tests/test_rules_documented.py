"""Every rule id the generator can report is documented in README.md, and every documented
rule id exists in the code."""

from __future__ import annotations

import ast
import re

from tests.conftest import REPO

# Calls whose argument at this index is a rule id.
RULE_ARG = {"Problem": 3, "Finding": 2, "_marked": 2, "_report": 1, "refuse": 1}


def emitted() -> set[str]:
    rules = set()
    for path in sorted((REPO / "generator").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            index = RULE_ARG.get(getattr(node.func, "id", getattr(node.func, "attr", "")))
            if index is None:
                continue
            args = (
                [node.args[index]]
                if len(node.args) > index
                else [k.value for k in node.keywords if k.arg == "rule"]
            )
            rules |= {
                a.value
                for a in args
                if isinstance(a, ast.Constant)
                and isinstance(a.value, str)
                and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", a.value)
            }
    return rules


def documented() -> set[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Errors and the Markdown subset", 1)[1].split("\n## ", 1)[0]
    return set(re.findall(r"^\| `([a-z0-9-]+)` \|", section, re.MULTILINE))


def test_every_rule_is_documented_and_every_documented_rule_exists() -> None:
    code = emitted()
    assert len(code) > 30  # the AST walk finds the rules at all
    assert sorted(code - documented()) == [], "add these rules to README.md"
    assert sorted(documented() - code) == [], "these documented rules are not in the code"
