"""Print the site's speed and size figures. A measurement, not a test: nothing here fails on a number.

usage: python scripts/benchmark.py

Figures: clean strict build time; site size (all files, and without the self-hosted vendor assets);
bytes a phone-sized window fetches for the home page and the heaviest page (most diagrams) before
any scroll, and for the heaviest page once every diagram is drawn; time from asking for every
diagram of the heaviest page until all are drawn, median of 3 cold loads; time for `make pdf` on
the built site, and the whole-guide PDF's page count and size; each hook's share of the build; the
search index size, bytes fetched for a first query, the time from last keystroke to final results
for every query of the relevance set, and relevance on that set (hit@1, hit@3, MRR, the misses); and Lighthouse scores (mobile
profile, Debian's Chromium, text gzipped as a host sends it; median of 3 runs) against the budgets.
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

import search_relevance
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


def transferred(site: BuiltSite, requests: list[str]) -> tuple[int, int]:
    """Bytes of the site files these requests fetched, raw and gzipped (as a host that compresses sends them)."""
    raw = zipped = 0
    for request in set(requests):
        path = urlsplit(request).path
        file = site.root / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))
        if file.is_file():
            data = file.read_bytes()
            raw, zipped = raw + len(data), zipped + len(gzip.compress(data))
    return raw, zipped


def load(browser, site: BuiltSite, origin: str, url: str) -> dict:
    """One cold load of a page at a phone's size: bytes fetched once it settles, before any scroll
    (diagrams are drawn as they near the screen); then bytes and seconds until every diagram is drawn."""
    page_file = url.lstrip("/") + ("index.html" if url.endswith("/") else "")
    diagrams = site.scan(page_file).diagrams
    context = browser.new_context(viewport={"width": 412, "height": 823})
    reader = Reader(context, origin)
    reader.open(url)
    reader.page.wait_for_load_state("networkidle")
    first_screen = transferred(site, reader.requests)
    asked = reader.page.evaluate("performance.now()")
    state = reader.diagrams(diagrams, timeout=60)
    drawn_in = (reader.page.evaluate("performance.now()") - asked) / 1000
    reader.page.wait_for_load_state("networkidle")
    context.close()
    if state["drawn"] != diagrams:
        print(f"warning: {url}: {state['drawn']} of {diagrams} diagrams drawn", file=sys.stderr)
    return {"first_screen": first_screen, "all": transferred(site, reader.requests), "drawn_in": drawn_in}


LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
# Budgets from issue 11: performance 0.95 without diagrams, 0.90 on the heaviest diagram page.
BUDGETS = {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0, "seo": 0.95}

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


def search_figures(browser, origin: str) -> dict:
    """Search as a reader meets it, on the site served compressed: seconds from navigation start until
    search is ready (its index is fetched once the page has loaded, then indexed in a worker); bytes
    fetched before the first query can be answered; for every query of the relevance set, the
    milliseconds from its last keystroke until the result list stops changing; and relevance."""
    context = browser.new_context()
    reader = Reader(context, origin)
    page = reader.open("/")
    page.wait_for_function("performance.getEntriesByType('resource').some(e => e.name.endsWith('/search_index.json'))")
    search_relevance.open_search(page, origin)
    ready = page.evaluate("performance.now()") / 1000
    first_query = page.evaluate("performance.getEntriesByType('resource').concat(performance.getEntriesByType('navigation'))"
                                ".reduce((n, e) => n + (e.transferSize || 0), 0)")
    entries, errors = search_relevance.load()
    if errors:
        raise SystemExit("\n".join(errors))
    times = []
    for entry in entries:
        page.fill("input.md-search__input", entry.query[:-1])
        page.wait_for_timeout(150)
        page.evaluate("""() => { window.searchTime = new Promise(done => {
            let start = 0, last = 0, quiet;
            const settle = () => { clearTimeout(quiet); quiet = setTimeout(() => { observer.disconnect(); done(last - start); }, 250); };
            document.addEventListener('keydown', () => { start = last = performance.now(); settle(); }, {once: true, capture: true});
            const observer = new MutationObserver(() => { if (start) { last = performance.now(); settle(); } });
            observer.observe(document.querySelector('.md-search-result'), {childList: true, subtree: true, characterData: true});
          }); }""")
        page.keyboard.press(entry.query[-1])
        times.append(page.evaluate("window.searchTime"))
    outcomes = search_relevance.evaluate(page, origin, entries)
    context.close()
    return {"ready": ready, "first_query_bytes": first_query, "times": times, "outcomes": outcomes}


def lighthouse(origin: str, url: str, runs: int = 3) -> dict:
    """Lighthouse's scores for a page, the run with the median performance score of `runs` (one
    run's score moves by 0.05 or more on a shared 2-core machine), with its LCP and TBT."""
    reports = []
    for _ in range(runs):
        result = subprocess.run(
            [str(LIGHTHOUSE), origin + url, "--output=json", "--output-path=stdout", "--quiet",
             f"--only-categories={','.join(CATEGORIES)}",
             "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage"],
            capture_output=True, text=True, env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"})
        if result.returncode == 0:
            reports.append(json.loads(result.stdout))
    if not reports:
        return {c: None for c in CATEGORIES}
    reports.sort(key=lambda r: r["categories"]["performance"]["score"])
    report = reports[len(reports) // 2]
    audits = report["audits"]
    return {**{c: report["categories"][c]["score"] for c in CATEGORIES},
            "performance runs": [r["categories"]["performance"]["score"] for r in reports],
            "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
            "tbt": audits["total-blocking-time"]["numericValue"]}


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
            server, origin = serve(out, compress=True)
            search = search_figures(browser, origin)
        start = time.perf_counter()
        subprocess.run([sys.executable, str(ROOT / "scripts" / "make_pdf.py"), str(out)], check=True,
                       capture_output=True)
        pdf_seconds = time.perf_counter() - start
        guide = out / GUIDE
        shares = hook_shares(out)
        case_studies = [p for p in site.pages() if p.startswith("case-studies/") and site.scan(p).diagrams]
        heaviest_case = max(case_studies, key=lambda p: site.scan(p).diagrams) if case_studies else heaviest
        audited = ["index.html", "tradeoffs/memory-vs-latency/index.html", "tradeoffs/index.html", heaviest_case,
                   "tradeoffs/decisions/index.html"]
        scores = {page: lighthouse(origin, site.url(page)) for page in audited} if LIGHTHOUSE.exists() else {}
        server.shutdown()
        index = out / "search" / "search_index.json"
        rows = [
            ("clean strict build", f"{build_seconds:.1f} s"),
            ("pages", str(len(site.pages()))),
            ("site size", mb(size(out))),
            ("site size without vendor assets", mb(size(out) - size(out / "assets" / "vendor"))),
            ("home page transferred before any scroll (raw / gzip)",
             f"{mb(home['first_screen'][0])} / {mb(home['first_screen'][1])}"),
            (f"heaviest page {site.url(heaviest)} ({site.scan(heaviest).diagrams} diagrams) transferred before any scroll",
             f"{mb(runs[0]['first_screen'][0])} / {mb(runs[0]['first_screen'][1])}"),
            ("heaviest page transferred once every diagram is drawn",
             f"{mb(runs[0]['all'][0])} / {mb(runs[0]['all'][1])}"),
            ("heaviest page: all diagrams drawn once asked for (median of 3)",
             f"{statistics.median(r['drawn_in'] for r in runs):.2f} s"),
            ("make pdf (every chapter PDF and the whole guide)", f"{pdf_seconds:.1f} s"),
            ("whole-guide PDF", f"{len(PdfReader(guide).pages)} pages, {mb(guide.stat().st_size)}"),
            ("all PDFs", mb(size(out / "pdf"))),
            *[(f"build time in hook {name}", f"{seconds:.2f} s ({seconds / build_seconds:.0%} of the build)")
              for name, seconds in shares],
            ("search index (raw / gzip)", f"{mb(index.stat().st_size)} / {mb(len(gzip.compress(index.read_bytes())))}"),
            ("search ready, from navigation start (the index is fetched after the page loads)",
             f"{search['ready']:.2f} s"),
            ("bytes fetched before the first query is answered (page, assets, index; compressed)",
             mb(search["first_query_bytes"])),
            (f"search: last keystroke to final results, {len(search['times'])} queries",
             f"median {statistics.median(search['times']):.0f} ms, max {max(search['times']):.0f} ms "
             f"(budget: median 50, max 150)"),
        ]
        for page, score in scores.items():
            diagrams = site.scan(page).diagrams
            budget = {**BUDGETS, "performance": 0.90 if diagrams else 0.95}
            cells = [f"{c} {score[c]:.2f}{'' if score[c] is not None and score[c] >= budget[c] else ' (below ' + str(budget[c]) + ')'}"
                     if score[c] is not None else f"{c} failed" for c in CATEGORIES]
            if score["performance"] is not None:
                cells.append(f"[runs {' '.join(f'{p:.2f}' for p in score['performance runs'])}; "
                             f"LCP {score['lcp']:.1f} s, TBT {score['tbt']:.0f} ms]")
            rows.append((f"lighthouse {site.url(page)} ({diagrams} diagrams)", ", ".join(cells)))
        width = max(len(name) for name, _ in rows)
        for name, value in rows:
            print(f"{name:<{width}}  {value}")
        print("\nsearch relevance (data/search/relevance.yml):")
        print(search_relevance.report(search["outcomes"]))


if __name__ == "__main__":
    main()
