"""A `diff.Summary` as Markdown (a job summary, a pull request comment) or as JSON.

Everything authored is shown as inert text: titles and values are escaped so no Markdown,
HTML, link, image or @mention of theirs takes effect; excerpts are in a code fence longer
than any run of backticks they hold. Each excerpt is cut to the words around its changes.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from typing import Any
from urllib.parse import urlsplit

from generator.model import routes
from generator.review.diff import Ref, Summary

MARKER = "<!-- clausebook-diff -->"  # the comment workflow finds its own comment by it
CONTEXT = 12  # words of unchanged text kept on each side of a change
MAX_LINE = 300  # characters of a title or an answer shown
SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+!|~&-])")


class PreviewError(ValueError):
    pass


def check_preview(url: str) -> str:
    """The preview's base address, ending with "/"; PreviewError unless http(s)."""
    parts = urlsplit(url)
    if (
        parts.scheme not in ("http", "https")
        or not parts.netloc
        or any(c in url for c in " <>\"'`")
    ):
        raise PreviewError(f"'{url}' is not an http(s) address like https://example.org/preview/")
    return url if url.endswith("/") else url + "/"


def inert(text: str) -> str:
    """One line of authored text, shown as it is in Markdown."""
    line = " ".join(text.split())
    if len(line) > MAX_LINE:
        line = line[: MAX_LINE - 1] + "…"
    return SPECIAL.sub(r"\\\1", line).replace("@", "@\u200b")  # no mention


def _link(ref: Ref, preview: str | None) -> str:
    name = f"`{ref.key}`"  # ids are lower-case words joined by hyphens
    if preview and ref.page:
        name = f"[{name}]({preview}{routes.url(ref.page)})"
    return f"{name} — {inert(ref.title)}" if ref.title != ref.key.split("/")[-1] else name


def _excerpt(words: tuple[tuple[str, str], ...]) -> str:
    """git's --word-diff=plain notation, [-removed-]{+added+}, cut to the changes."""
    shown: list[str] = []
    for i, (op, text) in enumerate(words):
        if op == "-":
            shown.append(f"[-{text}-]")
        elif op == "+":
            shown.append(f"{{+{text}+}}")
        else:
            tokens = re.findall(r"\S+\s*", text)
            head = tokens[:CONTEXT] if i > 0 else []
            tail = tokens[-CONTEXT:] if i < len(words) - 1 else []
            if len(tokens) > len(head) + len(tail):
                shown.append("".join(head) + "… " + "".join(tail))
            else:
                shown.append(text)
    return fenced(" ".join("".join(shown).split()))


def fenced(body: str) -> str:
    """`body` in a code fence no line of it can close: longer than its longest backtick run."""
    fence = "`" * max(3, max((len(r) for r in re.findall(r"`+", body)), default=0) + 1)
    return f"{fence}text\n{body}\n{fence}"


def markdown(summary: Summary, preview: str | None = None) -> str:
    s = summary
    out = [MARKER, "## What this change does to the analyses", ""]
    out.append(f"Compared `{s.base[:12]}` (base) with `{s.head[:12]}` (head).")
    if preview:
        out.append(f"Preview of the site: {preview}")
    if s.errors:
        out.append(f"**`clausebook check` finds {s.errors} error(s) at head**; see the check job.")
    out.append("")

    def section(title: str, lines: list[str]) -> None:
        if lines:
            out.extend([f"### {title} ({len(lines)})", "", *lines, ""])

    section("Added", [f"- {_link(r, preview)}" for r in s.added])
    section("Removed", [f"- {_link(r, None)}" for r in s.removed])
    section(
        "Re-rated",
        [f"- {_link(c.ref, preview)}: {c.old} → **{c.new}**" for c in s.rerated],
    )
    section(
        "Answers changed",
        [f"- {_link(c.ref, preview)}: “{inert(c.old)}” → “{inert(c.new)}”" for c in s.answers],
    )
    section(
        "Excerpts changed",
        [f"- {_link(e.ref, preview)}\n\n{_excerpt(e.words)}\n" for e in s.excerpts],
    )
    section("Other edits", [f"- {_link(r, preview)}" for r in s.edited])
    section("Platforms edited", [f"- {_link(r, preview)}" for r in s.platforms])
    section(
        "Documents with new archived versions",
        [f"- {_link(v.ref, preview)}: {', '.join(v.files)}" for v in s.versions],
    )
    states = []
    for v in s.verification:
        if v.state == "current":
            where = f"current: in {v.version}"
        elif v.state == "outdated":
            where = f"**outdated**: in {v.version}, gone from {v.vanished or 'a newer version'}"
        else:
            where = "**not found** in any archived version"
        states.append(f"- {_link(v.ref, preview)}: {where}")
    section("Excerpt verification at head", states)
    if not s.pages and not s.removed:
        out.extend(["No analysis, rating, answer, excerpt or archived version changed.", ""])
    counts = ", ".join(f"{n} {state}" for state, n in s.counts.items())
    out.append(f"Excerpts of every analysis at head: {counts}.")
    return "\n".join(out) + "\n"


def as_json(summary: Summary, preview: str | None = None) -> str:
    data: dict[str, Any] = asdict(summary)
    data["pages"] = [
        {"page": page, "url": (preview or "") + routes.url(page)} for page in summary.pages
    ]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
