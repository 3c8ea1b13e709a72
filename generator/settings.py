"""Site-wide settings that pages need, with defaults; the MkDocs plugin fills them from
mkdocs.yml (`plugins: - clausebook: {...}`)."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_DISCLAIMER = (
    "Commentary on a published clause, not legal advice. Before relying on it, read the "
    "provider's current terms and the agreement you have actually accepted."
)


@dataclass(frozen=True)
class Settings:
    site_name: str = "Clausebook"
    site_url: str = ""
    repo_url: str = ""
    edit_branch: str = "main"
    disclaimer: str = DEFAULT_DISCLAIMER
    home_highlights: int = 8  # highest-exposure analyses listed on the home page
    home_changes: int = 10  # recent changes listed on the home page
    home_intro: str = ""  # Markdown of content/index.md (checked: validate/content.py)

    def url(self, path: str = "") -> str:
        """Absolute URL of a site path. Feeds, the API and JSON-LD need absolute URLs even when
        no site_url is configured (`clausebook generate`): then the preview server's."""
        base = self.site_url or "http://127.0.0.1:8000/"
        return base.rstrip("/") + "/" + path.lstrip("/")
