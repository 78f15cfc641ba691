"""How well the site's search answers what readers type: the relevance set in data/search/relevance.yml,
run through the real search box of a built site in headless Chromium.

Each entry is a query and the page (and, where one fits, the section) that should come first:

    - query: how do I handle position bias in click logs
      page: case-studies/product-search-ranking.md      # a file under docs/
      section: position-bias                           # optional: a heading anchor on that page
      held: true                                       # optional: written after tuning began, held out

usage: python scripts/search_relevance.py [SITE_DIR] [--misses dev|held|all]   (default: site/; build it first)

The set is split in two halves that stay the same from run to run: "held" (every entry marked
`held: true`, and the entries whose query hashes odd) and "dev" (the rest). Tune a general mechanism
while reading the misses of dev only (`--misses dev`); a change is good if held moves with dev.

Prints hit@1, hit@3 and MRR over pages (and how often the expected section is the page's best match),
every miss, and every top-3 result that contains none of the query's content words. A bad entry (a
page or section that does not exist, a missing field, a repeated query) is reported with its line.
"""
import hashlib
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "overrides" / "hooks"))
from guide_markdown import LineLoader, page_anchors  # noqa: E402

RELEVANCE = ROOT / "data" / "search" / "relevance.yml"
DOCS = ROOT / "docs"
# lunr's English stop words: the words a query's meaning does not rest on.
STOP_WORDS = set("""a able about across after all almost also am among an and any are as at be because been but by
can cannot could dear did do does either else ever every for from get got had has have he her hers him his how
however i if in into is it its just least let like likely may me might most must my neither no nor not of off
often on only or other our own rather said say says she should since so some than that the their them then there
these they this tis to too twas us wants was we were what when where which while who whom why will with would
yet you your""".split())


@dataclass
class Entry:
    query: str
    page: str
    section: str | None
    line: int
    held: bool = False

    @property
    def half(self) -> str:
        """'held' or 'dev': fixed by the entry, so tuning on dev can be checked on queries it never saw."""
        odd = hashlib.sha1(self.query.lower().encode("utf-8")).digest()[0] % 2
        return "held" if self.held or odd else "dev"

    @property
    def url(self) -> str:
        """The page's path on the built site, e.g. 'case-studies/visual-search/'."""
        return self.page.removesuffix("index.md") if self.page.endswith("index.md") else self.page[:-3] + "/"


def load(path: Path = RELEVANCE, docs: Path = DOCS) -> tuple[list[Entry], list[str]]:
    """The relevance set and every problem in it, each as `file:line: problem`."""
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    raw = yaml.load(path.read_text(encoding="utf-8"), Loader=LineLoader) or []
    entries, errors, seen, anchors = [], [], {}, {}
    for item in raw:
        line = item.get("__line__", 0)
        at = f"{shown}:{line}"
        unknown = set(item) - {"query", "page", "section", "held", "__line__"}
        if unknown or not item.get("query") or not item.get("page"):
            errors.append(f"{at}: an entry needs `query` and `page` (and optionally `section`)"
                          + (f"; unknown field {', '.join(sorted(unknown))}" if unknown else ""))
            continue
        query, page, section = str(item["query"]).strip(), str(item["page"]), item.get("section")
        if query.lower() in seen:
            errors.append(f"{at}: query '{query}' is already in the set at line {seen[query.lower()]}")
            continue
        seen[query.lower()] = line
        found = page_anchors(docs, page, anchors)
        if found is None:
            errors.append(f"{at}: page '{page}' does not exist under docs/")
            continue
        if section and section not in found:
            errors.append(f"{at}: page '{page}' has no section '#{section}'")
            continue
        entries.append(Entry(query, page, section, line, bool(item.get("held"))))
    return entries, errors


def content_words(query: str) -> list[str]:
    return [w for w in re.findall(r"[\w][\w/+.-]*", query.lower()) if w not in STOP_WORDS]


SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "ers", "er", "es", "ed", "ly", "s")


def word_family(word: str) -> str:
    """The word without a common English ending, so "chunking" and "chunked" count as one word,
    as the site's stemmed search treats them."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def open_search(page, origin: str):
    page.goto(origin + "/", wait_until="load")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.wait_for_function("document.querySelector('.md-search-result__meta')?.textContent.trim()"
                           " !== 'Initializing search'")


RESULTS = """() => [...document.querySelectorAll('.md-search-result__item')].map(item => {
  const links = [...item.querySelectorAll('a.md-search-result__link')];
  const best = links.reduce((a, b) => +b.querySelector('article').dataset.mdScore >
                                       +a.querySelector('article').dataset.mdScore ? b : a, links[0]);
  return {page: links[0].getAttribute('href'), best: best.getAttribute('href'), text: item.innerText};
})"""


def results(page, query: str) -> list[dict]:
    """What the real search box shows for a query, once it stops changing: per page, its link,
    the link of its best-scoring section, and the text of the page's results. The box is emptied
    first, so a slow machine cannot return the previous query's list as this one's."""
    box = page.locator("input.md-search__input")
    box.fill("")
    box.press("End")  # Material searches on key events, which fill() does not send
    deadline = time.monotonic() + 5
    while page.evaluate(RESULTS) and time.monotonic() < deadline:
        time.sleep(0.04)
    box.fill(query)
    box.press("End")
    previous, stable, deadline = None, 0, time.monotonic() + 5
    while stable < 2 and time.monotonic() < deadline:
        time.sleep(0.04)
        current = page.evaluate(RESULTS)
        stable = stable + 1 if current and current == previous else 0
        previous = current
    return previous or []


def path_of(href: str, origin: str) -> tuple[str, str]:
    """(site path without leading slash, anchor) of a result link."""
    href = href.removeprefix(origin).lstrip("/")
    path, _, anchor = href.partition("#")
    return path.split("?")[0], anchor


@dataclass
class Outcome:
    entry: Entry
    rank: int | None  # 1-based rank of the expected page, None if absent
    section_first: bool | None
    top: list[str]
    wordless: list[str]  # top-3 results whose text has none of the query's content words


def outcome(entry: Entry, found: list[tuple[str, str, str]]) -> Outcome:
    """How one query did, from what it found: per page, (its site path, the anchor of its best
    section, the text its results show)."""
    paths = [path for path, _, _ in found]
    rank = paths.index(entry.url) + 1 if entry.url in paths else None
    section_first = found[rank - 1][1] == entry.section if entry.section and rank else None
    words = content_words(entry.query)
    wordless = [path for path, _, text in found[:3]
                if words and not any(re.search(rf"\b{re.escape(word_family(w))}", text.lower()) for w in words)]
    return Outcome(entry, rank, section_first, paths[:3], wordless)


def evaluate(page, origin: str, entries: list[Entry]) -> list[Outcome]:
    outcomes = []
    for entry in entries:
        found = results(page, entry.query)
        outcomes.append(outcome(entry, [(path_of(r["page"], origin)[0], path_of(r["best"], origin)[1], r["text"])
                                        for r in found]))
    return outcomes


def evaluate_in_node(site_dir: Path, entries: list[Entry]) -> list[Outcome]:
    """The same measurement with the site's search worker run in Node (scripts/search_node.js) rather
    than typed into the browser's box: seconds instead of minutes, for tuning. The text a result shows
    is approximated by the text of its page's matching sections."""
    import json
    import subprocess
    run = subprocess.run(["node", str(ROOT / "scripts" / "search_node.js"), str(site_dir)], check=True,
                         input="\n".join(e.query for e in entries) + "\n", capture_output=True, text=True)
    return [outcome(entry, [(page.split("#")[0], best.partition("#")[2], text) for page, best, text, _ in json.loads(line)])
            for entry, line in zip(entries, run.stdout.splitlines())]


def summary(outcomes: list[Outcome]) -> dict:
    n = len(outcomes)
    with_section = [o for o in outcomes if o.section_first is not None]
    return {
        "queries": n,
        "hit@1": sum(o.rank == 1 for o in outcomes) / n,
        "hit@3": sum(bool(o.rank and o.rank <= 3) for o in outcomes) / n,
        "mrr": sum(1 / o.rank for o in outcomes if o.rank) / n,
        "section@1": sum(o.section_first for o in with_section) / len(with_section) if with_section else 0.0,
        "wordless": sum(bool(o.wordless) for o in outcomes),
    }


def summary_line(outcomes: list[Outcome], name: str = "") -> str:
    s = summary(outcomes)
    return (f"{name}{s['queries']} queries: hit@1 {s['hit@1']:.1%}, hit@3 {s['hit@3']:.1%}, MRR {s['mrr']:.3f}; "
            f"expected section first on its page {s['section@1']:.1%}; "
            f"queries with a top-3 result lacking every content word: {s['wordless']}")


def report(outcomes: list[Outcome], misses: str = "all") -> str:
    lines = [summary_line(outcomes)]
    for half in ("dev", "held"):
        part = [o for o in outcomes if o.entry.half == half]
        if part:
            lines.append(summary_line(part, f"  {half}: "))
    for o in outcomes:
        if misses != "all" and o.entry.half != misses:
            continue
        if o.rank != 1:
            lines.append(f"  {'miss' if not o.rank or o.rank > 3 else f'rank {o.rank}'}: {o.entry.query!r} "
                         f"wants {o.entry.url} (line {o.entry.line}); top: {', '.join(o.top) or 'nothing'}")
        if o.wordless:
            lines.append(f"  no content word: {o.entry.query!r} -> {', '.join(o.wordless)}")
    return "\n".join(lines)


def main(*args: str) -> int:
    misses = args[args.index("--misses") + 1] if "--misses" in args else "all"
    rest = [a for i, a in enumerate(args) if a not in ("--misses", "--node") and (i == 0 or args[i - 1] != "--misses")]
    site_dir = rest[0] if rest else "site"
    from browser import chromium
    from site_reader import serve
    entries, errors = load()
    if errors:
        print("\n".join(errors))
        return 1
    if "--node" in args:
        print(report(evaluate_in_node(Path(site_dir), entries), misses))
        return 0
    server, origin = serve(Path(site_dir))
    with chromium() as browser:
        page = browser.new_page()
        open_search(page, origin)
        outcomes = evaluate(page, origin, entries)
    server.shutdown()
    print(report(outcomes, misses))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
