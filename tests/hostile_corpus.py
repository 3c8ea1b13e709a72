"""A corpus whose every authored text field carries hostile payloads, written as real YAML.

Each payload is something that Markdown, a Markdown extension, MkDocs, Material, Jinja or a
browser would act on if authored text reached it as syntax. Markers (PWNED, HeadingMarker,
PipeA …) make "did it act?" checkable in the built HTML: the payload must be visible as text,
and nothing the payload asks for may exist as structure.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from generator.cli import main
from tests.conftest import make_project

# Payloads that fit in one line (titles, names, labels, questions, sections).
LINE_PAYLOADS = [
    "<script>window.PWNED=1;alert('script')</script>",
    "<img src=x onerror=\"window.PWNED=2;alert('img')\">",
    "<svg onload=alert('svg')><a xlink:href=javascript:alert(3)>x</a></svg>",
    "<a href=\"javascript:alert('href')\">hrefmarker</a>",
    "<iframe src=\"data:text/html,<script>alert('iframe')</script>\"></iframe>",
    "<style>body{display:none}</style>",
    "{{ 7*191 }} {{ config.site_name }} {% raw %} {# jinja comment #}",
    "{%- include 'base.html' -%}",
    "{: .cbinjected onclick=\"alert('attr')\" }",
    "<!-- md:option PWNED --> <!-- more -->",
    "# HeadingMarker",
    '!!! danger "AdmonitionMarker"',
    '=== "TabMarker"',
    '??? note "DetailsMarker"',
    '--8<-- "/etc/passwd"',
    "| PipeA | PipeB |",
    "&lt;b&gt; &amp; &#60;script&#62; &#x3C;",
    "javascript:alert('bare')",
    "title: HijackedTitle",
    ":material-alert: :octicons-alert-16: ++ctrl+alt+del++ ==mark== ^^ins^^ ~~del~~",
    "\" onmouseover=\"alert('quote') ' onfocus='alert(1)",
    "]]> <![CDATA[ cdata ]]> <?php echo 'php'; ?>",
    "\\u003cscript\\u003e \\\\ \\* back\\slash",
    "مرحبا עברית \u202eRTL override\u202c e\u0301 😀👩‍💻 漢字かなカナ",
]
# Payloads that need several lines (text fields).
BLOCK_PAYLOADS = [
    "---\ntitle: HijackedTitle\ndescription: hijacked\n---",
    "# HeadingMarker\n\nSetextMarker\n============\n\n## SubMarker",
    '!!! warning "AdmonitionMarker"\n    indented admonition body',
    '=== "TabMarker"\n\n    tab body\n\n=== "Tab two"\n\n    second',
    "| PipeA | PipeB |\n|---|---|\n| PipeC | PipeD |",
    "```html\n<script>alert('fence')</script>\n```",
    '<div markdown="1">\n**inside div**\n</div>',
    "[link](javascript:alert('link')) [data](data:text/html;base64,PHNjcmlwdD4=) "
    '[ok](https://example.org/ok "Title")',
    "![image](https://evil.example/x.png) <https://autolink.example/> <ftp://ftp.example/>",
    "[ref]: javascript:alert('ref')\n\n[ref][ref]",
    "*[HTML]: Abbreviation\n\n[^1]: Footnote\n\nTerm\n:   Definition",
    "> quoted\n\n    indented code\n\n***\n\n1) paren list",
]
ALL = LINE_PAYLOADS + BLOCK_PAYLOADS
TEXT = "\n\n".join(ALL)  # every payload in one text field


def _lines(limit: int = 300) -> list[str]:
    """The one-line payloads packed into as few one-line fields (≤ limit chars) as fit."""
    packed = [""]
    for p in LINE_PAYLOADS:
        packed[-1:] = (
            [f"{packed[-1]} {p}".strip()] if len(packed[-1]) + len(p) < limit else [packed[-1], p]
        )
    return packed


LINES = _lines()  # each is a title somewhere; together they hold every one-line payload


def _dump(data: Any) -> str:
    yaml = YAML(typ="rt")
    yaml.width = 4096
    stream = io.StringIO()
    yaml.dump(data, stream)
    return stream.getvalue()


def write(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_dump(data), encoding="utf-8")


def analysis(title: str, document: str, topic: str, related: list[str]) -> dict[str, Any]:
    return {
        "title": title,
        "document": document,
        "topic": topic,
        "summary": TEXT,
        "impact": TEXT,
        "excerpt": {
            "text": TEXT,
            "section": title,
            "source_url": "https://example.org/terms",
            "retrieved": "2026-01-10",
        },
        "regulatory_landscape": TEXT,
        "exposure": {"rating": "high", "rationale": TEXT},
        "jurisdictions": [{"code": "EU", "note": TEXT}],
        "contract_implications": TEXT,
        "compliance_considerations": ALL,
        "citations": [{"label": p, "url": "https://example.org/law"} for p in LINE_PAYLOADS[:3]],
        "enforcement_risk": TEXT,
        "history": [
            {"date": "2025-01-01", "summary": TEXT},
            {"date": "2026-01-10", "summary": TEXT},
        ],
        "faq": [{"question": p, "answer": TEXT} for p in LINE_PAYLOADS[:3]],
        "related": related,
        "reviewed": "2026-01-10",
    }


def make_hostile(dest: Path) -> Path:
    """The basic project's content/ and templates with an all-hostile analyses/ folder:
    two platforms, one analysis per one-line payload (as its title), two topics, two
    jurisdictions, one analysis file with a byte-order mark and CRLF line ends."""
    root = make_project(dest)
    analyses = root / "analyses"
    for old in sorted(analyses.iterdir()):
        if old.is_dir() and old.name != "schema":
            for f in sorted(old.rglob("*"), reverse=True):
                f.unlink() if f.is_file() else f.rmdir()
            old.rmdir()
    write(
        analyses / "topics.yml",
        {
            "topics": [{"id": "hostile", "title": p, "definition": TEXT} for p in LINE_PAYLOADS[:1]]
            + [{"id": "hostile-two", "title": LINE_PAYLOADS[6], "definition": TEXT}]
        },
    )
    write(
        analyses / "jurisdictions.yml",
        {
            "jurisdictions": [
                {
                    "code": "EU",
                    "name": LINE_PAYLOADS[1],
                    "description": TEXT,
                    "regimes": [{"name": p} for p in LINE_PAYLOADS[:4]],
                },
                {"code": "US-CA", "name": LINE_PAYLOADS[8], "description": TEXT},
            ]
        },
    )
    # A heading "__config" would get Material's id for its configuration (DOM clobbering).
    for pid, name, doc in (
        ("evil-cloud", LINE_PAYLOADS[0], LINE_PAYLOADS[2]),
        ("evil-ai", LINE_PAYLOADS[10], "__config"),
    ):
        write(
            analyses / pid / "platform.yml",
            {
                "name": name,
                "vendor": LINE_PAYLOADS[3],
                "website": "https://example.org/",
                "description": TEXT,
                "documents": [
                    {
                        "id": "terms",
                        "title": doc,
                        "type": "service-terms",
                        "url": "https://example.org/terms",
                        "history": [{"date": "2025-01-01", "summary": TEXT}],
                    }
                ],
            },
        )
    for i, title in enumerate(LINES):
        pid = ("evil-cloud", "evil-ai")[i % 2]
        topic = ("hostile", "hostile-two")[i // 2 % 2]
        related = [f"evil-ai/clause-{i + 1}"] if i % 2 == 0 and i + 1 < len(LINES) else []
        write(analyses / pid / f"clause-{i}.yml", analysis(title, "terms", topic, related))
    windows = analyses / "evil-cloud" / "windows-file.yml"
    text = _dump(analysis("Written on Windows", "terms", "hostile", []))
    windows.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    return root


def clause_pages(root: Path) -> dict[str, str]:
    """URL (relative to the site) → the title of each clause page the corpus makes."""
    pages = {
        f"platforms/{('evil-cloud', 'evil-ai')[i % 2]}/clause-{i}/": title
        for i, title in enumerate(LINES)
    }
    pages["platforms/evil-cloud/windows-file/"] = "Written on Windows"
    return pages


@pytest.fixture(scope="session")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile project, built once per test session with `clausebook build`."""
    root = make_hostile(tmp_path_factory.mktemp("hostile") / "project")
    assert main(["build", str(root)]) == 0
    return root
