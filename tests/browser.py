"""Serving a built site on 127.0.0.1 and driving Debian's Chromium through Playwright."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve `directory` on a free port of 127.0.0.1; yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def search(page: object, query: str) -> list[str]:
    """Type a query into Material's search and return the result links, best first."""
    # Open the search as a click would: Material waits for the toggle's change event
    # before it loads the index from file://.
    page.evaluate(  # type: ignore[attr-defined]
        "(t => { t.checked = true; t.dispatchEvent(new Event('change')) })(document.querySelector('#__search'))"
    )
    box = page.locator("input.md-search__input")  # type: ignore[attr-defined]
    box.fill(query)
    box.press("End")  # Material's search listens for key events
    page.wait_for_function(  # type: ignore[attr-defined]
        "q => document.querySelector('.md-search-result__meta').textContent.length > 0"
        " && document.querySelector('input.md-search__input').value === q",
        arg=query,
    )
    page.wait_for_timeout(250)  # type: ignore[attr-defined]
    return page.eval_on_selector_all(  # type: ignore[attr-defined]
        ".md-search-result__item > a", "els => els.map(e => e.getAttribute('href'))"
    )
