"""Headless Chromium for checks, tests and benchmarks: Debian's /usr/bin/chromium via Playwright.

Playwright never downloads a browser here; it drives the system one with flags that keep it off
the network (no background requests to outside hosts).
"""
import contextlib
import os
import shutil
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
MERMAID_ESM = ROOT / "docs" / "assets" / "vendor" / "mermaid" / "mermaid.esm.min.mjs"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage"]


def chromium_path() -> str:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        raise SystemExit(f"Chromium not found at {CHROMIUM}: install Debian's package "
                         "(`apt-get install chromium`) or set CHROMIUM to its path.")
    return CHROMIUM


@contextlib.contextmanager
def chromium():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def in_two_browsers(browser, items: list, work):
    """`work(a_browser, some_items)` for half the items in `browser` and, at the same time, for the
    other half in a second Chromium on a thread of its own (Playwright's objects belong to the thread
    that made them). On two cores this takes about a quarter less time than one browser: each page
    also waits on loading and on timers."""
    failed = []

    def second():
        try:
            with chromium() as other:
                work(other, items[1::2])
        except BaseException as error:  # raised again in the caller's thread
            failed.append(error)

    thread = threading.Thread(target=second)
    thread.start()
    try:
        work(browser, items[0::2])
    finally:
        thread.join()
    if failed:
        raise failed[0]
