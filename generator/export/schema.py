"""JSON Schemas of the authoring format, generated from the model (never written twice).

Editors use them through the `# yaml-language-server: $schema=…` line that `clausebook new`
writes and every shipped analysis carries; a test fails when the committed copies in
analyses/schema/ are stale, and another when the schema and `check` disagree on a file.

What an editor can know, the schema says as `check` does: text that is not blank (a `pattern`
of one non-space character; one line for titles), addresses as the URL rule reads them
(model/urls.py's patterns), and, written into the committed copies from the repository
(`write_schemas`), the topic ids, jurisdiction codes and document ids that exist, as enums.
Each analysis field is described in the words of the authoring guide (content/contributing.md,
the comment beside each key of its annotated example); other fields by their model docstring.
What needs more than one file's shape (an excerpt found in the archive, dates not in the
future, a document of the analysis's own platform) stays with `check`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.model.authoring import Analysis, Jurisdictions, Platform, Topics
from generator.project import Layout
from generator.source.load import load_yaml

SCHEMAS: dict[str, type[BaseModel]] = {
    "analysis.schema.json": Analysis,
    "platform.schema.json": Platform,
    "topics.schema.json": Topics,
    "jurisdictions.schema.json": Jurisdictions,
}
GUIDE = "content/contributing.md"
# Where each model names an id the repository defines (what check's reference rules check).
_IDS: dict[type[BaseModel], tuple[tuple[tuple[str, ...], str], ...]] = {
    Analysis: (
        (("topic",), "topics"),
        (("document",), "documents"),
        (("jurisdictions", "code"), "jurisdictions"),
    ),
    Platform: ((("not_addressed", "topic"), "topics"),),
}
_GUIDE_LINE = re.compile(r"^(?P<indent> *)(?P<item>- +)?(?P<key>[a-z_]+):(?P<rest>.*)$")
_COMMENT = re.compile(r"\s#\s+(?P<text>.+?)\s*$")


@dataclass(frozen=True)
class Repository:
    """What the committed schemas know of the repository they are written into."""

    topics: tuple[str, ...] = ()
    jurisdictions: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    """Every platform's document ids (an editor cannot tell which platform a file is of)."""
    guide: tuple[tuple[tuple[str, ...], str], ...] = ()
    """(key path, description) of each commented key of the guide's annotated analysis."""


def read_repository(root: Path) -> Repository:
    """The ids defined in the project at `root`, and the guide's descriptions. A file that
    does not load or validate gives nothing: `check` reports it."""
    layout = Layout(root)
    topics = _model(layout.analyses / "topics.yml", Topics)
    codes = _model(layout.analyses / "jurisdictions.yml", Jurisdictions)
    documents: set[str] = set()
    for path in sorted(layout.analyses.glob("*/platform.yml")):
        platform = _model(path, Platform)
        if platform is not None:
            documents.update(d.id for d in platform.documents)
    guide = root / GUIDE
    return Repository(
        tuple(sorted(t.id for t in topics.topics)) if topics else (),
        tuple(sorted(j.code for j in codes.jurisdictions)) if codes else (),
        tuple(sorted(documents)),
        guide_descriptions(guide.read_text(encoding="utf-8")) if guide.is_file() else (),
    )


def _model(path: Path, model: type[Any]) -> Any:
    if not path.is_file():
        return None
    source, _ = load_yaml(path, path.name)
    try:
        return model.model_validate(source.data) if source is not None else None
    except ValidationError:
        return None


def guide_descriptions(text: str) -> tuple[tuple[tuple[str, ...], str], ...]:
    """The comment beside each key of the guide's first YAML example, by key path (list
    items' keys under their list's key)."""
    start = text.find("```yaml")
    end = text.find("```", start + 7)
    if start < 0 or end < 0:
        return ()
    found: list[tuple[tuple[str, ...], str]] = []
    stack: list[tuple[int, str]] = []
    for line in text[start + 7 : end].splitlines():
        match = _GUIDE_LINE.match(line)
        if match is None:
            continue
        indent = len(match["indent"]) + len(match["item"] or "")
        while stack and stack[-1][0] >= indent:
            stack.pop()
        stack.append((indent, match["key"]))
        comment = _COMMENT.search(match["rest"])
        if comment is not None:
            found.append((tuple(key for _, key in stack), comment["text"]))
    return tuple(found)


def schema_text(model: type[BaseModel], name: str, repo: Repository | None = None) -> str:
    schema = model.model_json_schema()
    if repo is not None:
        _restrict(schema, repo, model)
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://clausebook.dev/schema/{name}",
        **schema,
    }
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def _restrict(schema: dict[str, Any], repo: Repository, model: type[BaseModel]) -> None:
    """The schema with the repository's ids, and (an analysis's) the guide's descriptions."""
    defs = schema.get("$defs", {})
    ids = {"topics": repo.topics, "documents": repo.documents, "jurisdictions": repo.jurisdictions}
    for path, kind in _IDS.get(model, ()):
        if ids[kind]:
            _property(schema, defs, path)["enum"] = list(ids[kind])
    for path, text in repo.guide if model is Analysis else ():
        try:
            _property(schema, defs, path)["description"] = text
        except KeyError:  # the guide names a key the format no longer has
            continue


def _property(schema: dict[str, Any], defs: dict[str, Any], path: tuple[str, ...]) -> Any:
    """The schema of the property at `path`, through `$ref`s, optional values and lists."""
    current = schema
    for i, key in enumerate(path):
        prop = current["properties"][key]
        if i == len(path) - 1:
            return prop
        current = _object(prop, defs)
    raise KeyError(path)


def _object(prop: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    for option in [prop, prop.get("items", {}), *prop.get("anyOf", ())]:
        ref = option.get("$ref") or option.get("items", {}).get("$ref")
        if ref:
            return defs[ref.rsplit("/", 1)[-1]]  # type: ignore[no-any-return]
    raise KeyError(prop)


def expected_schemas(root: Path | None = None) -> dict[str, str]:
    """Without `root`, the format alone (as the API publishes it); with it, as committed in
    that project (its ids and its guide's words)."""
    repo = read_repository(root) if root is not None else None
    return {name: schema_text(model, name, repo) for name, model in SCHEMAS.items()}


def write_schemas(root: Path) -> list[Path]:
    folder = Layout(root).schema
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in expected_schemas(root).items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
