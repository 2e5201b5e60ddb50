"""A URL fetcher that serves the project's bundled assets and refuses everything else."""

import mimetypes
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse


class RefusedURL(ValueError):
    """A document asked for something other than a bundled asset."""


class AssetFetcher(URLFetcher):
    """Serves files under one folder, read once into memory; no network, no other file."""

    def __init__(self, assets_dir: Path):
        super().__init__(allowed_protocols=("file",), allow_redirects=False)
        root = assets_dir.resolve()
        self._files = {
            path.resolve(): path.read_bytes()
            for path in root.rglob("*")
            if path.is_file() and path.suffix in {".css", ".ttf", ".otf", ".woff", ".woff2"}
        }

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.scheme == "file" and parts.netloc in ("", "localhost"):
            path = Path(url2pathname(parts.path)).resolve()
            body = self._files.get(path)
            if body is not None:
                kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, body, headers={"Content-Type": kind})
        # The URL itself is not repeated: it may have come from text someone typed.
        raise RefusedURL("only the project's bundled assets may be fetched")
