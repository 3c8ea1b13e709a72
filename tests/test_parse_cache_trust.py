"""A parse cache committed in a pull request neither runs code nor changes what `check`
reports (generator/source/cache.py): the cache is JSON, authenticated with a key kept outside
the repository, each entry tied to the SHA-256 of its file's text.

The payloads are committed under the names the cache has had: the pickle the generator used
to read (build/cache/yaml-<key>.pickle, its name computed the way it was) and today's JSON.
`clausebook check` runs as a real subprocess on the project.
"""

from __future__ import annotations

import ast
import hashlib
import hmac
import json
import os
import pickle
import subprocess
from pathlib import Path

import pytest
import ruamel.yaml

from generator import __version__
from generator.source import load
from tests.conftest import REPO, clausebook, make_project

ANALYSIS = "analyses/acme-cloud/output-ownership.yml"
BAD_TOPIC = "topic: output-ownershiq"  # as long as the right one: same size, same mtime
PAYLOAD = "open({marker!r}, 'w').write('the cache ran code')"


class Exploit:
    """Unpickling this calls exec(PAYLOAD): what a committed pickle could do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (exec, (PAYLOAD.format(marker=str(self.marker)),))


def old_cache_name() -> str:
    """The pickle's name as the generator computed it (loader source, versions)."""
    loader = Path(load.__file__).read_bytes()
    digest = hashlib.sha256(loader + f"{__version__} {ruamel.yaml.__version__}".encode())
    return f"yaml-{digest.hexdigest()[:16]}.pickle"


def check(root: Path, home: Path) -> subprocess.CompletedProcess[str]:
    return clausebook("check", str(root), "--format", "json", env={"XDG_CACHE_HOME": str(home)})


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "project")
    analysis = root / ANALYSIS
    stat = analysis.stat()
    text = analysis.read_text("utf-8").replace("topic: output-ownership", BAD_TOPIC)
    analysis.write_text(text, "utf-8")
    os.utime(analysis, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # as a checkout might
    return root


def lies(root: Path) -> dict[str, object]:
    """What a lying cache says the analysis holds: the right topic, so no problem."""
    data = ruamel.yaml.YAML(typ="safe").load((root / ANALYSIS).read_text("utf-8"))
    data["topic"] = "output-ownership"
    return dict(data)


def commit_old_pickle(root: Path, marker: Path) -> None:
    """The two pickles a pull request could commit: one that runs code, and one that lies
    about the analysis (keyed, as the old cache was, by the file's mtime and size)."""
    stat = (root / ANALYSIS).stat()
    cache = root / "build/cache"
    cache.mkdir(parents=True, exist_ok=True)
    lying = {ANALYSIS: (stat.st_mtime_ns, stat.st_size, lies(root)), "x": Exploit(marker)}
    (cache / old_cache_name()).write_bytes(pickle.dumps(lying))


def commit_json(root: Path, secret: bytes) -> None:
    """Today's format, lying about the analysis with the hash of its real text."""
    from generator.source.cache import FORMAT, _key, cache_entry

    text = (root / ANALYSIS).read_text("utf-8")
    entry = cache_entry(text, lies(root))
    assert entry is not None
    header = json.dumps({"format": FORMAT, "key": _key()})
    body = f"{header}\n{json.dumps(ANALYSIS)}\t{entry[0]}\t{entry[1]}".encode()
    mac = hmac.new(secret, body, hashlib.sha256).hexdigest().encode()
    (root / "build/cache").mkdir(parents=True, exist_ok=True)
    (root / f"build/cache/yaml-{_key()[:16]}.json").write_bytes(mac + b"\n" + body)


def reported(result: subprocess.CompletedProcess[str]) -> list[tuple[str, str]]:
    return [(p["path"], p["rule"]) for p in json.loads(result.stdout)]


@pytest.mark.parametrize("forged_marker", [False, True], ids=["plain", "with-forged-marker"])
@pytest.mark.parametrize("committed", ["old-pickle", "forged-json"])
def test_a_committed_cache_runs_no_code_and_changes_no_result(
    project: Path, tmp_path: Path, forged_marker: bool, committed: str
) -> None:
    home = tmp_path / "home"
    expected = reported(check(project, tmp_path / "elsewhere"))  # no cache in that project yet
    assert (ANALYSIS, "dangling-reference") in expected
    for path in (project / "build").rglob("*"):
        if path.is_file():
            path.unlink()  # the project as a fresh checkout has it: no cache of this machine

    marker = tmp_path / "pwned"
    if committed == "old-pickle":
        commit_old_pickle(project, marker)
    else:
        commit_json(project, b"a key the pull request's author made up" * 2)
    if forged_marker:  # a pull request can commit clausebook's marker too
        (project / "build/.clausebook").write_text("clausebook generated folder, format 1\n")
    result = check(project, home)
    assert not marker.exists(), "the committed pickle ran code"
    assert reported(result) == expected, result.stderr
    assert result.returncode == 1


def test_a_cache_signed_on_another_machine_is_ignored(project: Path, tmp_path: Path) -> None:
    expected = reported(check(project, tmp_path / "machine-a"))
    # A cache that lies, signed with the key of the machine that wrote the first one (the
    # pull request's author's), read on another machine:
    key_a = (tmp_path / "machine-a/clausebook/parse-cache.key").read_bytes()
    commit_json(project, key_a)
    result = check(project, tmp_path / "machine-b")
    assert reported(result) == expected
    assert "not written by clausebook on this machine" in result.stderr


def test_the_cache_is_used_when_this_machine_wrote_it(project: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    first = check(project, home)
    (cache,) = (project / "build/cache").glob("yaml-*.json")
    written = cache.stat().st_mtime_ns
    second = check(project, home)
    assert reported(second) == reported(first)
    assert "parse cache" not in second.stderr
    assert cache.stat().st_mtime_ns == written  # every entry was a hit: nothing to rewrite
    assert not list((project / "build/cache").glob("*.pickle"))


@pytest.mark.parametrize(
    "damage",
    ["truncated", "too-large", "wrong-types", "not-json"],
)
def test_a_damaged_cache_is_ignored_with_one_line(
    project: Path, tmp_path: Path, damage: str
) -> None:
    from generator.source.cache import _secret

    home = tmp_path / "home"
    expected = reported(check(project, home))
    (cache,) = (project / "build/cache").glob("yaml-*.json")
    raw = cache.read_bytes()
    _mac, _, body = raw.partition(b"\n")
    os.environ["XDG_CACHE_HOME"] = str(home)
    try:
        secret = _secret()
    finally:
        del os.environ["XDG_CACHE_HOME"]

    def signed(new_body: bytes) -> bytes:
        return hmac.new(secret, new_body, hashlib.sha256).hexdigest().encode() + b"\n" + new_body

    if damage == "truncated":
        cache.write_bytes(raw[: len(raw) // 2])
    elif damage == "too-large":
        cache.write_bytes(signed(body + b" " * (64 << 20)))
    elif damage == "wrong-types":
        # A path that is not text, and a line of two fields instead of three.
        lines = body.decode().split("\n")
        at = next(i for i, line in enumerate(lines) if line.startswith(json.dumps(ANALYSIS)))
        lines[at] = "123" + lines[at][len(json.dumps(ANALYSIS)) :]
        lines.append("two\tfields")
        cache.write_bytes(signed("\n".join(lines).encode()))
    else:
        cache.write_bytes(signed(b"{not json"))
    result = check(project, home)
    assert reported(result) == expected
    notes = [line for line in result.stderr.splitlines() if "parse cache" in line]
    assert len(notes) == 1 and "ignoring parse cache" in notes[0], result.stderr


def test_the_generator_never_imports_pickle() -> None:
    for path in sorted((REPO / "generator").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            assert not any(n.split(".")[0] in ("pickle", "marshal", "shelve") for n in names), path
