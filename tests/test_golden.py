"""Golden Markdown: the fixture corpus renders to exactly the reviewed files in tests/golden/.

After an intended change to templates or pages, regenerate and review the diff:

    CLAUSEBOOK_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from generator.pipeline import generate
from tests.conftest import make_project

GOLDEN = Path(__file__).parent / "golden" / "basic"


def generated_pages(docs: Path) -> dict[str, str]:
    return {
        p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(docs.rglob("*.md"))
    }


def test_fixture_corpus_matches_golden_markdown(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    generate(root)
    actual = generated_pages(root / "build" / "docs")
    if os.environ.get("CLAUSEBOOK_UPDATE_GOLDEN"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for rel, text in actual.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_text(text, encoding="utf-8")
    expected = generated_pages(GOLDEN)
    assert sorted(actual) == sorted(expected), "pages added or removed"
    for rel, text in expected.items():
        assert actual[rel] == text, f"{rel} differs from tests/golden/basic/{rel}"


def test_second_generation_rewrites_nothing(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p")
    generate(root)
    again = generate(root).render
    assert again.written == [] and again.removed == []
    (root / "analyses/globex-ai/outputs.yml").unlink()
    third = generate(root).render
    assert "platforms/globex-ai/outputs/index.md" in third.removed
    assert "platforms/globex-ai/index.md" in third.written
