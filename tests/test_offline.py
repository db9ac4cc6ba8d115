"""The offline copy: a zip of the whole bilingual site that works from file://."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

import offline
from browser import chromium, search


@pytest.fixture(scope="module")
def unzipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("offline")
    archive = work / "ecommerce-models-offline.zip"
    assert offline.main(["--out", str(archive)]) == 0
    with zipfile.ZipFile(archive) as handle:
        handle.extractall(work)
    return work / offline.FOLDER


def test_zip_holds_both_languages(unzipped: Path) -> None:
    for rel in ["index.html", "models/b2b.html", "en/index.html", "en/models/b2b.html", "search/search_index.js"]:
        assert (unzipped / rel).is_file(), rel
    assert (unzipped / "en/search/search_index.js").is_file()


def test_nothing_is_loaded_from_another_host(unzipped: Path) -> None:
    assert offline.remote_references(unzipped) == []
    shim = (unzipped / "index.html").read_text(encoding="utf-8")
    assert "unpkg.com" not in shim and "iframe-worker-shim.js" in shim


def test_remote_reference_detection_can_fail(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text('<script src="https://cdn.example/x.js"></script>', encoding="utf-8")
    (tmp_path / "b.html").write_text('<link rel="canonical" href="https://site.example/">', encoding="utf-8")
    assert offline.remote_references(tmp_path) == ["a.html: https://cdn.example/x.js"]


@pytest.mark.browser
@pytest.mark.parametrize(
    ("start", "query", "expected"),
    [
        ("index.html", "跨境电商", "models/cross-border.html"),
        ("en/models/b2b.html", "bonded warehouse", "en/models/cross-border.html"),
    ],
)
def test_search_and_language_switcher_work_from_file_urls(
    unzipped: Path, start: str, query: str, expected: str
) -> None:
    with chromium() as browser:
        page = browser.new_page()  # type: ignore[attr-defined]
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto((unzipped / start).as_uri())
        results = [href.split("?")[0] for href in search(page, query)]
        assert (unzipped / expected).as_uri() in results[:3]
        switch = page.eval_on_selector_all("a[hreflang]", "els => els.map(e => e.href)")
        assert len(switch) == 2 and all(Path(href.removeprefix("file://")).is_file() for href in switch)
    assert all(url.startswith("file://") or url.startswith("data:") for url in requested)


@pytest.mark.browser
@pytest.mark.parametrize("start", ["choose.html", "en/choose.html"])
def test_chooser_and_side_by_side_work_from_file_urls(unzipped: Path, start: str) -> None:
    with chromium() as browser:
        page = browser.new_page()  # type: ignore[attr-defined]
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        page.goto((unzipped / start).as_uri())
        page.check('#chooser-form input[name="sellers"][value="local-merchant"]')
        page.check('#chooser-form input[name="reach"][value="local"]')
        first = page.locator("#chooser-output .chooser-ranking > li").first
        assert first.get_attribute("data-model") == "o2o"
        href = first.locator("a").first.evaluate("a => a.href")
        assert href.endswith("models/o2o.html#when-to-use")
        assert Path(href.removeprefix("file://").split("#")[0]).is_file()
        assert page.url.endswith("?sellers=local-merchant&reach=local")  # file:// keeps the answers too
        page.reload()
        assert page.locator("#chooser-output .chooser-ranking > li").first.get_attribute("data-model") == "o2o"
        page.goto((unzipped / start.replace("choose", "compare")).as_uri())
        page.check('.compare-pick input[value="b2b"]')
        page.check('.compare-pick input[value="o2o"]')
        page.wait_for_function("document.querySelectorAll('.compare-column').length === 2")
        assert len(page.locator('.compare-column [data-section="definition"]').first.inner_text()) > 40
    assert all(url.startswith("file://") or url.startswith("data:") for url in requested)
