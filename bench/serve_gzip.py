"""A static host for the benchmarks, as most are: text gzip-compressed, a 404 page for missing paths.

    with serve(site_dir) as (url, log): ...   # url without a trailing slash; log: (path, bytes sent, bytes on disk)

Missing paths get the site's own 404 page with status 404 (the Welsh one under /cy/), as GitHub Pages
and Netlify do. A port of 0 picks a free one.
"""

from __future__ import annotations

import functools
import gzip
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

COMPRESSIBLE = {".js", ".mjs", ".json", ".css", ".html", ".xml", ".svg", ".txt"}


class GzipHandler(SimpleHTTPRequestHandler):
    log: list[tuple[str, int, int]]

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass

    def _not_found_page(self) -> Path | None:
        root = Path(self.directory)
        first = self.path.lstrip("/").split("/", 1)[0]  # a language folder (cy/) has its own
        candidates = ([root / first / "404.html"] if first else []) + [root / "404.html"]
        return next((c for c in candidates if c.is_file()), None)

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().do_GET()  # the redirect to the folder with a slash
            path = path / "index.html"
        status = 200
        if not path.is_file():
            status = 404
            found = self._not_found_page()
            if found is None:
                return super().do_GET()
            path = found
        body = path.read_bytes()
        raw = len(body)
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if path.suffix in COMPRESSIBLE and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, 6)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        self.wfile.write(body)
        self.log.append((self.path, len(body), raw))


@contextmanager
def serve(directory: Path, port: int = 0) -> Iterator[tuple[str, list[tuple[str, int, int]]]]:
    log: list[tuple[str, int, int]] = []
    handler = type("Handler", (GzipHandler,), {"log": log})
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", log
    finally:
        server.shutdown()
        thread.join()
        server.server_close()
