"""Print the site's speed and size figures. A measurement, not a test: nothing here fails on a number.

usage: python scripts/benchmark.py

Figures: clean strict build time; site size (all files, and without the self-hosted vendor assets);
bytes transferred to load the home page and the heaviest page (most diagrams); time from navigation
start until every diagram on the heaviest page is drawn, median of 3 cold loads; time for
`make pdf` on the built site, and the whole-guide PDF's page count and size; each hook's share of
the build; the search index size and the median time from keystroke to results; and Lighthouse
scores (mobile profile, Debian's Chromium, text gzipped as a host sends it) against the budgets.
"""
import gzip
import json
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from pypdf import PdfReader

from browser import chromium
from site_reader import BuiltSite, Reader, serve

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "overrides" / "hooks"))
from pdf_links import GUIDE  # noqa: E402
MKDOCS = Path(sys.executable).parent / "mkdocs"


def size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def mb(n: float) -> str:
    return f"{n / 1e6:.2f} MB"


def load(browser, site: BuiltSite, origin: str, url: str) -> tuple[int, int, float]:
    """For one cold load of a page: bytes of the files it fetched, raw and gzipped (as a host that
    compresses would send them), and seconds from navigation start until its diagrams are drawn."""
    page_file = url.lstrip("/") + ("index.html" if url.endswith("/") else "")
    diagrams = site.scan(page_file).diagrams
    context = browser.new_context()
    reader = Reader(context, origin)
    reader.open(url)
    state = reader.diagrams(diagrams, timeout=60)
    drawn_at = reader.page.evaluate("performance.now()") / 1000
    reader.page.wait_for_load_state("networkidle")
    context.close()
    if state["drawn"] != diagrams:
        print(f"warning: {url}: {state['drawn']} of {diagrams} diagrams drawn", file=sys.stderr)
    raw = zipped = 0
    for request in set(reader.requests):
        path = urlsplit(request).path
        file = site.root / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))
        if file.is_file():
            data = file.read_bytes()
            raw, zipped = raw + len(data), zipped + len(gzip.compress(data))
    return raw, zipped, drawn_at


LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
# Budgets from issue 11: performance 0.95 without diagrams, 0.90 on the heaviest diagram page.
BUDGETS = {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0, "seo": 0.95}
SEARCHES = ["memory vs latency", "recall", "ann index", "cold start", "calibration", "kv cache",
            "position bias", "freshness", "pr-auc", "two-tower", "label delay", "quantization"]


def hook_shares(out: Path) -> list[tuple[str, float]]:
    """Seconds spent in each hook's on_* functions during one build, by profiling the build."""
    profile = out.parent / "build.prof"
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(profile), "-m", "mkdocs", "build", "-q",
                    "-d", str(out.parent / "profiled")], cwd=ROOT, check=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    shares = {}
    for (file, _, name), (_, _, _, cumulative, _) in pstats.Stats(str(profile)).stats.items():
        if "/overrides/hooks/" in file and name.startswith("on_"):
            hook = Path(file).stem
            shares[hook] = shares.get(hook, 0.0) + cumulative
    return sorted(shares.items(), key=lambda kv: -kv[1])


def search_latency(browser, origin: str) -> list[float]:
    """Milliseconds from the last keystroke of each query to the result list changing."""
    context = browser.new_context()
    reader = Reader(context, origin)
    page = reader.open("/")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    times = []
    for query in SEARCHES:
        page.fill("input.md-search__input", query[:-1])
        page.wait_for_timeout(300)
        page.evaluate("""() => { window.searchTime = new Promise(done => {
            let start = 0;
            document.addEventListener('keydown', () => { start = performance.now(); }, {once: true, capture: true});
            new MutationObserver((_, observer) => { if (start) { observer.disconnect(); done(performance.now() - start); } })
              .observe(document.querySelector('.md-search-result'), {childList: true, subtree: true, characterData: true});
          }); }""")
        page.keyboard.press(query[-1])
        times.append(page.evaluate("window.searchTime"))
    context.close()
    return times


def lighthouse(origin: str, url: str) -> dict:
    result = subprocess.run(
        [str(LIGHTHOUSE), origin + url, "--output=json", "--output-path=stdout", "--quiet",
         f"--only-categories={','.join(CATEGORIES)}",
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"],
        capture_output=True, text=True, env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"})
    if result.returncode:
        return {c: None for c in CATEGORIES}
    report = json.loads(result.stdout)
    return {c: report["categories"][c]["score"] for c in CATEGORIES}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "site"
        start = time.perf_counter()
        subprocess.run([str(MKDOCS), "build", "--strict", "--clean", "-q", "-d", str(out)], cwd=ROOT, check=True,
                       env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"})
        build_seconds = time.perf_counter() - start
        site = BuiltSite(out)
        heaviest = site.heaviest()
        server, origin = serve(out)
        with chromium() as browser:
            home = load(browser, site, origin, "/")
            runs = [load(browser, site, origin, site.url(heaviest)) for _ in range(3)]
        server.shutdown()
        start = time.perf_counter()
        subprocess.run([sys.executable, str(ROOT / "scripts" / "make_pdf.py"), str(out)], check=True,
                       capture_output=True)
        pdf_seconds = time.perf_counter() - start
        guide = out / GUIDE
        shares = hook_shares(out)
        server, origin = serve(out, compress=True)
        with chromium() as browser:
            searches = search_latency(browser, origin)
        case_studies = [p for p in site.pages() if p.startswith("case-studies/") and site.scan(p).diagrams]
        heaviest_case = max(case_studies, key=lambda p: site.scan(p).diagrams) if case_studies else heaviest
        audited = ["index.html", "tradeoffs/memory-vs-latency/index.html", "tradeoffs/index.html", heaviest_case]
        scores = {page: lighthouse(origin, site.url(page)) for page in audited} if LIGHTHOUSE.exists() else {}
        server.shutdown()
        index = out / "search" / "search_index.json"
        rows = [
            ("clean strict build", f"{build_seconds:.1f} s"),
            ("pages", str(len(site.pages()))),
            ("site size", mb(size(out))),
            ("site size without vendor assets", mb(size(out) - size(out / "assets" / "vendor"))),
            ("home page transferred (raw / gzip)", f"{mb(home[0])} / {mb(home[1])}"),
            (f"heaviest page {site.url(heaviest)} ({site.scan(heaviest).diagrams} diagrams) transferred",
             f"{mb(runs[0][0])} / {mb(runs[0][1])}"),
            ("heaviest page: all diagrams drawn (median of 3)", f"{statistics.median(r[2] for r in runs):.2f} s"),
            ("make pdf (every chapter PDF and the whole guide)", f"{pdf_seconds:.1f} s"),
            ("whole-guide PDF", f"{len(PdfReader(guide).pages)} pages, {mb(guide.stat().st_size)}"),
            ("all PDFs", mb(size(out / "pdf"))),
            *[(f"build time in hook {name}", f"{seconds:.2f} s ({seconds / build_seconds:.0%} of the build)")
              for name, seconds in shares],
            ("search index (raw / gzip)", f"{mb(index.stat().st_size)} / {mb(len(gzip.compress(index.read_bytes())))}"),
            (f"search: keystroke to results, median of {len(searches)} queries",
             f"{statistics.median(searches):.0f} ms (max {max(searches):.0f} ms; budget 100 ms)"),
        ]
        for page, score in scores.items():
            diagrams = site.scan(page).diagrams
            budget = {**BUDGETS, "performance": 0.90 if diagrams else 0.95}
            cells = [f"{c} {score[c]:.2f}{'' if score[c] is not None and score[c] >= budget[c] else ' (below ' + str(budget[c]) + ')'}"
                     if score[c] is not None else f"{c} failed" for c in CATEGORIES]
            rows.append((f"lighthouse {site.url(page)} ({diagrams} diagrams)", ", ".join(cells)))
        width = max(len(name) for name, _ in rows)
        for name, value in rows:
            print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
