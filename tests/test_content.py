"""The content rules that the build does not already enforce: minimums of the catalog, the shape
checks themselves, the nav, and an expansion for every abbreviation."""
import html
import re
from pathlib import Path

import yaml

from conftest import ROOT
from estimates import Page
from guide_markdown import FENCE, Source
from house_styles import mermaid_blocks
from page_rules import problems
from tradeoff_index import read_ledgers

DOCS = ROOT / "docs"
FIXTURES = ROOT / "tests" / "fixtures" / "pages"


def prose(source: Source) -> str:
    """Body text without code, HTML comments, link targets or inline code."""
    text = re.sub(r"<!--.*?-->", "", FENCE.sub("", source.body), flags=re.S)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    return re.sub(r"`[^`\n]*`", "", text)


def words(source: Source) -> int:
    return len(re.findall(r"[A-Za-z0-9][\w'’.-]*", prose(source)))


def sources(folder: str = "") -> list[Source]:
    return [Source.parse(str(p.relative_to(DOCS)), p.read_text(encoding="utf-8"))
            for p in sorted((DOCS / folder).rglob("*.md")) if not p.name.startswith("_")]


def as_read(source: Source) -> Source:
    """The page as a reader reads it: estimate blocks as their tables of arithmetic, quotes filled in."""
    body = Page(source.body, source.path, source.offset, source.uri).render()
    body = re.sub(r'<p class="estimate-bar".*?</p>', '', body.split('<div class="estimate-data"')[0])
    body = html.unescape(re.sub(r"<[^>]+>", "", body))
    return Source(source.path, source.uri, source.meta, body, source.offset)


def section(source: Source, title: str) -> str:
    m = re.search(rf"^## {re.escape(title)}\s*$(.*?)(?=^## |\Z)", source.body, re.S | re.M)
    return m.group(1) if m else ""


def test_catalog_pages_meet_the_minimums():
    catalog = [s for s in sources("tradeoffs") if s.kind == "tradeoff"]
    assert len(catalog) >= 24
    short = []
    for s in catalog:
        if words(s) < 500:
            short.append(f"{s.path}: {words(s)} words < 500")
        for key in ("synonyms", "symptoms"):
            if len(s.meta.get(key, [])) < 3:
                short.append(f"{s.path}: fewer than 3 {key}")
        if not re.search(r"\d[^\n]{0,40}?(?:[×*/÷=≈])\s*\$?\d", section(as_read(s), "Worked example")):
            short.append(f"{s.path}: the worked example shows no arithmetic")
        if not re.search(r"\]\((?!\.\./)[\w-]+\.md", section(s, "Related trade-offs")):
            short.append(f"{s.path}: related trade-offs link no other catalog page")
    assert not short, "\n".join(short)


def test_case_studies_meet_the_minimums():
    cases = [s for s in sources("case-studies") if s.kind == "case-study"]
    assert cases, "no case study yet"
    ledger, errors = read_ledgers(sources())
    assert not errors
    short = []
    for s in cases:
        diagrams = [source for _, source in mermaid_blocks(s.body)]
        kinds = {d.split("\n", 1)[0].split()[0] for d in diagrams}
        rows = [d for d in ledger.decisions if d.uri == s.uri]
        numeric = [d for d in rows if re.search(r"\d", d.why)]
        sequences = [d for d in diagrams if d.startswith("sequenceDiagram")]
        checks = {
            "words >= 3500": words(s) >= 3500,
            "6 diagrams of 3 kinds": len(diagrams) >= 6 and len(kinds) >= 3,
            "an architecture flowchart and a sequence diagram": "flowchart" in kinds and bool(sequences),
            "a latency budget per hop in a sequence diagram": any(len(re.findall(r"\bNote\b.*\d\s*ms", d)) >= 3
                                                                    for d in sequences),
            "8 ledger rows over 5 trade-offs, 3 with numbers": len(rows) >= 8 and len(
                {t for d in rows for t in d.tradeoffs}) >= 5 and len(numeric) >= 3,
            "8 follow-up questions": len(re.findall(r'^\?\?\?\+? question(?: step-[1-7])? "', section(s, "Follow-up questions"), re.M)) >= 8,
            "arithmetic in the back-of-the-envelope": len(re.findall(r"\d[^\n]{0,40}?(?:[×*/÷=≈])\s*\$?\d", section(as_read(s), "Back-of-the-envelope"))) >= 5,
            "each numbered section links the framework chapter it applies": all(
                "../framework/" in section(s, h.text) for h in s.headings() if h.level == 2 and re.match(r"[1-7]\. ", h.text)),
            "what changes at 10x scale, and production failure modes": bool(
                re.search(r"At 10[x×] scale", s.body)) and re.search(r"\bFailure modes\b", s.body),
            "further reading with years": len(re.findall(r"^- .*\b(19|20)\d\d\b", section(s, "Further reading"), re.M)) >= 3,
        }
        short += [f"{s.path}: {name}" for name, ok in checks.items() if not ok]
    assert not short, "\n".join(short)


def test_a_page_missing_sections_is_named_with_file_and_line():
    page = FIXTURES / "tradeoffs" / "incomplete.md"
    source = Source.parse("tradeoffs/incomplete.md", page.read_text(), "tests/fixtures/pages")
    assert problems(source) == [
        "tests/fixtures/pages/tradeoffs/incomplete.md:14: section '## Worked example' must come after '## The knobs'",
        "tests/fixtures/pages/tradeoffs/incomplete.md:24: missing section '## Related trade-offs', expected "
        "after '## Say it in an interview' (line 24) on a tradeoff page",
    ]


def test_every_page_of_a_known_kind_has_its_shape():
    assert [p for s in sources() for p in problems(s)] == []


def nav_pages(node) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [p for v in node.values() for p in nav_pages(v)]
    return [p for item in node for p in nav_pages(item)]


def test_the_nav_holds_every_page_and_only_pages_with_real_content():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)
    nav = nav_pages(config["nav"])
    on_disk = sorted(s.uri for s in sources())
    assert sorted(nav) == on_disk
    # Generated pages (trade-off index, matrix) are filled at build time; test_tradeoff_index checks them.
    thin = [f"{s.path}: {words(s)} words" for s in sources() if words(s) < 120 and "<!-- ledger-" not in s.body
            and "<!-- practice:" not in s.body]
    assert not thin, "pages too thin for the nav:\n" + "\n".join(thin)


def test_home_page_covers_what_a_newcomer_needs():
    home = Source.parse("index.md", (DOCS / "index.md").read_text(encoding="utf-8"))
    text = prose(home).lower()
    for plan in ("2 weeks", "4 weeks", "8 weeks"):
        assert plan in text or plan.replace(" weeks", "-week") in text, plan
    assert "```mermaid" in home.body
    assert "tradeoffs/index.md" in home.body
    assert words(home) >= 700


def test_framework_overview_has_every_step_and_a_ledger():
    overview = Source.parse("framework/index.md", (DOCS / "framework" / "index.md").read_text(encoding="utf-8"))
    titles = [h.text for h in overview.headings()]
    for n, name in enumerate(["Clarify requirements", "Frame as an ML task", "Data and features",
                              "Model development", "Evaluation", "Deployment and serving",
                              "Monitoring and iteration"], start=1):
        assert f"{n}. {name}" in titles
    assert "Trade-off ledger" in titles and overview.body.count("```mermaid") >= 1
    assert "<!-- interview-clock -->" in overview.body  # the one clock, from data/house.yml


# An all-caps token of two or more capitals (digits allowed), or its plural: ANN, QPS, GPUs, P99 is not.
ABBREVIATION = re.compile(r"\b(?=(?:[A-Z0-9]*[A-Z]){2})[A-Z][A-Z0-9]+s?\b")
NAMES = {"NVIDIA", "WIDER", "FACE"}  # written in capitals, but names (a company, the WIDER FACE dataset)


def test_every_abbreviation_has_a_hover_expansion():
    text = (ROOT / "includes" / "abbreviations.md").read_text(encoding="utf-8")
    defined = set(re.findall(r"^\*\[([^\]]+)\]:\s*\S", text, re.M))
    missing = {}
    for s in sources():
        for token in ABBREVIATION.findall(re.sub(r"<[^>]+>", "", prose(s))):
            if token not in defined | NAMES:
                missing.setdefault(token, s.path)
    assert not missing, "abbreviations without an entry in includes/abbreviations.md:\n" + "\n".join(
        f"{token} (first in {path})" for token, path in sorted(missing.items()))


def test_every_catalog_page_is_decided_by_the_chapters():
    """A catalog page earns its place by decisions: at least two chapters decide on it."""
    ledger, errors = read_ledgers(sources())
    assert not errors
    thin = []
    for slug in ledger.catalog:
        chapters = {d.uri for d in ledger.using(slug)}
        if len(chapters) < 2:
            thin.append(f"{slug}: decided in {len(chapters)} chapter(s)")
    assert not thin, "\n".join(thin)


def test_an_abbreviation_defined_twice_is_named_with_its_lines():
    import abbreviations
    text = "*[ANN]: Approximate nearest neighbour\n*[AUC]: Area under the curve\n*[ANN]: Artificial neural network\n"
    assert abbreviations.repeated(text) == ["includes/abbreviations.md:3: 'ANN' is already defined at line 1"]
    assert abbreviations.repeated((ROOT / "includes" / "abbreviations.md").read_text(encoding="utf-8")) == []


def test_the_glossary_names_each_term_once_in_alphabetical_order():
    """Terms under each letter sort by their words (hyphens count as spaces, case and punctuation
    do not); merged branches appended terms out of order and twice."""
    text = (ROOT / "docs" / "reference" / "glossary.md").read_text(encoding="utf-8")
    key = lambda term: re.sub(r"[^a-z0-9 ]", "", term.lower().replace("-", " "))
    terms = re.findall(r"^(\S[^\n]*)\n:   ", text, re.M)
    assert len(terms) == len(set(terms)), sorted(t for t in set(terms) if terms.count(t) > 1)
    unsorted = []
    for section in re.split(r"^## ", text, flags=re.M)[1:]:
        names = re.findall(r"^(\S[^\n]*)\n:   ", section, re.M)
        unsorted += [f"{a!r} before {b!r}" for a, b in zip(names, names[1:]) if key(a) > key(b)]
    assert not unsorted, "\n".join(unsorted)
