"""Answers at a glance (issue 16), in headless Debian chromium on the repository's own corpus
(real analyses with answers, built once with the real pipeline and MkDocs, served on loopback):

- at 390x844 and 1366x900, no page kind is wider than the screen, and nothing in the article
  sticks out past its right edge (except inside a region that scrolls on its own: Compare's);
  screenshots of every page kind at both sizes go to test-artifacts/answers/;
- a clause page shows its answer in the first screen;
- the verbatim excerpt has a contrast of at least 4.5:1 in both palettes, and its label;
- axe: no serious or critical violation on every page kind, both palettes, both sizes;
- a reader finds "which platforms may train on our data" from the home page in at most three
  interactions, at both sizes;
- no page load requests Pagefind, or anything that is not there; search results name the
  platform, topic, answer and rating;
- Compare sorts from the heading itself with targets of at least 24x24 px, and shows one topic
  at a time on request.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page

from tests.browser.chromium import PAGE_KINDS, build_served, new_context
from tests.conftest import REPO
from tests.test_contrast import contrast

pytestmark = pytest.mark.browser

SIZES = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 900}}
SCHEMES = {"light": "default", "dark": "slate"}
CLAUSE = PAGE_KINDS["clause"]
KINDS = {**PAGE_KINDS, "methodology": "methodology/", "not-found": "404.html"}

# Every element of the article whose right edge is past the viewport's, outside a region that
# scrolls sideways on its own, and not visually hidden (1 px wide, or in a clipped box).
STICKING_OUT = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.querySelectorAll("article *")) {
    const box = el.getBoundingClientRect();
    if (box.width <= 1 || box.right <= width + 0.5) continue;
    let scroller = el, inside = false;
    while (scroller && scroller !== document.body) {
      const style = getComputedStyle(scroller);
      const o = style.overflowX;
      if (scroller !== el && (o === "auto" || o === "scroll")) { inside = true; break; }
      if (style.clip !== "auto" && style.position === "absolute") { inside = true; break; }
      scroller = scroller.parentElement;
    }
    if (!inside) out.push(el.tagName + "." + el.className + " " + Math.round(box.right));
  }
  return out.slice(0, 5);
}"""

# The colour of an element's text and the colour it sits on: the first ancestor background
# that is not transparent (the page's otherwise).
COLOURS = """(el) => {
  let bg = "rgba(0, 0, 0, 0)", at = el;
  while (at && /rgba\\(.*, 0\\)$/.test(bg)) {
    bg = getComputedStyle(at).backgroundColor;
    at = at.parentElement;
  }
  if (/rgba\\(.*, 0\\)$/.test(bg)) bg = getComputedStyle(document.body).backgroundColor;
  return [getComputedStyle(el).color, bg];
}"""


def _rgba(css: str) -> tuple[float, float, float, float]:
    numbers = [float(n) for n in re.findall(r"[\d.]+", css)]
    return (*numbers[:3], numbers[3] if len(numbers) > 3 else 1.0)  # type: ignore[return-value]


def _hex(fg: str, bg: str) -> tuple[str, str]:
    """Both colours as #rrggbb, the text's alpha composited over the background."""
    r, g, b, a = _rgba(fg)
    br, bgg, bb, _ = _rgba(bg)
    mixed = [round(a * x + (1 - a) * y) for x, y in ((r, br), (g, bgg), (b, bb))]
    text = "#" + "".join(f"{c:02x}" for c in mixed)
    return text, "#" + "".join(f"{round(c):02x}" for c in (br, bgg, bb))


@pytest.fixture(scope="module")
def corpus_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("answers") / "project"
    root.mkdir()
    for folder in ("analyses", "content", "site_templates"):
        shutil.copytree(REPO / folder, root / folder, ignore=shutil.ignore_patterns("build"))
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    with build_served(root) as url:
        yield url


@pytest.fixture(scope="module")
def folder() -> Path:
    out = REPO / "test-artifacts" / "answers"
    out.mkdir(parents=True, exist_ok=True)
    return out


def _open(browser: Browser, size: str, palette: str = "light") -> Page:
    context = new_context(browser, viewport=SIZES[size], color_scheme=palette)
    page = context.new_page()
    page.on("pageerror", lambda exc: pytest.fail(f"JavaScript error: {exc}"))
    return page


@pytest.mark.parametrize("size", sorted(SIZES))
def test_every_page_kind_fits_the_screen(
    browser: Browser, corpus_url: str, folder: Path, size: str
) -> None:
    page = _open(browser, size)
    failed: list[tuple[str, int]] = []
    page.on("response", lambda r: r.status >= 400 and failed.append((r.url, r.status)))
    for kind, url in KINDS.items():
        page.goto(corpus_url + url, wait_until="networkidle")
        assert page.locator("article h1").first.is_visible(), kind
        wider = page.evaluate("document.documentElement.scrollWidth - innerWidth")
        assert wider <= 0, f"{kind} is {wider}px wider than the {size} screen"
        assert page.evaluate(STICKING_OUT) == [], kind
        page.screenshot(path=str(folder / f"{kind}-{size}.png"), full_page=True)
    # No page asked for a file that is not there (the sitemap beside each feed link, before).
    assert failed == [], failed
    page.context.close()


@pytest.mark.parametrize("size", sorted(SIZES))
def test_the_answer_is_in_the_first_screen_of_a_clause_page(
    browser: Browser, corpus_url: str, size: str
) -> None:
    page = _open(browser, size)
    page.goto(corpus_url + CLAUSE)
    for part in (".cb-answer__question", ".cb-answer__label", ".cb-answer__reason"):
        box = page.locator(part).bounding_box()
        assert box is not None and box["y"] + box["height"] <= SIZES[size]["height"], (part, box)
    assert page.locator(".cb-answer__label").inner_text() == "Only if you opt in"
    assert page.locator(".cb-answer .cb-badge").inner_text().strip().endswith("Low")
    assert "Low on this topic means:" in page.locator(".cb-answer__legend").inner_text()
    report = page.locator(".cb-answer a.cb-report")
    assert report.get_attribute("href").startswith(  # mkdocs.yml repo_url, prefilled
        "https://github.com/clausebook/clausebook/issues/new?template=report-error.yml"
    )
    if size == "phone":  # Material shows no table of contents there: ours is
        assert page.locator(".cb-toc").is_visible()
        targets = page.locator(".cb-toc a").evaluate_all(
            # Material makes every href absolute: the hash names the heading.
            "as => as.map(a => [a.textContent, !!document.getElementById("
            "new URL(a.href).hash.slice(1))])"
        )
        assert len(targets) >= 10 and all(found for _, found in targets), targets
    else:
        assert page.locator(".cb-toc").is_hidden()
        assert page.locator(".md-sidebar--primary").is_hidden()  # no empty left sidebar
    page.context.close()


@pytest.mark.parametrize("palette", sorted(SCHEMES))
def test_the_excerpt_is_at_full_contrast_and_labelled(
    browser: Browser, corpus_url: str, palette: str
) -> None:
    page = _open(browser, "desktop", palette)
    page.goto(corpus_url + CLAUSE)
    assert page.get_attribute("body", "data-md-color-scheme") == SCHEMES[palette]
    for part in (".cb-excerpt__text p", ".cb-excerpt__label"):
        fg, bg = _hex(*page.locator(part).first.evaluate(COLOURS))
        assert contrast(fg, bg) >= 4.5, (palette, part, fg, bg, contrast(fg, bg))
    assert page.locator(".cb-excerpt__label").inner_text().strip().lower() == "verbatim"
    assert page.locator(".cb-excerpt__text").evaluate("e => getComputedStyle(e).fontStyle") == (
        "normal"
    )
    # Headings heavier than the body, the H1 at full colour.
    h1 = page.locator("article h1").evaluate(
        "e => [getComputedStyle(e).fontWeight, getComputedStyle(e).color]"
    )
    body = page.locator("article p").first.evaluate("e => getComputedStyle(e).fontWeight")
    assert int(h1[0]) > int(body), (h1, body)
    page.context.close()


@pytest.mark.parametrize("size", sorted(SIZES))
@pytest.mark.parametrize("palette", sorted(SCHEMES))
def test_axe_finds_nothing_serious_on_any_page_kind(
    browser: Browser, corpus_url: str, palette: str, size: str
) -> None:
    page = _open(browser, size, palette)
    axe = Axe()
    blocking = []
    for kind, url in KINDS.items():
        page.goto(corpus_url + url)
        blocking += [
            (kind, v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in axe.run(page).response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
    assert not blocking, blocking
    page.context.close()


@pytest.mark.parametrize("size", sorted(SIZES))
def test_who_may_train_on_our_data_in_three_interactions(
    browser: Browser, corpus_url: str, size: str
) -> None:
    page = _open(browser, size)
    page.goto(corpus_url)
    interactions = 0
    page.get_by_role("link", name="May the provider train its models on our data?").click()
    interactions += 1
    page.wait_for_url("**/topics/customer-data-training/")
    # Instant navigation swaps the content after the address changes.
    page.locator("article h1", has_text="Use of customer data for model training").wait_for()
    assert interactions <= 3
    # Every analysed platform's answer is on the screen's page, and the gaps say what they are.
    table = page.locator(".cb-listing table").first
    assert table.is_visible()
    answers = table.locator("tbody tr td:nth-child(3)").all_inner_texts()
    assert len(answers) >= 5 and set(answers) <= {
        "No",
        "Only if you opt in",
        "Yes, unless you opt out",
        "Yes",
    }, answers
    assert "Yes, unless you opt out" in answers
    assert page.get_by_text(re.compile(r"Analysed for \d+ of \d+ platforms")).is_visible()
    assert page.get_by_role("heading", name="Not yet analysed").count() == 1
    page.context.close()


def test_search_loads_on_intent_and_names_platform_answer_and_rating(
    browser: Browser, corpus_url: str
) -> None:
    page = _open(browser, "desktop")
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(corpus_url + CLAUSE, wait_until="networkidle")
    page.wait_for_timeout(2500)  # the full index used to follow two seconds after load
    assert not [u for u in requested if "/pagefind/" in u], "Pagefind loaded without a search"
    page.locator(".md-search__input").focus()
    page.keyboard.type("opt out training")
    facts = page.locator(".md-search-result__item .cb-search-facts").first
    facts.wait_for(timeout=20_000)
    assert [u for u in requested if "/pagefind/" in u]
    text = facts.inner_text()
    assert " · " in text and re.search(r"(High|Medium|Low)$", text), text
    # The count is the number of results listed, once every one is shown.
    page.wait_for_function(
        "document.querySelector('.md-search-result__meta').dataset.complete === '1'"
    )
    idle = "!document.querySelector('.md-search-result__list[aria-busy]')"
    for _ in range(20):
        page.wait_for_function(idle)
        page.wait_for_timeout(300)  # "More results" is offered once a page is in
        more = page.locator(".cb-search-more button")
        if not more.count():
            break
        more.first.click()
    listed = page.locator(".md-search-result__item:not(.cb-search-more)").count()
    said = page.locator(".md-search-result__meta").inner_text()
    assert said == f"{listed} matching documents", (said, listed)
    page.context.close()


def test_compare_sorts_from_the_heading_and_shows_one_topic(
    browser: Browser, corpus_url: str
) -> None:
    page = _open(browser, "phone")
    page.goto(corpus_url + "compare/")
    buttons = page.locator("button.cb-sort")
    for i in range(buttons.count()):
        box = buttons.nth(i).bounding_box()
        assert box is not None and box["width"] >= 24 and box["height"] >= 24, (i, box)
    heading = page.locator("thead th").nth(1)
    heading.locator("button.cb-sort").click()
    assert heading.get_attribute("aria-sort") == "descending"
    ranks = page.locator("tbody tr").evaluate_all(
        "rows => rows.map(r => Number(r.cells[1].dataset.sort || 0))"
    )
    assert ranks == sorted(ranks, reverse=True)
    # "Show topic": the platform column and the chosen topic only.
    page.locator("[data-cb-matrix-topic]").select_option(index=1)
    visible = page.locator("thead th:visible").count()
    assert visible == 2
    assert page.evaluate("document.documentElement.scrollWidth - innerWidth") <= 0
    assert page.locator("a[href$='compare.csv']").count() == 1
    page.context.close()


def test_every_platform_prints_as_a_one_page_brief(
    browser: Browser, corpus_url: str, folder: Path
) -> None:
    import io

    from pypdf import PdfReader

    page = _open(browser, "desktop")
    platforms = sorted(
        p.name for p in (REPO / "analyses").iterdir() if (p / "platform.yml").is_file()
    )
    for platform in platforms:
        page.goto(corpus_url + f"platforms/{platform}/")
        assert page.locator("[data-cb-print]").is_visible()  # print.js shows the button
        pdf = page.pdf(format="A4")
        (folder / f"brief-{platform}.pdf").write_bytes(pdf)
        pages = PdfReader(io.BytesIO(pdf)).pages
        text = " ".join(pages[0].extract_text().split())
        assert len(pages) == 1, (platform, len(pages))
        for part in ("analyses:", "Coverage: analysed for", "Documents", "Last change"):
            assert part in text, (platform, part)
        assert "All analyses" not in text and "Coverage by topic" not in text
    page.context.close()


def test_write_it_on_github_opens_the_skeleton_for_its_topic(
    browser: Browser, corpus_url: str
) -> None:
    """The skeleton is on a platform page once; propose.js puts it, with the link's topic, in
    each "write it on GitHub" link: on a page loaded, and on one reached by the theme's
    instant navigation."""
    from urllib.parse import parse_qs, urlsplit

    page = _open(browser, "desktop")
    platforms = sorted(
        p.name for p in (REPO / "analyses").iterdir() if (p / "platform.yml").is_file()
    )
    checked = 0
    for n, platform in enumerate(platforms):
        if n == 0:
            page.goto(corpus_url + f"platforms/{platform}/")
        else:  # through the platform list, as a reader goes: Material swaps the page in place
            page.goto(corpus_url + "platforms/")
            page.locator(f"article a[href$='{platform}/']").first.click()
            page.wait_for_url(f"**/platforms/{platform}/")
        links = page.locator("a[data-cb-topic]")
        page.wait_for_function(
            "() => [...document.querySelectorAll('a[data-cb-topic]')]"
            ".every(a => a.href.includes('&value='))"
        )
        for i in range(links.count()):
            link = links.nth(i)
            topic = link.get_attribute("data-cb-topic")
            query = parse_qs(urlsplit(link.evaluate("a => a.href")).query)
            assert query["filename"] == [f"analyses/{platform}/{topic}.yml"]
            text = query["value"][0]
            assert text.startswith("# yaml-language-server: $schema=../schema/analysis.schema.json")
            assert f"\ntopic: {topic}  #" in text and "{topic}" not in text
            checked += 1
    assert checked > 5  # the shipped platforms leave topics to analyse
    page.context.close()
