"""Links into the repository the site is built from (mkdocs.yml `repo_url`), prefilled: an
issue ("Report an error" on a clause page, "Propose an analysis" for a gap in coverage), or
GitHub's "create a new file" page with the analysis skeleton ("write it on GitHub": an
analyst needs no install to start one; the pull request's checks do the rest).

The owner is never written here: a fork that builds its own site gets links to its own
issues. Without a GitHub `repo_url` there is no issue form to link to, and no link.
The issue forms are .github/ISSUE_TEMPLATE/report-error.yml and propose-analysis.yml; GitHub
fills a form's fields from query parameters named by the fields' ids.
"""

from __future__ import annotations

from urllib.parse import quote, quote_plus, urlencode, urlsplit

REPORT_ERROR = "report-error.yml"
PROPOSE_ANALYSIS = "propose-analysis.yml"


def _repository(repo_url: str) -> str | None:
    """`owner/name` when `repo_url` is a GitHub repository's address, else None."""
    parts = urlsplit(repo_url.strip())
    path = parts.path.strip("/")
    if parts.scheme != "https" or parts.netloc != "github.com" or path.count("/") != 1:
        return None
    return path


def issue_url(repo_url: str, template: str, title: str, **fields: str) -> str | None:
    """The address of a new issue from `template` with `title` and `fields` filled in, or
    None when `repo_url` is not a GitHub repository's address."""
    repository = _repository(repo_url)
    if repository is None:
        return None
    query = urlencode({"template": template, "title": title, **fields})
    return f"https://github.com/{repository}/issues/new?{query}"


def new_file_url(repo_url: str, branch: str, path: str) -> str | None:
    """GitHub's page that creates the file `path` on `branch` (for a contributor without write
    access GitHub makes it a fork and a pull request), or None when `repo_url` is not a GitHub
    repository's address. Its `value` parameter, the text in the editor, is added by script
    (`skeleton_value`)."""
    repository = _repository(repo_url)
    if repository is None:
        return None
    return f"https://github.com/{repository}/new/{quote(branch)}?{urlencode({'filename': path})}"


TOPIC_SLOT = "{topic}"  # where a skeleton's topic goes (scaffold.skeleton), filled in by script


def skeleton_value(text: str) -> str:
    """`text` as a new-file page's `value` parameter, for assets/propose.js to append to the
    address of each "write it on GitHub" link with the link's topic in TOPIC_SLOT's place."""
    return quote_plus(text)
