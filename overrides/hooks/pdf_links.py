"""Which PDF each page belongs to, and the "Download PDF" link under its title.

`make pdf` (scripts/make_pdf.py) prints the files this module names: a chapter's own PDF for each
framework chapter and case study, one document for the whole trade-off catalog, and the whole guide
for every other page.
"""
import posixpath
import re

from mkdocs.utils import get_relative_url

PDF_DIR = "pdf"
GUIDE = f"{PDF_DIR}/ml-system-design-field-guide.pdf"
CATALOG = f"{PDF_DIR}/trade-off-catalog.pdf"
CHAPTER_FOLDERS = ("framework", "case-studies")


def pdf_for(uri: str) -> str:
    """The site path of the PDF that holds the page with this docs-relative source path."""
    folder, _, name = uri.partition("/")
    if folder == "tradeoffs":
        return CATALOG
    if folder in CHAPTER_FOLDERS and name.endswith(".md") and name != "index.md":
        return f"{PDF_DIR}/{folder}/{posixpath.splitext(name)[0]}.pdf"
    return GUIDE


def on_page_content(html, page, config, files):
    target = pdf_for(page.file.src_uri)
    label = "Download the whole guide as PDF" if target == GUIDE else (
        "Download the trade-off catalog as PDF" if target == CATALOG else "Download this chapter as PDF")
    link = (f'<p class="pdf-download"><a href="{get_relative_url(target, page.url)}" download>'
            f'{label}</a></p>')
    return re.sub(r"(</h1>)", r"\1" + link.replace("\\", "\\\\"), html, count=1)
