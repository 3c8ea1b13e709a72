"""The export assertion helper itself: it finds what is missing, and says when there is none."""

from __future__ import annotations

import json
from pathlib import Path

from tests.exportcheck import export_strings, missing_from_exports


def test_missing_strings_are_found(tmp_path: Path) -> None:
    assert export_strings(tmp_path) is None
    folder = tmp_path / "api/v1/platforms"
    folder.mkdir(parents=True)
    (folder / "acme.json").write_text(json.dumps({"a": ["<b>x</b>", {"k": "y"}]}), "utf-8")
    assert missing_from_exports(
        tmp_path, [("acme", "<b>x</b>"), ("acme", "y"), ("acme", "z"), ("other", "y")]
    ) == [("acme", "z"), ("other", "y")]
