"""Looking at a built site: its pages, links and diagrams from the HTML files, and pages as a reader
sees them in headless Chromium (requests made, errors thrown). Used by the tests and the benchmark."""
import functools
import gzip
import io
import http.server
import posixpath
import re
import threading
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _GzipHandler(_QuietHandler):
    """Compresses text files as any static host does, so page-weight measurements are realistic."""
    TEXT = (".html", ".js", ".mjs", ".css", ".json", ".svg", ".xml", ".txt")

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not (path.is_file() and path.suffix in self.TEXT and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        data = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        return io.BytesIO(data)


def serve(root: Path, compress: bool = False) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve a folder on 127.0.0.1 on a free port, in a background thread; returns (server, origin).
    With `compress`, text files go out gzipped, as a real host sends them."""
    handler = _GzipHandler if compress else _QuietHandler
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


class _Scan(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.links, self.diagrams = set(), [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "a" and attrs.get("href") is not None:
            self.links.append(attrs["href"])
        # A diagram is drawn into its page at build time; one drawn twice (for paper) counts once.
        classes = (attrs.get("class") or "").split()
        if tag == "div" and "diagram" in classes and "diagram--paper" not in classes:
            self.diagrams += 1


class BuiltSite:
    """The HTML pages of a built site, each scanned once."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self._scans = {}

    def pages(self) -> list[str]:
        """Site-relative paths of the content pages, e.g. 'framework/evaluation/index.html'."""
        return sorted(str(p.relative_to(self.root)) for p in self.root.rglob("*.html")
                      if p.name != "404.html" and not p.relative_to(self.root).parts[0] in ("assets", "search"))

    def scan(self, page: str) -> _Scan:
        if page not in self._scans:
            scan = _Scan()
            scan.feed((self.root / page).read_text(encoding="utf-8"))
            self._scans[page] = scan
        return self._scans[page]

    def html(self, page: str) -> str:
        return (self.root / page).read_text(encoding="utf-8")

    @staticmethod
    def url(page: str) -> str:
        return "/" + re.sub(r"index\.html$", "", page)

    def broken_links(self, pdfs: bool = True) -> list[str]:
        """Every link to a file or anchor the site lacks, as 'page: href -> what is missing'. Links to
        other sites are not followed, nor links to PDFs with pdfs=False (`make pdf` writes those)."""
        broken = []
        for page in self.pages():
            base = self.url(page)
            for href in self.scan(page).links:
                parts = urlsplit(href)
                if parts.scheme or parts.netloc or (not pdfs and parts.path.endswith(".pdf")):
                    continue
                target = base
                if parts.path:
                    target = posixpath.normpath(posixpath.join(posixpath.dirname(base) + "/", parts.path))
                    target += "/" if parts.path.endswith("/") else ""
                file = target.lstrip("/") + ("index.html" if target.endswith("/") else "")
                if not (self.root / file).is_file():
                    broken.append(f"{page}: {href} -> no file {file}")
                elif parts.fragment and file.endswith(".html") and parts.fragment not in self.scan(file).ids:
                    broken.append(f"{page}: {href} -> no id '{parts.fragment}' in {file}")
        return broken

    def heaviest(self) -> str:
        """The page with the most diagrams."""
        return max(self.pages(), key=lambda p: (self.scan(p).diagrams, len(self.html(p))))


class Reader:
    """One browser context on the served site, recording what a reader's browser does.

    With `address` (the site_url), the browser is shown the site at that address, as a reader of
    the published site gets it: Material navigates instantly only to the pages its sitemap lists,
    which it lists at site_url. Requests to the address are answered from `origin`."""

    def __init__(self, context, origin: str, address: str | None = None):
        self.origin = origin
        self.site = (address or origin).rstrip("/")
        self.outside, self.errors, self.requests = [], [], []
        context.route("**/*", self._route)
        self.page = context.new_page()
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))

    def _route(self, route):
        url = route.request.url
        self.requests.append(url)
        if url.startswith(("data:", "blob:")) or (self.site == self.origin and url.startswith(self.origin)):
            route.continue_()
        elif url.startswith(self.site + "/"):
            route.fulfill(response=route.fetch(url=self.origin + url[len(self.site):]))
        else:
            self.outside.append(url)
            route.abort()

    def open(self, url: str):
        self.page.goto(self.site + url, wait_until="load")
        return self.page

    def start(self, url: str):
        """Open a page afresh and mark its window, so that `follow` can tell a page swapped in by
        instant navigation from one loaded afresh. Material follows links instantly once it has
        the sitemap (a click before that loads the page afresh)."""
        page = self.open(url)
        page.wait_for_function("performance.getEntriesByType('resource')"
                               ".some(e => e.name.endsWith('/sitemap.xml') && e.responseEnd)")
        page.evaluate("window.sameDocument = true")
        return page

    def follow(self, link):
        """Click an in-site link and wait until Material has swapped in the page it leads to; fail
        if the page was loaded afresh instead."""
        self._swap(link.click)

    def back(self):
        """Press Back and wait until Material has swapped in the page before."""
        self._swap(self.page.go_back)

    def _swap(self, action):
        old = self.page.evaluate_handle("document.querySelector('article')")
        action()
        self.page.wait_for_function("old => !old.isConnected", arg=old)
        assert self.page.evaluate("window.sameDocument") is True, f"{self.page.url} was loaded afresh"
