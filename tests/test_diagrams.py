"""Diagrams: drawn when the site is built, into the page as SVG; readable, accessible, in both
palettes, in the site's own font; a broken one fails the build; `make serve` draws the same ones in
the browser; `make check-diagrams` names a broken one by file and line.

`scripts/check_mermaid.py` runs in its own process, as `make check-diagrams` does (it drives its own
Chromium, which cannot share this session's Playwright)."""
import html
import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

from cards import CARDS_DIR
from check_mermaid import diagrams
from conftest import MKDOCS, ROOT, build
from diagram_drawing import Drawing, fits_phone, paper_drawings, paper_levels, printed_pt
from every_page import SETTLED, set_palette
from site_reader import Reader

FIXTURE = ROOT / "tests" / "fixtures" / "diagrams" / "broken.md"
VISIBLE = "[...document.querySelectorAll('.md-typeset .diagram')].filter(d => getComputedStyle(d).display !== 'none')"


def check_mermaid(path: Path) -> tuple[int, list[str]]:
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_mermaid.py"), str(path)],
                            cwd=ROOT, capture_output=True, text=True)
    lines = result.stdout.strip().splitlines()
    return result.returncode, [line for line in lines if "Mermaid cannot parse" in line]


def test_every_diagram_in_the_docs_parses():
    assert len(list(diagrams([ROOT / "docs"]))) >= 3
    assert check_mermaid(ROOT / "docs") == (0, [])


def test_a_broken_diagram_is_reported_with_file_line_and_message():
    code, errors = check_mermaid(FIXTURE)
    assert code == 1 and len(errors) == 1
    assert errors[0].startswith("tests/fixtures/diagrams/broken.md:12: Mermaid cannot parse this diagram: ")
    assert "Parse error" in errors[0] and "B[Model" in errors[0]


def test_every_diagram_has_an_accessible_title_description_and_caption():
    missing = []
    for file in sorted((ROOT / "docs").rglob("*.md")):
        if file.name.startswith("_"):
            continue
        lines = file.read_text(encoding="utf-8").splitlines()
        for _, line, source in diagrams([file]):
            if "accTitle" not in source or "accDescr" not in source:
                missing.append(f"{file.relative_to(ROOT)}:{line}: no accTitle/accDescr")
            end = line + source.count("\n") + 1  # the closing fence's line
            after = [text.strip() for text in lines[end:end + 2] if text.strip()]
            if not after or after[0] != "/// caption":
                missing.append(f"{file.relative_to(ROOT)}:{line}: no '/// caption' under the diagram")
    assert not missing, "\n".join(missing)


# The built site.

RAW_SOURCE = re.compile(r"accTitle:|accDescr:|classDef |<pre[^>]*class=\"mermaid\"|^\s*(?:flowchart|graph) (?:LR|TB|TD)\b", re.M)


def test_the_built_site_has_no_mermaid_source_and_loads_no_diagram_code(site, reader):
    problems = []
    for page in site.pages():
        text = site.html(page)
        problems += [f"{page}: Mermaid source '{m.group(0)}'" for m in RAW_SOURCE.finditer(text)]
        problems += [f"{page}: loads {src}" for src in re.findall(r'<script[^>]*src="([^"]+)"', text)
                     if re.search(r"mermaid|diagrams\.js|draw-diagram", src)]
    for shipped in ["assets/vendor/mermaid", "assets/javascripts/diagrams.js", "assets/javascripts/draw-diagram.mjs"]:
        if (site.root / shipped).exists():
            problems.append(f"the built site ships {shipped}")
    heaviest = site.heaviest()
    reader.open(site.url(heaviest))
    reader.page.wait_for_load_state("networkidle")
    problems += [f"{heaviest} requested {url}" for url in reader.requests if re.search(r"mermaid|/diagrams?\.js|draw-diagram", url)]
    assert not problems, "\n".join(problems)
    assert site.scan(heaviest).diagrams >= 3


# For each diagram shown: its index, whether it is an SVG with a title and a description that name
# it, its scale on screen, labels wider or taller than the box drawn for them, and Mermaid's error
# drawing if it is one.
SHOWN = """() => %s.map((d, i) => {
  const svg = d.querySelector(':scope > svg');
  if (!svg) return {i: i + 1, svg: false};
  const title = svg.querySelector(':scope > title'), desc = svg.querySelector(':scope > desc');
  const labelledBy = (svg.getAttribute('aria-labelledby') || '').split(' '), describedBy = (svg.getAttribute('aria-describedby') || '').split(' ');
  const named = !!(title && title.textContent.trim() && desc && desc.textContent.trim()
                   && labelledBy.includes(title.id) && describedBy.includes(desc.id));
  const scale = svg.getBoundingClientRect().width / parseFloat(d.style.getPropertyValue('--diagram-width'));
  const overflowing = [...svg.querySelectorAll('foreignObject')].filter(fo => {
    const box = fo.getBoundingClientRect(), label = fo.firstElementChild && fo.firstElementChild.getBoundingClientRect();
    return box.width && label && (label.width > box.width + 1 || label.height > box.height + 1);
  }).map(fo => fo.textContent.trim());
  const error = svg.getAttribute('aria-roledescription') === 'error';
  return {i: i + 1, svg: true, named, scale, overflowing, error};
})""" % VISIBLE


def test_every_diagram_is_an_svg_with_its_title_and_description_and_labels_that_fit(site, reader):
    problems = []
    for page in [p for p in site.pages() if site.scan(p).diagrams]:
        reader.open(site.url(page))
        reader.page.evaluate("document.fonts.ready")
        shown = reader.page.evaluate(SHOWN)
        if len(shown) != site.scan(page).diagrams:
            problems.append(f"{page}: {len(shown)} diagrams shown of {site.scan(page).diagrams}")
        for d in shown:
            if not d["svg"] or d["error"]:
                problems.append(f"{page}: diagram {d['i']} is not a drawing")
                continue
            if not d["named"]:
                problems.append(f"{page}: diagram {d['i']} has no accessible title and description")
            if d["scale"] < 0.59:
                problems.append(f"{page}: diagram {d['i']} drawn at {d['scale']:.0%} of its size, too small to read")
            problems += [f"{page}: diagram {d['i']}: label '{label}' does not fit its box" for label in d["overflowing"]]
        ids = reader.page.evaluate("[...document.querySelectorAll('[id]')].map(e => e.id)")
        problems += [f"{page}: id '{i}' used twice" for i in {i for i in ids if ids.count(i) > 1}]
    assert not problems, "\n".join(problems)


def test_diagrams_are_drawn_in_the_font_the_site_serves(site, reader):
    page = site.heaviest()
    reader.open(site.url(page))
    reader.page.evaluate("document.fonts.ready")
    family = reader.page.evaluate(f"getComputedStyle({VISIBLE}[0].querySelector('.nodeLabel, text')).fontFamily")
    assert family.startswith('"Inter"') or family.startswith("Inter"), family
    assert reader.page.evaluate("[...document.fonts].some(f => f.family.replace(/\"/g, '') === 'Inter' && f.status === 'loaded')")
    inter = [url for url in reader.requests if "/inter-" in url]
    assert inter and all(url.startswith(reader.origin + "/assets/vendor/fonts/inter-") for url in inter), inter
    assert not reader.outside


LINE_BREAK = """```mermaid
flowchart LR
  accTitle: A label on two lines
  accDescr: One node whose label has a line break, and one in bold.
  A["Label joiner<br/>waits up to 7 days"] --> B["<b>Bold</b> part"]
```
"""


def fixture_site(tmp_path: Path, pages: dict[str, str]) -> tuple[subprocess.CompletedProcess, Path]:
    """Build a small site of the given pages with the guide's diagram hooks."""
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in pages.items():
        (docs / name).write_text(text, encoding="utf-8")
    hooks = ROOT / "overrides" / "hooks"
    (tmp_path / "mkdocs.yml").write_text(f"""site_name: Fixture
theme: {{name: material, font: false}}
hooks: [{hooks / 'house_styles.py'}, {hooks / 'diagrams.py'}]
markdown_extensions:
  - admonition
  - pymdownx.superfences:
      custom_fences:
        - name: mermaid
          class: mermaid
          format: !!python/name:mermaid2.fence_mermaid_custom
""", encoding="utf-8")
    return build(tmp_path / "mkdocs.yml", tmp_path / "site"), tmp_path / "site"


def test_a_label_with_a_line_break_shows_two_lines_and_bold_stays_bold(tmp_path, browser):
    result, site_dir = fixture_site(tmp_path, {"index.md": "# Line breaks\n\n" + LINE_BREAK})
    assert result.returncode == 0, result.stderr
    text = (site_dir / "index.html").read_text(encoding="utf-8")
    assert "joinerwaits" not in text
    page = browser.new_page()
    page.set_content(text)
    lines, bold = page.evaluate("""() => {
        const label = [...document.querySelectorAll('.nodeLabel')].find(l => l.textContent.includes('Label joiner'));
        const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT), tops = new Set();
        for (let node; (node = walker.nextNode());) {
          const range = document.createRange(); range.selectNodeContents(node);
          [...range.getClientRects()].filter(r => r.width).forEach(r => tops.add(Math.round(r.top)));
        }
        const b = [...document.querySelectorAll('.nodeLabel b')].map(b => b.textContent);
        return [tops.size, b]; }""")
    page.close()
    assert lines == 2 and bold == ["Bold"], (lines, bold)


def test_a_broken_diagram_fails_the_build_naming_file_line_and_message(tmp_path):
    result, _ = fixture_site(tmp_path, {"index.md": "# Fine\n\n" + LINE_BREAK, "broken.md": FIXTURE.read_text()})
    assert result.returncode != 0
    assert "docs/broken.md:12: Mermaid cannot parse this diagram: Parse error on line" in result.stderr, result.stderr
    assert "docs/index.md" not in result.stderr and "docs/broken.md:3" not in result.stderr


DRAW_ONCE = """
import json, sys
sys.path.insert(0, "overrides/hooks")
from diagram_drawing import Drawer
with Drawer() as drawer:
    drawings, errors = drawer.draw([sys.stdin.read()])
    print(json.dumps({"browser": bool(drawer._pages), "errors": errors,
                      "drawing": [d.__dict__ for d in drawings.values()]}))
"""


def test_a_drawing_is_cached_by_its_source_and_the_renderer(tmp_path):
    # In processes of their own: the session's Playwright cannot share the thread.
    source = LINE_BREAK.split("\n", 1)[1].rsplit("```", 1)[0]

    def draw_once():
        result = subprocess.run([sys.executable, "-c", DRAW_ONCE], cwd=ROOT, input=source, capture_output=True,
                                text=True, env={**os.environ, "DIAGRAM_CACHE": str(tmp_path)}, check=True)
        return json.loads(result.stdout)
    first, again = draw_once(), draw_once()
    assert first["browser"] and not first["errors"] and len(first["drawing"]) == 1
    assert not again["browser"], "a cached drawing started a browser"
    assert again["drawing"] == first["drawing"]
    assert len(list(tmp_path.rglob("*.json"))) == 1


def test_a_diagram_too_small_in_print_is_drawn_again_for_paper():
    levels = paper_levels("flowchart LR\n  A --> B\n")
    assert len(levels) >= 2 and all(len(level) == 2 for level in levels)
    assert any("flowchart TB" in source for source in levels[0])
    assert paper_levels("pie\n  \"a\": 1\n") == []


# Palette and charts.

LABEL_LUMINANCE = """() => {
  const label = %s[0].querySelector(".nodeLabel, text");
  const [r, g, b] = getComputedStyle(label).color.match(/\\d+/g).map(Number);
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}""" % VISIBLE


def test_diagrams_follow_the_palette_toggle(site, reader):
    page = site.heaviest()
    reader.page.emulate_media(color_scheme="light")
    reader.open(site.url(page))
    light = reader.page.evaluate(LABEL_LUMINANCE)
    reader.page.locator('label[title="Switch to dark mode"]').click()
    assert reader.page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    reader.page.evaluate(SETTLED)
    dark = reader.page.evaluate(LABEL_LUMINANCE)
    assert not reader.errors
    assert light < 0.35 < 0.65 < dark, f"label luminance light {light:.2f}, dark {dark:.2f}"


def test_chart_series_use_the_house_colours(site, reader):
    page = next(p for p in site.pages() if 'aria-roledescription="xychart"' in site.html(p))
    reader.open(site.url(page))
    fills = reader.page.evaluate("""() => [...document.querySelectorAll('.diagram svg[aria-roledescription="xychart"]')]
        .flatMap(svg => [...svg.querySelectorAll('.plot rect, .plot path')].map(e => e.getAttribute('fill') || e.getAttribute('stroke')))""")
    assert fills, f"{page}: no chart series drawn"
    assert {f.lower() for f in fills} <= {"#5c6bc0", "#ef6c00", "#2e7d32", "#8e24aa", "none"}, fills


def test_charts_take_the_page_colours_in_dark_mode(site, reader):
    page = next(p for p in site.pages() if 'aria-roledescription="xychart"' in site.html(p))
    reader.open(site.url(page))
    set_palette(reader.page, "slate")
    background, title = reader.page.evaluate("""() => {
        const svg = document.querySelector('.diagram svg[aria-roledescription="xychart"]');
        return [getComputedStyle(svg.querySelector('.background')).fill,
                getComputedStyle(svg.querySelector('.chart-title text')).fill]; }""")
    assert background in ("transparent", "rgba(0, 0, 0, 0)", "none"), f"{page}: chart painted on {background}"
    r, g, b = [int(v) for v in re.findall(r"\d+", title)[:3]]
    assert (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 > 0.65, f"{page}: chart title {title} on a dark page"


# `make serve`: the same diagrams, drawn in the browser.

DRAWN = """() => ({
  waiting: document.querySelectorAll('pre.diagram-source, pre.mermaid').length,
  errors: [...document.querySelectorAll('pre.diagram-error')].map(p => p.textContent.slice(0, 300)),
  drawn: [...document.querySelectorAll('.md-typeset .diagram > svg')].map(svg =>
    [svg.getAttribute('aria-roledescription'), svg.querySelector(':scope > title')?.textContent.trim()]),
})"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_make_serve_draws_the_same_diagrams_in_the_browser_without_error(site, browser):
    port = free_port()
    server = subprocess.Popen([str(MKDOCS), "serve", "--no-livereload", "--dev-addr", f"127.0.0.1:{port}"], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                              env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
    from mkdocs.config import load_config
    origin = f"http://127.0.0.1:{port}" + urlsplit(load_config(str(ROOT / "mkdocs.yml"))["site_url"] or "/").path.rstrip("/")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, server.stderr.read() if server.poll() else "no server"
                time.sleep(0.5)
        # Two pages at a time, so that one draws while the other is checked. Not the one-page cards:
        # a card's diagram is its chapter's, the same source drawn by the same script.
        readers = [Reader(browser.new_context(viewport={"width": 1280, "height": 900}), origin) for _ in range(2)]
        problems = []
        pages = [p for p in site.pages() if site.scan(p).diagrams and not p.startswith(f"{CARDS_DIR}/")]
        for pair in zip(pages[::2], pages[1::2] + [None]):
            for reader, page in zip(readers, pair):
                if page:
                    reader.errors.clear()
                    reader.page.goto(reader.site + site.url(page), wait_until="commit")
            for reader, page in zip(readers, pair):
                if not page:
                    continue
                built = re.findall(r'<div class="diagram(?: diagram--screen)?"[^>]*><svg[^>]*aria-roledescription="([^"]+)"[^>]*>.*?<title[^>]*>([^<]*)</title>',
                                   site.html(page), re.S)
                reader.page.wait_for_load_state("load")
                reader.page.wait_for_function("document.querySelectorAll('pre.diagram-source, pre.mermaid').length === 0",
                                              timeout=60000)
                served = reader.page.evaluate(DRAWN)
                problems += [f"{page}: {e}" for e in served["errors"] + reader.errors]
                if [(k, html.unescape(t).strip()) for k, t in built] != [tuple(d) for d in served["drawn"]]:
                    problems.append(f"{page}: built {built} but served {served['drawn']}")
        problems += [f"outside request: {url}" for r in readers for url in sorted(set(r.outside))]
        for r in readers:
            r.page.context.close()
        reader = Reader(context, origin)
        # A page reached by in-site navigation (instant, not reloaded) is drawn too, by the same script.
        reader.errors.clear()
        reader.start("/")
        reader.follow(reader.page.locator("article a[href*='case-studies/visual-search/']").first)
        reader.page.wait_for_function("document.querySelectorAll('pre.diagram-source, pre.mermaid').length === 0",
                                      timeout=60000)
        drawn = reader.page.evaluate(DRAWN)["drawn"]
        if len(drawn) != site.scan("case-studies/visual-search/index.html").diagrams:
            problems.append(f"visual search reached by navigation: {len(drawn)} diagrams drawn")
        problems += [f"visual search reached by navigation: {e}" for e in reader.errors]
        problems += [f"outside request: {url}" for url in sorted(set(reader.outside))]
        assert not problems, "\n".join(problems)
    finally:
        context.close()
        server.terminate()
        server.wait(timeout=30)


# Full screen: every diagram opens in a view that zooms and pans (diagram-viewer.js).

BUTTON = re.compile(r'<button type="button" class="diagram-open" aria-label="([^"]*)">')
SCREEN_TITLE = re.compile(r'<div class="diagram(?: diagram--screen)?(?: diagram--card-print)?"[^>]*><svg[^>]*>.*?<title[^>]*>(.*?)</title>', re.S)


def test_every_diagram_has_a_full_screen_button_named_after_it(site):
    problems = []
    for page in [p for p in site.pages() if site.scan(p).diagrams]:
        text = site.html(page)
        names = [html.unescape(name) for name in BUTTON.findall(text)]
        wanted = [f"Open full screen: {html.unescape(re.sub(r'<[^>]+>', '', t)).strip()}" for t in SCREEN_TITLE.findall(text)]
        if names != wanted or len(names) != site.scan(page).diagrams:
            problems.append(f"{page}: buttons {names}, diagrams {wanted}")
    assert not problems, "\n".join(problems)


# The drawing in the viewer: its id, whether it is inside the open dialog, and its scale and place on screen.
IN_VIEWER = """() => {
  const dialog = document.querySelector('dialog.diagram-viewer'), svg = dialog && dialog.querySelector('svg[id^="diagram-"]');
  if (!svg) return {open: !!(dialog && dialog.open)};
  const box = svg.getBoundingClientRect();
  return {open: dialog.open, id: svg.id, scale: box.width / svg.viewBox.baseVal.width,
          left: box.left, top: box.top, right: box.right, bottom: box.bottom};
}"""
SHOWN_ID = f"() => {VISIBLE}[0].querySelector(':scope > svg').id"


def test_the_full_screen_view_opens_zooms_and_closes_by_keyboard(site, reader):
    page_file = site.heaviest()
    reader.page.set_viewport_size({"width": 390, "height": 844})
    page = reader.open(site.url(page_file))
    shown = page.evaluate(SHOWN_ID)  # on a phone, a diagram drawn twice shows its narrow drawing
    button = page.locator(".diagram-open").first
    button.focus()
    page.keyboard.press("Enter")
    opened = page.evaluate(IN_VIEWER)
    assert opened["open"] and opened["id"] == shown, opened
    assert page.locator("dialog.diagram-viewer").is_visible()
    # Fitted to the screen: all of it in view, none of it off the sides.
    assert opened["left"] >= -1 and opened["right"] <= 391 and opened["top"] >= 0 and opened["bottom"] <= 845, opened
    page.keyboard.press("+")
    zoomed = page.evaluate(IN_VIEWER)
    assert abs(zoomed["scale"] / opened["scale"] - 1.25) < 0.01, (opened, zoomed)
    page.keyboard.press("+")
    page.keyboard.press("+")  # now larger than the screen at least across the side it was fitted to
    before = page.evaluate(IN_VIEWER)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowRight")
    moved = page.evaluate(IN_VIEWER)
    dx, dy = moved["left"] - before["left"], moved["top"] - before["top"]
    assert dx <= 0 and dy <= 0 and min(dx, dy) < -10, (before, moved)  # it moves up and left, to show more
    page.keyboard.press("0")
    assert abs(page.evaluate(IN_VIEWER)["scale"] - opened["scale"]) < 0.001
    page.keyboard.press("Escape")
    assert not page.evaluate(IN_VIEWER)["open"]
    assert page.evaluate("document.activeElement === document.querySelector('.diagram-open')"), "focus did not return"
    assert page.evaluate(SHOWN_ID) == shown, "the drawing did not go back into the page"
    assert not reader.errors, reader.errors


def test_the_full_screen_view_zooms_and_pans_by_touch_and_by_mouse(site, browser, origin):
    page_file = site.heaviest()
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    try:
        reader = Reader(context, origin)
        page = reader.open(site.url(page_file))
        page.locator(".diagram-open").first.click()
        cdp = context.new_cdp_session(page)

        def touch(kind, *points):
            cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": [{"x": x, "y": y, "id": i}
                                                                                for i, (x, y) in enumerate(points)]})
        before = page.evaluate(IN_VIEWER)
        touch("touchStart", (150, 400), (240, 400))  # two fingers 90 px apart, spread to 250 px
        for step in range(1, 11):
            touch("touchMove", (150 - 8 * step, 400), (240 + 8 * step, 400))
        touch("touchEnd")
        pinched = page.evaluate(IN_VIEWER)
        assert abs(pinched["scale"] / before["scale"] - 250 / 90) < 0.05, (before, pinched)
        touch("touchStart", (200, 400))  # one finger drags 30 px up and left
        for step in range(1, 4):
            touch("touchMove", (200 - 10 * step, 400 - 10 * step))
        touch("touchEnd")
        dragged = page.evaluate(IN_VIEWER)
        # Zoomed around its centre, the drawing has room to move at least across the side it was
        # fitted to; it never moves against the finger.
        dx, dy = dragged["left"] - pinched["left"], dragged["top"] - pinched["top"]
        assert -30.5 < dx <= 0 and -30.5 < dy <= 0 and min(dx, dy) < -29.5, (pinched, dragged)
        page.mouse.move(200, 400)
        page.mouse.wheel(0, 300)  # the wheel zooms out around the pointer
        assert page.evaluate(IN_VIEWER)["scale"] < dragged["scale"]
        page.get_by_role("button", name="Close").click()
        assert not page.evaluate(IN_VIEWER)["open"]
        assert not reader.errors, reader.errors
    finally:
        context.close()


# Phones: the widest diagrams, redrawn top to bottom, fit a phone's column; no diagram is cut off.

FIT_A_PHONE = {  # page: titles of diagrams that once were 2,600 to 3,600 px wide
    "case-studies/chat-assistant-serving/index.html": ["Chat assistant, serving path and training path"],
    "case-studies/text-to-image/index.html": ["Text-to-image service, training path"],
    "case-studies/visual-search/index.html": ["Image preprocessing and deduplication pipeline"],
    "case-studies/ad-click-prediction/index.html": ["Ad click prediction architecture with serving and training paths",
                                                    "DCN-v2 ranker with calibration"],
    "case-studies/street-view-blurring/index.html": ["Street-view blurring at a glance",
                                                     "End-to-end architecture with training and serving paths"],
    "case-studies/delivery-eta/index.html": ["Delivery ETA architecture with serving and training paths"],
    "case-studies/harmful-content-detection/index.html": ["Harmful content detection, training and serving paths"],
    "case-studies/payment-fraud-detection/index.html": ["Payment fraud detection, serving and training paths"],
}
# Redrawn too, but still wider than a phone: it scrolls sideways and opens full screen.
REDRAWN_WIDE = ["case-studies/event-recommendation/index.html"]
ON_A_PHONE = """() => {
  const column = document.querySelector('article.md-content__inner').getBoundingClientRect();
  return %s.map(d => {
    const svg = d.querySelector(':scope > svg'), box = d.getBoundingClientRect();
    let button = d.nextElementSibling;
    while (button && button.classList.contains('diagram')) button = button.nextElementSibling;
    return {title: svg.querySelector(':scope > title').textContent.trim(),
            scale: svg.getBoundingClientRect().width / parseFloat(d.style.getPropertyValue('--diagram-width')),
            inside: box.left >= column.left - 1 && box.right <= column.right + 1,
            fits: d.scrollWidth <= d.clientWidth + 1,
            scrollable: d.tabIndex === 0 && d.getAttribute('role') === 'region',
            button: !!button && button.classList.contains('diagram-open')};
  });
}""" % VISIBLE


def test_on_a_phone_no_diagram_is_cut_off_and_the_widest_fit_the_column(site, reader):
    reader.page.set_viewport_size({"width": 390, "height": 844})
    problems = []
    for page in sorted({*FIT_A_PHONE, *REDRAWN_WIDE, site.heaviest()}):
        reader.open(site.url(page))
        shown = reader.page.evaluate(ON_A_PHONE)
        for d in shown:
            where = f"{page}: '{d['title']}'"
            if not d["inside"]:
                problems.append(f"{where} is wider than the column")
            if d["scale"] < 0.59:
                problems.append(f"{where} drawn at {d['scale']:.0%} of its size, too small to read")
            if not d["fits"] and not (d["scrollable"] and d["button"]):
                problems.append(f"{where} is cut off: wider than the column, and neither scrolls by keyboard nor opens full screen")
        fitting = {d["title"] for d in shown if d["fits"]}
        problems += [f"{page}: '{title}' does not fit a phone's column" for title in FIT_A_PHONE.get(page, [])
                     if title not in fitting]
    assert not problems, "\n".join(problems)


class FakeDrawer:
    """Draws a flowchart 1,000 x 400 px left to right, 500 x 900 turned top to bottom."""

    def draw(self, sources):
        drawn = {s: Drawing("", *((500, 900) if "flowchart TB" in s else (1000, 400)), 16.0, "d") for s in sources}
        return drawn, {}


def test_a_diagram_that_prints_well_but_scrolls_on_a_phone_is_drawn_again_narrower():
    source = "flowchart LR\n  A --> B\n"
    wide = Drawing("", 1000, 400, 16.0, "d")  # prints at 8 pt, but 60% of it is wider than a phone's column
    assert printed_pt(wide) >= 7 and not fits_phone(wide)
    compact = paper_drawings(FakeDrawer(), {source: wide})[source]
    assert (compact.width, compact.height) == (500, 900) and fits_phone(compact) and printed_pt(compact) >= 7
    narrow = Drawing("", 560, 300, 16.0, "d")  # fits a phone already: drawn once
    assert paper_drawings(FakeDrawer(), {source: narrow}) == {}
