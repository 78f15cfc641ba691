"""Estimate blocks: the build evaluates them, the browser recomputes them with the same language, bad
input fails the build with file and line, and a reader who edits an input sees the page move."""
import json
import re
import subprocess

import pytest
import yaml

from conftest import ROOT, as_built_then_scripted, build, without_javascript
from estimate_language import EstimateError, parse_block, shown_values, evaluate_rows, arithmetic
from estimates import Page, house_values
from guide_markdown import Source

HOOKS = ROOT / "overrides" / "hooks"
SCRIPT = ROOT / "docs" / "assets" / "javascripts" / "estimates.js"

# Expressions chosen to reach every rule of the language: units, rounding ties, words, powers of ten.
CORPUS = """```estimate
a = 3,500[/s] | rate | assumed
b = 20[ms] | time | assumed
c = a * b | product
d = c / 7 -> "hosts" | ratio with words
e = 1e9 * 15[KB] | bytes
f = e -> GB | bytes in GB
g = 0.125 * 1[GB] / 1[s] | bandwidth
h = 4e14[FLOP/s] | flops | assumed
i = 1e9 * 34[GFLOP] / h -> h "GPU-hours" | hours with words
j = about(a * 3, 1) | about
k = (a + a) * 2[h] | paren
l = ceil(c / 0.7 / 32) + floor(2.5) + round(2.5) + round(0.125 * 100) | rounding
m = min(b, 30[ms]) + max(b, 1[s]) | min max
n = sqrt(16[GB] * 4[GB]) | sqrt
o = log2(65,536) + log10(1,000) | logs
p = 2 ^ 10 * 1[B] -> KB | power
q = -c * 1,000,000 | negative millions
r = 0.000123 * 1[s] | tiny
s = 1.5e13 * 1[$] | huge
t = 25[$/h] * 2,000[h] -> $ | money
u = 0.02[$/GB/month] * 200[TB] -> $/month "a month" | money rate with words
v = 86,400[s] * 1 -> day | days
w = 9.996 * 1 | carry
x = 10,625.5 | not whole | assumed
y = 70[%] | share | assumed
z = x * y -> % | percent
aa = 1e9 * 1[bit] / 1[s] -> Gbit/s | bits
ab = 6[month] | plural | assumed
ac = 1[month] * 6 -> month | plural result
ad = exp(ln(2) * 10) + 0 | exp and ln
ae = 0.05[%/h] * 1 -> %/h | percent per hour
```"""


def page(markdown: str, uri: str = "case-studies/x.md") -> Page:
    source = Source.parse(uri, markdown)
    return Page(source.body, source.path, source.offset, uri)


def js_evaluate(rows: list) -> dict:
    """estimates.js run by Node on the rows the build hands the browser: shown values and arithmetic."""
    program = f"""
    const e = require({json.dumps(str(SCRIPT))});
    const rows = JSON.parse(require('fs').readFileSync(0, 'utf8'));
    const page = e.evaluatePage(rows);
    const out = {{}};
    for (const r of rows) {{
      out[r.name] = [page.shown[r.name], r.input ? null : e.arithmetic(e.parse(r.expr), page.shown)];
    }}
    console.log(JSON.stringify(out));"""
    result = subprocess.run(["node", "-e", program], input=json.dumps(rows), capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def python_evaluate(p: Page) -> dict:
    return {r.name: [p.shown[r.name], None if r.is_input else arithmetic(r.node, p.shown)] for r in p.rows}


def pages_with_estimates() -> list:
    return sorted(path for path in (ROOT / "docs").rglob("*.md") if "```estimate" in path.read_text(encoding="utf-8"))


def test_the_browser_and_the_build_compute_the_same_text():
    pages = pages_with_estimates()
    assert len(pages) >= 18
    for name, markdown in [("corpus", CORPUS)] + [(p.relative_to(ROOT).as_posix(), p.read_text(encoding="utf-8"))
                                                  for p in pages]:
        p = page(markdown, "case-studies/x.md" if name == "corpus" else name.removeprefix("docs/"))
        assert js_evaluate(json.loads(p.data())) == python_evaluate(p), name


def test_the_corpus_reads_as_expected():
    shown = page(CORPUS).shown
    assert shown["c"] == "70" and shown["d"] == "10 hosts" and shown["e"] == "15 TB" and shown["f"] == "15,000 GB"
    assert shown["i"] == "23.6 GPU-hours" and shown["j"] == "10,000/s" and shown["l"] == "22"  # 4 + 2 + 3 + 13
    assert shown["q"] == "−70 million" and shown["r"] == "123 µs" and shown["s"] == "$1.5 × 10¹³"
    assert shown["t"] == "$50,000" and shown["u"] == "$4,000 a month" and shown["v"] == "1 day"
    assert shown["w"] == "10" and shown["x"] == "10,625.5" and shown["z"] == "744,000%"
    assert shown["aa"] == "1 Gbit/s" and shown["ab"] == "6 months" and shown["ac"] == "6 months"
    assert shown["ad"] == "1,024" and shown["ae"] == "0.05%/h"


def test_every_case_study_sizes_its_design_in_estimate_blocks():
    case_studies = sorted(p for p in (ROOT / "docs" / "case-studies").glob("*.md") if p.stem not in ("index", "_template"))
    missing = []
    for path in case_studies:
        text = path.read_text(encoding="utf-8")
        section = text.split("## Back-of-the-envelope", 1)[-1].split("\n## ", 1)[0]
        if "```estimate" not in section:
            missing.append(path.name)
    assert not missing, f"back-of-the-envelope without an estimate block: {missing}"


def error_of(markdown: str) -> str:
    with pytest.raises(Exception) as info:
        page("---\ntitle: x\n---\n\n# X\n\n" + markdown).render()
    return str(info.value)


@pytest.mark.parametrize("body, message", [
    ("a = b * 2 | uses an unknown name", "docs/case-studies/x.md:8: estimate: unknown name 'b'"),
    ("a = b + 1 | one\nb = a + 1 | two", "docs/case-studies/x.md:8: estimate: a cycle: a -> b -> a"),
    ("a = 1[s] + 1[GB] | mixed", "docs/case-studies/x.md:8: estimate: adding s and B: the units do not match"),
    ("a = 1[s] | one | assumed\nb = 0[s] | zero | assumed\nc = a / b | ratio", "docs/case-studies/x.md:10: estimate: division by zero"),
    ("a = (1 + | broken", "docs/case-studies/x.md:8: estimate: expected more"),
    ("just words", "docs/case-studies/x.md:8: estimate: a row is"),
    ("a = 3[parsecs] | odd unit | assumed", "docs/case-studies/x.md:8: estimate: unknown unit 'parsecs'"),
    ("a = 3 | no source", "docs/case-studies/x.md:8: estimate: input 'a' needs a source"),
    ("a = 2 * house.gpu_hour | house inside a formula", "docs/case-studies/x.md:8: estimate: house.gpu_hour used in a formula"),
    ("a = house.gpu_hours | misspelt house value", "docs/case-studies/x.md:8: estimate: unknown house value 'house.gpu_hours'"),
    ("a = 1[GB] * 2 -> h | shown in the wrong unit", "docs/case-studies/x.md:8: estimate: shown in 'h', but the value is B"),
    ("a = ceil(1[s]) | rounding seconds", "docs/case-studies/x.md:8: estimate: ceil needs a plain number"),
    ("a = 1[GB] -> MB | an input shown in another unit | assumed", "x.md:8: estimate: an input is shown as written"),
    ("a = 1 | one | assumed\na = 2 | again | assumed", "docs/case-studies/x.md:9: estimate: 'a' is defined twice"),
])
def test_bad_input_names_the_file_line_and_problem(body, message):
    assert message in error_of(f"```estimate\n{body}\n```\n")


def test_a_bad_quote_or_condition_names_its_line():
    block = "```estimate\na = 1[GB] | size | assumed\n```\n\n"
    assert "x.md:13: estimate: unknown name 'b' quoted" in error_of(block + "Text.\n\nIt is {{ b }}.\n")
    assert "x.md:11: estimate: comparing B and s" in error_of(block + "Holds: {{? a > 1[s] }}.\n")
    assert "x.md:11: estimate: shown in 'h'" in error_of(block + "As {{ a -> h }}.\n")


def test_a_broken_block_fails_the_build(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Fine\n\n```estimate\na = 1[s] | one | assumed\n```\n\nIt takes {{ a }}.\n")
    (docs / "broken.md").write_text("# Broken\n\nText.\n\n```estimate\na = 1[s] | one | assumed\nb = a + 1[GB] | sum\n```\n")
    (tmp_path / "mkdocs.yml").write_text(f"site_name: Fixture\nhooks: [{HOOKS / 'estimates.py'}]\n"
                                         "markdown_extensions: [md_in_html, tables]\n")
    result = build(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert result.returncode != 0
    assert "docs/broken.md:7: estimate: adding s and B: the units do not match" in result.stderr, result.stderr


def test_house_values_agree_with_the_house_assumptions():
    data = yaml.safe_load((ROOT / "data" / "house.yml").read_text(encoding="utf-8"))
    keys = {a["key"]: a for a in data["assumptions"]}
    values = house_values()
    wrong = [f"house.{v.name} names unknown assumption '{v.assumption}'" for v in values.values() if v.assumption not in keys]
    for v in values.values():
        expect = keys.get(v.assumption, {}).get("expect")
        if expect and v.assumption in ("gpu_price", "vcpu_price", "utilisation", "peak"):
            number = v.node.text.replace(",", "")
            if float(number) != float(expect):
                wrong.append(f"house.{v.name} is {number}, the house assumption says {expect}")
    assert not wrong, wrong


def test_built_pages_quote_values_not_names(site):
    leftovers = [p for p in site.pages() if re.search(r"\{\{.*?\}\}", re.sub(r"<(script|code|pre)\b.*?</\1>", "", site.html(p), flags=re.S))]
    assert not leftovers, leftovers
    decisions = site.html("tradeoffs/decisions/index.html")
    assert "fits one 256 GB host" in decisions and "holds" in decisions


def test_a_reader_edits_an_input_and_the_page_follows(site, reader):
    page = reader.open("/case-studies/visual-search/")
    index_memory = page.locator('span[data-est="index_memory"]')
    condition = page.locator(".estimate-condition").first
    before = index_memory.first.text_content()
    assert before == "72 GB" and "holds" in condition.text_content()
    field = page.locator('input[data-est="corpus"]')
    field.fill("5e9")
    assert index_memory.first.text_content() == "360 GB"
    assert index_memory.nth(1).text_content() == "360 GB", "a quote in the prose did not follow"
    assert "would change" in condition.text_content()
    assert "estimate-flipped" in condition.get_attribute("class")
    assert "flip" in page.locator(".estimate-bar [role=status]").first.text_content()
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert index_memory.first.text_content() == before and field.input_value() == "1e9", "print shows the chapter's values"
    field.fill("2e9")
    page.locator(".estimate-bar button").first.click()
    assert index_memory.first.text_content() == before and "would change" not in condition.text_content()
    assert not reader.outside and not reader.errors, (reader.outside, reader.errors)


ARTICLE_SHAPE = """() => [document.querySelectorAll('article *').length,
    [...document.querySelectorAll('article table')].map(t => t.getBoundingClientRect().top + scrollY)]"""


def test_the_fields_are_in_the_page_as_built_and_hidden_without_the_script(browser, origin, site):
    """The fields, units and reset buttons are written at build time (overrides/hooks/estimates.py):
    the page scripts (estimates.js among them) add no element and move no table. Without JavaScript
    the page shows the chapter's values, as print does."""
    url, html = "/case-studies/visual-search/", site.html("case-studies/visual-search/index.html")
    assert re.search(r'<span data-est="index_memory">72 GB</span>', html) and "10⁹ × 72 B" in html
    fields = len(re.findall(r"<input [^>]*data-est=", html))
    assert fields and fields == html.count('class="estimate-shown"')

    before, after, page = as_built_then_scripted(browser, origin, url, ARTICLE_SHAPE,
                                                 "document.querySelector('.estimate-data[data-ready]')")
    assert after == before
    assert page.locator(".estimate input[data-est]:visible").count() == fields
    assert page.locator(".estimate .estimate-shown:visible").count() == 0
    assert page.get_by_label("Unique images in the index").input_value() == "1e9"
    page.context.close()

    page = without_javascript(browser, origin, url)
    assert page.locator(".estimate input, .estimate button").filter(visible=True).count() == 0
    assert page.locator('.estimate-shown[data-est="corpus"]').inner_text() == "10⁹"
    page.context.close()
