"""Citations: numbers shared by both languages, markers turned into links, the References list."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

import citations
import kb
from conftest import FIXTURE

LAW = "[@example-ecommerce-law]"


def fixture_data() -> kb.Data:
    """The fixture's sources with the repository's words (the fixture has no table labels)."""
    data = kb.load_data(FIXTURE)
    data.labels = kb.load_data().labels
    return data


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_platform_table_sources_count_at_the_platforms_heading() -> None:
    knowledge_base = kb.load(FIXTURE)
    page = knowledge_base.pages["zh"]["models/b2b.md"]
    # The table (launch year and status of 1688) comes before the law cited under pros-cons.
    assert citations.cited_sources(knowledge_base, page) == ["example-1688-launch", "example-ecommerce-law"]
    assert citations.numbering(knowledge_base, "models/b2b.md") == {
        "example-1688-launch": 1,
        "example-ecommerce-law": 2,
    }


def test_numbers_follow_the_chinese_page_in_both_languages(fixture_kb: Path) -> None:
    # The English page cites the two sources in the opposite order: the numbers stay those of zh.
    edit(
        fixture_kb / "docs/zh/models/b2c.md",
        "## 定义 {#definition}\n\n正文。",
        f"## 定义 {{#definition}}\n\n甲{LAW}乙[@example-jd-report]。",
    )
    edit(
        fixture_kb / "docs/en/models/b2c.md",
        "## Definition {#definition}\n\nBody text.",
        f"## Definition {{#definition}}\n\nB [@example-jd-report], A {LAW}.",
    )
    knowledge_base = kb.load(fixture_kb)
    numbers = citations.numbering(knowledge_base, "models/b2c.md")
    assert numbers == {"example-ecommerce-law": 1, "example-jd-report": 2}
    assert knowledge_base.data is not None
    known = set(knowledge_base.data.sources_by_id)
    zh = citations.link_markers(f"<p>甲{LAW}乙[@example-jd-report]。</p>", numbers, known, "zh")
    en = citations.link_markers(f"<p>B [@example-jd-report], A {LAW}.</p>", numbers, known, "en")
    law = '<sup class="cite"><a href="#ref-example-ecommerce-law">[1]</a></sup>'
    report = '<sup class="cite"><a href="#ref-example-jd-report">[2]</a></sup>'
    assert zh == f"<p>甲{law}乙{report}。</p>"
    assert en == f"<p>B {report}, A {law}.</p>"


def test_several_ids_in_one_marker_and_markers_in_code_or_links_stay() -> None:
    numbers = {"a": 1, "b": 2}
    html = '<p>X [@a; @b]. <code>[@a]</code> <a href="#x">[@b]</a></p><pre><code>[@a]\n</code></pre><!-- [@a] -->'
    out = citations.link_markers(html, numbers, {"a", "b"}, "page.md")
    assert out == (
        '<p>X <sup class="cite"><a href="#ref-a">[1]</a></sup><sup class="cite"><a href="#ref-b">[2]</a></sup>. '
        '<code>[@a]</code> <a href="#x">[@b]</a></p><pre><code>[@a]\n</code></pre><!-- [@a] -->'
    )


def test_unknown_source_is_logged_and_left_as_written(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="mkdocs.hooks.citations"):
        out = citations.link_markers("<p>X [@nowhere].</p>", {}, {"a"}, "zh/models/b2b.md")
    assert out == "<p>X [@nowhere].</p>"
    assert "zh/models/b2b.md: unknown source id(s) nowhere in [@nowhere]" in caplog.text


def test_html_without_markers_is_returned_unchanged() -> None:
    html = "<p>No citations here &amp; <br> nothing to parse.</p>"
    assert citations.link_markers(html, {}, set(), "x") is html


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "zh",
            '<li id="ref-example-ecommerce-law" value="1">全国人民代表大会常务委员会：《中华人民共和国电子商务法》。'
            "法律法规，2018-08-31 通过，2019-01-01 施行；核对于 2026-11-28。</li>",
        ),
        (
            "en",
            '<li id="ref-example-ecommerce-law" value="1">Standing Committee of the National People&#x27;s Congress, '
            '<cite lang="zh">中华人民共和国电子商务法</cite> (E-Commerce Law of the People&#x27;s Republic of China). '
            "Law or regulation, adopted 2018-08-31, in force 2019-01-01; checked 2026-11-28.</li>",
        ),
    ],
)
def test_a_law_shows_adoption_and_entry_into_force(lang: str, expected: str) -> None:
    data = fixture_data()
    block = citations.references_list(data, lang, ["example-ecommerce-law"], {"example-ecommerce-law": 1})
    assert block == f'<ol class="references">{expected}</ol>\n'


def test_a_source_in_another_language_shows_its_translated_title_and_url() -> None:
    data = fixture_data()
    numbers = {"example-1688-launch": 2, "example-jd-report": 1}
    zh = citations.references_list(data, "zh", ["example-1688-launch", "example-jd-report"], numbers)
    # Ordered by number, whatever the order asked for; the English title, marked as English, with
    # its Chinese translation.
    assert zh.index("ref-example-jd-report") < zh.index("ref-example-1688-launch")
    assert (
        '<li id="ref-example-1688-launch" value="2">示例新闻：<span lang="en">Alibaba opens 1688.com</span>（阿里巴巴上线 1688）。新闻报道，2010-03，'
        '<a href="https://example.com/1688">https://example.com/1688</a>；核对于 2026-11-28。</li>'
    ) in zh
    en = citations.references_list(data, "en", ["example-jd-report"], numbers)
    assert '<cite lang="zh">京东年度报告</cite> (JD.com annual report). Company filing, 2025; checked 2026-11-28.' in en


def test_nothing_cited_gives_no_list() -> None:
    assert citations.references_list(fixture_data(), "en", [], {}) == ""


@pytest.mark.parametrize(
    ("lang", "reviewed", "expected"),
    [
        ("zh", "2026-11-28", "内容核对于 2026 年 11 月"),
        ("en", "2026-11-28", "Last reviewed November 2026"),
        ("en", "2025-03-01", "Last reviewed March 2025"),
    ],
)
def test_reviewed_line(lang: str, reviewed: str, expected: str) -> None:
    assert citations.reviewed_line(kb.load_data(), lang, reviewed) == expected


def test_markers_in_scripts_attributes_and_comments_stay() -> None:
    numbers = {"a": 1}
    html = (
        '<script>var s = "</a> [@a]";</script><img alt="x > [@a]" title=\'[@a]\'>'
        "<!-- <code> [@a] --><STYLE>p::after{content:'[@a]'}</STYLE><p>[@a]</p>"
    )
    out = citations.link_markers(html, numbers, {"a"}, "page.md")
    assert out == html.replace("<p>[@a]</p>", '<p><sup class="cite"><a href="#ref-a">[1]</a></sup></p>')
