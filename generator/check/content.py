"""Rules content-file, content-front-matter, content-html: the hand-written pages in content/.

content/ holds Markdown pages that MkDocs publishes beside the generated ones (about,
methodology, disclaimer, contributing) and the home page's introduction (index.md). A pull
request can change them like an analysis, so they get the same guarantee: authored text never
injects HTML or script. content/ may hold:

- only `.md` pages, UTF-8, at most `load.MAX_FILE_BYTES` (files whose name starts with "." are
  neither read nor published); no other file is published, so no other file is allowed:

      content/evil.html        # error[content-file] only Markdown pages (.md) belong in content/

- front matter (YAML between `---` lines, or MkDocs' `Key: value` lines at the top) with only
  `title` and `description`, each one line of plain text (no `<`, `>`, `&` or `"`: Material
  writes both into the page head unescaped):

      title: "</title><script>alert(1)</script>"   # error[content-front-matter]

- Markdown that, converted with the extensions MkDocs uses (mkdocs.yml's markdown_extensions),
  gives only the tags, attributes and link schemes allowed below: no raw HTML or HTML comment,
  no `markdown="1"` block, no attribute list (`{: … }`) that adds an event handler, a style or
  any attribute but an id or a class, no images, links only http(s), mailto or relative; and no
  `<` or `>` in a heading's text once decoded (Material decodes a page title into <title>):

      [docs](javascript:alert(1))   # error[content-html] link to 'javascript:' …

Each problem is reported at the line and column of what caused it in the file.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import markdown
from mkdocs.utils import meta

from generator.check.allowed_html import ALLOWED, HtmlTags, cause, fits, hint
from generator.check.registry import CONTENT_FILE, CONTENT_FRONT_MATTER, CONTENT_HTML, Rule
from generator.problems import Problem
from generator.project import Layout
from generator.source.load import read_markdown

FRONT_KEYS = ("title", "description")
MAX_FRONT_TEXT = 300
_ENTITY = re.compile(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z0-9]+);")
_FENCE = re.compile(r'<pre(?: class="[\w -]*")?><code(?: class="[\w+ -]*")?>[^<>]*</code></pre>')
HINT_HTML = "write it in Markdown; content/ pages may not hold HTML (CONTRIBUTING.md)"


def check(layout: Layout, files: list[Path] | None = None) -> list[Problem]:
    """`files`: content/'s regular files whose names the layout rules accepted (links and
    unportable names are their problems, reported once); by default, as `discover` finds them."""
    if files is None:
        from generator.check.layout import discover  # layout's own rules are not run here

        files = discover(layout).content
    if not files:
        return []
    extensions, configs = _extensions(layout.root / "mkdocs.yml")
    problems: list[Problem] = []
    for path in sorted(files):
        rel = layout.rel(path)
        parts = path.relative_to(layout.content).parts
        if any(p.startswith(".") for p in parts):
            continue  # hidden: not published
        if path.suffix != ".md":
            problems.append(
                Problem(
                    rel,
                    1,
                    1,
                    CONTENT_FILE,
                    f"'{rel}' is not a Markdown page: only .md pages belong in content/",
                    "delete it: content/ may hold .md pages only, nothing else is published",
                )
            )
            continue
        text, read_problems = read_markdown(path, rel)
        problems.extend(read_problems)
        if text is not None:
            page = _Page(rel, text, intro=parts == ("index.md",))
            problems.extend(page.check(extensions, configs))
    return problems


def _extensions(config_file: Path) -> tuple[list[Any], dict[str, Any]]:
    """mkdocs.yml's Markdown extensions and their settings, with MkDocs' own builtins, read
    by MkDocs' own reader and option (its whole config would load the theme and plugins)."""
    from mkdocs.config.config_options import MarkdownExtensions
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.utils.yaml import yaml_load

    builtins = list(MkDocsConfig.markdown_extensions.builtins)  # type: ignore[attr-defined]
    option = MarkdownExtensions(builtins=builtins, configkey="mdx_configs")
    try:
        with config_file.open("rb") as stream:
            raw = yaml_load(stream) or {}
        extensions = option.validate(raw.get("markdown_extensions") or [])  # type: ignore[no-untyped-call]
        return list(extensions), option.configdata
    except Exception:  # `build` reports a bad mkdocs.yml; the pages are still checked
        return ["attr_list", "md_in_html", *builtins], {}


class _Page:
    def __init__(self, rel: str, text: str, intro: bool) -> None:
        self.rel = rel
        self.text = text.replace("\r\n", "\n").replace("\r", "\n")  # as MkDocs reads it
        self.intro = intro
        self.problems: list[Problem] = []
        self.start = 0  # where the Markdown starts, after the front matter
        # pattern → where its next search starts: the same cause twice is found twice
        self.cursors: dict[str, int] = {}
        self.seen: set[tuple[int, int]] = set()

    def check(self, extensions: list[Any], configs: dict[str, Any]) -> list[Problem]:
        body = self.text
        if not self.intro:  # the intro is set inside the home page: no front matter of its own
            body, data = meta.get_data(self.text)
            self._front_matter(data)
        self.start = len(self.text) - len(body)
        md = markdown.Markdown(extensions=extensions, extension_configs=configs)
        converted = md.convert(body)
        for item in md.htmlStash.rawHtmlBlocks:
            raw = item if isinstance(item, str) else ""
            if _ENTITY.fullmatch(raw) or _FENCE.fullmatch(raw.strip()):
                continue  # an entity (&amp;) or a fenced code block, both stashed as HTML
            first = raw.strip().split("\n")[0][:40]
            self._report(
                re.escape(first) if first else r"<\w+[^>]*markdown",
                CONTENT_HTML,
                f"raw HTML is not allowed in content/: '{first or 'markdown=1 block'}'",
                HINT_HTML,
            )
        tags = HtmlTags()
        tags.feed(converted)
        tags.close()
        for other in tags.others:
            self._report(
                re.escape(other), CONTENT_HTML, f"'{other}' is not allowed in content/", HINT_HTML
            )
        for i, (tag, attrs) in enumerate(tags.found):
            self._tag(tag, attrs, tags.text.get(i))
        return self.problems

    def _position(self, patterns: tuple[str, ...]) -> tuple[int, int]:
        """The 1-based line and column of the next match of the first of `patterns` that
        matches (of its group 1, if it has one); the Markdown's start if none does."""
        offset = self.start
        for pattern in patterns:
            found = re.compile(pattern, re.M).search(self.text, self.cursors.get(pattern, 0))
            if found is not None:
                offset = found.start(1) if found.re.groups else found.start()
                self.cursors[pattern] = found.end()
                break
        line = self.text.count("\n", 0, offset) + 1
        return line, offset - (self.text.rfind("\n", 0, offset) + 1) + 1

    def _report(self, where: str | tuple[str, ...], rule: Rule, message: str, hint: str) -> None:
        line, col = self._position(where if isinstance(where, tuple) else (where,))
        if (line, col) in self.seen:
            return  # one cause, one problem: raw HTML is also a tag that is not allowed
        self.seen.add((line, col))
        self.problems.append(Problem(self.rel, line, col, rule, message, hint))

    def _front_matter(self, data: dict[str, Any]) -> None:
        for key, value in data.items():
            where = rf"^[ ]{{0,3}}({re.escape(str(key))})\s*:"
            if key not in FRONT_KEYS:
                self._report(
                    where,
                    CONTENT_FRONT_MATTER,
                    f"front matter key '{key}' is not allowed in content/",
                    "use only title and description; to MkDocs a 'Key: value' line at the very "
                    "top of a page is front matter too: start the page with its # heading",
                )
            elif not isinstance(value, str) or not _plain(value):
                self._report(
                    where,
                    CONTENT_FRONT_MATTER,
                    f"front matter '{key}' must be one line of plain text, at most "
                    f'{MAX_FRONT_TEXT} characters, without <, >, & or "',
                    "write plain words: 'and' for '&', no HTML",
                )

    def _tag(self, tag: str, attrs: list[tuple[str, str]], text: str | None) -> None:
        allowed = ALLOWED.get(tag)
        if allowed is None:
            image = tag == "img"
            self._report(
                r"!\[" if image else rf"<{tag}\b",
                CONTENT_HTML,
                "an image is not allowed in content/: nothing but pages is published from it"
                if image
                else f"<{tag}> is not allowed in content/",
                "link to the image instead" if image else HINT_HTML,
            )
            return
        for name, value in attrs:
            if name not in allowed and name != "class":  # a class: any tag, checked below
                self._report(
                    (
                        rf"\{{[^}}\n]*?(?<![\w-])({re.escape(name)})\b",
                        rf"(?<![\w-])({re.escape(name)})=",
                    ),
                    CONTENT_HTML,
                    f"attribute '{name}' is not allowed on <{tag}> in content/",
                    "remove it from the attribute list ({: … }): only ids and classes may be "
                    "set there",
                )
            elif not fits(name, value):
                self._report(
                    cause(name, value),
                    CONTENT_HTML,
                    f"{name}='{value}' is not allowed on <{tag}> in content/",
                    hint(name),
                )
        if text is not None and ("<" in text or ">" in text):
            self._report(
                r"^(#+)\s",
                CONTENT_HTML,
                "a heading may not contain '<' or '>' (the page title would carry them into "
                "the page head)",
                "write the words without angle brackets",
            )


def _plain(value: str) -> bool:
    return len(value) <= MAX_FRONT_TEXT and not re.search(r'[<>&"\x00-\x1f\x7f]', value)
