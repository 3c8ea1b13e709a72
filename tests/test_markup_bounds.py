"""Whatever `check` accepts, `build` builds: nesting and brackets in authored text are bounded.

`+ ` typed 500 times in a text field passed `check`, then made Python-Markdown raise
RecursionError during the build (also `* `, `1. `, a quoted `- `); emphasis nested thousands
deep overflowed the serializer; 19,000 `[` took 32 s to convert (quadratic link search).
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from generator.cli import main
from generator.pipeline import check
from generator.site import markup
from tests.conftest import FIXTURES, write_project
from tests.htmlstructure import parse

CLAUSE = "analyses/acme-cloud/customer-data-training.yml"
DEEP = {
    "plus": "+ " * 500 + "deepest",
    "star": "* " * 500 + "deepest",
    "ordered": "1. " * 500 + "deepest",
    "dash": "- " * 500 + "deepest",  # in YAML only quoted: `- - -` is YAML nesting
    "mixed": "- 1. * " * 200 + "deepest",
    "indented": "".join(" " * (4 * i) + "- deepest\n" for i in range(90)),
    "tabs": "".join("\t" * i + "- deepest\n" for i in range(190)),
    "quotes": "> " * 5000 + "deepest",
    "emphasis": "*" * 9000 + "deepest" + "*" * 9000,
    "underscores": "_" * 9000 + "deepest" + "_" * 9000,
    "strong": "**" * 4000 + "deepest" + "**" * 4000,
}
SLOW = {
    "brackets": "[" * 19_000 + "deepest",
    "labels": "[a](" * 4_750 + "deepest",
    "nested labels": "[" * 9_500 + "deepest" + "]" * 9_500 + "(u)",
    "angle labels": "[a](<" * 3_800 + "deepest",
}


def nesting(html: str) -> int:
    depth = deepest = 0
    for tag in re.finditer(r"<(/?)(ul|ol|li|em|strong|a|code|p)\b", html):
        depth += -1 if tag.group(1) else 1
        deepest = max(deepest, depth)
    return deepest


@pytest.mark.parametrize("name", sorted(DEEP))
def test_deep_nesting_is_bounded_and_keeps_every_word(name: str) -> None:
    markup.block.cache_clear()
    html = markup.block(DEEP[name])
    assert nesting(html) <= 3 * markup.MAX_NESTING
    assert "deepest" in parse(f"<div>{html}</div>").text


def test_nesting_within_the_bound_is_kept_as_lists() -> None:
    html = markup.block("- a\n    - b\n        - c\n")
    assert html.count("<ul>") == 3
    assert markup.block("+ " * 12 + "x").count("<ul>") == markup.MAX_NESTING
    # The markers beyond the bound are shown as typed.
    assert "&#43; &#43; &#43; &#43; x" in markup.block("+ " * 12 + "x")


@pytest.mark.parametrize("name", sorted(SLOW))
def test_brackets_cost_linear_time(name: str) -> None:
    """A bound, not a benchmark (32 s before); tests/bench/adversarial.py has the numbers."""
    markup.block.cache_clear()
    start = time.perf_counter()
    html = markup.block(SLOW[name])
    assert time.perf_counter() - start < 2.0
    assert "deepest" in parse(f"<div>{html}</div>").text


@pytest.mark.parametrize("text", ["[" * 50_000, "[" * 25_000 + "]" * 25_000])
def test_snippets_cost_linear_time(text: str) -> None:
    """The explorer's entries and meta descriptions (markup.snippet): 7 s before."""
    markup.snippet.cache_clear()
    start = time.perf_counter()
    markup.snippet(text)
    assert time.perf_counter() - start < 1.0
    assert markup.snippet("See [the terms](https://x.example/a_(b)) now.") == "See the terms) now."


def test_links_still_work_with_parentheses_titles_and_lines() -> None:
    html = markup.block(
        'See [the terms](https://en.wikipedia.org/wiki/Terms_(law) "Title (x)") and '
        "[a label\nover two lines](https://example.org/)."
    )
    assert '<a href="https&#58;//en.wikipedia.org/wiki/Terms&#95;&#40;law&#41;"' in html
    assert 'title="Title &#40;x&#41;"' in html
    assert html.count("<a ") == 2


@pytest.mark.e2e
def test_what_check_accepts_builds(tmp_path: Path) -> None:
    """Each text as the summary of an analysis (in double quotes: `- - -` unquoted is YAML
    nesting). `check` may refuse some (100 unclosed `[` look like YAML nesting to its
    screen); every one it accepts must build, in a real MkDocs build."""
    text = (FIXTURES / "basic" / CLAUSE).read_text(encoding="utf-8")
    cases = DEEP | SLOW
    files = {}
    for name, value in cases.items():
        quoted = value.replace("\\", "\\\\").replace('"', '\\"')
        quoted = quoted.replace("\n", "\\n").replace("\t", "\\t")
        files[f"analyses/acme-cloud/{re.sub(r'[^a-z]+', '-', name)}.yml"] = re.sub(
            r"(?m)^summary: .*$", lambda _, q=quoted: f'summary: "{q}"', text, count=1
        )
    root = write_project(tmp_path / "p", files)
    refused = {p.path for p in check(root) if p.severity == "error"}
    for rel in refused:
        (root / rel).unlink()
    accepted = sorted(set(files) - refused)
    assert len(accepted) >= len(DEEP)
    assert main(["build", str(root)]) == 0
    for rel in accepted:
        page = root / f"site/platforms/acme-cloud/{Path(rel).stem}/index.html"
        assert "deepest" in parse(page.read_text(encoding="utf-8")).text, rel
