"""Copy the self-hosted front-end assets from node_modules/ into docs/assets/vendor/.

The versions are pinned by package-lock.json; the copies are not committed (see .gitignore).
"""
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULES = ROOT / "node_modules"
VENDOR = ROOT / "docs" / "assets" / "vendor"

# Mermaid's ESM build: a 0.75 MB core that imports each diagram type's code only when it draws one.
# The build draws every diagram with it in headless Chromium; `make serve` draws them with it in the
# author's browser. The built site does not ship it (draft_docs in mkdocs.yml).
COPIES = {
    "mermaid/dist/mermaid.esm.min.mjs": "mermaid/mermaid.esm.min.mjs",
    "mermaid/dist/chunks/mermaid.esm.min": "mermaid/chunks/mermaid.esm.min",
    # KaTeX's stylesheet and fonts: formulas are typeset at build time (overrides/hooks/formulas.py, with
    # node_modules/katex), and readers' browsers only lay them out.
    "katex/dist/katex.min.css": "katex/katex.min.css",
    "katex/dist/fonts": "katex/fonts",
    # Inter, the diagrams' font (docs/assets/stylesheets/fonts.css): the build measures every label
    # in it, so readers must draw labels in it too. Regular and bold, in the subsets the guide uses.
    **{f"@fontsource/inter/files/inter-{subset}-{weight}-normal.woff2": f"fonts/inter-{subset}-{weight}-normal.woff2"
       for subset in ("latin", "latin-ext", "greek") for weight in (400, 700)},
    "@fontsource/inter/LICENSE": "fonts/LICENSE-inter.txt",
    # Material's shim that runs the search worker in an iframe where browsers refuse workers: the
    # offline download opened from disk (mkdocs-offline.yml). Material would load it from a CDN.
    "iframe-worker/shim/index.js": "iframe-worker/shim.js",
    "iframe-worker/LICENSE": "iframe-worker/LICENSE.txt",
}


def main() -> None:
    shutil.rmtree(VENDOR, ignore_errors=True)  # nothing stale from an earlier version's layout
    for source, target in COPIES.items():
        src, dst = MODULES / source, VENDOR / target
        if not src.exists():
            raise SystemExit(f"{src} is missing: run `npm ci` first")
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            # woff2 is enough for every browser the site supports; skip ttf and woff.
            # Source maps are for Mermaid's developers, not readers.
            shutil.copytree(src, dst, ignore=shutil.ignore_patterns("*.ttf", "*.woff", "*.map"))
        else:
            shutil.copy2(src, dst)
    print(f"vendored {len(COPIES)} assets into {VENDOR.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
