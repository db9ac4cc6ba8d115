"""scripts/lang_parts.py: Chinese text on an English page is marked lang="zh", and nothing else changes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import lang_parts


def test_a_chinese_term_in_english_prose_is_marked() -> None:
    html = "<p>Brand self-streaming (店播) and paid traffic (投流), both on 抖音.</p>"
    assert lang_parts.mark_chinese(html) == (
        '<p>Brand self-streaming (<span lang="zh">店播</span>) and paid traffic '
        '(<span lang="zh">投流</span>), both on <span lang="zh">抖音</span>.</p>'
    )


def test_chinese_punctuation_stays_with_its_run() -> None:
    html = "<li>the law 《中华人民共和国电子商务法》, and “红猫计划”</li>"
    assert lang_parts.mark_chinese(html) == (
        '<li>the law <span lang="zh">《中华人民共和国电子商务法》</span>, and “<span lang="zh">红猫计划</span>”</li>'
    )


def test_punctuation_alone_is_not_chinese() -> None:
    html = "<p>A full-width colon： and a bracket（x）.</p>"
    assert lang_parts.mark_chinese(html) is html


@pytest.mark.parametrize(
    "html",
    [
        '<a href="/zh/店播/" title="店播">x</a>',  # attributes
        "<!-- 店播 -->",  # comments
        '<script>var label = "<b>店播</b>";</script>',  # raw text, even when it looks like tags
        "<style>.x::after { content: '店播' }</style>",
        "<code>订阅电商</code>",  # code is quoted as written
        "<pre><code>## 定义 {#definition}\n<b>直播</b></code></pre>",
        '<cite lang="zh">直播电商监督管理办法</cite>',  # already marked
        '<p lang="zh-Hans">页面不存在。<b>中文</b>首页</p>',
        "<select><option>企业对企业电商</option></select>",  # an option holds text only
        "<svg><text>直播</text></svg>",
    ],
)
def test_markup_and_marked_or_literal_text_are_left_as_they_are(html: str) -> None:
    assert lang_parts.mark_chinese(html) == html


def test_text_after_an_element_left_alone_is_marked_again() -> None:
    html = '<p><code>店播</code> means 店播; <span lang="zh"><b>投流</b></span> 投流</p>'
    assert lang_parts.mark_chinese(html) == (
        '<p><code>店播</code> means <span lang="zh">店播</span>; <span lang="zh"><b>投流</b></span> '
        '<span lang="zh">投流</span></p>'
    )


def test_nested_elements_of_the_same_name_end_where_they_should() -> None:
    html = '<span lang="zh"><span>直播</span>带货</span> then 店播'
    assert (
        lang_parts.mark_chinese(html) == '<span lang="zh"><span>直播</span>带货</span> then <span lang="zh">店播</span>'
    )


def test_a_void_or_self_closing_element_does_not_start_a_skip() -> None:
    html = '<img alt="x" lang="zh"><br/>店播<input lang="zh" />投流'
    assert lang_parts.mark_chinese(html) == (
        '<img alt="x" lang="zh"><br/><span lang="zh">店播</span><input lang="zh" /><span lang="zh">投流</span>'
    )


def test_text_only_keeps_its_text() -> None:
    html = "<table><tr><td>B2B</td><td>企业对企业电商</td></tr></table><p>GMV &amp; 客单价 &lt;1&gt;</p>"
    marked = lang_parts.mark_chinese(html)
    assert BeautifulSoup(marked, "html.parser").get_text() == BeautifulSoup(html, "html.parser").get_text()
    assert '<td><span lang="zh">企业对企业电商</span></td>' in marked
    assert '&amp; <span lang="zh">客单价</span> &lt;1&gt;' in marked


def _unmarked_chinese(html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    return [
        text.strip()[:40]
        for text in soup.find_all(string=lang_parts._RUN)
        if not any(parent.get("lang", "").startswith("zh") for parent in text.parents)
        and not any(parent.name in {"code", "script", "style", "title"} for parent in text.parents)
    ]


def test_built_english_pages_mark_every_chinese_text_outside_code(built_site: Path) -> None:
    pages = sorted((built_site / "en").rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert not _unmarked_chinese(html), f"{page.relative_to(built_site)}: {_unmarked_chinese(html)}"
        soup = BeautifulSoup(html, "html.parser")
        # Labels and tooltips are read out in the page's language (the colour toggles' were not).
        for element in soup.find_all(True):
            for name, value in element.attrs.items():
                value = " ".join(value) if isinstance(value, list) else value
                if name not in {"href", "src"} and lang_parts._RUN.search(value):
                    raise AssertionError(
                        f"{page.relative_to(built_site)}: Chinese in {element.name}[{name}]: {value[:40]!r}"
                    )
    live = (built_site / "en" / "models" / "live-streaming" / "index.html").read_text(encoding="utf-8")
    assert '<span lang="zh">店播</span>' in live
    assert '<cite lang="zh">' in live  # a Chinese source's title


def test_built_chinese_pages_are_not_changed(built_site: Path) -> None:
    page = (built_site / "models" / "live-streaming" / "index.html").read_text(encoding="utf-8")
    assert '<span lang="zh">' not in page


def test_the_side_by_side_sections_for_the_english_compare_page_are_marked(built_site: Path) -> None:
    script = (built_site / "assets" / "javascripts" / "compare-sections.en.js").read_text(encoding="utf-8")
    sections = json.loads(script.removeprefix("window.compareSections=").rstrip().removesuffix(";"))
    chinese = 0
    for model, parts in sections.items():
        for anchor, html in parts.items():
            assert not _unmarked_chinese(html), (model, anchor, _unmarked_chinese(html))
            chinese += html.count('<span lang="zh">')
    assert chinese > 0  # the English sections do quote Chinese
