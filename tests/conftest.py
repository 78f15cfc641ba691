"""Shared fixtures: one strict build of the site per test session, served on 127.0.0.1, and
headless Chromium (Debian's) to look at it as a reader would."""
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "overrides" / "hooks")]

from browser import FLAGS, chromium_path  # noqa: E402
from site_reader import BuiltSite, Reader, serve  # noqa: E402

MKDOCS = Path(sys.executable).parent / "mkdocs"
ENV = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"}


def build(config: Path, site_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(MKDOCS), "build", "--strict", "--clean", "-f", str(config), "-d", str(site_dir)],
                          cwd=config.parent, capture_output=True, text=True, env=ENV)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> BuiltSite:
    """The site as `make build` makes it (scripts/build_site.py), the offline download included."""
    site_dir = tmp_path_factory.mktemp("site")
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_site.py"), str(site_dir)],
                            cwd=ROOT, capture_output=True, text=True, env=ENV)
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    return BuiltSite(site_dir)


@pytest.fixture(scope="session")
def pdfs(site) -> Path:
    """The site with what `make pdf` writes under pdf/ (scripts/make_pdf.py), printed once per session
    for every test that reads a PDF."""
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "make_pdf.py"), str(site.root)],
                            capture_output=True, text=True)
    assert result.returncode == 0, f"make pdf failed:\n{result.stdout}\n{result.stderr}"
    assert "building the site" not in result.stdout, "make pdf rebuilt a site that was current"
    return site.root


@pytest.fixture(scope="session")
def origin(site) -> str:
    server, origin = serve(site.root)
    yield origin
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def reader(browser, origin):
    """A fresh browser context that opens Material's closed shadow roots (so tests can see the
    rendered diagrams) and records every request and page error."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    reader = Reader(context, origin)
    yield reader
    context.close()


@pytest.fixture(scope="session")
def every_page(site, browser, origin):
    """Every page visited once: what tests/every_page.py records, by page file."""
    from every_page import visit_every_page
    return visit_every_page(site, browser, origin)


PHONE = {"width": 412, "height": 823}


def as_built_then_scripted(browser, origin: str, url: str, measure: str, ready: str):
    """A phone-sized page opened with its page scripts (guide.js) held back, so it is as built, then
    with them run until `ready` (a JS expression) holds: `measure` (a JS function) taken both times,
    and the page, whose context the caller closes."""
    page = browser.new_context(viewport=PHONE).new_page()
    page.route("**/guide.js", lambda route: route.abort())
    page.goto(origin + url, wait_until="load")
    before = page.evaluate(measure)
    page.unroute("**/guide.js")
    page.add_script_tag(url=origin + "/assets/javascripts/guide.js")
    page.wait_for_function(ready)
    return before, page.evaluate(measure), page


def without_javascript(browser, origin: str, url: str):
    """A phone-sized page opened with JavaScript off; the caller closes its context."""
    page = browser.new_context(viewport=PHONE, java_script_enabled=False).new_page()
    page.goto(origin + url, wait_until="load")
    return page


def midday_timezone() -> str:
    """A time zone where it is now about noon. A flashcard graded Good comes back in 10 minutes and
    counts as learning only if that is still today, and a flashcard day starts at 4 a.m. (as in
    Anki): a test that grades one failed at 3:55. A clock that stands still stops Material's timers,
    so the tests move the zone instead of the clock."""
    hours_behind = datetime.now(timezone.utc).hour - 12  # Etc/GMT+N is N hours behind UTC
    return f"Etc/GMT{'+' if hours_behind >= 0 else '-'}{abs(hours_behind)}"
