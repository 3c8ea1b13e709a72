"""Stage 6, the site engine's configuration: the project's mkdocs.yml → the settings the
pipeline needs, and a generated configuration per engine beside build/docs.

mkdocs.yml is the site's authored configuration: name, address, theme, palette, navigation,
Markdown extensions, and the `clausebook` plugin's options. `mkdocs build` and `mkdocs serve`
read it directly (the plugin then generates the pages). `clausebook build` instead writes
`build/mkdocs.yml` (for MkDocs: the same settings, docs_dir build/docs, the plugin only
relaying pages to the post-build) or `build/zensical.yml` (for Zensical, which runs no MkDocs
plugin: none listed, its own search switched off, the theme overrides it can render), and has
the engine build that.

`!ENV [NAME, default]` values are resolved when the configuration is read, so a generated
configuration holds plain values; `!!python/name:` references (the `toc` slugify) are kept:
MkDocs and Zensical both import them.
"""

from __future__ import annotations

import io
import os
import shutil
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar

from generator.outputs import write_new
from generator.project import Layout
from generator.settings import DEFAULT_DISCLAIMER, Settings

Engine = Literal["mkdocs", "zensical"]
ENGINES: tuple[Engine, ...] = ("mkdocs", "zensical")
PLUGIN = "clausebook"
# The plugin's options with their defaults (engine/mkdocs.py declares them for MkDocs too).
PLUGIN_DEFAULTS: dict[str, Any] = {
    "disclaimer": DEFAULT_DISCLAIMER,
    "edit_branch": "main",
    "atomic": True,
    "search": True,
    "search_part_pages": 1200,
}


# Where Zensical writes, relative to build/ (see `write`).
ZENSICAL_SITE_DIR = "site"
# Overrides Zensical cannot render: MkDocs' sitemap reads MkDocs' page objects (Zensical stops
# at "undefined value (in sitemap.xml:8)"); Zensical writes its own sitemap.
ZENSICAL_LEFT_OUT = frozenset({"sitemap.xml"})
# Zensical's stylesheet has no rules for Material's search dialog, which assets/search.js
# builds in the header (on a phone the dialog had no width and could not be opened): Material's
# own rules for it, kept beside this module (tests/material_css.py writes them) and added to
# the Zensical build's theme and stylesheets.
SEARCH_DIALOG_CSS = "material-search-dialog.css"
SEARCH_DIALOG_URL = f"assets/stylesheets/{SEARCH_DIALOG_CSS}"


class ConfigError(Exception):
    """mkdocs.yml cannot be read; the message says where and why."""


@dataclass(frozen=True)
class SiteConfig:
    """What the pipeline takes from mkdocs.yml."""

    data: CommentedMap  # the whole configuration, !ENV resolved
    plugin: dict[str, Any]  # the clausebook plugin's options, defaults filled in

    @property
    def settings(self) -> Settings:
        return Settings(
            site_name=str(self.data.get("site_name") or "Clausebook"),
            site_url=str(self.data.get("site_url") or ""),
            repo_url=str(self.data.get("repo_url") or ""),
            edit_branch=str(self.plugin["edit_branch"]),
            disclaimer=str(self.plugin["disclaimer"]),
        )

    @property
    def strict(self) -> bool:
        return bool(self.data.get("strict", False))


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 100
    return yaml


def _resolve_env(node: Any) -> Any:
    """Every `!ENV [NAME, default]` (or `!ENV NAME`) replaced by its value now."""
    if isinstance(node, CommentedMap):
        for key in list(node):
            node[key] = _resolve_env(node[key])
        return node
    if isinstance(node, CommentedSeq):
        if getattr(node, "tag", None) is not None and str(node.tag.value) == "!ENV":
            names, default = list(node[:-1]), node[-1]
            found = next((os.environ[n] for n in names if n in os.environ), None)
            return found if found is not None else default
        for i, item in enumerate(node):
            node[i] = _resolve_env(item)
        return node
    if isinstance(node, TaggedScalar) and str(node.tag.value) == "!ENV":
        return os.environ.get(str(node.value))
    return node


def read(layout: Layout) -> SiteConfig:
    """The project's mkdocs.yml; ConfigError when it is missing or not a mapping."""
    path = layout.root / "mkdocs.yml"
    try:
        data = _yaml().load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror}") from None
    except Exception as exc:  # ruamel's errors carry the position
        raise ConfigError(f"mkdocs.yml is not valid YAML: {exc}") from None
    if not isinstance(data, CommentedMap):
        raise ConfigError("mkdocs.yml must be a mapping of settings")
    data = _resolve_env(data)
    options = dict(PLUGIN_DEFAULTS)
    for entry in data.get("plugins") or ():
        if isinstance(entry, dict) and PLUGIN in entry:
            options.update(entry[PLUGIN] or {})
    return SiteConfig(data, options)


def write(layout: Layout, site: SiteConfig, engine: Engine, site_dir: Path | None = None) -> Path:
    """build/<engine>.yml for this project, building into `site_dir` (default: site/; for
    Zensical always build/site, see ZENSICAL_SITE_DIR); its path. Relative paths are from
    build/."""
    data = _yaml().load(_dump(site.data))  # a copy to change
    data["docs_dir"] = "docs"
    data["site_dir"] = os.path.relpath(site_dir or layout.root / "site", layout.build)
    if engine == "zensical":
        # Zensical refuses a site_dir outside the configuration file's folder (build/):
        # it writes build/site, which engine/zensical.py moves to where the site goes.
        data["site_dir"] = ZENSICAL_SITE_DIR
    theme = data.get("theme")
    if engine == "mkdocs":
        if isinstance(theme, CommentedMap) and "custom_dir" in theme:
            theme["custom_dir"] = os.path.relpath(layout.root / theme["custom_dir"], layout.build)
        options = {**site.plugin, "generate": False}
        data["plugins"] = [{PLUGIN: options}]
    else:
        if isinstance(theme, CommentedMap):
            # Zensical renders Material's overrides with its own template engine (MiniJinja)
            # but not the sitemap; the overrides folder also carries the dialog's stylesheet
            # (see _zensical_overrides).
            custom = theme.get("custom_dir")
            overrides = _zensical_overrides(layout, layout.root / str(custom) if custom else None)
            theme["custom_dir"] = os.path.relpath(overrides, layout.build)
            theme["variant"] = "classic"  # Zensical's look of Material, not its "modern"
            data["extra_css"] = [*(data.get("extra_css") or []), SEARCH_DIALOG_URL]
        data["plugins"] = [{"search": {"enabled": False}}]  # Pagefind answers the search box
    data.yaml_set_start_comment(
        f"Generated by clausebook from mkdocs.yml for {engine}: edit mkdocs.yml, not this file."
    )
    target = layout.build / f"{engine}.yml"
    write_new(target, _dump(data).encode("utf-8"))
    return target


def _zensical_overrides(layout: Layout, source: Path | None) -> Path:
    """build/zensical-overrides: the theme overrides Zensical can render, copied from
    `source` (regular files only, never a link's target; left out: ZENSICAL_LEFT_OUT), and
    the stylesheet of Material's search dialog (SEARCH_DIALOG_URL)."""
    target = layout.build / "zensical-overrides"
    shutil.rmtree(target, ignore_errors=True)
    if source is not None and source.is_dir():
        for path in sorted(source.rglob("*")):
            rel = path.relative_to(source).as_posix()
            if rel in ZENSICAL_LEFT_OUT or path.is_symlink() or not path.is_file():
                continue
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            write_new(target / rel, path.read_bytes())
    (target / SEARCH_DIALOG_URL).parent.mkdir(parents=True, exist_ok=True)
    write_new(target / SEARCH_DIALOG_URL, (files(__package__) / SEARCH_DIALOG_CSS).read_bytes())
    return target


def _dump(data: Any) -> str:
    out = io.StringIO()
    _yaml().dump(data, out)
    return out.getvalue()
