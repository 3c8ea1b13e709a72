"""The `clausebook` command: check, build, serve, new, schema, sources. Thin: parses arguments
and calls the pipeline. Exit codes: 0 clean, 1 content errors (or a document that failed to
import or fetch), 2 usage errors."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from typing import Any

from generator import __version__, buildlock
from generator.commands.authors import cmd_new, cmd_rules, cmd_schema
from generator.commands.build import cmd_build, cmd_check, cmd_generate
from generator.commands.review import cmd_diff, cmd_paths
from generator.commands.serve import cmd_serve
from generator.commands.sources import (
    cmd_sources_fetch,
    cmd_sources_import,
    cmd_sources_report,
    cmd_sources_repositories,
)


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date as YYYY-MM-DD") from None


def _sources_parser(sub: Any) -> None:
    sources = sub.add_parser("sources", help="archive versions of the documents analyses quote")
    verbs = sources.add_subparsers(dest="verb", required=True)
    p = verbs.add_parser(
        "import",
        help="import versions from a clone of an Open Terms Archive versions repository",
    )
    p.add_argument("clone", metavar="CLONE", help="the clone's folder (bare or not)")
    p.add_argument(
        "documents", nargs="*", metavar="DOC", help="platform/document ids (default: all)"
    )
    p.add_argument(
        "--repository", metavar="OWNER/NAME", help="the clone's repository (default: its origin)"
    )
    p.add_argument("--since", type=_day, metavar="DATE", help="skip commits before this day")
    p.add_argument("--path", help="project folder (default: the current one)")
    p.set_defaults(func=cmd_sources_import)

    p = verbs.add_parser(
        "fetch", help="fetch the declared URL of documents OTA does not track; archive a change"
    )
    p.add_argument(
        "documents", nargs="*", metavar="DOC", help="platform/document ids (default: all)"
    )
    p.add_argument(
        "--allow-private",
        action="store_true",
        help="also fetch from private, loopback and link-local addresses (an intranet, a test)",
    )
    p.add_argument("--path", help="project folder (default: the current one)")
    p.set_defaults(func=cmd_sources_fetch)

    p = verbs.add_parser(
        "repositories",
        help="the Open Terms Archive repositories the documents declare, one a line",
    )
    p.add_argument("--path", help="project folder (default: the current one)")
    p.set_defaults(func=cmd_sources_repositories)

    p = verbs.add_parser(
        "report",
        help="Markdown for a pull request: new versions since a git revision and the "
        "analyses they make stale",
    )
    p.add_argument(
        "--base", default="HEAD", metavar="REV", help="git revision compared with (default HEAD)"
    )
    p.add_argument("--path", help="project folder (default: the current one)")
    p.set_defaults(func=cmd_sources_report)


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="clausebook", description=__doc__)
    ap.add_argument("--version", action="version", version=f"clausebook {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)

    p = sub.add_parser("check", help="validate every analysis; print all problems")
    p.add_argument("path", nargs="?", help="project folder (default: the current one)")
    p.add_argument("--format", choices=("text", "github", "json"), default="text")
    p.add_argument(
        "--summary",
        metavar="FILE",
        help="also append every problem as Markdown to FILE (CI: $GITHUB_STEP_SUMMARY)",
    )
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("build", help="check, then build the site (the old site stays on error)")
    p.add_argument("path", nargs="?")
    p.add_argument("--site-dir", help="where to write the site (default: site/)")
    p.add_argument(
        "--engine",
        # engine/config.py's ENGINES, not imported: `paths` runs on the standard library.
        choices=("mkdocs", "zensical"),
        default="mkdocs",
        help="the site engine: MkDocs (default) or Zensical, Material's successor",
    )
    p.add_argument(
        "--wait",
        type=float,
        default=buildlock.WAIT,
        metavar="SECONDS",
        help=f"how long to wait for another build of this project (default: {buildlock.WAIT:g})",
    )
    p.set_defaults(func=cmd_build)

    p = sub.add_parser(
        "serve",
        help="live preview, drafts included; rebuilds on edits",
        description="Preview the site at http://127.0.0.1:8000/ (drafts shown, with a banner); "
        "rebuilt on every edit of analyses/, content/ or site_templates/. While the content "
        "has errors, every page lists them.",
    )
    p.add_argument("path", nargs="?")
    p.add_argument(
        "--dev-addr",
        default="127.0.0.1:8000",
        metavar="HOST:PORT",
        help="the address to serve on (default: 127.0.0.1:8000; 0.0.0.0:8000 for other machines)",
    )
    p.add_argument("--port", type=int, metavar="N", help="the port to serve on (default: 8000)")
    p.add_argument("--dirty", action="store_true", help="rebuild only changed pages (faster)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("generate", help="write the Markdown pages to build/docs only")
    p.add_argument("path", nargs="?")
    p.set_defaults(func=cmd_generate)

    p = sub.add_parser(
        "paths",
        help="check the paths a change touches (pull requests); without BASE, every tracked one",
    )
    p.add_argument("base", nargs="?", metavar="BASE", help="the commit the change is based on")
    p.add_argument("head", nargs="?", default="HEAD", metavar="HEAD", help="default: HEAD")
    p.add_argument("--path", help="a folder of the git repository (default: the current one)")
    p.add_argument("--format", choices=("text", "github", "json"), default="text")
    p.set_defaults(func=cmd_paths)

    p = sub.add_parser(
        "diff", help="summarise what a change does to the analyses (Markdown or JSON)"
    )
    p.add_argument("base", metavar="BASE", help="the revision the change is based on")
    p.add_argument("head", nargs="?", default="HEAD", metavar="HEAD", help="default: HEAD")
    p.add_argument("--preview-url", metavar="URL", help="link changed pages in this preview")
    p.add_argument("--format", choices=("markdown", "json"), default="markdown")
    p.add_argument("--path", help="a folder of the git repository (default: the current one)")
    p.set_defaults(func=cmd_diff)

    p = sub.add_parser("rules", help="list the rules check reports; RULE: show its documentation")
    p.add_argument("rule", nargs="?", metavar="RULE")
    p.add_argument("--markdown", action="store_true", help="README.md's table of rules")
    p.set_defaults(func=cmd_rules)

    p = sub.add_parser(
        "new",
        help="write a commented skeleton: PLATFORM/CLAUSE an analysis, PLATFORM a platform.yml",
    )
    p.add_argument("name", metavar="PLATFORM[/CLAUSE]")
    p.add_argument("--path", help="project folder (default: the current one)")
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("schema", help="write JSON Schemas to analyses/schema/")
    p.add_argument("path", nargs="?")
    p.set_defaults(func=cmd_schema)

    _sources_parser(sub)
    return ap


def main(argv: list[str] | None = None) -> int:
    ap = parser()
    args, extra = ap.parse_known_args(argv)
    # argparse reads positionals in one run: in `sources import CLONE --since D DOC`, DOC
    # comes after an option and is left over. Document ids are taken wherever they stand.
    if extra and hasattr(args, "documents") and not any(e.startswith("-") for e in extra):
        args.documents = [*args.documents, *extra]
    elif extra:
        ap.error(f"unrecognized arguments: {' '.join(extra)}")
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("clausebook: interrupted; the previous site is untouched", file=sys.stderr)
        return 130
