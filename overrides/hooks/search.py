"""Search: Material's own engine, tuned, with a small worker of ours around Material's.

- Every page is pointed at `assets/javascripts/workers/search-guide.js?material=<Material's worker>`
  instead of Material's worker; it cleans each query and re-ranks by phrase (see that file), then
  runs Material's worker unchanged.
- Pages weigh by what they are. A concept is taught in a framework chapter or a catalog page and
  applied in the case studies, so a case study's sections count 0.7 of a teaching page's; a product
  or a problem named in a query still finds its case study first, by its headings. A design-pattern
  page retells decisions that case studies and catalog pages make, so it counts 0.7 too; a pattern
  named in a query still finds its page first, by its title. Pages that gather other pages' words
  (the home page, the case-study, pattern and trade-off indexes, every decision,
  the matrix, the question bank, the glossary, the mock interview scripts) count less again, so a
  query lands where the thing is explained and these follow it.

What this buys is measured on data/search/relevance.yml by scripts/search_relevance.py (`make bench`)
and held by tests/test_search.py.
"""
import re

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
}
MOCK_INTERVIEWS = "practice/mock-interviews/"
CASE_STUDIES = "case-studies/"
PATTERNS = "patterns/"


def search_weight(src_uri: str) -> float | None:
    if src_uri in GATHERING_PAGES:
        return GATHERING_PAGES[src_uri]
    if src_uri.startswith(MOCK_INTERVIEWS) and not src_uri.endswith("index.md"):
        return 0.5
    if src_uri.startswith((CASE_STUDIES, PATTERNS)):
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
