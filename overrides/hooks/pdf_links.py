"""Which PDF each page belongs to, and the download links under its title.

`make pdf` (scripts/make_pdf.py) prints the files this module names: a chapter's own PDF for each
framework chapter and case study, one document for the whole trade-off catalog, one of every case
study's one-page card (practice/cards/), and the whole guide for every other page.

The home page also offers the offline download beside the whole guide's PDF, with its size: the zip
of the mkdocs-offline.yml build that scripts/build_site.py (`make build`) makes first and names in
`extra.offline_zip` (the OFFLINE_ZIP variable); this build copies it into the site. A build without
it, such as `mkdocs serve`, has no such link. In the offline download itself, where no PDF is, the
PDF links go to the hosted site.
"""
import posixpath
import re
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

PDF_DIR = "pdf"
GUIDE = f"{PDF_DIR}/ml-system-design-field-guide.pdf"
CATALOG = f"{PDF_DIR}/trade-off-catalog.pdf"
CARDS = f"{PDF_DIR}/one-page-cards.pdf"  # every case study's one-page card (overrides/hooks/cards.py)
CHAPTER_FOLDERS = ("framework", "case-studies")
OFFLINE_ZIP = "download/ml-system-design-field-guide.zip"


def pdf_for(uri: str) -> str:
    """The site path of the PDF that holds the page with this docs-relative source path."""
    folder, _, name = uri.partition("/")
    if folder == "tradeoffs":
        return CATALOG
    if uri.startswith("practice/cards/"):
        return CARDS
    if folder in CHAPTER_FOLDERS and name.endswith(".md") and name != "index.md":
        return f"{PDF_DIR}/{folder}/{posixpath.splitext(name)[0]}.pdf"
    return GUIDE


def megabytes(size: int) -> str:
    return f"{size / 1e6:.1f} MB"


def is_offline_build(config) -> bool:
    return "material/offline" in config.plugins


def offline_zip(config) -> Path | None:
    """The offline download this build links and ships, if it was given one."""
    name = config.extra.get("offline_zip")
    if not name or is_offline_build(config):
        return None
    path = Path(name)
    if not path.is_file():
        raise PluginError(f"extra.offline_zip (OFFLINE_ZIP): no such file {path}")
    return path


def download_links(uri: str, page_url: str, site_url: str, zip_size: int | None) -> str:
    """The links under a page's title. `site_url` set: the PDFs are on that site, not beside the page.
    `zip_size` set: the home page offers the offline download too."""
    target = pdf_for(uri)
    label = "Download the whole guide as PDF" if target == GUIDE else (
        "Download the trade-off catalog as PDF" if target == CATALOG else
        "Download every one-page card as PDF" if target == CARDS else "Download this chapter as PDF")
    href = site_url + target if site_url else get_relative_url(target, page_url)
    links = f'<a href="{href}" download>{label}{" from the website" if site_url else ""}</a>'
    if zip_size is not None and uri == "index.md":
        links += (f' or <a href="{get_relative_url(OFFLINE_ZIP, page_url)}" download>as a website to read '
                  f'offline</a> (zip, {megabytes(zip_size)}: unzip it and open index.html)')
    return f'<p class="pdf-download" data-search-exclude>{links}</p>'


def on_page_content(html, page, config, files):
    zip_path = offline_zip(config)
    link = download_links(page.file.src_uri, page.url, config.site_url if is_offline_build(config) else "",
                          zip_path.stat().st_size if zip_path else None)
    return re.sub(r"(</h1>)", r"\1" + link.replace("\\", "\\\\"), html, count=1)


def on_post_build(config):
    zip_path = offline_zip(config)
    if zip_path:
        target = Path(config.site_dir) / OFFLINE_ZIP
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(zip_path, target)


def on_config(config, **kwargs):
    # Opened from disk, instant navigation cannot fetch the sitemap it needs, and Material then never
    # announces the page to the scripts that set it up (flashcards, filter, estimates): turn it off.
    if is_offline_build(config):
        features = config.theme["features"]
        features[:] = [f for f in features if not f.startswith("navigation.instant")]
    return config
