"""The ledger parser: a good ledger becomes decisions; each kind of bad ledger fails with its file,
its line and what is wrong, and fails the real build the same way."""
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, build
from guide_markdown import Source
from tradeoff_index import TradeOff, parse_ledger

FIXTURES = ROOT / "tests" / "fixtures" / "ledgers"
CATALOG = {slug: TradeOff(slug, title, "", [], [], f"tradeoffs/{slug}.md")
           for slug, title in [("memory-vs-latency", "Memory vs latency"), ("recall-vs-latency", "Recall vs latency")]}


def parse(name: str):
    source = Source.parse(f"ledgers/{name}", (FIXTURES / name).read_text(), "tests/fixtures")
    return parse_ledger(source, CATALOG)


def test_a_good_ledger_becomes_decisions():
    decisions, errors = parse("good.md")
    assert errors == []
    first, second = decisions
    assert (first.decision, first.anchor, first.tradeoffs, first.step, first.line) == (
        "Index family", "index-family", ["memory-vs-latency", "recall-vs-latency"], 4, 17)
    assert first.choice == "IVF-PQ, 64-byte codes" and first.why == "1e9 × 64 B = 64 GB fits one host"
    assert (second.anchor, second.tradeoffs, second.step) == ("trade-off-ledger", ["recall-vs-latency"], None)
    assert second.why == "1,000 × 512 B = 0.5 MB read per query | cheap"
    assert first.chapter == "Good ledger" and first.uri == "ledgers/good.md"


@pytest.mark.parametrize("name, error", [
    ("unknown_tradeoff.md", "tests/fixtures/ledgers/unknown_tradeoff.md:7: the Trade-off cell links "
     "'../tradeoffs/memory-vs-latancy.md', which is not a catalog page; did you mean 'memory-vs-latency'?"),
    ("no_link.md", "tests/fixtures/ledgers/no_link.md:7: the Trade-off cell 'memory vs latency' links no catalog "
     "page; link one, e.g. [Memory vs latency](../tradeoffs/memory-vs-latency.md)"),
    ("missing_column.md", "tests/fixtures/ledgers/missing_column.md:5: ledger columns must be exactly "
     "'Decision | Trade-off | Choice | Why', found 'Decision | Trade-off | Choice'"),
    ("short_row.md", "tests/fixtures/ledgers/short_row.md:7: ledger row has 3 cells, expected 4 "
     "(Decision | Trade-off | Choice | Why)"),
    ("malformed.md", "tests/fixtures/ledgers/malformed.md:6: malformed ledger table: the header must be followed "
     "by a delimiter row such as '|---|---|---|---|'"),
    ("no_table.md", "tests/fixtures/ledgers/no_table.md:3: '## Trade-off ledger' must be followed by a table "
     "with the columns Decision | Trade-off | Choice | Why"),
])
def test_a_bad_ledger_names_file_line_and_problem(name, error):
    decisions, errors = parse(name)
    assert errors == [error]
    assert decisions == []


def test_a_bad_ledger_fails_the_build(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(".venv", "node_modules", "site", ".git", "tests"))
    (project / "docs" / "reference").mkdir(exist_ok=True)
    shutil.copy(FIXTURES / "unknown_tradeoff.md", project / "docs" / "reference" / "bad-ledger.md")
    result = build(project / "mkdocs.yml", tmp_path / "site")
    assert result.returncode != 0
    assert ("Trade-off ledger errors:\n  docs/reference/bad-ledger.md:7: the Trade-off cell links "
            "'../tradeoffs/memory-vs-latancy.md', which is not a catalog page") in result.stderr
