"""Scale machinery as behaviour: the synthetic benchmark corpus, the parse cache, the fast path
of authored-text conversion, serve's partial re-render, page compaction, index parts and the
terminal progress line. Timings live in tests/bench/, never here."""

from __future__ import annotations

import io
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.check import load_corpus
from generator.cli import main
from generator.model.index import build_index
from generator.pipeline import generate
from generator.postbuild.minify import Icons, compact_html
from generator.postbuild.search import plan
from generator.progress import Progress
from generator.project import Layout
from generator.site import incremental, markup
from generator.source.cache import MEMOS, ParseCache
from tests.conftest import make_project

sys.path.insert(0, str(Path(__file__).parent / "bench"))
import synth

REPO = Path(__file__).resolve().parents[1]


def _age(root: Path, seconds: int = 3600) -> None:
    """Make every file look settled (older than the racy window of the caches)."""
    past = time.time() - seconds
    for path in root.rglob("*"):
        os.utime(path, (past, past))


def test_synthetic_corpus_is_valid_and_realistic(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    root = synth.generate(20, tmp_path / "bench")
    assert main(["check", str(root)]) == 0
    assert "no problems" in capsys.readouterr().err
    sizes = [p.stat().st_size for p in root.glob("analyses/*/*.yml") if p.name != "platform.yml"]
    assert len(sizes) == 20
    corpus, _ = load_corpus(root)
    assert all(a.model.faq and a.model.history and a.model.jurisdictions for a in corpus.analyses)
    again = synth.generate(20, tmp_path / "again")
    for path in root.glob("analyses/**/*.yml"):
        assert path.read_bytes() == (again / path.relative_to(root)).read_bytes()


PROSE = (
    "file",
    "title",
    "answer.reason",
    "summary",
    "impact",
    "excerpt.text",
    "regulatory_landscape",
    "exposure.rationale",
    "jurisdictions[].note",
    "contract_implications",
    "compliance_considerations[]",
    "citations[].label",
    "enforcement_risk",
    "history[].summary",
    "faq[].question",
    "faq[].answer",
)
LISTS = ("jurisdictions", "compliance_considerations", "citations", "history", "faq", "related")


def _p90(values: list[int]) -> float:
    return statistics.quantiles(values, n=10)[-1]


def test_synthetic_field_lengths_match_the_shipped_corpus(tmp_path: Path) -> None:
    """The benchmark corpus is only evidence if it looks like the real one: per field, the
    median and 90th percentile of the synthetic lengths are within 15 % of the shipped
    analyses' (lists: within one item)."""
    real = synth.field_lengths(REPO / "analyses")
    fake = synth.field_lengths(synth.generate(400, tmp_path / "bench") / "analyses")
    off = []
    for field in PROSE:
        for stat in (statistics.median, _p90):
            want, got = stat(real[field]), stat(fake[field])
            if abs(got - want) > 0.15 * want:
                off.append(f"{field} {stat.__name__}: shipped {want:.0f}, synthetic {got:.0f}")
    for field in (f"{name}[#]" for name in LISTS):
        for stat in (statistics.median, _p90):
            want, got = stat(real[field]), stat(fake[field])
            if abs(got - want) > 1:
                off.append(f"{field} {stat.__name__}: shipped {want:.0f}, synthetic {got:.0f}")
    assert not off, "\n".join(off)
    assert len(real["file"]) >= 50  # the shipped corpus is large enough to compare with


def _cache(root: Path) -> ParseCache:
    return ParseCache(Layout(root), 100, 1 << 20)


def test_parse_cache_reuses_unchanged_files_and_sees_edits(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    assert load_corpus(root)[1] == []
    cache = _cache(root)
    analysis = root / "analyses/acme-cloud/output-ownership.yml"
    assert cache.get("analyses/acme-cloud/output-ownership.yml", analysis) is not None
    # An edit is seen at once, whatever the file's time and size; a problem in a cached file
    # still gets its line and column.
    stat = analysis.stat()
    text = analysis.read_text(encoding="utf-8").replace(
        "topic: output-ownership", "topic: output-ownershiq"
    )
    analysis.write_text(text, encoding="utf-8")
    os.utime(analysis, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert analysis.stat().st_size == stat.st_size
    assert _cache(root).get("analyses/acme-cloud/output-ownership.yml", analysis) is None
    # acme-cloud/customer-data-training.yml is unchanged (a cache hit) but its `related:` now
    # points nowhere: the problem is still located.
    (root / "analyses/globex-ai/training-on-prompts.yml").unlink()
    problems = [p.text() for p in load_corpus(root)[1]]
    assert any(
        t.startswith("analyses/acme-cloud/output-ownership.yml:3:8: error[dangling-reference]")
        for t in problems
    ), problems
    assert any(
        t.startswith(
            "analyses/acme-cloud/customer-data-training.yml:38:11: error[dangling-reference]"
        )
        for t in problems
    ), problems


def test_unreadable_parse_cache_is_rebuilt(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    root = make_project(tmp_path / "project")
    load_corpus(root)
    (cache_file,) = (root / "build/cache").glob("yaml-*.json")
    cache_file.write_bytes(b"not a cache")
    assert load_corpus(root)[1] == []
    err = capsys.readouterr().err
    assert f"ignoring parse cache {cache_file}: not written by clausebook on this machine" in err
    topics = root / "analyses/topics.yml"
    assert _cache(root).get("analyses/topics.yml", topics) is not None


@settings(max_examples=1500, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("ab -+1.)\n\t *_`[]<>!#&\\:'\"=\u2028\x85\r")), max_size=40
    )
)
def test_plain_text_fast_path_matches_markdown(text: str) -> None:
    assert markup.block.__wrapped__(text) == _via_markdown(text)


def test_fast_path_matches_markdown_on_fixture_texts(tmp_path: Path) -> None:
    corpus, _ = load_corpus(make_project(tmp_path / "project"))
    texts = [
        v for a in corpus.analyses for v in a.model.model_dump().values() if isinstance(v, str)
    ]
    texts += [
        "One paragraph.\n\nAnother, with (parentheses); and a semi-colon.",
        "Line one\nline two",
        "3 of 4 platforms",
        "- a list\n- of two",
    ]
    for text in texts:
        assert markup.block.__wrapped__(text) == _via_markdown(text), text


def _via_markdown(text: str) -> str:
    md = markup._converter()
    md.reset()
    html = md.convert(markup._CONTROL.sub("\ufffd", text))
    return "\n".join(line for line in html.splitlines() if line.strip())


def test_serve_rerenders_only_pages_showing_an_edited_analysis(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    _age(root)
    first = generate(root, serve=True)
    clause = root / "analyses/acme-cloud/customer-data-training.yml"
    clause.write_text(
        clause.read_text(encoding="utf-8").replace(
            "in a short *fictional* summary", "in an edited summary"
        ),
        encoding="utf-8",
    )
    corpus, _ = load_corpus(root, memo=True)
    assert first.shown is not None
    wanted = incremental.changed_pages(
        first.index, build_index(corpus, drafts=True), same_setup=True, last=first.shown
    )
    assert wanted is not None
    from generator.site.pages import all_pages

    index = build_index(corpus, drafts=True)  # serve shows drafts
    chosen = {p.path for p in all_pages(index, first.setup[0]) if wanted(p)}
    assert "platforms/acme-cloud/customer-data-training/index.md" in chosen
    assert "platforms/globex-ai/training-on-prompts/index.md" in chosen  # lists it among others
    assert "platforms/acme-cloud/output-ownership/index.md" not in chosen
    assert "topics/customer-data-training.md" in chosen and "platforms/acme-cloud.md" not in chosen
    assert "platforms/acme-cloud/index.md" in chosen and "jurisdictions/eu.md" in chosen
    assert "changes/index.md" not in chosen  # the history was not edited
    assert "compare/index.md" not in chosen  # it shows titles and ratings only
    second = generate(root, previous=first, serve=True)
    assert {w for w in second.render.written if w.endswith(".md")} <= chosen
    # The JSON API and feeds of the other platforms are reused, not exported again.
    assert first.exported is not None and second.exported is not None
    for path in ("api/v1/platforms/globex-ai.json", "platforms/globex-ai/feed.xml"):
        assert second.exported.files[path] is first.exported.files[path]
    edited = "api/v1/platforms/acme-cloud.json"
    assert second.exported.files[edited] != first.exported.files[edited]
    # The partial render leaves build/docs exactly as a full render from scratch does.
    fresh = make_project(tmp_path / "fresh")
    shutil.copy(clause, fresh / "analyses/acme-cloud/customer-data-training.yml")
    generate(fresh, serve=True)
    assert _tree(root / "build/docs") == _tree(fresh / "build/docs")
    MEMOS.clear()


def test_serve_renders_everything_when_what_pages_list_changes(tmp_path: Path) -> None:
    root = make_project(tmp_path / "project")
    first = generate(root, serve=True)
    clause = root / "analyses/acme-cloud/customer-data-training.yml"
    clause.write_text(
        clause.read_text(encoding="utf-8")
        .replace("reviewed: 2026-01-10", "reviewed: 2026-01-11")
        .replace("title: Customer content and model training", "title: Renamed"),
        encoding="utf-8",
    )
    corpus, _ = load_corpus(root, memo=True)
    assert first.shown is not None
    assert incremental.changed_pages(first.index, build_index(corpus), True, first.shown) is None
    assert incremental.changed_pages(first.index, first.index, False, first.shown) is None
    MEMOS.clear()


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_compact_html_keeps_what_whitespace_means() -> None:
    page = (
        "<div>\n    <p>a\n\n      b</p>\n  <pre><code>x\n    y</code></pre>\n"
        "  <script>\n  var s = `\n  t`;</script>\n  <textarea>\n  k</textarea>\n"
        "  <span>c</span>\n  <a>d</a>\n</div>"
    )
    assert compact_html(page) == (
        "<div><p>a\nb</p>\n<pre><code>x\n    y</code></pre>\n"
        "<script>\n  var s = `\n  t`;</script>\n<textarea>\n  k"
        "</textarea>\n<span>c</span>\n<a>d</a></div>"
    )


def test_compact_html_drops_the_navigations_title_spans_not_the_headers() -> None:
    page = (
        '<div class="md-header__topic">\n<span class="md-ellipsis">\nSite\n</span></div>'
        '<li class="md-nav__item">\n<a href="../x/" class="md-nav__link">\n'
        '<span class="md-ellipsis">\nX &amp; Y\n</span>\n</a></li>'
        '<label class="md-nav__link" for="__nav_8" id="__nav_8_label" tabindex="0">\n'
        '<span class="md-ellipsis">\nAbout\n</span>\n<span class="md-nav__icon md-icon"></span>'
        "\n</label>"
    )
    assert compact_html(page) == (
        '<div class="md-header__topic">\n<span class="md-ellipsis">\nSite\n</span></div>'
        '<li class="md-nav__item">\n<a href="../x/" class="md-nav__link">X &amp; Y</a></li>'
        '<label class="md-nav__link" for="__nav_8" id="__nav_8_label" tabindex="0">About'
        '<span class="md-nav__icon md-icon"></span>\n</label>'
    )


def test_compact_html_writes_harmless_references_as_characters() -> None:
    page = "<p>third&#45;party&#58; &#40;a&#41; &#60;b&#62; &#38; &#34; &#123;&#123;</p>"
    page += '<a href="https&#58;//x.example/a&#45;b">x</a><script>"&#45;"</script>'
    assert compact_html(page) == (
        "<p>third-party: (a) &#60;b&#62; &#38; &#34; &#123;&#123;</p>"
        '<a href="https://x.example/a-b">x</a><script>"&#45;"</script>'
    )


def test_theme_icons_move_to_the_sprite_and_charts_stay() -> None:
    icon = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M3 6h18"/></svg>'
    chart = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 9 9">'
        '<rect width="1"/><path d="M0 0"/></svg>'
    )
    icons = Icons()
    out = icons.link(f"<a>{icon}</a>{chart}<b>{icon}</b>", "/s/icons.svg")
    (key,) = icons.symbols
    use = f'<svg viewBox="0 0 24 24"><use xlink:href="/s/icons.svg#{key}"/></svg>'
    assert out == f"<a>{use}</a>{chart}<b>{use}</b>"
    assert icons.sprite() == (
        '<svg xmlns="http://www.w3.org/2000/svg">'
        f'<symbol id="{key}" viewBox="0 0 24 24"><path d="M3 6h18"/></symbol></svg>\n'
    )


def test_icons_named_for_a_script_are_in_the_sprite_as_on_a_page() -> None:
    back = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M20 11v2"/></svg>'
    wide = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 384 512"><path d="M3 6"/></svg>'
    icons = Icons()
    on_page = icons.link(f"<a>{back}</a>", "/s/icons.svg")
    refs = icons.refs(f"{back}\n  {wide}")
    back_key, wide_key = sorted(icons.symbols, key=refs.index)
    assert refs == f"0 0 24 24#{back_key},0 0 384 512#{wide_key}"
    assert f"/s/icons.svg#{back_key}" in on_page  # the same id as on a page
    assert icons.symbols[wide_key] == ("0 0 384 512", '<path d="M3 6"/>')
    # An icon the sprite cannot hold (not one path), or anything else, is refused.
    two_paths = back.replace("</svg>", '<path d="M1 1"/></svg>')
    for wrong in ("", two_paths, f"{back}<b>x</b>"):
        with pytest.raises(ValueError):
            icons.refs(wrong)


def test_search_parts_keep_folders_whole() -> None:
    pages = ["index.html", "about/index.html", "platforms/index.html"]
    pages += [f"platforms/p{i}/{c}/index.html" for i in range(5) for c in "abc"]
    pages += [f"platforms/p{i}/index.html" for i in range(5)]
    parts = plan(sorted(pages), part_pages=7)
    assert sorted(p for _, members in parts for p in members) == sorted(pages)
    for globs, members in parts:
        assert len(members) <= 7
        for glob in globs:
            if glob.startswith("platforms/p"):
                assert {p for p in pages if p.startswith(glob[: -len("**/*.html")])} <= members


def test_progress_only_on_a_terminal() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    shown, hidden = Tty(), io.StringIO()
    for stream in (shown, hidden):
        progress = Progress("Rendering pages", 1000, stream)
        for _ in range(1000):
            progress.step()
        progress.finish()
    assert shown.getvalue().endswith("Rendering pages: 1,000/1,000 done\n")
    assert hidden.getvalue() == ""
    small = Tty()
    Progress("Rendering pages", 10, small).step()
    assert small.getvalue() == ""


@pytest.mark.parametrize(
    ("rule", "written", "in_topics"),
    [
        ("link-scheme", "See [the terms](ftp://example.com/).", False),
        # bidi-control is per-file too, and also looks at the taxonomies
        ("bidi-control", "Record the \u202etraining setting in the vendor file.", True),
    ],
)
def test_serve_memo_keeps_findings_of_unchanged_files(
    tmp_path: Path, rule: str, written: str, in_topics: bool
) -> None:
    """A per-file rule runs on the edited files only: the warning of an unchanged analysis
    (and of an unchanged topics.yml) survives rebuilds that re-check only other files, once
    each time, and goes when that file is fixed."""
    root = make_project(tmp_path / "project")
    warned = root / "analyses/acme-cloud/output-ownership.yml"
    topics = root / "analyses/topics.yml"
    original = warned.read_text(encoding="utf-8")
    warned.write_text(
        original.replace(
            "contract_implications: Record the training setting in the vendor file.",
            f"contract_implications: {written}",
        ),
        encoding="utf-8",
    )
    if in_topics:
        topics.write_text(
            topics.read_text(encoding="utf-8").replace(
                "title: Ownership of outputs", "title: Ownership of \u202eoutputs"
            ),
            encoding="utf-8",
        )
    _age(root)

    def warnings() -> list[tuple[str, str]]:
        return sorted((p.path, p.rule) for p in load_corpus(root, memo=True)[1])

    expected = [("analyses/acme-cloud/output-ownership.yml", rule)]
    expected += [("analyses/topics.yml", rule)] if in_topics else []
    assert warnings() == expected
    other = root / "analyses/globex-ai/outputs.yml"
    other.write_text(other.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert warnings() == expected
    assert warnings() == expected
    warned.write_text(original, encoding="utf-8")
    assert warnings() == expected[1:]
    MEMOS.clear()


def test_clause_pages_show_the_five_analyses_that_follow(tmp_path: Path) -> None:
    from collections import Counter

    from generator.settings import Settings
    from generator.site.pages import clauses

    root = make_project(tmp_path / "project")
    for n in range(8):  # nine platforms with an analysis on the same topic
        shutil.copytree(root / "analyses/acme-cloud", root / f"analyses/copy-{n}")
    index = build_index(load_corpus(root)[0])
    pages = [
        p
        for p in clauses.pages(index, Settings())
        if p.context["clause"].topic.id == "customer-data-training"
    ]
    shown = Counter(o.key for p in pages for o in p.context["others"])
    for p in pages:
        mine = p.context["clause"]
        assert len(p.context["others"]) == 5 and p.context["others_total"] == len(pages) - 1
        assert all(o.platform.id != mine.platform.id for o in p.context["others"])
    assert set(shown.values()) == {5}  # each analysis is listed on five pages, not on all


def test_a_serve_rebuild_after_a_text_edit_exports_what_a_fresh_export_would(
    tmp_path: Path,
) -> None:
    """After an edit of an analysis's text, serve keeps unchanged platforms' API documents and
    feeds and the whole of Compare (CSV and JSON) from the last export: every file must be
    what exporting the new index from nothing gives."""
    from generator.export import export

    root = make_project(tmp_path / "project")
    _age(root)
    first = generate(root, serve=True)
    edited = root / "analyses/acme-cloud/output-ownership.yml"
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("summary: ", "summary: Edited. ", 1), encoding="utf-8")
    second = generate(root, previous=first, serve=True)
    assert second.partial  # the short path: an edit of text only
    assert second.exported is not None
    fresh = export(second.index, second.settings)
    assert second.exported.files == fresh
    MEMOS.clear()


def test_the_benchmark_sizes_each_part_of_a_site_and_its_pages_tar(tmp_path: Path) -> None:
    import measure
    import report

    site = tmp_path / "site"
    files = {
        "platforms/acme/training/index.html": "analysis pages",
        "platforms/acme/index.html": "platform pages",
        "platforms/index.html": "platform pages",
        "platforms/acme/documents/terms/index.html": "source documents",
        "platforms/acme/documents/terms/2026-01-10/index.html": "source documents",
        "platforms/acme/feed.xml": "feeds",
        "feed-documents.xml": "feeds",
        "api/v1/platforms/acme.json": "JSON API",
        "api/index.html": "everything else",
        "pagefind/part-1/index/en_1.pf_index": "search index",
        "topics/training/index.html": "listings",
        "compare/index.html": "listings",
        "assets/clausebook/search.js": "everything else",
        "index.html": "everything else",
    }
    for i, (rel, part) in enumerate(files.items()):
        assert measure.site_part(rel) == part, rel
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_bytes(b"x" * (i + 1))
    (site / "platforms/acme/documents/terms" / ("long-" * 30)).mkdir()  # a GNU long name
    parts, tar = measure.site_parts(site)
    assert sum(parts.values()) == measure.du(site)
    # What upload-pages-artifact runs; GitHub compares the tar's size with its 1 GB.
    subprocess.run(["tar", "-cf", str(tmp_path / "site.tar"), "-C", str(site), "."], check=True)
    assert tar == (tmp_path / "site.tar").stat().st_size
    assert parts["search index"] == measure.du(site / "pagefind")  # run.py's pagefind_bytes
    assert parts["platform pages"] == 2 + 3
    table = report.site_parts({"size": 2, "site_parts": parts})
    assert f"| all | 0.0 | {measure.du(site) / 2 / 1024:.2f} | 100% |" in table
