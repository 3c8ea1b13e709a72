"""What Clausebook assumes of Material's (and Zensical's) markup, held against the installed
packages, so that an upgrade fails here, loudly, not on the published site:

- each override in site_templates/overrides/ that stands for a Material template: the hash of
  that template as it was when the override was written (re-copy, re-check, update the hash);
- main.html's `__config`: the block it replaces, and the keys and texts assets/*.js read;
- the search dialog assets/search.js builds: the classes of Material's partials/search.html;
- every regular expression of the post-build (postbuild/minify.py, postbuild/__init__.py)
  and Pagefind's root selector (postbuild/search.py: ROOT), each matching in a page the
  engine really wrote, before the post-build changed it.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

import pytest

from generator import postbuild
from generator.cli import main
from generator.engine import config
from generator.engine.config import ENGINES
from generator.postbuild import minify, search
from tests import material_css
from tests.conftest import REPO, make_project

MATERIAL = files("material") / "templates"
OVERRIDES = REPO / "site_templates/overrides"
CLAUSE = "platforms/acme-cloud/customer-data-training/index.html"

# Override → (the template it replaces, that template's SHA-256 in Material 9.8.2 / MkDocs 1.6.1).
COPIED = {
    # A copy of Material's with the search block changed.
    "partials/header.html": (
        MATERIAL / "partials/header.html",
        "8cf3fb15bcf969ff596649616fd99366b3c31c08d57a86d05308efc16d8fa75f",
    ),
    # Empty: Material's content-tab script, for an extension not enabled.
    "partials/javascripts/content.html": (
        MATERIAL / "partials/javascripts/content.html",
        "3722e156f0f6339de39fbbfc178b6e401d1a4fb890f189ac5b80c2504bda7dcf",
    ),
    # Material's inline palette script, moved to assets/palette.js (test_palette_script.py).
    "partials/javascripts/palette.html": (
        MATERIAL / "partials/javascripts/palette.html",
        "8790389765ea6036effddba548b15093bb05bdc75624eaeaf8b13f3c24be4ab5",
    ),
    # MkDocs' sitemap without indentation and <lastmod>.
    "sitemap.xml": (
        files("mkdocs") / "templates/sitemap.xml",
        "0950766d642ac999c74b68150a39a961a5103bda5e2d9d7747f4c06522c11b18",
    ),
    # A useful not-found page (issue 16): replaces Material's 404.html content block.
    "404.html": (
        MATERIAL / "404.html",
        "80c93494b5432b1bcdf292caeb67a0653c45b37372f49e08ad4a70ca695a7495",
    ),
    # main.html replaces base.html's `config` block (checked below as well).
    "main.html": (
        MATERIAL / "base.html",
        "a919e32d2225e09ecbdeb8076ca6ce9ca0836329760bf7871a04172569b77842",
    ),
}
# Material's search dialog, which assets/search.js rebuilds.
SEARCH_DIALOG = (
    MATERIAL / "partials/search.html",
    "bfd556535abcddb99396ab2a7e3acc2ebcd3f36756007d3969396caa4126be30",
)


def sha256(path: Traversable) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_override_is_accounted_for() -> None:
    overrides = {p.relative_to(OVERRIDES).as_posix() for p in OVERRIDES.rglob("*") if p.is_file()}
    assert overrides == set(COPIED)


@pytest.mark.parametrize("override", sorted(COPIED))
def test_the_template_each_override_replaces_is_unchanged(override: str) -> None:
    template, digest = COPIED[override]
    assert sha256(template) == digest, (
        f"{template} changed since overrides/{override} was written: compare the two, "
        "bring the override up to date, then put the new SHA-256 here"
    )


def test_search_dialog_is_unchanged_and_has_every_class_search_js_builds() -> None:
    template, digest = SEARCH_DIALOG
    assert sha256(template) == digest, f"{template} changed: bring assets/search.js up to date"
    dialog = template.read_text(encoding="utf-8")
    script = (REPO / "site_templates/assets/search.js").read_text(encoding="utf-8")
    built = set(re.findall(r'class: "([\w-]+)', script))
    built = {c for c in built if c.startswith("md-search")}
    assert len(built) >= 8
    for name in built:
        assert f'class="{name}' in dialog or f" {name}" in dialog, name


def test_zensical_builds_search_dialog_stylesheet_is_materials() -> None:
    """The Zensical build's stylesheet for the dialog (engine/config.py: SEARCH_DIALOG_CSS) is
    what tests/material_css.py takes out of the installed Material's."""
    wanted = material_css.search_dialog_css()
    kept = REPO / "generator/engine" / config.SEARCH_DIALOG_CSS
    if os.environ.get("CLAUSEBOOK_UPDATE_GOLDEN"):
        kept.write_text(wanted, encoding="utf-8")
    assert kept.read_text(encoding="utf-8") == wanted, (
        f"Material's stylesheet changed: CLAUSEBOOK_UPDATE_GOLDEN=1 pytest {__file__}"
    )
    # The rules that open the dialog on a phone and draw its results are among them.
    for rule in (
        "[data-md-toggle=search]:checked~.md-header .md-search__inner{width:100%;height:100%",
        ".md-search-result__item{",
        ":root{--md-search-result-icon:",
    ):
        assert rule in wanted, rule
    assert ".md-sidebar" not in wanted  # only the dialog's selectors of a shared rule


def test_header_copy_differs_from_materials_only_in_the_search_block() -> None:
    ours = (OVERRIDES / "partials/header.html").read_text(encoding="utf-8")
    theirs = (MATERIAL / "partials/header.html").read_text(encoding="utf-8")
    cut = re.compile(
        r"\{% if \"material/search\" in config.plugins %\}.*?\{% endif %\}\s+{% endif %}", re.S
    )
    ours_rest = re.sub(r"\{#- Clausebook:.*?</label>", "", ours.split("-#}", 1)[1], flags=re.S)
    theirs_rest = cut.sub("", theirs.split("-#}", 1)[1])
    assert ours_rest.split() == theirs_rest.split()


def test_config_keys_that_the_scripts_read_are_materials() -> None:
    base = (MATERIAL / "base.html").read_text(encoding="utf-8")
    block = base[
        base.index("{% block config %}") : base.index(
            "{% endblock %}", base.index("{% block config %}")
        )
    ]
    main_html = (OVERRIDES / "main.html").read_text(encoding="utf-8")
    for key in ("base", "features", "translations"):
        assert f'"{key}":' in block and f'"{key}":' in main_html, key
    languages = (MATERIAL / "partials/languages/en.html").read_text(encoding="utf-8")
    for text in re.findall(r'lang\.t\("([\w.]+)"\)', main_html):
        assert f'"{text}":' in languages, text
    script = (REPO / "site_templates/assets/search.js").read_text(encoding="utf-8")
    for text in set(re.findall(r't\["([\w.]+)"\]', script)):
        assert f'lang.t("{text}")' in main_html, text


def _raw_pages(tmp_path: Path, engine: str) -> dict[str, str]:
    """The pages `engine` wrote for the fixture corpus, as the post-build received them."""
    seen: dict[str, str] = {}
    page = postbuild.PostBuild.page

    def record(self: postbuild.PostBuild, dest: str, text: str) -> str:
        seen[dest] = text
        return page(self, dest, text)

    root = make_project(tmp_path / "project")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(postbuild.PostBuild, "page", record)
        assert main(["build", str(root), "--engine", engine]) == 0
    return seen


@pytest.mark.e2e
@pytest.mark.parametrize("engine", ENGINES)
def test_every_post_build_pattern_matches_in_a_page_the_engine_wrote(
    tmp_path: Path, engine: str
) -> None:
    if engine == "zensical" and importlib.util.find_spec("zensical") is None:
        pytest.fail("zensical is not installed: pip install -e '.[dev]'")
    pages = _raw_pages(tmp_path, engine)
    clause, missing = pages[CLAUSE], pages["404.html"]
    for pattern in (postbuild._HEAD_END, postbuild._TITLE, postbuild._DESCRIPTION):
        assert pattern.search(clause), pattern.pattern
    assert postbuild._ICON_REFS.search(clause)
    assert postbuild._EDIT_LINK.search(clause)
    for text in (clause, missing):
        assert minify._ICON.search(text) and minify._KEEP.search(text)
        assert minify._INDENT.search(text) and minify._BLOCK_GAP.search(text)
    # After the whitespace is cut, as compact_html applies it; Zensical's table of contents
    # two spans deep.
    cut = minify._BLOCK_GAP.sub("", minify._INDENT.sub("\n", clause))
    titles = list(minify._NAV_TITLE.finditer(cut))
    assert titles and any(t.group(2) for t in titles) == (engine == "zensical"), engine
    assert minify._HARMLESS.search(clause)
    # Pagefind indexes the one element ROOT names: the article, once on every page.
    tag, cls = search.ROOT.split(".")
    assert len(re.findall(rf'<{tag} class="{cls}[ "]', clause)) == 1
