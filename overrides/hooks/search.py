"""Search: Material's own engine, tuned, with a small worker of ours around Material's.

- Every page is pointed at `assets/javascripts/workers/search-guide.js?material=<Material's worker>`
  instead of Material's worker; it cleans each query and re-ranks by phrase (see that file), then
  runs Material's worker unchanged.
- Pages weigh by what they are. A concept is taught in a framework chapter or a catalog page and
  applied in the case studies and the design patterns, so their sections count 0.7 of a teaching
  page's; a product, a problem or a pattern named in a query still finds its page first, by its
  headings. Pages that gather other pages' words (the home page, the indexes, every decision, the
  matrix, the question bank, the glossary, the mock interview scripts, the prompt atlas) count less
  again, so a query lands where the thing is explained and these follow it.

- Pages fetch search/search_config.json, the index's config without its documents; the search worker
  fetches the documents itself (docs/assets/javascripts/search-on-demand.js), so no page parses or
  copies the 2 MB index on its main thread.

- A page's description (its front matter: the summary a search engine shows) is searched as the first
  paragraph of the page's opening, so a query in the summary's words finds the page.

- The glossary says where each term is taught: a query that names a glossary term (its full name or
  its abbreviation) lifts the section the term's entry links to (`glossary` in the index; the worker
  applies it). One rule for all of the glossary's terms, kept by whoever writes the glossary.

What this buys is measured on data/search/relevance.yml by scripts/search_relevance.py (`make bench`)
and held by tests/test_search.py.
"""
import html
import json
import re
from pathlib import Path

from mkdocs.plugins import event_priority

from guide_markdown import resolve
from pdf_links import is_offline_build

MATERIAL_WORKER = re.compile(r'"search":\s*"(?P<base>[^"]*?)assets/javascripts/workers/(?P<name>search\.[0-9a-f]+\.min\.js)"')
GATHERING_PAGES = {  # src_uri: weight of every result from that page
    "index.md": 0.5,
    "case-studies/index.md": 0.5,
    "patterns/index.md": 0.5,
    "tradeoffs/index.md": 0.2,
    "tradeoffs/decisions/index.md": 0.2,
    "tradeoffs/matrix/index.md": 0.2,
    "practice/by-step.md": 0.2,
    "reference/glossary.md": 0.5,
    "atlas/index.md": 0.2,
    "practice/index.md": 0.5,
    "practice/cards/index.md": 0.5,  # every case study's prompt, in one place
    "practice/mock-interviews/index.md": 0.5,  # every script's prompt, in one place
}
MOCK_INTERVIEWS = "practice/mock-interviews/"
APPLIED = "case-studies/"  # where concepts are applied to a product, not taught
ATLAS = "atlas/"
PATTERNS = "patterns/"
# A pattern page retells, by shape, decisions the case studies make: it weighs as they do. An atlas
# entry compresses a whole design into 200 words that name many concepts in passing, so it weighs less
# again and is found by its prompt's words, which its heading carries. Measured on 362 queries: atlas
# 0.7 -> 0.3 took hit@3 from 87.0% to 90.1%; patterns 0.5 -> 0.7 took it from 89.5% to 90.1%.
PATTERN_WEIGHT, ATLAS_WEIGHT = 0.7, 0.3


def search_weight(src_uri: str) -> float | None:
    if src_uri in GATHERING_PAGES:
        return GATHERING_PAGES[src_uri]
    if src_uri.startswith(MOCK_INTERVIEWS) and not src_uri.endswith("index.md"):
        return 0.5
    if src_uri.startswith(APPLIED):
        return 0.7
    if src_uri.startswith(PATTERNS):
        return PATTERN_WEIGHT
    if src_uri.startswith(ATLAS):
        return ATLAS_WEIGHT
    return None


def on_page_markdown(markdown, page, **kwargs):
    weight = search_weight(page.file.src_uri)
    if weight is not None:
        page.meta.setdefault("search", {}).setdefault("boost", weight)
    if page.meta.get("description"):
        _descriptions[page.url] = str(page.meta["description"])
    return markdown


def on_post_page(output, **kwargs):
    return MATERIAL_WORKER.sub(lambda m: f'"search": "{m["base"]}assets/javascripts/workers/search-guide.js'
                                         f'?material={m["name"]}"', output, count=1)


GLOSSARY = "reference/glossary.md"
TERM = re.compile(r"^(?P<term>\S[^\n]*)\n:   (?P<definition>.+?)(?=\n\n|\Z)", re.M | re.S)
LAST_LINK = re.compile(r"\]\(([^)\s]+)\)(?!.*\]\()", re.S)


def glossary_terms(markdown: str) -> list[tuple[list[str], str, str]]:
    """Each glossary entry as (its names, the page it links to last, that link's anchor): "Alternating
    least squares (ALS)" is named both ways; "Acceptance rate (autocomplete)" only by its name, since a
    bracket without a capital letter qualifies the name rather than abbreviating it."""
    out = []
    for m in TERM.finditer(markdown):
        link = LAST_LINK.search(m["definition"])
        if not link:
            continue
        term = m["term"].strip()
        names = [re.sub(r"\s*\([^)]*\)", "", term).strip()] + [a for a in re.findall(r"\(([^)]+)\)", term) if re.search("[A-Z]", a)]
        uri, anchor = resolve(GLOSSARY, link.group(1))
        out.append(([n.lower() for n in names if n], uri, anchor))
    return out


_page_urls: dict = {}
_descriptions: dict = {}  # page url -> its front matter's description


def on_files(files, config, **kwargs):
    _page_urls.clear()
    _descriptions.clear()
    _page_urls.update({f.src_uri: f.url for f in files.documentation_pages()})
    return files


# After the search plugin writes the index (0) and before the offline plugin reads it (-100).
@event_priority(-50)
def on_post_build(config, **kwargs):
    index = Path(config["site_dir"]) / "search" / "search_index.json"
    data = json.loads(index.read_text(encoding="utf-8"))
    glossary = (Path(config["docs_dir"]) / GLOSSARY).read_text(encoding="utf-8")
    for doc in data["docs"]:
        if doc["location"] in _descriptions:
            doc["text"] = f"<p>{html.escape(_descriptions[doc['location']], quote=False)}</p>{doc['text']}"
    data["glossary"] = [{"names": names, "location": _page_urls[uri] + (f"#{anchor}" if anchor else "")}
                        for names, uri, anchor in glossary_terms(glossary) if uri in _page_urls]
    (index.parent / "search_config.json").write_text(json.dumps({"config": data["config"], "docs": []}),
                                                       encoding="utf-8")
    if is_offline_build(config):
        # Opened from disk, Material hands its worker the index's config and documents only, so the
        # glossary travels in the config (on the website the worker fetches the whole index).
        data["config"]["glossary"] = data["glossary"]
    index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
