"""The `clausebook` command: check, build, serve, new, schema, sources. Thin: parses arguments
and calls the pipeline. Exit codes: 0 clean, 1 content errors (or a document that failed to
import or fetch), 2 usage errors."""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import logging
import os
import signal
import socket
import sys
from pathlib import Path
from typing import Any

from generator import __version__, buildlock
from generator.outputs import OutputError, shown
from generator.problems import ContentError, format_problems, has_errors
from generator.project import Layout, find_root

EXIT_OK, EXIT_CONTENT, EXIT_USAGE = 0, 1, 2


def _root(path: str | None) -> Path:
    root = find_root(Path(path or "."))
    if root is None:
        raise SystemExit(
            _usage(f"no Clausebook project (analyses/ or mkdocs.yml) at or above '{path or '.'}'")
        )
    return root


def _usage(message: str) -> int:
    print(f"clausebook: error: {message}", file=sys.stderr)
    return EXIT_USAGE


def cmd_check(args: argparse.Namespace) -> int:
    from generator.pipeline import check

    root = _root(args.path)
    problems = check(root)
    sys.stdout.write(format_problems(problems, args.format))
    if args.summary:
        from generator.review import jobsummary

        jobsummary.append(Path(args.summary), problems)
    errors = sum(p.severity == "error" for p in problems)
    if args.format == "text":
        warnings = len(problems) - errors
        summary = f"{errors} error(s), {warnings} warning(s)" if problems else "no problems"
        print(f"clausebook check: {summary}", file=sys.stderr)
    return EXIT_CONTENT if errors else EXIT_OK


def _serve(root: Path, **overrides: Any) -> int:
    from mkdocs.commands import serve
    from mkdocs.exceptions import Abort, ConfigurationError, PluginError

    _engine_logging()
    # Stopped by a service manager or a container (SIGTERM) as by Ctrl-C: MkDocs then shuts
    # the server down and removes its temporary site, and the plugin its own folders.
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        serve.serve(config_file=str(root / "mkdocs.yml"), **overrides)
    except PluginError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_CONTENT
    except (Abort, ConfigurationError) as exc:
        print(f"clausebook: serve failed: {exc}", file=sys.stderr)
        return EXIT_CONTENT
    except _Terminated:  # during the first build: MkDocs has cleaned up, and re-raised it
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
    return EXIT_OK


class _Terminated(KeyboardInterrupt):
    """SIGTERM: a Ctrl-C to MkDocs, and a stop that was asked for to the caller (exit 0)."""


def _interrupt(signum: int, frame: object) -> None:
    raise _Terminated


def _engine_logging() -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "true")
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")


# A write that failed for want of room or permission; anything else is "could not use".
WRITE_ERRORS = {
    *(errno.ENOSPC, errno.EROFS, errno.EDQUOT, errno.EFBIG, errno.EIO),
    *(errno.EACCES, errno.EPERM),  # EPERM: an immutable folder (chattr +i)
}


def failure(exc: OSError | OutputError) -> str:
    """One line for an error of the file system or of a generated folder."""
    if isinstance(exc, OutputError):
        return str(exc)
    # A copy or a rename names its destination second: the file it could not write.
    target = exc.filename2 or exc.filename
    path = shown(Path(os.fsdecode(target))) if target else "a file of the build"
    verb = "could not write" if exc.errno in WRITE_ERRORS else "could not use"
    return f"{verb} {path}: {exc.strerror or exc}"


def cmd_build(args: argparse.Namespace) -> int:
    from mkdocs.exceptions import Abort, ConfigurationError, PluginError

    from generator.engine.config import ConfigError
    from generator.engine.zensical import EngineError
    from generator.pipeline import build, check, forget

    root = _root(args.path)
    try:
        problems = check(root, keep=True)
        if problems:
            sys.stderr.write(format_problems(problems, "text"))
        if has_errors(problems):
            print("clausebook build: not built; the previous site is untouched", file=sys.stderr)
            return EXIT_CONTENT
        site_dir = Path(args.site_dir).resolve() if args.site_dir else None
        _engine_logging()
        build(root, site_dir=site_dir, engine=args.engine, wait=args.wait)
    except ContentError as exc:
        sys.stderr.write(format_problems(exc.problems, "text"))
        print("clausebook build: not built; the previous site is untouched", file=sys.stderr)
        return EXIT_CONTENT
    except (Abort, ConfigurationError, PluginError, EngineError, ConfigError) as exc:
        print(f"clausebook build: {exc}; the previous site is untouched", file=sys.stderr)
        return EXIT_CONTENT
    except (OSError, OutputError) as exc:
        # A full disk, a read-only folder, a generated folder that is not ours, a search
        # index not whole: the pipeline has discarded its staging folder already.
        print(f"clausebook build: {failure(exc)}; the previous site is untouched", file=sys.stderr)
        return EXIT_CONTENT
    finally:
        forget(root)
    return EXIT_OK


def _address(dev_addr: str, port: int | None) -> tuple[str, int] | str:
    """(host, port) of `--dev-addr HOST:PORT` (its port replaced by `--port`), or what is
    wrong with it."""
    host, colon, number = dev_addr.rpartition(":")
    if not colon or not host or not number.isdigit() or not 0 < int(number) < 65536:
        return f"--dev-addr must be HOST:PORT, e.g. 127.0.0.1:8000, not '{dev_addr}'"
    return host.strip("[]"), port if port is not None else int(number)


def _port_taken(host: str, port: int) -> str | None:
    """Why the server could not listen on host:port, checked before anything is built (MkDocs
    builds the whole site first and only then fails, with a traceback)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        # As the server will: a port left in TIME_WAIT by the last serve is free to use.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            return exc.strerror or str(exc)
    return None


def cmd_serve(args: argparse.Namespace) -> int:
    root = _root(args.path)
    address = _address(args.dev_addr, args.port)
    if isinstance(address, str):
        return _usage(address)
    host, port = address
    taken = _port_taken(host, port)
    if taken is not None:
        return _usage(
            f"cannot serve on {host}:{port}: {taken} (another `clausebook serve`?); "
            "choose another port with --port N"
        )
    # MkDocs warns on every dirty build, which strict mode (mkdocs.yml) would turn into an
    # abort: a dirty preview is never strict.
    strict = {"strict": False} if args.dirty else {}
    return _serve(
        root,
        dev_addr=f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        open_in_browser=False,
        livereload=True,
        build_type="dirty" if args.dirty else None,
        **strict,
    )


def cmd_generate(args: argparse.Namespace) -> int:
    from generator.pipeline import generate

    root = _root(args.path)
    try:
        with buildlock.held(Layout(root)):
            result = generate(root)
    except ContentError as exc:
        sys.stderr.write(format_problems(exc.problems, "text"))
        return EXIT_CONTENT
    except (OSError, OutputError) as exc:
        print(f"clausebook generate: {failure(exc)}", file=sys.stderr)
        return EXIT_CONTENT
    print(
        f"build/docs: {len(result.render.written)} written, {result.render.unchanged} "
        f"unchanged, {len(result.render.removed)} removed"
    )
    return EXIT_OK


def cmd_paths(args: argparse.Namespace) -> int:
    from generator.review import paths

    folder = Path(args.path or ".")
    try:
        if args.base:
            changes = paths.changed(folder, args.base, args.head)
        else:
            changes = paths.tracked(folder)
    except paths.GitError as exc:
        return _usage(str(exc))
    verdict = paths.judge(changes, whole_tree=not args.base)
    sys.stdout.write(format_problems(verdict.problems, args.format))
    kind = "changed" if args.base else "tracked"
    print(
        f"clausebook paths: {len(changes)} {kind} path(s), {len(verdict.problems)} refused",
        file=sys.stderr,
    )
    if verdict.review:
        print(
            f"clausebook paths: a maintainer reviews by hand: {', '.join(verdict.review)}",
            file=sys.stderr,
        )
    return EXIT_CONTENT if verdict.problems else EXIT_OK


def cmd_diff(args: argparse.Namespace) -> int:
    from generator.review.diff import diff
    from generator.review.paths import GitError
    from generator.review.summary import PreviewError, as_json, check_preview, markdown

    try:
        preview = check_preview(args.preview_url) if args.preview_url else None
        summary = diff(Path(args.path or "."), args.base, args.head)
    except (GitError, PreviewError) as exc:
        return _usage(str(exc))
    sys.stdout.write((as_json if args.format == "json" else markdown)(summary, preview))
    return EXIT_OK


def cmd_rules(args: argparse.Namespace) -> int:
    from generator.check import registry

    if args.rule is None:
        sys.stdout.write(registry.table() if args.markdown else registry.listing())
        return EXIT_OK
    try:
        sys.stdout.write(registry.describe(args.rule))
    except ValueError as exc:
        return _usage(str(exc))
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    from generator.scaffold import ScaffoldError, new_analysis, new_platform, split_name

    root = _root(args.path)
    try:
        platform, clause = split_name(args.name)
        if clause is None:
            path = new_platform(root, platform)
            print(
                f"wrote {path.relative_to(root)}; fill it in, then `clausebook new "
                f"{platform}/CLAUSE` for each analysis and `clausebook check`"
            )
            return EXIT_OK
        path = new_analysis(root, args.name)
    except ScaffoldError as exc:
        return _usage(str(exc))
    print(f"wrote {path.relative_to(root)}; fill it in, then run `clausebook check`")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from generator.export.schema import write_schemas

    root = _root(args.path)
    for path in write_schemas(root):
        print(f"wrote {path.relative_to(root)}")
    return EXIT_OK


def cmd_sources_import(args: argparse.Namespace) -> int:
    from generator.capture.declared import UsageError
    from generator.capture.gitclone import Clone, GitError
    from generator.capture.ota import import_clone

    root = _root(args.path)
    try:
        clone = Clone.open(Path(args.clone), args.repository)
    except GitError as exc:
        return _usage(f"{args.clone}: {exc}")
    try:
        return import_clone(root, clone, args.since, args.documents, sys.stdout, sys.stderr)
    except UsageError as exc:
        return _usage(str(exc))


def cmd_sources_fetch(args: argparse.Namespace) -> int:
    from generator.capture.declared import UsageError
    from generator.capture.fetch import Limits, fetch_documents

    root = _root(args.path)
    limits = Limits(allow_private=args.allow_private)
    try:
        return fetch_documents(root, args.documents, sys.stdout, sys.stderr, limits)
    except UsageError as exc:
        return _usage(str(exc))


def cmd_sources_repositories(args: argparse.Namespace) -> int:
    from generator.capture.declared import declared_documents

    documents, problems = declared_documents(_root(args.path), [])
    declared = {d.document.source.ota for d in documents if d.document.source}
    for repository in sorted({ota.repository for ota in declared if ota is not None}):
        print(repository)
    if problems:  # a platform.yml that could not be read: its repositories are unknown
        sys.stderr.write(format_problems(problems, "text"))
        return EXIT_CONTENT
    return EXIT_OK


def cmd_sources_report(args: argparse.Namespace) -> int:
    from generator.capture.report import report

    return report(_root(args.path), args.base, sys.stdout, sys.stderr)


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
