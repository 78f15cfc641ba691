"""Search: Material's own engine, tuned, with a small worker of ours around Material's.

- Every page is pointed at `assets/javascripts/workers/search-guide.js?material=<Material's worker>`
  instead of Material's worker; it cleans each query and re-ranks by phrase (see that file), then
  runs Material's worker unchanged.
- Pages weigh by what they are. A concept is taught in a framework chapter or a catalog page and
  applied in the case studies, so a case study's sections count 0.7 of a teaching page's; a product
  or a problem named in a query still finds its case study first, by its headings. Pages that
  gather other pages' words (the home page, the case-study and trade-off indexes, every decision,
  the matrix, the question bank, the glossary, the mock interview scripts, the design patterns,
  which restate the case studies' decisions and the catalog's trade-offs by shape) count less again,
  so a query lands where the thing is explained and these follow it.

What this buys is measured on data/search/relevance.yml by scripts/search_relevance.py (`make bench`)
and held by tests/test_search.py.
"""
import re

MATERIAL_WORKER = re.compile(r'"search":\s*"(?P<base>[^"]*?)assets/javascripts/workers/(?P<name>search\.[0-9a-f]+\.min\.js)"')
GATHERING_PAGES = {  # src_uri: weight of every result from that page
    "index.md": 0.5,
    "case-studies/index.md": 0.5,
    "tradeoffs/index.md": 0.2,
    "tradeoffs/decisions/index.md": 0.2,
    "tradeoffs/matrix/index.md": 0.2,
    "practice/by-step.md": 0.2,
    "reference/glossary.md": 0.5,
}
MOCK_INTERVIEWS = "practice/mock-interviews/"
CASE_STUDIES = "case-studies/"
# At 1 the first six pattern pages took the first result from a case study or a teaching page on 8
# of the 327 queries (hit@1 68.2% -> 67.0%); at 0.5 on none, and each still comes first for its name.
PATTERNS = "patterns/"


def search_weight(src_uri: str) -> float | None:
    if src_uri in GATHERING_PAGES:
        return GATHERING_PAGES[src_uri]
    if src_uri.startswith(MOCK_INTERVIEWS) and not src_uri.endswith("index.md"):
        return 0.5
    if src_uri.startswith(PATTERNS):
        return 0.5
    if src_uri.startswith(CASE_STUDIES):
        return 0.7
    return None


def on_page_markdown(markdown, page, **kwargs):
    weight = search_weight(page.file.src_uri)
    if weight is not None:
        page.meta.setdefault("search", {}).setdefault("boost", weight)
    return markdown


def on_post_page(output, **kwargs):
    return MATERIAL_WORKER.sub(lambda m: f'"search": "{m["base"]}assets/javascripts/workers/search-guide.js'
                                         f'?material={m["name"]}"', output, count=1)
