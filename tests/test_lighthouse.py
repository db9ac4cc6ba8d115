"""The Material skeleton that `make lighthouse` measures beside our pages (no Lighthouse run here)."""

from __future__ import annotations

from pathlib import Path

import pytest

import lighthouse


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_skeleton_is_one_long_page_of_plain_material(tmp_path: Path, lang: str) -> None:
    markdown = lighthouse.skeleton_markdown(lang)
    assert len(markdown) > 3_000
    assert "```" not in markdown and "|" not in markdown
    site = lighthouse.build_skeleton(tmp_path, lang)
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert pages == ["404.html", "index.html"]
    html = (site / "index.html").read_text(encoding="utf-8")
    assert 'name="generator" content="mkdocs-' in html and "material" in html
    assert f'<html lang="{lang}"' in html


def test_each_page_is_measured_beside_a_skeleton_in_its_language() -> None:
    assert [lighthouse.page_language(p) for p in lighthouse.PAGES] == ["zh", "zh", "zh", "en", "en", "en"]
