"""Stage 4, pages: one page to render — where its Markdown goes, which template renders it,
the context it gets (built on first use), and the source file its "edit" link opens."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Any

from markupsafe import Markup

# Front matter of a page that needs its width (tables, the answer first): no left sidebar.
# These pages are not in the navigation, so the sidebar would be empty on a desktop; Material
# keeps its drawer on phones and tablets.
WIDE: Mapping[str, Any] = MappingProxyType({"hide": Markup("[navigation]")})


@dataclass(frozen=True)
class Page:
    path: str
    template: str
    make_context: Callable[[], Mapping[str, Any]]  # called once, by `context`
    source: str  # project-relative file that this page is made from
    front: Mapping[str, Any] = field(default_factory=dict)  # extra front matter (trusted)
    # False when the template shows no more of an analysis than `incremental` compares as
    # its shape (title, rating, topic …): then an edit of analyses' text cannot change it.
    shows_text: bool = True

    @cached_property
    def context(self) -> Mapping[str, Any]:
        return self.make_context()
