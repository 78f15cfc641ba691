"""The prompt atlas: prompts kept as data (data/atlas/*.yml), rendered on one page per family and a
filterable index, listed on the patterns and case studies they build on, and found by search."""
import re

import pytest
from mkdocs.exceptions import PluginError

from conftest import ROOT
import atlas
import search_relevance

DOCS = ROOT / "docs"
FIXTURE = ROOT / "tests" / "fixtures" / "atlas"


@pytest.fixture(scope="module")
def prompts():
    found, errors = atlas.load_prompts(ROOT, DOCS)
    assert not errors, "\n".join(errors)
    return found


def test_the_atlas_holds_150_prompts_in_15_families_each_on_a_pattern(prompts):
    families = {p.family for p in prompts}
    assert len(prompts) >= 150 and len(families) >= 15, (len(prompts), sorted(families))
    assert {f: n for f in families if (n := sum(p.family == f for p in prompts)) < 8} == {}
    patterns = {p.stem for p in (DOCS / "patterns").glob("*.md") if p.stem != "index"}
    assert len(patterns) >= 14
    assert patterns - {s for p in prompts for s in p.patterns} == set(), "a pattern no prompt instantiates"


def test_a_bad_entry_is_named_with_file_line_and_problem():
    _, errors = atlas.load_prompts(FIXTURE, DOCS)
    where = "data/atlas/bad.yml"
    # The fixture has only bad.yml, so each family page of docs/atlas/ lacks its data.
    assert "docs/atlas/agents.md:1: a family page needs its prompts in data/atlas/agents.yml" in errors
    assert [e for e in errors if e.startswith(where)] == [
        f"{where}:1: a family needs its page docs/atlas/bad.md (title, introduction, `<!-- atlas:prompts -->`)",
        f"{where}:1: prompt 'good-prompt': differs item 2 (line 11): trade-off 'no-such-trade-off' names no "
        "catalog page docs/tradeoffs/no-such-trade-off.md",
        f"{where}:1: prompt 'good-prompt': differs item 3 (line 15): 'choice' must be text (YAML read it as bool: quote it)",
        f"{where}:1: prompt 'good-prompt': link 'case-studies/delivery-eta.md#no-such-heading': no heading with "
        "anchor '#no-such-heading' in docs/case-studies/delivery-eta.md",
        f"{where}:22: prompt 'Bad Id': missing 'estimate'",
        f"{where}:22: prompt 'Bad Id': unknown field 'colour'",
        f"{where}:22: prompt 'Bad Id': id must be lowercase words joined by '-'",
        f"{where}:22: prompt 'Bad Id': patterns: 'no-such-pattern' names no page docs/patterns/no-such-pattern.md",
        f"{where}:22: prompt 'Bad Id': case_studies must be a list of slugs",
        f"{where}:22: prompt 'Bad Id': differs must list 3 to 6 decisions",
        f"{where}:22: prompt 'Bad Id': every question must be text (a question with ': ' in it needs quotes)",
        f"{where}:38: prompt 'good-prompt': missing 'prompt'",
        f"{where}:38: prompt 'good-prompt': missing 'patterns'",
        f"{where}:38: prompt 'good-prompt': missing 'case_studies'",
        f"{where}:38: prompt 'good-prompt': missing 'differs'",
        f"{where}:38: prompt 'good-prompt': missing 'questions'",
        f"{where}:38: prompt 'good-prompt': missing 'estimate'",
        f"{where}:38: prompt 'good-prompt': differs must list 3 to 6 decisions",
        f"{where}:38: prompt 'good-prompt': id already used at {where}:1",
    ]
    with pytest.raises(PluginError, match=r"bad\.yml:22"):
        atlas.on_config({"config_file_path": str(FIXTURE / "mkdocs.yml"), "docs_dir": str(DOCS)})


def test_every_prompt_renders_on_its_family_page_and_in_the_index(site, prompts):
    index = site.html("atlas/index.html")
    for family in {p.family for p in prompts}:
        html = site.html(f"atlas/{family}/index.html")
        chosen = [p for p in prompts if p.family == family]
        assert re.findall(r'<h2 id="([^"]+)"', html) == [p.id for p in chosen], family
        for p in chosen:
            entry = html.split(f'<h2 id="{p.id}"', 1)[1].split("<h2 ", 1)[0]
            assert entry.count("<li>") >= len(p.differs) + 3, p.id  # the decisions, then the three questions
            assert "Closest patterns" in entry and "The one estimate" in entry, p.id
            assert f'href="../{family}/#{p.id}"' in index, p.id


def test_patterns_and_case_studies_list_the_prompts_that_build_on_them(site, prompts):
    for folder, field in (("patterns", "patterns"), ("case-studies", "case_studies")):
        for slug in {s for p in prompts for s in getattr(p, field)}:
            html = site.html(f"{folder}/{slug}/index.html")
            for p in (p for p in prompts if slug in getattr(p, field)):
                assert f'href="../../atlas/{p.family}/#{p.id}"' in html, (slug, p.id)


def test_the_index_filters_prompts_by_family_and_pattern(site, reader, prompts):
    reader.open("atlas/")
    page = reader.page
    status = page.locator(".ledger-filter__status")
    assert status.inner_text() == f"Showing {len(prompts)} of {len(prompts)} prompts"
    pattern = "Entity resolution"
    page.get_by_label("Pattern").select_option(pattern)
    expected = sum("entity-resolution" in p.patterns for p in prompts)
    assert status.inner_text() == f"Showing {expected} of {len(prompts)} prompts"
    family = page.get_by_label("Family")
    family.select_option(index=1)
    rows = page.locator(".md-typeset table tbody tr:visible")
    assert rows.count() <= expected
    assert all(pattern in rows.nth(i).inner_text() for i in range(rows.count()))


def test_every_prompt_is_found_by_search_by_its_title(site, browser, origin, prompts):
    """A reader who types a prompt's key words (its title) finds its entry among the first five
    pages of results."""
    page = browser.new_page()
    search_relevance.open_search(page, origin)
    missed = []
    for p in prompts:
        search_relevance.results(page, p.title)
        links = page.eval_on_selector_all(
            ".md-search-result__item:nth-child(-n+5) a.md-search-result__link", "links => links.map(a => a.href)")
        if not any(re.search(rf"/atlas/{p.family}/(\?[^#]*)?#{p.id}$", link) for link in links):
            missed.append(f"{p.title!r} ({p.where})")
    page.close()
    assert not missed, f"{len(missed)} of {len(prompts)} prompts not found by their titles:\n" + "\n".join(missed)
