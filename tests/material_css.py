"""Material's rules for its search dialog, taken out of its stylesheet with a CSS parser
(tinycss2): what Zensical's stylesheet lacks for the dialog assets/search.js builds.

Kept: every rule one of whose selectors names the dialog (`md-search`) or its toggle
(`data-md-toggle=search`), with only those selectors, inside the @media and @supports blocks
that hold it; and the dialog's own custom properties (`--md-search-…`, its icons) where they
are set. generator/engine/material-search-dialog.css is this, for the installed
Material; tests/test_material_drift.py holds the two together.
"""

from __future__ import annotations

from importlib.resources import files

import tinycss2
from tinycss2.ast import AtRule, Declaration, Node, QualifiedRule

MARKS = ("md-search", "data-md-toggle=search")
HEADER = """\
/* Material for MkDocs {version}'s rules for its search dialog ({source}): the rules one of
   whose selectors names the dialog or its toggle, with only those selectors, and the dialog's
   custom properties, for the Zensical build, whose stylesheet has none (README: Engines).
   Written by CLAUSEBOOK_UPDATE_GOLDEN=1 pytest tests/test_material_drift.py; do not edit.
   Material for MkDocs: Copyright (c) 2016-2025 Martin Donath; MIT License. */
"""


# Not Material's: Zensical's stylesheet hides `.md-search` below 60em (its own search is a
# button there), which would hide the dialog on a phone.
ZENSICAL = """\
/* Clausebook: shown below 60em too, where Zensical's stylesheet hides .md-search. */
.md-search[data-cb-search]{display:block}
"""


def material_stylesheet() -> tuple[str, str]:
    """The installed Material's main stylesheet: (its name, its text)."""
    folder = files("material") / "templates/assets/stylesheets"
    [sheet] = [
        f for f in folder.iterdir() if f.name.startswith("main.") and f.name.endswith(".min.css")
    ]
    return sheet.name, sheet.read_text(encoding="utf-8")


def _selectors(rule: QualifiedRule) -> list[str]:
    """The rule's selectors that name the dialog."""
    text = tinycss2.serialize(rule.prelude)
    # A selector list's commas are top-level: Material's selectors hold none in :is()/:not().
    return [s.strip() for s in text.split(",") if any(m in s for m in MARKS)]


def _kept(nodes: list[Node]) -> str:
    out = []
    for node in nodes:
        if isinstance(node, QualifiedRule):
            selectors = _selectors(node)
            if selectors:
                out.append(",".join(selectors) + "{" + tinycss2.serialize(node.content) + "}")
                continue
            own = [
                d
                for d in tinycss2.parse_declaration_list(
                    node.content, skip_comments=True, skip_whitespace=True
                )
                if isinstance(d, Declaration) and d.name.startswith("--md-search")
            ]
            if own:
                prelude = tinycss2.serialize(node.prelude).strip()
                out.append(prelude + "{" + ";".join(d.serialize() for d in own) + "}")
        elif isinstance(node, AtRule) and node.lower_at_keyword in ("media", "supports"):
            inner = _kept(
                tinycss2.parse_rule_list(
                    node.content or [], skip_comments=True, skip_whitespace=True
                )
            )
            if inner:
                prelude = tinycss2.serialize(node.prelude).strip()
                out.append(f"@{node.at_keyword} {prelude}{{{inner}}}")
    return "".join(out)


def search_dialog_css() -> str:
    """The file's text for the installed Material."""
    import material

    name, css = material_stylesheet()
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    version = getattr(material, "__version__", "")
    return HEADER.format(version=version, source=name) + _kept(rules) + "\n" + ZENSICAL
