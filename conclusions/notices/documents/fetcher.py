"""The only files WeasyPrint may read while rendering a notice: our bundled font files, our print stylesheet and the
draft watermark drawn from the bundled bold face.

Templates refer to them as `asset:<name>` URLs. Every other URL (file://, http(s)://, data:, a path outside the
allow-list, an <img> or <link rel="attachment"> smuggled in by user text that somehow escaped escaping) is refused,
so a rendered PDF can never contain a file from the server's disk or the network.
"""

from pathlib import Path

from weasyprint.urls import URLFetcher, URLFetcherResponse

from .watermark import draft_watermark_svg

ROOT = Path(__file__).resolve().parents[3]  # conclusions/notices/documents/fetcher.py -> the checkout
FONT_DIR = ROOT / "static" / "fonts" / "liberation-serif"
PRINT_DIR = ROOT / "templates" / "conclusions" / "documents"

# asset name -> (file, content type). Fixed at import: nothing a template or a user types can widen it.
ASSETS: dict[str, tuple[Path, str]] = {
    "fonts/LiberationSerif-Regular.ttf": (FONT_DIR / "LiberationSerif-Regular.ttf", "font/ttf"),
    "fonts/LiberationSerif-Bold.ttf": (FONT_DIR / "LiberationSerif-Bold.ttf", "font/ttf"),
    "fonts/LiberationSerif-Italic.ttf": (FONT_DIR / "LiberationSerif-Italic.ttf", "font/ttf"),
    "fonts/LiberationSerif-BoldItalic.ttf": (FONT_DIR / "LiberationSerif-BoldItalic.ttf", "font/ttf"),
    "css/notice.css": (PRINT_DIR / "notice.css", "text/css"),
}
# asset name -> (function giving its bytes, content type): made from the bundled files, not read from disk as such.
GENERATED = {
    "img/draft-watermark.svg": (
        lambda: draft_watermark_svg(FONT_DIR / "LiberationSerif-Bold.ttf"),
        "image/svg+xml",
    ),
}
SCHEME = "asset:"


class AssetRefused(ValueError):
    """A URL outside the allow-list was asked for."""


class BundledAssetFetcher(URLFetcher):
    """URL fetcher that serves `asset:` names from ASSETS and refuses everything else."""

    def __init__(self):
        super().__init__(allowed_protocols=("asset",), allow_redirects=False, fail_on_errors=False)
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        name = url[len(SCHEME) :] if url.startswith(SCHEME) else None
        if name in GENERATED:
            make, content_type = GENERATED[name]
            return URLFetcherResponse(url, body=make(), headers={"Content-Type": content_type})
        if name is None or name not in ASSETS:
            self.refused.append(url)
            raise AssetRefused(f"not a bundled asset: {url[:200]}")
        path, content_type = ASSETS[name]
        return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": content_type})
