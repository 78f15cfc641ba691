"""Print the site's speed and size figures. A measurement, not a test: nothing here fails on a number.

usage: python scripts/benchmark.py

Figures: clean strict build time; site size (all files, and without the self-hosted vendor assets);
bytes transferred to load the home page and the heaviest page (most diagrams); time from navigation
start until every diagram on the heaviest page is drawn, median of 3 cold loads; time for
`make pdf` on the built site, and the whole-guide PDF's page count and size.
"""
import gzip
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
        ]
        width = max(len(name) for name, _ in rows)
        for name, value in rows:
            print(f"{name:<{width}}  {value}")


if __name__ == "__main__":
    main()
