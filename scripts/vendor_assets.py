"""Copy the self-hosted front-end assets from node_modules/ into docs/assets/vendor/.

The versions are pinned by package-lock.json; the copies are not committed (see .gitignore).
"""
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULES = ROOT / "node_modules"
VENDOR = ROOT / "docs" / "assets" / "vendor"

COPIES = {
    "mermaid/dist/mermaid.min.js": "mermaid/mermaid.min.js",
    "katex/dist/katex.min.js": "katex/katex.min.js",
    "katex/dist/katex.min.css": "katex/katex.min.css",
    "katex/dist/contrib/auto-render.min.js": "katex/auto-render.min.js",
    "katex/dist/fonts": "katex/fonts",
}


def main() -> None:
    for source, target in COPIES.items():
        src, dst = MODULES / source, VENDOR / target
        if not src.exists():
            raise SystemExit(f"{src} is missing: run `npm ci` first")
        dst.parent.mkdir(parents=True, exist_ok=True)
        if src.is_dir():
            shutil.rmtree(dst, ignore_errors=True)
            # woff2 is enough for every browser the site supports; skip ttf and woff.
            shutil.copytree(src, dst, ignore=shutil.ignore_patterns("*.ttf", "*.woff"))
        else:
            shutil.copy2(src, dst)
    print(f"vendored {len(COPIES)} assets into {VENDOR.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
