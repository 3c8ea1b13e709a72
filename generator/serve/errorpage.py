"""`clausebook serve` while the content has errors: every page is one page listing them.

MkDocs' live server makes every request wait until a build succeeds, so a build that stopped
on a content error left the browser waiting for as long as the error stood. Instead, a build
that finds errors succeeds with no pages: the site folder is emptied, so every URL is "not
found", and the not-found page (MkDocs' serve answers every missing file with the site's
404.html) is this page, which lists the problems and reloads itself once they are fixed.

Input: the problems. Output: one self-contained HTML page; every problem's text (which quotes
authored text) is escaped, and nothing is loaded from anywhere.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from generator.problems import Problem

# Asks the server for the page again each second; once it is found (the errors are fixed and
# the site is built), shows it. The live-reload script MkDocs adds to pages is not added to
# its not-found page.
_RELOAD = """<script>
setInterval(function () {
  fetch(location.href, {cache: "no-store"}).then(function (r) {
    if (r.ok) { location.reload(); }
  }, function () {});
}, 1000);
</script>"""


def page(problems: Sequence[Problem]) -> str:
    errors = [p for p in problems if p.severity == "error"]
    items = "\n".join(
        f"<li><code>{html.escape(p.path)}:{p.line}:{p.col}</code> "
        f"<strong>{html.escape(str(p.severity))}[{html.escape(p.rule)}]</strong> "
        f"{html.escape(p.message)}"
        + (f"<br><small>hint: {html.escape(p.hint)}</small>" if p.hint else "")
        + "</li>"
        for p in problems
    )
    count = f"{len(errors)} error{'s' if len(errors) != 1 else ''}"
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Clausebook: {count} to fix</title>
<style>
body {{ font: 16px/1.5 system-ui, sans-serif; margin: 2rem auto; max-width: 60rem;
  padding: 0 1rem; }}
li {{ margin: 0 0 0.75rem; }} code {{ background: #eee; padding: 0 0.2em; }}
</style>
</head>
<body>
<h1>The content has {count}</h1>
<p>Nothing can be previewed until they are fixed; this page reloads by itself once they
are. The same list is in the terminal where <code>clausebook serve</code> runs, and
<code>clausebook check</code> prints it.</p>
<ol>
{items}
</ol>
{_RELOAD}
</body>
</html>
"""
