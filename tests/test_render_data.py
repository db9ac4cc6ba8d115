"""The render_data hook on the fixture: review line, generated References, appended References."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from conftest import ROOT


def load_hook() -> Any:
    spec = importlib.util.spec_from_file_location("render_data_hook", ROOT / "hooks" / "render_data.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def hook(fixture_kb: Path) -> Any:
    # The fixture's labels lack the table headers: use the repository's words.
    shutil.copy(ROOT / "data" / "labels.yml", fixture_kb / "data" / "labels.yml")
    for lang, words in (("en", "Updated [@example-jd-report]."), ("zh", "已更新[@example-jd-report]。")):
        page = fixture_kb / "docs" / lang / "index.md"
        page.write_text(page.read_text(encoding="utf-8") + f"\n{words}\n", encoding="utf-8")
    module = load_hook()
    module.on_config({"config_file_path": str(fixture_kb / "mkdocs.yml")})
    return module


def page_markdown(hook: Any, root: Path, src_uri: str) -> str:
    text = (root / "docs" / src_uri).read_text(encoding="utf-8")
    body = text.split("---\n", 2)[2]  # MkDocs hands the hook the page without its front matter
    page = SimpleNamespace(file=SimpleNamespace(src_uri=src_uri), url=src_uri.removesuffix(".md") + "/")
    return hook.on_page_markdown(body, page, None, None)


def test_model_page_gets_review_line_status_column_and_references(hook: Any, fixture_kb: Path) -> None:
    markdown = page_markdown(hook, fixture_kb, "en/models/b2b.md")
    lines = markdown.split("\n")
    title = lines.index("# B2B e-commerce")
    assert lines[title + 2] == '<p class="page-reviewed">Last reviewed November 2026</p>'
    row = "| **[Alibaba (1688.com)](https://www.1688.com)** | China | 2010 [@example-1688-launch] | active [@example-1688-launch] |"
    assert row in markdown
    references = markdown.split("## References {#references data-search-exclude}", 1)[1]
    assert references.lstrip().startswith('<ol class="references"><li id="ref-example-1688-launch" value="1">')
    assert '<li id="ref-example-ecommerce-law" value="2">' in references
    assert markdown.count("## References {#references data-search-exclude}") == 1


def test_page_without_a_references_section_gets_one_appended(hook: Any, fixture_kb: Path) -> None:
    for lang, heading in (
        ("en", "## References {#references data-search-exclude}"),
        ("zh", "## 参考资料 {#references data-search-exclude}"),
    ):
        markdown = page_markdown(hook, fixture_kb, f"{lang}/index.md")
        before, _, after = markdown.partition(heading)
        assert "[@example-jd-report]" in before
        assert after.lstrip().startswith('<ol class="references"><li id="ref-example-jd-report" value="1">')


def test_markers_become_links_with_the_same_numbers_in_both_languages(hook: Any, fixture_kb: Path) -> None:
    outputs = []
    for lang in ("zh", "en"):
        page = SimpleNamespace(file=SimpleNamespace(src_uri=f"{lang}/models/b2b.md"))
        outputs.append(hook.on_page_content("<p>x [@example-ecommerce-law]</p>", page, None, None))
    link = '<sup class="cite"><a href="#ref-example-ecommerce-law">[2]</a></sup>'
    assert outputs == [f"<p>x {link}</p>", f"<p>x {link}</p>"]
