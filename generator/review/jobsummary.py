"""Every problem `check` found, as Markdown for a CI job's summary page.

GitHub shows at most 10 error and 10 warning annotations per step (and 50 per job) in a pull
request's diff; the job summary has room for all of them, so `clausebook check --summary
"$GITHUB_STEP_SUMMARY"` appends them there, one per line, in `check`'s own text format.
Authored text is in the problems' messages, so they go in a code fence longer than any run
of backticks they hold: nothing of theirs renders as Markdown or HTML. GitHub refuses a step
summary over 1 MiB; past MAX_BYTES the list stops with a count of the problems left out.

    ## clausebook check: 2 error(s), 0 warning(s)

    ```text
    analyses/acme/terms.yml:3:8: error[unknown-topic] … (hint: …)
    analyses/acme/terms.yml:9:1: error[excerpt-mismatch] … (hint: …)
    ```
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from generator.problems import Problem
from generator.review.summary import fenced

MAX_BYTES = 900 * 1024


def markdown(problems: Sequence[Problem]) -> str:
    errors = sum(p.severity == "error" for p in problems)
    head = f"## clausebook check: {errors} error(s), {len(problems) - errors} warning(s)\n\n"
    if not problems:
        return head + "No problems.\n"
    lines: list[str] = []
    size = len(head.encode())
    for n, problem in enumerate(problems):
        line = " ".join(problem.text().split())
        size += len(line.encode()) + 1
        if size > MAX_BYTES:
            lines.append(f"… and {len(problems) - n} more: run `clausebook check` to see them all")
            break
        lines.append(line)
    body = "\n".join(lines)
    return f"{head}{fenced(body)}\n"


def append(path: Path, problems: Sequence[Problem]) -> None:
    """Append the summary to `path` (GitHub's $GITHUB_STEP_SUMMARY file collects each step's)."""
    with path.open("a", encoding="utf-8") as out:
        out.write(markdown(problems))
