"""Links that open an issue in the repository the site is built from (mkdocs.yml `repo_url`),
prefilled: "Report an error" on a clause page, "Propose an analysis" for a gap in coverage.

The owner is never written here: a fork that builds its own site gets links to its own
issues. Without a GitHub `repo_url` there is no issue form to link to, and no link.
The issue forms are .github/ISSUE_TEMPLATE/report-error.yml and propose-analysis.yml; GitHub
fills a form's fields from query parameters named by the fields' ids.
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

REPORT_ERROR = "report-error.yml"
PROPOSE_ANALYSIS = "propose-analysis.yml"


def issue_url(repo_url: str, template: str, title: str, **fields: str) -> str | None:
    """The address of a new issue from `template` with `title` and `fields` filled in, or
    None when `repo_url` is not a GitHub repository's address."""
    parts = urlsplit(repo_url.strip())
    path = parts.path.strip("/")
    if parts.scheme != "https" or parts.netloc != "github.com" or path.count("/") != 1:
        return None
    query = urlencode({"template": template, "title": title, **fields})
    return f"https://github.com/{path}/issues/new?{query}"
