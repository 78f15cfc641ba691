"""The filter above a page of tables (every decision, the atlas's index), written into the page when
the site is built, so that the page is drawn with it in place and nothing below it moves when the
page's script runs. docs/assets/javascripts/ledger-filter.js fills each list from the tables' own
cells and hides the rows and sections a choice leaves out. Without JavaScript it is hidden (extra.css).
"""
import html
from dataclasses import dataclass


@dataclass(frozen=True)
class Filter:
    column: str  # the tables' column it reads; "Step" reads the heading (H2) a table sits under
    param: str  # its name in the page's address (?tradeoff=…), so a filtered view can be shared
    label: str
    everything: str  # the choice that filters nothing
    multi: bool = False  # a cell names several values, one per link


TRADE_OFF = Filter("Trade-off", "tradeoff", "Trade-off", "All trade-offs", multi=True)
STEP = Filter("Step", "step", "Framework step", "All steps")
CHAPTER = Filter("Chapter", "chapter", "Chapter or case study", "All chapters")
PATTERN = Filter("Patterns", "pattern", "Pattern", "All patterns", multi=True)
FAMILY = Filter("Step", "family", "Family", "All families")


def filter_box(filters: list[Filter], noun: str, example: str, total: int) -> str:
    """One line of HTML (a raw HTML block in Markdown), kept out of search. A <section>, since
    Material's search tells elements apart by tag alone and would stop leaving the box out at the
    first inner </div>."""
    esc = html.escape
    fields = "".join(
        f'<div class="ledger-filter__field"><label for="ledger-filter-{i}">{esc(f.label)}</label>'
        f'<select id="ledger-filter-{i}" data-key="{esc(f.column)}" data-param="{esc(f.param)}"'
        f'{" data-multi" if f.multi else ""}><option value="">{esc(f.everything)}</option></select></div>'
        for i, f in enumerate(filters))
    return (f'<section class="ledger-filter" data-ledger-filter data-search-exclude data-noun="{esc(noun)}">'
            f'<form class="ledger-filter__form" role="search" aria-label="Filter {esc(noun)}">{fields}'
            f'<div class="ledger-filter__field"><label for="ledger-filter-text">Contains</label>'
            f'<input id="ledger-filter-text" type="search" placeholder="{esc(example)}" autocomplete="off"></div>'
            f'<button type="button" class="md-button">Clear filters</button></form>'
            f'<p class="ledger-filter__status" role="status" aria-live="polite">Showing {total} of {total} {esc(noun)}</p></section>')
