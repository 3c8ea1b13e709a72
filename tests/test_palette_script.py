"""assets/clausebook/palette.js holds the very code of the installed Material's inline palette
script (partials/javascripts/palette.html), which the override in site_templates/overrides/
loads from that file: an upgrade of Material that changes the script fails here."""

from __future__ import annotations

import re
from importlib.resources import files

from tests.conftest import REPO


def test_palette_js_is_materials_inline_palette_script() -> None:
    partial = files("material") / "templates/partials/javascripts/palette.html"
    (inline,) = re.findall(r"<script>(.*?)</script>", partial.read_text(encoding="utf-8"), re.S)
    ours = (REPO / "site_templates/assets/palette.js").read_text(encoding="utf-8")
    assert ours.startswith("/*")
    assert ours[ours.index("*/") + 2 :].strip() == inline.strip()
