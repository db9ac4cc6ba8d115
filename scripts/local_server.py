"""Serve a built site on 127.0.0.1, for the browser tests and the Lighthouse run.

With `compress=True`, text responses are gzipped, as GitHub Pages serves them, so that
Lighthouse measures what a reader downloads.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class _Handler(http.server.SimpleHTTPRequestHandler):
    compress = False

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the base class redirects to the trailing slash
            path = path / "index.html"
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.compress and wants_gzip and path.is_file() and path.suffix in _COMPRESSIBLE):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve(directory: Path, compress: bool = False) -> Iterator[str]:
    """Serve `directory` on a free port of 127.0.0.1; yields the base URL."""
    handler = functools.partial(type("Handler", (_Handler,), {"compress": compress}), directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
