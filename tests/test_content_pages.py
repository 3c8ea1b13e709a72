"""content/ is held to the guarantees of analyses (generator/check/content.py): only .md
pages, front matter of plain-text title and description, Markdown that makes no raw HTML,
script, event handler or javascript: link; each problem at its line and column; and a build
with such a page publishes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.check.content import check
from generator.cli import main
from generator.project import Layout
from tests.conftest import REPO, clausebook, write_project


def problems(tmp_path: Path, files: dict[str, str]) -> list[tuple[str, int, int, str]]:
    root = write_project(tmp_path / "p", files)
    return [(p.path, p.line, p.col, p.rule) for p in check(Layout(root))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# Page\n\n<script>alert(1)</script>\n", [(3, 1)]),
        ('# Page\n\nText <span onclick="alert(1)">x</span>.\n', [(3, 6), (3, 32)]),
        ('# Page\n\n<iframe src="https://evil.example"></iframe>\n', [(3, 1)]),
        ("# Page\n\n<style>body{display:none}</style>\n", [(3, 1)]),
        ("# Page\n\nText <!-- a comment -->\n", [(3, 6)]),
        ('# Page\n\nA paragraph\n{: onclick="alert(1)" }\n', [(4, 4)]),
        ('# Page\n\nA paragraph\n{: style="color:red" }\n', [(4, 4)]),
        ("# Page {: #__config }\n", [(1, 11)]),
        ("# Page\n\nA paragraph\n{: .md-search }\n", [(4, 4)]),
        ("# Page\n\n[docs](javascript:alert(1))\n", [(3, 8)]),
        ("# Page\n\n[docs]( JavaScript:alert(1))\n", [(3, 9)]),
        ("# Page\n\n[docs](data:text/html;base64,PHNjcmlwdD4=)\n", [(3, 8)]),
        ("# Page\n\n![x](https://tracker.example/pixel.png)\n", [(3, 1)]),
        ('# Page\n\n<div markdown="1">\n**bold**\n</div>\n', [(3, 1)]),
        ("# A &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;\n", [(1, 1)]),
        ('---\ntitle: "</title><script>alert(1)</script>"\n---\n\n# Page\n', [(2, 1)]),
        ("---\ntemplate: 404.html\n---\n\n# Page\n", [(2, 1)]),
        ("Template: 404.html\n\n# Page\n", [(1, 1)]),
        ("---\ndescription: '\" onmouseover=\"alert(1)'\n---\n\n# Page\n", [(2, 1)]),
    ],
)
def test_content_that_would_inject_html_is_reported_where_it_is(
    tmp_path: Path, text: str, expected: list[tuple[int, int]]
) -> None:
    found = problems(tmp_path, {"content/page.md": text})
    assert [(line, col) for _, line, col, _ in found] == expected, found
    assert all(rule.startswith("content-") for *_, rule in found)


@pytest.mark.parametrize(
    "text",
    [
        '# Page\n\nPlain *words*, **strong**, `code <x>` and [a link](https://example.org "t").\n',
        "# Page\n\n- a list\n- [relative](about.md) and <https://example.org> and <a@b.example>\n",
        "# Page\n\n1. one\n2. two\n\n> a quote\n\n---\n\n    indented code <b>\n",
        "# Page\n\n```sh\nclausebook check <path>\n```\n",
        '# Page\n\n!!! note "Note"\n    An admonition.\n\n???+ tip\n    Details.\n',
        "# Page\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\nAT&T &amp; &copy; 1 < 2 > 0\n",
        "---\ntitle: A plain title\ndescription: What this page is about.\n---\n\n# Page\n",
        "# Page {: #a-custom-id }\n\nA paragraph\n{: .a-class }\n",
    ],
    ids=["inline", "lists-links", "blocks", "fence", "admonitions", "table", "front", "attrs"],
)
def test_plain_markdown_is_accepted(tmp_path: Path, text: str) -> None:
    assert problems(tmp_path, {"content/page.md": text}) == []


def test_only_markdown_pages_belong_in_content(tmp_path: Path) -> None:
    found = problems(
        tmp_path,
        {
            "content/evil.html": "<script>alert(1)</script>",
            "content/logo.svg": "<svg onload=alert(1)></svg>",
            "content/sub/page.md": "# A page in a folder\n",
            "content/.hidden": "not published, not read",
        },
    )
    assert found == [
        ("content/evil.html", 1, 1, "content-file"),
        ("content/logo.svg", 1, 1, "content-file"),
    ]


def test_the_home_intro_is_checked_but_takes_no_front_matter(tmp_path: Path) -> None:
    found = problems(
        tmp_path,
        {"content/index.md": "Note: an intro that starts like this is fine.\n\n<b>x</b>\n"},
    )
    assert found == [
        ("content/index.md", 3, 1, "content-html"),
        ("content/index.md", 3, 5, "content-html"),
    ]


def test_the_repositorys_own_pages_pass() -> None:
    assert check(Layout(REPO)) == []


def test_check_reports_and_build_publishes_nothing(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    root = write_project(tmp_path / "p", {})
    assert main(["build", str(root)]) == 0
    before = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    (root / "content/evil.html").write_text("<script>alert(1)</script>", "utf-8")
    (root / "content/about.md").write_text(
        '---\ntitle: "</title><script>alert(2)</script>"\n---\n\n# About\n', "utf-8"
    )
    capsys.readouterr()
    assert main(["check", str(root)]) == 1
    out = capsys.readouterr().out
    assert "content/evil.html:1:1: error[content-file]" in out
    assert "content/about.md:2:1: error[content-front-matter]" in out
    result = clausebook("build", str(root))
    assert result.returncode == 1
    assert "not built; the previous site is untouched" in result.stderr
    assert {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()} == before
    assert not (root / "site/evil.html").exists()
