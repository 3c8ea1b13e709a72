"""Build-time SVG charts: every number in text, authored labels inert, valid SVG."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from generator.site.charts import rating_distribution, topic_adoption

SVG = "{http://www.w3.org/2000/svg}"


def parse(markup: str) -> ET.Element:
    return ET.fromstring(markup)  # numeric character references are valid XML too


def test_distribution_labels_every_rating_with_shape_word_and_count() -> None:
    chart = rating_distribution("c", {"high": 3, "medium": 0, "low": 6}, "all analyses")
    figure = parse(chart)
    svg = figure.find(f"{SVG}svg")
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "c-title c-desc"
    assert svg.find(f"{SVG}title").text == "Exposure ratings of all analyses"
    assert (
        svg.find(f"{SVG}desc").text == "9 analyses by governance exposure: High 3, Medium 0, Low 6."
    )
    labels = [t.text for t in svg.iter(f"{SVG}text")]
    assert labels == ["▲ High", "3", "◆ Medium", "0", "▽ Low", "6"]
    widths = {r.get("class").split("--")[1]: int(r.get("width")) for r in svg.iter(f"{SVG}rect")}
    assert widths["medium"] == 0
    assert widths["low"] == 2 * widths["high"]


def test_a_small_count_still_shows_a_bar() -> None:
    svg = parse(rating_distribution("c", {"high": 1, "medium": 0, "low": 1000}, "x"))
    assert int(next(svg.iter(f"{SVG}rect")).get("width")) >= 2


def test_empty_corpus_draws_no_bars() -> None:
    svg = parse(rating_distribution("c", {"high": 0, "medium": 0, "low": 0}, "x"))
    assert {r.get("width") for r in svg.iter(f"{SVG}rect")} == {"0"}


def test_topic_adoption_escapes_and_shortens_authored_titles() -> None:
    hostile = '<script>x</script> {{ c }} "q" & m'
    long = "A very long topic title " * 5
    chart = topic_adoption("t", [(hostile, 2), (long, 0)], 3)
    assert "<script>" not in chart and "{{" not in chart
    assert "\n\n" not in chart  # one raw HTML block for Markdown
    svg = parse(chart).find(f"{SVG}svg")
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert texts[0] == hostile  # shown as the characters the author wrote
    assert texts[1] == "2 of 3"
    assert texts[2].endswith("…") and len(texts[2]) <= 46
    assert long.strip() in svg.find(f"{SVG}desc").text  # the full title stays readable
