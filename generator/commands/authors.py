"""`clausebook new`, `schema` and `rules`: an author's aids — a commented skeleton to fill in,
the JSON Schemas an editor checks against, and the documentation of each rule `check`
reports."""

from __future__ import annotations

import argparse
import sys

from generator.commands import EXIT_OK, project_root, usage_error


def cmd_rules(args: argparse.Namespace) -> int:
    from generator.check import registry

    if args.rule is None:
        sys.stdout.write(registry.table() if args.markdown else registry.listing())
        return EXIT_OK
    try:
        sys.stdout.write(registry.describe(args.rule))
    except ValueError as exc:
        return usage_error(str(exc))
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    from generator.scaffold import ScaffoldError, new_analysis, new_platform, split_name

    root = project_root(args.path)
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
        return usage_error(str(exc))
    print(f"wrote {path.relative_to(root)}; fill it in, then run `clausebook check`")
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from generator.export.schema import write_schemas

    root = project_root(args.path)
    for path in write_schemas(root):
        print(f"wrote {path.relative_to(root)}")
    return EXIT_OK
