"""`clausebook paths` and `clausebook diff`: a pull request's review (generator/review/) — the
paths it may touch, and what it does to the analyses."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.commands import EXIT_CONTENT, EXIT_OK, usage_error
from generator.problems import format_problems


def cmd_paths(args: argparse.Namespace) -> int:
    from generator.review import paths

    folder = Path(args.path or ".")
    try:
        if args.base:
            changes = paths.changed(folder, args.base, args.head)
        else:
            changes = paths.tracked(folder)
    except paths.GitError as exc:
        return usage_error(str(exc))
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
        return usage_error(str(exc))
    sys.stdout.write((as_json if args.format == "json" else markdown)(summary, preview))
    return EXIT_OK
