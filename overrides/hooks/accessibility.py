"""Accessibility fixes to markup that no setting of Material or pymdown-extensions controls.

- Material's search is a `role="dialog"` without a name; it gets "Search".
- The breadcrumbs (`navigation.path`) are a navigation named "Navigation", as the site navigation
  is; they are named "Breadcrumbs".
- The loading bar of instant navigation is a `role="progressbar"` with no name and no value (Material
  sets only its width), outside every landmark; it is hidden from assistive technology instead.
- With section index pages, Material labels a nested navigation by an icon-only toggle, so two
  nested navigations share an empty name; the toggle gets its section's title as hidden text (a
  `<label>` may not carry `aria-label`).
- A checklist's boxes (pymdownx.tasklist) are disabled inputs with no label of their own; their text
  sits beside them. They are decoration, so they are hidden from assistive technology.
"""

import re

SECTION_TOGGLE = re.compile(r'(<span class="md-ellipsis">\s*([^<]+?)\s*</span>\s*</a>\s*'
                            r'<label class="md-nav__link "[^>]*? id="__nav_[\d_]+_label"[^>]*>)')
SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
BREADCRUMBS = '<nav class="md-path" aria-label="Navigation"'
PROGRESS_BAR = '<div class="md-progress" data-md-component="progress" role="progressbar">'
# pymdownx.tasklist writes `<input type="checkbox" disabled/>`; match any attribute order and quoting.
TASK_BOX = re.compile(r'<input(?=[^>]*\btype="checkbox")(?=[^>]*\bdisabled\b)(?![^>]*aria-hidden)')


def on_post_page(output, page, config):
    output = output.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + ' aria-label="Search">')
    output = output.replace(BREADCRUMBS, '<nav class="md-path" aria-label="Breadcrumbs"')
    output = output.replace(PROGRESS_BAR, '<div class="md-progress" data-md-component="progress" aria-hidden="true">')
    output = SECTION_TOGGLE.sub(lambda m: f'{m.group(1)}<span class="visually-hidden">{m.group(2)}</span>', output)
    return TASK_BOX.sub('<input aria-hidden="true"', output)
