"""The Material skeleton that `make lighthouse` measures beside our pages (no Lighthouse run here)."""

from __future__ import annotations

from pathlib import Path

import lighthouse


def test_the_skeleton_is_one_long_page_of_plain_material(tmp_path: Path) -> None:
    markdown = lighthouse.skeleton_markdown()
    assert len(markdown) > 10_000
    assert "[@" not in markdown and "```" not in markdown and "|" not in markdown
    site = lighthouse.build_skeleton(tmp_path)
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert pages == ["404.html", "index.html"]
    html = (site / "index.html").read_text(encoding="utf-8")
    assert 'name="generator" content="mkdocs-' in html and "material" in html
