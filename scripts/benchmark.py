"""Print the site's speed and size figures. A measurement, not a test: nothing here fails on a number;
each figure with a budget prints the budget and whether it is met.

usage: python scripts/benchmark.py [--runs N] [--no-lighthouse | --lighthouse-only]

Figures, on a copy of the project (so an edit can be timed without touching the work tree):
- build time: clean (no drawing cached: every diagram drawn), warm after a one-page edit (one
  diagram changed, so one drawn), and warm with nothing changed; `make build` with nothing changed
  (the offline download built and zipped, then the site) and the download's size;
- site size, and bytes a phone-sized window fetches for the home page and the heaviest page;
- `make pdf` time on the built site, the whole-guide PDF's page count and size;
- each hook's share of a build; the search index size, bytes fetched before a first query, the time
  from last keystroke to final results for every query of the relevance set, and relevance on that
  set (hit@1, hit@3, MRR, the misses);
- Lighthouse (mobile profile: slow 4G, 4x CPU slowdown; Debian's Chromium) for one page of every type,
  median of N runs (default 3), with the site served gzipped as a host sends it and served plain,
  printed last as a table, with the heaviest case study's distance below the home page.
"""
import argparse
import gzip
import json
import os
import pstats
import re
import shutil
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
from pdf_links import GUIDE, OFFLINE_ZIP  # noqa: E402
MKDOCS = Path(sys.executable).parent / "mkdocs"
ENV = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"}

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
BUDGETS = {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
HEAVIEST_VS_HOME = 0.03  # the heaviest case study scores within this of the home page, same run
BUILD_BUDGETS = {"clean": 60.0, "one-page edit": 10.0}  # seconds, on 2 cores


def size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def mb(n: float) -> str:
    return f"{n / 1e6:.2f} MB"


def timed_build(project: Path, out: Path, cache: Path) -> float:
    start = time.perf_counter()
    subprocess.run([str(MKDOCS), "build", "--strict", "--clean", "-q", "-d", str(out)], cwd=project, check=True,
                   env={**ENV, "DIAGRAM_CACHE": str(cache)})
    return time.perf_counter() - start


def timed_make_build(project: Path, out: Path, cache: Path) -> float:
    """`make build`: the offline download built and zipped, then the site (scripts/build_site.py)."""
    start = time.perf_counter()
    subprocess.run([sys.executable, str(project / "scripts" / "build_site.py"), str(out)], cwd=project, check=True,
                   capture_output=True, env={**ENV, "DIAGRAM_CACHE": str(cache)})
    return time.perf_counter() - start


def edit_one_diagram(project: Path, page: str) -> None:
    """Change one label of the first diagram of a page, as an author would."""
    path = project / "docs" / page
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"(accTitle: [^\n]+)", r"\1 (edited)", text, count=1), encoding="utf-8")


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


def load(browser, site: BuiltSite, origin: str, url: str) -> tuple[int, int]:
    """Bytes a phone-sized window fetches for a page, once it settles, raw and gzipped."""
    context = browser.new_context(viewport={"width": 412, "height": 823})
    reader = Reader(context, origin)
    reader.open(url)
    reader.page.wait_for_load_state("networkidle")
    context.close()
    return transferred(site, reader.requests)


def hook_shares(project: Path, out: Path) -> list[tuple[str, float]]:
    """Seconds spent in each hook's on_* functions during one (warm) build, by profiling the build."""
    profile = out.parent / "build.prof"
    subprocess.run([sys.executable, "-m", "cProfile", "-o", str(profile), "-m", "mkdocs", "build", "-q",
                    "-d", str(out.parent / "profiled")], cwd=project, check=True,
                   env={**os.environ, **ENV, "DIAGRAM_CACHE": str(out.parent / "cache")})
    shares = {}
    for (file, _, name), (_, _, _, cumulative, _) in pstats.Stats(str(profile)).stats.items():
        if "/overrides/hooks/" in file and name.startswith("on_"):
            hook = Path(file).stem
            shares[hook] = shares.get(hook, 0.0) + cumulative
    return sorted(shares.items(), key=lambda kv: -kv[1])


def search_figures(browser, site: BuiltSite, origin: str) -> dict:
    """Search as a reader meets it, on the site served compressed: seconds from navigation start until
    search is ready (its index is fetched once the page has loaded, by the search worker, and indexed
    there); bytes fetched before the first query can be answered; for every query of the relevance set, the
    milliseconds from its last keystroke until the result list stops changing; and relevance."""
    context = browser.new_context()
    reader = Reader(context, origin)
    page = reader.open("/")
    page.wait_for_function("performance.getEntriesByType('resource').some(e => e.name.endsWith('/search_config.json'))")
    search_relevance.open_search(page, origin)
    ready = page.evaluate("performance.now()") / 1000
    first_query = transferred(site, reader.requests)[1]  # the worker's requests too
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


def lighthouse(origin: str, url: str, runs: int) -> dict:
    """Lighthouse's scores for a page, from the run with the median performance score of `runs` (one
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
            "runs": [r["categories"]["performance"]["score"] for r in reports],
            "lcp": audits["largest-contentful-paint"]["numericValue"] / 1000,
            "tbt": audits["total-blocking-time"]["numericValue"]}


def page_types(site: BuiltSite) -> dict[str, str]:
    """One page of every type: the heaviest of its kind where pages of a kind differ (the framework
    chapter with the most diagrams; the case study with the most HTML, drawings included)."""
    def chapters(prefix):
        return [p for p in site.pages() if p.startswith(prefix) and p != prefix + "index.html"]
    return {"home": "index.html",
            "framework chapter": max(chapters("framework/"), key=lambda p: (site.scan(p).diagrams, len(site.html(p)))),
            "heaviest case study": max(chapters("case-studies/"), key=lambda p: len(site.html(p))),
            "catalog page": "tradeoffs/memory-vs-latency/index.html",
            "trade-off index": "tradeoffs/index.html",
            "decisions": "tradeoffs/decisions/index.html",
            "flashcards": "practice/flashcards/index.html"}


def budget(value, wanted, at_least=True) -> str:
    met = value >= wanted if at_least else value <= wanted
    return "" if met else f" (budget {wanted})"


def lighthouse_table(site: BuiltSite, out: Path, runs: int) -> str:
    """Lighthouse for one page of every type, served gzipped and plain: a Markdown table with each
    budget beside the figure that misses it, and how far the heaviest case study falls below the home
    page in each serving (its budget is a difference in the same run, since runs move together)."""
    types = page_types(site)
    scores = {}
    for served in ("gzipped", "plain"):
        server, origin = serve(out, compress=served == "gzipped")
        try:
            scores[served] = {kind: lighthouse(origin, site.url(page), runs) for kind, page in types.items()}
        finally:
            server.shutdown()

    def performance(score: dict) -> str:
        if score["performance"] is None:
            return "failed"
        return (f"{score['performance']:.2f}{budget(score['performance'], BUDGETS['performance'])} "
                f"(runs {' '.join(f'{p:.2f}' for p in score['runs'])}; LCP {score['lcp']:.1f} s, TBT {score['tbt']:.0f} ms)")

    lines = [f"Lighthouse, mobile (slow 4G, 4x CPU slowdown), median of {runs} runs:", "",
             "| Page | Performance, gzipped | Performance, plain | Accessibility / best practices / SEO |",
             "|---|---|---|---|"]
    for kind, page in types.items():
        gzipped, plain = scores["gzipped"][kind], scores["plain"][kind]
        score = gzipped if gzipped["performance"] is not None else plain
        others = " / ".join("failed" if score[c] is None else f"{score[c]:.2f}{budget(score[c], BUDGETS[c])}"
                            for c in CATEGORIES[1:])
        lines.append(f"| {kind} ({site.url(page)}, {site.scan(page).diagrams} diagrams) | {performance(gzipped)} | "
                     f"{performance(plain)} | {others} |")
    lines.append("")
    for served, by_kind in scores.items():
        home, heaviest = by_kind["home"]["performance"], by_kind["heaviest case study"]["performance"]
        if home is not None and heaviest is not None:
            gap = home - heaviest
            lines.append(f"heaviest case study below home, {served}: {gap:+.2f}"
                         f"{'' if gap <= HEAVIEST_VS_HOME else f' (budget {HEAVIEST_VS_HOME})'}")
    return "\n".join(lines)


def main() -> None:
    args = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    args.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page and serving (median)")
    args.add_argument("--no-lighthouse", action="store_true")
    args.add_argument("--lighthouse-only", action="store_true", help="build once, then only the Lighthouse table")
    args = args.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        project, out, cache = tmp / "project", tmp / "site", tmp / "cache"
        shutil.copytree(ROOT, project, symlinks=True, ignore=shutil.ignore_patterns(
            ".git", ".venv", "node_modules", "site", ".cache", ".pytest_cache", "tests", "__pycache__"))
        (project / "node_modules").symlink_to(ROOT / "node_modules")  # KaTeX typesets the formulas at build time
        clean = timed_build(project, out, cache)
        site = BuiltSite(out)
        if args.lighthouse_only:
            print(lighthouse_table(site, out, args.runs))
            return
        heaviest = page_types(site)["heaviest case study"]
        edit_one_diagram(project, heaviest.removesuffix("index.html").rstrip("/") + ".md")
        edited = timed_build(project, tmp / "site-edited", cache)
        unchanged = timed_build(project, tmp / "site-unchanged", cache)
        both = timed_make_build(project, tmp / "site-make-build", cache)
        rows += [("clean strict build (every diagram drawn)", f"{clean:.1f} s{budget(clean, BUILD_BUDGETS['clean'], False)}"),
                 ("strict build after a one-page edit (one diagram drawn)",
                  f"{edited:.1f} s{budget(edited, BUILD_BUDGETS['one-page edit'], False)}"),
                 ("strict build, nothing changed", f"{unchanged:.1f} s"),
                 ("make build, nothing changed (the offline download, then the site)",
                  f"{both:.1f} s ({both - unchanged:+.1f} s for the download)"),
                 ("offline download (zip)", mb((tmp / "site-make-build" / OFFLINE_ZIP).stat().st_size)),
                 ("pages", str(len(site.pages()))),
                 ("diagrams (drawn at build time, inline SVG)", str(sum(site.scan(p).diagrams for p in site.pages()))),
                 ("site size", mb(size(out))),
                 ("site size without vendor assets", mb(size(out) - size(out / "assets" / "vendor")))]
        server, origin = serve(out)
        with chromium() as browser:
            home = load(browser, site, origin, "/")
            heavy = load(browser, site, origin, site.url(heaviest))
            server.shutdown()
            server, origin = serve(out, compress=True)
            search = search_figures(browser, site, origin)
            server.shutdown()
        rows += [("home page fetched by a phone (raw / gzip)", f"{mb(home[0])} / {mb(home[1])}"),
                 (f"heaviest case study {site.url(heaviest)} ({site.scan(heaviest).diagrams} diagrams) fetched by a phone",
                  f"{mb(heavy[0])} / {mb(heavy[1])}")]
        # On the last build: make pdf reuses a site built after every source's last change.
        printed = tmp / "site-unchanged"
        start = time.perf_counter()
        subprocess.run([sys.executable, str(project / "scripts" / "make_pdf.py"), str(printed)], check=True,
                       capture_output=True, cwd=project, env={**os.environ, "DIAGRAM_CACHE": str(cache)})
        pdf_seconds = time.perf_counter() - start
        guide = printed / GUIDE
        rows += [("make pdf (every chapter PDF and the whole guide)", f"{pdf_seconds:.1f} s"),
                 ("whole-guide PDF", f"{len(PdfReader(guide).pages)} pages, {mb(guide.stat().st_size)}"),
                 ("all PDFs", mb(size(printed / "pdf")))]
        rows += [(f"build time in hook {name}", f"{seconds:.2f} s ({seconds / unchanged:.0%} of a warm build)")
                 for name, seconds in hook_shares(project, out)]
        index = out / "search" / "search_index.json"
        rows += [("search index (raw / gzip)", f"{mb(index.stat().st_size)} / {mb(len(gzip.compress(index.read_bytes())))}"),
                 ("search ready, from navigation start (the index is fetched after the page loads)", f"{search['ready']:.2f} s"),
                 ("bytes fetched before the first query is answered (page, assets, index; compressed)",
                  mb(search["first_query_bytes"])),
                 (f"search: last keystroke to final results, {len(search['times'])} queries",
                  f"median {statistics.median(search['times']):.0f} ms, max {max(search['times']):.0f} ms "
                  f"(budget: median 50, max 150)")]
        table = lighthouse_table(site, out, args.runs) if not args.no_lighthouse and LIGHTHOUSE.exists() else ""
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"{name:<{width}}  {value}")
    print("\nsearch relevance (data/search/relevance.yml):")
    print(search_relevance.report(search["outcomes"]))
    if table:
        print("\n" + table)


if __name__ == "__main__":
    main()
