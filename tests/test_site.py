"""The built site as a reader gets it: every page, every diagram, every link, both palettes."""
import posixpath
import re
from urllib.parse import urlsplit

import pytest


def test_build_writes_the_sections_and_skips_templates(site):
    pages = site.pages()
    for page in ["index.html", "framework/index.html", "tradeoffs/index.html", "tradeoffs/matrix/index.html"]:
        assert page in pages
    assert not [p for p in pages if "_template" in p]


def test_every_page_draws_every_diagram_and_formula_without_outside_requests(site, reader):
    problems = []
    for page in site.pages():
        expected = site.scan(page).diagrams
        reader.errors.clear()
        reader.open(site.url(page))
        state = reader.diagrams(expected)
        if state["drawn"] != expected or state["errors"]:
            problems.append(f"{page}: {state['drawn']} of {expected} diagrams drawn, {state['errors']} error SVGs")
        reader.page.wait_for_timeout(50)  # diagrams.js widens the wide ones once they are drawn
        small = reader.page.evaluate("""() => [...document.querySelectorAll('div.mermaid')].map((d, i) => {
            const svg = d.shadowRoot && d.shadowRoot.querySelector('svg');
            return svg ? [i + 1, svg.getBoundingClientRect().width / svg.viewBox.baseVal.width] : [i + 1, 1];
          }).filter(([, scale]) => scale < 0.59)""")
        problems += [f"{page}: diagram {i} drawn at {scale:.0%} of its size, too small to read" for i, scale in small]
        unnamed = reader.page.evaluate("""() => [...document.querySelectorAll('div.mermaid')].map((d, i) => {
            const svg = d.shadowRoot && d.shadowRoot.querySelector('svg');
            const title = svg && svg.querySelector(':scope > title'), desc = svg && svg.querySelector(':scope > desc');
            const named = title && title.textContent.trim() && desc && desc.textContent.trim()
                          && (svg.getAttribute('aria-labelledby') || '').includes(title.id);
            return named ? null : i + 1; }).filter(Boolean)""")
        problems += [f"{page}: diagram {i} has no accessible title and description" for i in unnamed]
        formulas = site.html(page).count('class="arithmatex"')
        typeset = reader.page.evaluate("document.querySelectorAll('.arithmatex .katex').length")
        if typeset != formulas:
            problems.append(f"{page}: {typeset} of {formulas} formulas typeset by KaTeX")
        problems += [f"{page}: page error: {e}" for e in reader.errors]
    problems += [f"outside request: {url}" for url in sorted(set(reader.outside))]
    assert not problems, "\n".join(problems)
    assert sum(site.scan(p).diagrams for p in site.pages()) >= 3


def test_internal_links_and_anchors_resolve(site):
    broken = []
    for page in site.pages():
        base = site.url(page)
        for href in site.scan(page).links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or href.startswith("mailto:") or parts.path.endswith(".pdf"):
                continue  # PDFs are written by `make pdf`; tests/test_pdf.py checks those links
            target = posixpath.normpath(posixpath.join(posixpath.dirname(base) + "/", parts.path)) if parts.path else base
            if parts.path.endswith("/") or not parts.path:
                target = target.rstrip("/") + "/"
            file = (target.lstrip("/") + "index.html") if target.endswith("/") else target.lstrip("/")
            if not (site.root / file).is_file():
                broken.append(f"{page}: {href} -> no file {file}")
            elif parts.fragment and file.endswith(".html") and parts.fragment not in site.scan(file).ids:
                broken.append(f"{page}: {href} -> no id '{parts.fragment}' in {file}")
    assert not broken, "\n".join(broken)


def test_diagrams_draw_after_in_site_navigation(site, reader):
    start = next(p for p in site.pages() if p.startswith("tradeoffs/") and site.scan(p).diagrams == 0)
    reader.open(site.url(start))
    reader.page.get_by_role("link", name="Framework", exact=True).first.click()
    reader.page.wait_for_url(re.compile(r"/framework/$"))
    expected = site.scan("framework/index.html").diagrams
    assert expected > 0
    assert reader.diagrams(expected) == {"drawn": expected, "errors": 0}
    assert not reader.errors


LABEL_LUMINANCE = """() => {
  const d = document.querySelector("div.mermaid");
  const label = d.shadowRoot.querySelector(".nodeLabel, text");
  const [r, g, b] = getComputedStyle(label).color.match(/\\d+/g).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}"""


def test_diagrams_follow_the_palette_toggle(site, reader):
    page = site.heaviest()
    expected = site.scan(page).diagrams
    reader.page.emulate_media(color_scheme="light")
    reader.open(site.url(page))
    assert reader.diagrams(expected)["drawn"] == expected
    light = reader.page.evaluate(LABEL_LUMINANCE)
    reader.page.locator('label[title="Switch to dark mode"]').click()
    assert reader.page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    state = reader.diagrams(expected)
    dark = reader.page.evaluate(LABEL_LUMINANCE)
    assert state == {"drawn": expected, "errors": 0} and not reader.errors
    assert light < 0.35 < 0.65 < dark, f"label luminance light {light:.2f}, dark {dark:.2f}"


def test_dark_palette_is_remembered_across_pages(site, reader):
    reader.page.emulate_media(color_scheme="light")
    reader.open("/")
    reader.page.locator('label[title="Switch to dark mode"]').click()
    reader.open("/framework/")
    assert reader.page.locator("body").get_attribute("data-md-color-scheme") == "slate"


def test_chart_series_use_the_house_colours(site, reader):
    page = next(p for p in site.pages() if "xychart" in site.html(p))
    reader.open(site.url(page))
    reader.diagrams(site.scan(page).diagrams)
    fills = reader.page.evaluate("""() => [...document.querySelectorAll('div.mermaid')]
        .map(d => d.shadowRoot && d.shadowRoot.querySelector('svg[aria-roledescription="xychart"]')).filter(Boolean)
        .flatMap(svg => [...svg.querySelectorAll('.plot rect, .plot path')].map(e => e.getAttribute('fill') || e.getAttribute('stroke')))""")
    assert fills, f"{page}: no chart series drawn"
    assert {f.lower() for f in fills} <= {"#5c6bc0", "#ef6c00", "#2e7d32", "#8e24aa", "none"}, fills



NEAR_SCREEN = """() => [...document.querySelectorAll('.md-typeset .mermaid')]
    .filter(d => d.getBoundingClientRect().top < 1.5 * innerHeight).length"""
# The file-name prefix of the code Mermaid's ESM build fetches for each kind of diagram.
KIND_CODE = {"flowchart": "flowDiagram-", "sequenceDiagram": "sequenceDiagram-", "stateDiagram": "stateDiagram-",
             "gantt": "ganttDiagram-", "xychart": "xychartDiagram-", "quadrantChart": "quadrantDiagram-",
             "pie": "pieDiagram-"}


def diagram_kinds(html: str) -> list[str]:
    """The kind of each diagram on a built page, in page order: flowchart, sequenceDiagram, ..."""
    kinds = []
    for source in re.findall(r'<pre class="mermaid"[^>]*><code>(.*?)</code></pre>', html, re.S):
        first = next(line for line in source.splitlines() if line.strip() and not line.strip().startswith("%%"))
        kinds.append(re.split(r"[\s-]", first.strip())[0])
    return kinds


def test_diagrams_are_drawn_as_they_near_the_screen_with_only_their_own_code(site, reader):
    page_file = site.heaviest()
    expected = site.scan(page_file).diagrams
    reader.open(site.url(page_file))
    page = reader.page
    page.wait_for_timeout(1500)
    drawn, near = page.evaluate("document.querySelectorAll('div.mermaid').length"), page.evaluate(NEAR_SCREEN)
    assert drawn == near < expected, f"{page_file}: {drawn} drawn at the top, {near} near the screen, of {expected}"
    kinds = diagram_kinds(site.html(page_file))
    fetched = [url for url in reader.requests if "/assets/vendor/mermaid/" in url]
    only_below = set(kinds[drawn:]) - set(kinds[:drawn])
    assert only_below, f"{page_file}: every diagram kind is on the first screen; pick another page"
    early = [url for url in fetched for k in only_below if KIND_CODE[k] in url]
    assert not early, f"code for diagrams not yet on screen was fetched: {early}"
    # The first scroll draws the rest in idle time, so printing finds every diagram drawn.
    page.mouse.wheel(0, 400)
    page.wait_for_function(f"document.querySelectorAll('div.mermaid').length === {expected}", timeout=30000)
    assert not reader.errors and not reader.outside
    assert not (site.root / "assets" / "vendor" / "mermaid" / "mermaid.min.js").exists(), "the 3.5 MB UMD build ships"


def test_a_page_whose_diagrams_are_far_below_loads_no_mermaid_until_the_reader_scrolls(site, reader):
    reader.page.set_viewport_size({"width": 412, "height": 823})
    for page_file in [p for p in site.pages() if site.scan(p).diagrams]:
        reader.open(site.url(page_file))
        if reader.page.evaluate(NEAR_SCREEN) == 0:
            break
    else:
        pytest.fail("no page has its first diagram below the first screen and a half")
    reader.page.goto("about:blank")  # nothing in flight from the pages looked at before
    reader.requests.clear()
    reader.open(site.url(page_file))
    reader.page.wait_for_timeout(1000)
    assert not [url for url in reader.requests if "/assets/vendor/mermaid/" in url], page_file
    reader.page.mouse.wheel(0, 600)
    expected = site.scan(page_file).diagrams
    reader.page.wait_for_function(f"document.querySelectorAll('div.mermaid').length === {expected}", timeout=30000)


def test_the_search_index_is_fetched_after_the_page_has_loaded(reader):
    page = reader.open("/tradeoffs/")
    page.wait_for_function("performance.getEntriesByType('resource').some(e => e.name.endsWith('/search_index.json'))")
    index_start, load_end = page.evaluate("""() => [
        performance.getEntriesByType('resource').find(e => e.name.endsWith('/search_index.json')).startTime,
        performance.getEntriesByType('navigation')[0].loadEventEnd]""")
    assert load_end > 0 and index_start >= load_end, (index_start, load_end)


def test_charts_take_the_page_colours_in_dark_mode(site, reader):
    page = next(p for p in site.pages() if "xychart" in site.html(p))
    reader.open(site.url(page))
    reader.page.evaluate("document.body.setAttribute('data-md-color-scheme', 'slate')")
    reader.diagrams(site.scan(page).diagrams)
    reader.page.wait_for_timeout(500)  # Material fades colours over 250 ms
    background, title = reader.page.evaluate("""() => {
        const svg = [...document.querySelectorAll('div.mermaid')]
          .map(d => d.shadowRoot && d.shadowRoot.querySelector('svg[aria-roledescription="xychart"]')).find(Boolean);
        return [getComputedStyle(svg.querySelector('.background')).fill,
                getComputedStyle(svg.querySelector('.chart-title text')).fill]; }""")
    assert background in ("transparent", "rgba(0, 0, 0, 0)", "none"), f"{page}: chart painted on {background}"
    r, g, b = [int(v) for v in re.findall(r"\d+", title)[:3]]
    assert (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 > 0.65, f"{page}: chart title {title} on a dark page"


def test_a_label_with_a_line_break_is_drawn_on_two_lines(site, reader):
    """`<br/>` in a Mermaid label reaches Mermaid as written (the fence escapes the source), so the
    drawn label breaks where the author broke it instead of gluing the two words together."""
    page = next(p for p in site.pages() if "&lt;br/&gt;" in site.html(p) and site.scan(p).diagrams)
    reader.open(site.url(page))
    reader.diagrams(site.scan(page).diagrams)
    drawn = reader.page.evaluate("""() => [...document.querySelectorAll('div.mermaid')]
        .map(d => d.shadowRoot ? d.shadowRoot.querySelectorAll('svg foreignObject br, svg text tspan + tspan').length : 0)""")
    assert sum(drawn) >= 1, (page, drawn)


PROMISES = re.compile(r"\b(?:to be added|coming soon|will be added|not yet (?:written|available|added)|"
                      r"under construction|TODO|TBD|next chapters)\b", re.I)
NUMBER_WORDS = {"six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}


def visible_text(html: str) -> str:
    article = html.split('<article', 1)[-1].split('</article>', 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)\b.*?</\1>", "", article, flags=re.S)))


def test_no_page_promises_what_is_not_there(site):
    """No page announces content still to come, and the counts the front pages state are the real ones."""
    promises = [f"{p}: '{m.group(0)}'" for p in site.pages() for m in PROMISES.finditer(visible_text(site.html(p)))]
    assert not promises, "\n".join(promises)
    from conftest import ROOT
    real = {
        "case studies": len([p for p in site.pages() if re.fullmatch(r"case-studies/(?!index)[\w-]+/index\.html", p)]),
        "catalog pages": len([p for p in site.pages() if re.fullmatch(r"tradeoffs/[\w-]+-vs-[\w-]+/index\.html", p)]),
        "questions": sum(f.read_text(encoding="utf-8").count("\n- id:") + f.read_text(encoding="utf-8").startswith("- id:")
                         for f in (ROOT / "data" / "questions").glob("*.yml")),
        "scripted mock interviews": len([p for p in site.pages() if re.fullmatch(
            r"practice/mock-interviews/(?!index)[\w-]+/index\.html", p)]),
    }
    wrong = []
    for page in ["index.html", "reference/about/index.html", "practice/index.html", "case-studies/index.html"]:
        text = visible_text(site.html(page))
        for what, count in real.items():
            # A total ("18 case studies", "six scripted mock interviews"), not a part ("the first ten case studies").
            for m in re.finditer(rf"(?<!first )(?<!other )\b(\d+|{'|'.join(NUMBER_WORDS)})\s+(?:worked\s+)?{what}\b",
                                 text, re.I):
                stated = NUMBER_WORDS.get(m.group(1).lower()) or int(m.group(1))
                if stated != count:
                    wrong.append(f"{page}: says '{m.group(0)}', the guide has {count}")
    assert not wrong, "\n".join(wrong)
