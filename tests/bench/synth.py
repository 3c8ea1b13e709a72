"""Benchmark input: a realistic synthetic Clausebook project of N analyses.

Input: a size (analyses) and a destination folder. Output: a complete project on disk —
analyses/ (platforms x analyses, topics.yml, jurisdictions.yml), content/ copied from the
repository, mkdocs.yml and site_templates/ — that `clausebook check` accepts.

Shaped like the real corpus: every section filled; the length of every prose field and of
every list is drawn from the same field's lengths in the shipped analyses/ (`field_lengths`),
so medians and 90th percentiles match (tests/test_scale.py checks it); ~30 analyses per
platform on topics shared across platforms, each topic with a question and an answer form,
jurisdiction flags from a shared list, history, FAQ, citations and related analyses.
Deterministic: the same size gives byte-identical files.

    python tests/bench/synth.py 10000 /tmp/bench-10k
"""

from __future__ import annotations

import argparse
import random
import shutil
from pathlib import Path

from ruamel.yaml import YAML

REPO = Path(__file__).resolve().parents[2]
PER_PLATFORM = 30  # the largest services: ~13,000 provisions over ~350 platforms
TOPICS = 60
JURISDICTIONS = (
    "EU",
    "US",
    "UK",
    "CA",
    "AU",
    "JP",
    "SG",
    "BR",
    "IN",
    "CH",
    "KR",
    "US-CA",
    "US-NY",
    "US-TX",
    "DE",
    "FR",
)

DOCUMENTS = ("service-terms", "data-processing-addendum", "acceptable-use-policy")
# A legal-register vocabulary; sentences are drawn from it so the search index sees a
# realistic spread of terms rather than one repeated paragraph.
WORDS = """
the provider customer content data model output prompt service terms agreement clause
licence license party third-party seller processor controller personal retention deletion
abuse monitoring review safety training improvement opt-out opt-in default setting account
enterprise administrator console contract amendment notice days written consent purpose
lawful basis transfer adequacy safeguard standard contractual subprocessor audit report
liability cap indemnity damages warranty disclaimer suspension termination breach cure
period governing law venue arbitration jurisdiction court dispute class waiver injunction
confidentiality security incident notification encryption access control logging region
residency storage backup export portability format interoperability switching egress fee
acceptable use prohibited high-risk biometric surveillance minors election medical legal
financial advice human oversight transparency disclosure watermark provenance copyright
infringement intellectual property ownership assignment feedback publicity trademark
benchmark evaluation rate limit quota availability credit support escalation deprecation
version change unilateral material adverse continued use acceptance renewal price invoice
tax export-control sanctions embargo government request law-enforcement transparency
regulator supervisory authority fine penalty enforcement investigation complaint record
processing register impact assessment risk mitigation vendor procurement due diligence
negotiation fallback exit plan escrow continuity incident response playbook board policy
""".split()  # noqa: SIM905 (a word list reads better as text)

REGULATIONS = (
    (
        "GDPR Art. 28 (processor obligations and contracts)",
        "https://eur-lex.europa.eu/eli/reg/2016/679/oj#art_28",
    ),
    (
        "EU AI Act Art. 50 (transparency obligations for deployers)",
        "https://eur-lex.europa.eu/eli/reg/2024/1689/oj#art_50",
    ),
    (
        "Data Act (Regulation (EU) 2023/2854), Chapter VI: switching data processing services",
        "https://eur-lex.europa.eu/eli/reg/2023/2854/oj",
    ),
    (
        "FTC Act section 5 (unfair or deceptive acts or practices in or affecting commerce)",
        "https://www.law.cornell.edu/uscode/text/15/45",
    ),
    ("CCPA (Cal. Civ. Code 1798.100, consumers' rights)", "https://oag.ca.gov/privacy/ccpa"),
    ("UK GDPR Art. 28 (processors)", "https://www.legislation.gov.uk/eur/2016/679/article/28"),
)


def _vocabulary() -> tuple[list[str], list[float]]:
    """The legal words first, then 3,000 made-up words, with Zipf weights: as in real prose,
    a few words are on every page and most are on few, which is what a search index sees."""
    rng = random.Random("vocabulary")
    syllables = [
        "ka",
        "ren",
        "lo",
        "mi",
        "tor",
        "sa",
        "vel",
        "qu",
        "dan",
        "pe",
        "rix",
        "ul",
        "ba",
        "nor",
        "ti",
        "gem",
        "cas",
        "fo",
        "lum",
        "ze",
    ]
    made_up: set[str] = set()
    while len(made_up) < 3000:
        made_up.add("".join(rng.choices(syllables, k=rng.randint(2, 4))))
    words = list(dict.fromkeys(WORDS)) + sorted(made_up)
    return words, [1 / (rank + 1) for rank in range(len(words))]


VOCABULARY, WEIGHTS = _vocabulary()


def _sentence(rng: random.Random, lo: int = 7, hi: int = 17) -> str:
    words = rng.choices(VOCABULARY, weights=WEIGHTS, k=rng.randint(lo, hi))
    return (" ".join(words)).capitalize() + "."


def _prose(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng) for _ in range(sentences))


def _block(text: str, indent: int) -> str:
    """A folded block scalar, wrapped at ~92 columns like the hand-written files."""
    pad = " " * indent
    lines, line = [], ""
    for word in text.split():
        if len(line) + len(word) + 1 > 92 - indent:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return ">-\n" + "\n".join(pad + ln for ln in lines)


def _topics() -> list[tuple[str, str]]:
    rng = random.Random("topics")
    seen: dict[str, str] = {"third-party-model-terms": "Third-party model terms"}
    while len(seen) < TOPICS:
        a, b = rng.sample(WORDS, 2)
        tid = f"{a}-{b}".replace("--", "-")
        seen.setdefault(tid, f"{a.capitalize()} and {b}")
    return sorted(seen.items())


def _date(rng: random.Random, lo: int = 2023, hi: int = 2025) -> str:
    return f"{rng.randint(lo, hi)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


CHOICES = ("no", "opt-in", "opt-out", "yes")


def _answers_in_text(tid: str) -> bool:
    """A third of the topics answer in a short phrase, the rest with fixed choices, like
    analyses/topics.yml."""
    return sum(map(ord, tid)) % 3 == 0


def _answer(rng: random.Random, tid: str) -> str:
    if _answers_in_text(tid):
        return '"' + _chars(rng, "answer.value", "")[:80].strip() + '"'
    return f'"{rng.choice(CHOICES)}"'


def write_taxonomies(analyses: Path, topics: list[tuple[str, str]]) -> None:
    rng = random.Random("taxonomies")
    out = ["topics:"]
    for tid, title in topics:
        out += [
            f"  - id: {tid}",
            f"    title: {title}",
            f"    question: Does the provider limit {title.lower()}?",
            f"    definition: {_block(_prose(rng, 3), 6)}",
            "    answer:",
        ]
        if _answers_in_text(tid):
            out += ["      kind: text", "      hint: A short phrase, e.g. twelve months' fees."]
        else:
            out += ["      kind: choice", "      choices:"]
            for value in CHOICES:
                out += [
                    f'        - value: "{value}"',
                    f"          label: {value.capitalize()}",
                    f"          meaning: {_prose(rng, 1)}",
                ]
        out.append("    ratings:")
        out += [f"      {r}: {_prose(rng, 1)}" for r in ("low", "medium", "high")]
    (analyses / "topics.yml").write_text("\n".join(out) + "\n", encoding="utf-8")
    out = ["jurisdictions:"]
    for code in JURISDICTIONS:
        label, url = rng.choice(REGULATIONS)
        out += [
            f"  - code: {code}",
            f"    name: Jurisdiction {code}",
            f"    description: {_block(_prose(rng, 2), 6)}",
            "    regimes:",
            f'      - name: "{label}"',
            f"        url: {url}",
        ]
    (analyses / "jurisdictions.yml").write_text("\n".join(out) + "\n", encoding="utf-8")


def write_platform(folder: Path, pid: str, rng: random.Random) -> None:
    name = pid.replace("-", " ").title()
    text = [
        f"name: {name}",
        f"vendor: {name} Inc.",
        f"website: https://{pid}.example/",
        f"description: {_block(_prose(rng, 3), 2)}",
        "documents:",
    ]
    for doc in DOCUMENTS:
        text += [
            f"  - id: {doc}",
            f"    title: {name} {doc.replace('-', ' ').title()}",
            f"    url: https://{pid}.example/legal/{doc}",
            f"    type: {doc}",
            "    history:",
            f"      - date: {_date(rng, 2022, 2022)}",
            f"        summary: {_block(_prose(rng, 1), 10)}",
        ]
    (folder / "platform.yml").write_text("\n".join(text) + "\n", encoding="utf-8")


def field_lengths(analyses: Path) -> dict[str, list[int]]:
    """Per field of the published analyses under `analyses`, the length of each value in
    characters (`faq[].answer`) and the length of each list (`faq[#]`), and `file` bytes."""
    out: dict[str, list[int]] = {}

    def walk(value: object, key: str) -> None:
        if isinstance(value, dict):
            for k, v in value.items():
                walk(v, f"{key}.{k}" if key else str(k))
        elif isinstance(value, list):
            out.setdefault(f"{key}[#]", []).append(len(value))
            for v in value:
                walk(v, f"{key}[]")
        elif isinstance(value, str):
            out.setdefault(key, []).append(len(value))

    for path in sorted(analyses.glob("*/*.yml")):
        if path.name == "platform.yml":
            continue
        data = _SAFE.load(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.get("status") == "published":
            out.setdefault("file", []).append(path.stat().st_size)
            walk(data, "")
    return out


_SAFE = YAML(typ="safe", pure=True)
_SHIPPED: dict[str, list[int]] = {}


def shipped() -> dict[str, list[int]]:
    """The shipped corpus's field lengths, which every synthetic analysis draws from."""
    if not _SHIPPED:
        _SHIPPED.update(field_lengths(REPO / "analyses"))
    return _SHIPPED


def _chars(rng: random.Random, field: str, end: str = ".") -> str:
    """Prose as long as a value of `field` drawn from the shipped corpus."""
    target = rng.choice(shipped()[field])
    text = ""
    while len(text) < target:
        text = f"{text} {_sentence(rng)}".strip()
    cut = text[:target].rsplit(" ", 1)[0] if len(text) > target else text
    return cut.rstrip(".") + end


def _count(rng: random.Random, field: str, most: int = 99) -> int:
    return max(1, min(most, rng.choice(shipped()[f"{field}[#]"])))


def analysis_yaml(pid: str, tid: str, title: str, rng: random.Random, answer: str) -> str:
    first, second = sorted([_date(rng), _date(rng)])
    head = f"{title} in the {pid.replace('-', ' ').title()} terms"
    rest = _chars(rng, "title", "")
    out = [
        f"title: {(head + ' ' + rest)[: max(len(head), len(rest))]}",
        f"document: {rng.choice(DOCUMENTS)}",
        f"topic: {tid}",
        "answer:",
        f"  value: {answer}",
        f"  reason: {_chars(rng, 'answer.reason')}",
        f"summary: {_block(_chars(rng, 'summary'), 2)}",
        f"impact: {_block(_chars(rng, 'impact'), 2)}",
        "excerpt:",
        f"  text: {_block(_chars(rng, 'excerpt.text'), 4)}",
        f'  section: "{rng.randint(1, 60)}.{rng.randint(1, 9)}"',
        f"  source_url: https://{pid}.example/legal/terms#{tid}",
        f"  retrieved: {second}",
        f"regulatory_landscape: {_block(_chars(rng, 'regulatory_landscape'), 2)}",
        "exposure:",
        f"  rating: {rng.choice(['low', 'medium', 'medium', 'high'])}",
        f"  rationale: {_block(_chars(rng, 'exposure.rationale'), 4)}",
        "jurisdictions:",
    ]
    codes = rng.sample(JURISDICTIONS, _count(rng, "jurisdictions", len(JURISDICTIONS)))
    for code in sorted(codes):
        out += [f"  - code: {code}", f"    note: {_block(_chars(rng, 'jurisdictions[].note'), 6)}"]
    out += [
        f"contract_implications: {_block(_chars(rng, 'contract_implications'), 2)}",
        "compliance_considerations:",
    ]
    out += [
        f"  - {_block(_chars(rng, 'compliance_considerations[]'), 4)}"
        for _ in range(_count(rng, "compliance_considerations"))
    ]
    out.append("citations:")
    for label, url in rng.sample(REGULATIONS, _count(rng, "citations", len(REGULATIONS))):
        out += [f'  - label: "{label}"', f"    url: {url}"]
    out += [f"enforcement_risk: {_block(_chars(rng, 'enforcement_risk'), 2)}", "history:"]
    dates = sorted({first, second, *(_date(rng) for _ in range(_count(rng, "history") - 2))})
    out += [
        f"  - date: {d}\n    summary: {_block(_chars(rng, 'history[].summary'), 6)}" for d in dates
    ]
    out.append("faq:")
    for _ in range(_count(rng, "faq")):
        out += [
            f"  - question: {_chars(rng, 'faq[].question', '?')}",
            f"    answer: {_block(_chars(rng, 'faq[].answer'), 6)}",
        ]
    out += ["status: published", f"reviewed: {dates[-1]}"]
    return "\n".join(out) + "\n"


def generate(size: int, dest: Path) -> Path:
    """Write a project of `size` analyses to `dest` (replaced if it exists)."""
    if dest.exists():
        shutil.rmtree(dest)
    analyses = dest / "analyses"
    analyses.mkdir(parents=True)
    topics = _topics()
    write_taxonomies(analyses, topics)
    platforms = [f"platform-{i:04d}" for i in range((size + PER_PLATFORM - 1) // PER_PLATFORM)]
    left = size
    for pid in platforms:
        rng = random.Random(pid)
        folder = analyses / pid
        folder.mkdir()
        write_platform(folder, pid, rng)
        count = min(PER_PLATFORM, left)
        left -= count
        for tid, title in sorted(rng.sample(topics, count)):
            (folder / f"{tid}.yml").write_text(
                analysis_yaml(pid, tid, title, rng, _answer(rng, tid)), encoding="utf-8"
            )
    _add_related(analyses)
    shutil.copytree(REPO / "content", dest / "content")
    shutil.copytree(REPO / "site_templates", dest / "site_templates")
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def _add_related(analyses: Path) -> None:
    """Link each analysis to the same topic on the previous platforms that have it (up to
    the shipped corpus's typical number of related analyses)."""
    last: dict[str, list[str]] = {}
    for path in sorted(analyses.glob("*/*.yml")):
        if path.name == "platform.yml":
            continue
        tid, key = path.stem, f"{path.parent.name}/{path.stem}"
        earlier = last.setdefault(tid, [])
        if earlier:
            related = ", ".join(earlier[-3:])
            text = path.read_text(encoding="utf-8")
            text = text.replace("status: published", f"related: [{related}]\nstatus: published")
            path.write_text(text, encoding="utf-8")
        earlier.append(key)


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("size", type=int, help="number of analyses")
    ap.add_argument("dest", type=Path)
    args = ap.parse_args()
    generate(args.size, args.dest)
    print(f"wrote {args.size} analyses to {args.dest}")


if __name__ == "__main__":
    main()
