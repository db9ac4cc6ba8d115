"""Driving Debian's Chromium through Playwright against a site served on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from local_server import serve

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "chromium", "search", "serve"]

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
    if box.input_value() == query:  # Material ignores a query it has just answered
        box.fill("")
        box.press("End")
        page.wait_for_function("() => !document.querySelector('.md-search-result__item')")  # type: ignore[attr-defined]
    # Mark what the previous query left behind (Material rewrites the count and replaces
    # the result items on every answer), so we wait for this query's answer, not a timer.
    page.evaluate(  # type: ignore[attr-defined]
        "() => { document.querySelector('.md-search-result__meta').textContent = '';"
        " document.querySelectorAll('.md-search-result__item').forEach(e => e.dataset.stale = '1') }"
    )
    box.fill(query)
    box.press("End")  # Material's search listens for key events
    # Filling the box focuses it, and Material sends the value it has on focus, still empty, as
    # a query. Its answer is the placeholder ("type to start searching"), which comes after the
    # marks above and no answer to a real query is; on a busy machine it can stay up long enough.
    page.wait_for_function(  # type: ignore[attr-defined]
        "q => { const meta = document.querySelector('.md-search-result__meta').textContent;"
        " const placeholder = JSON.parse(document.getElementById('__config').textContent)"
        ".translations['search.result.placeholder'];"
        " return meta.length > 0 && meta !== placeholder"
        " && document.querySelector('input.md-search__input').value === q"
        " && !document.querySelector('.md-search-result__item[data-stale]') }",
        arg=query,
    )
    return page.eval_on_selector_all(  # type: ignore[attr-defined]
        ".md-search-result__item > a", "els => els.map(e => e.getAttribute('href'))"
    )
