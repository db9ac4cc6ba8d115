"""hooks/html_polish.py: the abbreviation tooltip once per H2 section, and on the built pages."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from conftest import ROOT

_spec = importlib.util.spec_from_file_location("html_polish", ROOT / "hooks" / "html_polish.py")
assert _spec and _spec.loader
html_polish = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(html_polish)

GMV = '<abbr title="gross merchandise value">GMV</abbr>'
SKU = '<abbr title="stock keeping unit">SKU</abbr>'


def test_only_the_first_occurrence_per_section_keeps_its_tooltip() -> None:
    html = (
        f"<p>{GMV} and {SKU}, then {GMV} again.</p>"
        f'<h2 id="revenue-model">Revenue</h2><p>{GMV}, {GMV}, {SKU}</p>'
        f'<h2 id="metrics">Metrics</h2><p>no abbreviation</p><p>{SKU}</p>'
    )
    assert html_polish.first_abbreviations_only(html) == (
        f"<p>{GMV} and {SKU}, then GMV again.</p>"
        f'<h2 id="revenue-model">Revenue</h2><p>{GMV}, GMV, {SKU}</p>'
        f'<h2 id="metrics">Metrics</h2><p>no abbreviation</p><p>{SKU}</p>'
    )


def test_built_pages_repeat_no_tooltip_within_a_section(built_site: Path) -> None:
    for page in ("models/b2b/index.html", "en/models/live-streaming/index.html", "compare/index.html"):
        article = (built_site / page).read_text(encoding="utf-8").split("<article", 1)[1].split("</article>", 1)[0]
        for section in re.split(r"(?=<h2[\s>])", article):
            tooltips = re.findall(r"<abbr title=\"[^\"]*\">([^<]*)</abbr>", section)
            assert len(tooltips) == len(set(tooltips)), (page, tooltips)
        assert "<abbr" in article
