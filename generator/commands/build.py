"""`clausebook check`, `build` and `generate`: the pipeline's steps (generator/pipeline.py),
with their problems printed and their failures turned into one line and an exit code."""

from __future__ import annotations

import argparse
import errno
import os
import sys
from pathlib import Path

from generator import buildlock
from generator.commands import EXIT_CONTENT, EXIT_OK, engine_logging, project_root
from generator.outputs import OutputError, shown
from generator.problems import ContentError, format_problems, has_errors
from generator.project import Layout


def cmd_check(args: argparse.Namespace) -> int:
    from generator.pipeline import check

    root = project_root(args.path)
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

    root = project_root(args.path)
    try:
        problems = check(root, keep=True)
        if problems:
            sys.stderr.write(format_problems(problems, "text"))
        if has_errors(problems):
            print("clausebook build: not built; the previous site is untouched", file=sys.stderr)
            return EXIT_CONTENT
        site_dir = Path(args.site_dir).resolve() if args.site_dir else None
        engine_logging()
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


def cmd_generate(args: argparse.Namespace) -> int:
    from generator.pipeline import generate

    root = project_root(args.path)
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
