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


def test_the_language_switcher_names_each_language_in_that_language(built_site: Path) -> None:
    for page in ("index.html", "en/models/b2b/index.html", "404.html", "en/404.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        assert re.search(r'hreflang="zh" lang="zh" class="md-select__link">\s*简体中文', html), page
        assert re.search(r'hreflang="en" lang="en" class="md-select__link">\s*English', html), page


def test_a_404_page_switches_to_the_other_language_home_page(built_site: Path) -> None:
    # Without the fix, the English 404 page's switcher pointed at the last model page built.
    for page in ("404.html", "en/404.html"):
        links = re.findall(r'<a href="([^"]*)" hreflang="(zh|en)"', (built_site / page).read_text(encoding="utf-8"))
        assert links == [("/", "zh"), ("/en/", "en")], page


def test_home_links_replace_only_the_switcher_targets() -> None:
    html = (
        '<a href="/models/vertical/" hreflang="zh" class="md-select__link">简体中文</a>'
        '<a href="/en/models/vertical/" hreflang="en" class="md-select__link">English</a>'
        '<a href="/models/vertical/" hreflang="zh">other</a>'
    )
    assert html_polish.home_links(html, {"zh": "/", "en": "/en/"}) == (
        '<a href="/" hreflang="zh" class="md-select__link">简体中文</a>'
        '<a href="/en/" hreflang="en" class="md-select__link">English</a>'
        '<a href="/models/vertical/" hreflang="zh">other</a>'
    )


class _Config:
    def __init__(self, language: str) -> None:
        self.theme = {"language": language}


PAGE = (
    '<html lang="{lang}"><head><title>Douyin (抖音)</title></head><body>'
    '<nav class="md-nav"><a href="#douyin">Douyin (抖音)</a></nav>'
    '<a href="./" hreflang="zh" class="md-select__link">简体中文</a>'
    '<article><h2 id="douyin">Douyin (抖音)</h2><p>抖音 is ByteDance\'s app.</p></article></body></html>'
)


def test_an_english_page_marks_chinese_in_its_nav_and_table_of_contents_too() -> None:
    page = html_polish.on_post_page(PAGE.format(lang="en"), None, _Config("en"))
    head, body = page.split("</head>")
    assert "<title>Douyin (抖音)</title>" in head  # the title element holds text only
    assert body.count('<span lang="zh">抖音</span>') == 3  # nav, heading, paragraph
    assert '<a href="./" hreflang="zh" lang="zh" class="md-select__link">简体中文</a>' in body


def test_a_chinese_page_gets_no_language_marks_in_its_text() -> None:
    page = html_polish.on_post_page(PAGE.format(lang="zh"), None, _Config("zh"))
    assert '<span lang="zh">' not in page
