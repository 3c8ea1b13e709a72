"""`clausebook sources import|fetch|repositories|report`: the archived versions of the
documents analyses quote (generator/capture/)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.commands import EXIT_CONTENT, EXIT_OK, project_root, usage_error
from generator.problems import format_problems


def cmd_sources_import(args: argparse.Namespace) -> int:
    from generator.capture.declared import UsageError
    from generator.capture.gitclone import Clone, GitError
    from generator.capture.ota import import_clone

    root = project_root(args.path)
    try:
        clone = Clone.open(Path(args.clone), args.repository)
    except GitError as exc:
        return usage_error(f"{args.clone}: {exc}")
    try:
        return import_clone(root, clone, args.since, args.documents, sys.stdout, sys.stderr)
    except UsageError as exc:
        return usage_error(str(exc))


def cmd_sources_fetch(args: argparse.Namespace) -> int:
    from generator.capture.declared import UsageError
    from generator.capture.fetch import Limits, fetch_documents

    root = project_root(args.path)
    limits = Limits(allow_private=args.allow_private)
    try:
        return fetch_documents(root, args.documents, sys.stdout, sys.stderr, limits)
    except UsageError as exc:
        return usage_error(str(exc))


def cmd_sources_repositories(args: argparse.Namespace) -> int:
    from generator.capture.declared import declared_documents

    documents, problems = declared_documents(project_root(args.path), [])
    declared = {d.document.source.ota for d in documents if d.document.source}
    for repository in sorted({ota.repository for ota in declared if ota is not None}):
        print(repository)
    if problems:  # a platform.yml that could not be read: its repositories are unknown
        sys.stderr.write(format_problems(problems, "text"))
        return EXIT_CONTENT
    return EXIT_OK


def cmd_sources_report(args: argparse.Namespace) -> int:
    from generator.capture.report import report

    return report(project_root(args.path), args.base, sys.stdout, sys.stderr)
