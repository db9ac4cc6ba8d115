"""Search for Chinese and English readers: whole-word Chinese tokens, and results in the
reader's language in a real browser (Debian's Chromium driven by Playwright)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import kb
import search_terms
from browser import chromium, search, serve

DATA = kb.load_data()

# Term -> the page whose index entry must hold it as one token.
ZH_TOKENS = {
    "快手电商": "models/live-streaming/",
    "快手": "models/live-streaming/",
    "拼多多": "models/community/",
    "淘宝直播": "models/live-streaming/",
    "抖音电商": "models/social/",
    "惠农网": "models/b2b2c/",
    "聚美优品": "models/vertical/",
    "网酒网": "models/vertical/",
    "大众点评": "models/o2o/",
    "美团": "models/o2o/",
    "饿了么": "models/o2o/",
    "闲鱼": "models/c2c/",
    "淘宝": "models/c2c/",
    "天猫": "models/b2c/",
    "京东": "models/b2c/",
    "阿里巴巴": "models/b2b/",
    "阿里巴巴国际站": "models/cross-border/",
    "京东全球购": "models/cross-border/",
    "天猫国际": "models/cross-border/",
    "速卖通": "models/cross-border/",
    "微信小程序": "models/social/",
    "小红书": "models/social/",
    "唯品会": "models/vertical/",
    "美团优选": "models/community/",
    "社区团购": "models/community/",
    "跨境电商": "models/cross-border/",
    "直播带货": "models/live-streaming/",
    "私域流量": "models/social/",
    "团长": "models/community/",
    "保税仓": "models/cross-border/",
    "小程序": "models/social/",
    "客单价": "models/b2c/",
    "复购率": "models/community/",
    "获客成本": "models/social/",
    "主播": "models/live-streaming/",
    "坑位费": "models/live-streaming/",
    "种草": "models/social/",
    "自提点": "models/community/",
}

# (query, expected page) for a Chinese reader and for an English reader.
QUERIES = [
    (("B2B", "models/b2b/"), ("B2B", "models/b2b/")),
    (("B2C", "models/b2c/"), ("B2C", "models/b2c/")),
    (("C2C", "models/c2c/"), ("C2C", "models/c2c/")),
    (("O2O", "models/o2o/"), ("O2O", "models/o2o/")),
    (("B2B2C", "models/b2b2c/"), ("B2B2C", "models/b2b2c/")),
    (("垂直电商", "models/vertical/"), ("vertical", "models/vertical/")),
    (("社区电商", "models/community/"), ("community", "models/community/")),
    (("跨境电商", "models/cross-border/"), ("cross-border", "models/cross-border/")),
    (("跨境", "models/cross-border/"), ("cross", "models/cross-border/")),
    (("社交电商", "models/social/"), ("social", "models/social/")),
    (("直播电商", "models/live-streaming/"), ("live streaming", "models/live-streaming/")),
    (("直播", "models/live-streaming/"), ("live", "models/live-streaming/")),
    (("快手电商", "models/live-streaming/"), ("Kuaishou", "models/live-streaming/")),
    (("淘宝直播", "models/live-streaming/"), ("Taobao Live", "models/live-streaming/")),
    (("淘宝", "models/c2c/"), ("Taobao", "models/c2c/")),
    (("拼多多", "models/community/"), ("Pinduoduo", "models/community/")),
    (("惠农网", "models/b2b2c/"), ("Huinong", "models/b2b2c/")),
    (("聚美优品", "models/vertical/"), ("Jumei", "models/vertical/")),
    (("大众点评", "models/o2o/"), ("Dianping", "models/o2o/")),
    (("微信小程序", "models/social/"), ("mini program", "models/social/")),
    (("社区团购", "models/community/"), ("group buying", "models/community/")),
    (("团长", "models/community/"), ("group leader", "models/community/")),
    (("保税仓", "models/cross-border/"), ("bonded warehouse", "models/cross-border/")),
    (("私域流量", "models/social/"), ("private traffic", "models/social/")),
    (("直播带货", "models/live-streaming/"), ("streamer", "models/live-streaming/")),
    (("术语表", "glossary/"), ("glossary", "glossary/")),
    (("模式对比", "compare/"), ("comparison matrix", "compare/")),
    (("如何选择", "choose/"), ("choosing", "choose/")),
]


SEPARATOR = r"[\s\u200b\u3000\-、。，．？！；：“”‘’（）《》【】]+"


def test_platform_tags_are_the_one_word_names_a_model_lists() -> None:
    assert search_terms.platform_tags(DATA, "zh", "models/b2c.md", SEPARATOR) == [
        DATA.platforms[p]["name"]["zh"] for p in DATA.model_platforms("b2c")
    ]
    english = search_terms.platform_tags(DATA, "en", "models/b2b.md", SEPARATOR)
    assert "Amazon Business" not in english  # two words: "business" would take the tags' weight
    assert search_terms.platform_tags(DATA, "zh", "compare.md", SEPARATOR) == []
    assert search_terms.platform_tags(DATA, "zh", "models/unknown.md", SEPARATOR) == []


@pytest.mark.parametrize("lang", kb.LANGUAGES)
def test_model_pages_carry_their_platform_tags(built_site: Path, lang: str) -> None:
    index = index_of(built_site, lang)
    tagged = {d["location"]: d.get("tags") for d in index["docs"] if "#" not in d["location"]}
    for model in DATA.models:
        expected = search_terms.platform_tags(DATA, lang, f"models/{model['id']}.md", index["config"]["separator"])
        assert tagged[f"models/{model['id']}/"] == (expected or None), model["id"]
    assert not any(tags for location, tags in tagged.items() if not location.startswith("models/"))


def test_unsearched_heading() -> None:
    assert (
        search_terms.unsearched_heading("## 参考资料 {#references}") == "## 参考资料 {#references data-search-exclude}"
    )
    assert search_terms.unsearched_heading("## References") == "## References"  # no attribute list: left alone


def test_unsearched_sections_marks_only_their_h2() -> None:
    markdown = (
        "# T\n\n## 定义 {#definition}\n\n```\n## 参考资料 {#references}\n```\n\n## 参考资料 {#references}\n\n1. x\n"
    )
    marked = search_terms.unsearched_sections(markdown, kb.block_structure(markdown)[0]).splitlines()
    assert marked[2] == "## 定义 {#definition}"
    assert marked[5] == "## 参考资料 {#references}"  # inside a code fence: not a heading
    assert marked[8] == "## 参考资料 {#references data-search-exclude}"


def index_of(site: Path, lang: str) -> dict:
    prefix = "" if lang == kb.DEFAULT_LANGUAGE else f"{lang}/"
    return json.loads((site / prefix / "search/search_index.json").read_text(encoding="utf-8"))


def test_dictionary_comes_from_the_data() -> None:
    terms = search_terms.chinese_terms(DATA)
    assert "快手电商" in terms and "快手" in terms and "惠农网" in terms
    assert "中国惠农网" not in terms  # indexed as 中国 + 惠农网, so 惠农网 is found by prefix
    assert search_terms._variants("京东国际（原京东全球购）") == ["京东国际", "京东全球购", "京东"]
    for name in [p["name"]["zh"] for p in DATA.platforms.values()] + [t["zh"] for t in DATA.glossary]:
        assert not re.search("[\u4e00-\u9fff]{2}", name) or any(t in name for t in terms), name


@pytest.mark.parametrize(("term", "location"), sorted(ZH_TOKENS.items()))
def test_chinese_term_is_one_token(built_site: Path, term: str, location: str) -> None:
    index = index_of(built_site, "zh")
    separator = re.compile(index["config"]["separator"])
    docs = [d for d in index["docs"] if d["location"].split("#")[0] == location]
    tokens = {t for d in docs for t in separator.split(re.sub(r"<[^>]+>", " ", d["title"] + " " + d["text"]))}
    assert term in tokens


def test_each_language_has_its_own_index(built_site: Path) -> None:
    zh, en = index_of(built_site, "zh"), index_of(built_site, "en")
    assert not any(d["location"].startswith("en/") for d in zh["docs"])
    assert all(not d["location"].startswith("en/") for d in en["docs"])
    assert {d["location"] for d in en["docs"] if "#" not in d["location"]} == {
        d["location"] for d in zh["docs"] if "#" not in d["location"]
    }
    assert "\\u200b" in zh["config"]["separator"]
    assert "stemmer" not in zh["config"]["pipeline"]


def test_search_worker_is_patched(built_site: Path) -> None:
    worker = next((built_site / "assets/javascripts/workers").glob("search.*.min.js")).read_text(encoding="utf-8")
    assert "for(let o=s+1;o<=t.length;o++)" in worker


@pytest.fixture(scope="module")
def site_browser(built_site: Path):
    """One Playwright per module: a second sync Playwright cannot start while one runs."""
    with serve(built_site) as base, chromium() as browser:
        yield base, browser


@pytest.fixture(scope="module")
def browser_page(site_browser):
    base, browser = site_browser
    return base, browser.new_page()


@pytest.mark.browser
@pytest.mark.parametrize("lang", kb.LANGUAGES)
@pytest.mark.parametrize("pair", QUERIES, ids=[q[1][0] for q in QUERIES])
def test_query_finds_the_page_in_the_readers_language(browser_page, lang: str, pair) -> None:
    base, page = browser_page
    query, expected = pair[0] if lang == "zh" else pair[1]
    prefix = "" if lang == kb.DEFAULT_LANGUAGE else f"{lang}/"
    if not page.url.startswith(base + prefix) or (lang == "zh" and page.url.startswith(base + "en/")):
        page.goto(base + prefix)
    results = search(page, query)
    paths = [urlsplit(href).path for href in results]
    assert paths, f"no results for {query!r}"
    for path in paths:
        assert path.startswith("/" + prefix) and not (lang == "zh" and path.startswith("/en/")), path
    top = list(dict.fromkeys(paths))[:3]
    assert "/" + prefix + expected in top, f"{query!r}: {top}"


INDEX_REQUEST = re.compile(r"/search/search_index\.json$")


@pytest.mark.browser
@pytest.mark.parametrize("path", ["models/live-streaming/", "en/compare/"])
def test_search_index_is_requested_after_the_page_has_loaded(site_browser, path: str) -> None:
    """overrides/main.html holds Material's request for the index until the load event and a frame."""
    base, browser = site_browser
    with browser.new_context() as context:
        page = context.new_page()
        page.goto(base + path)
        timing = page.wait_for_function(  # the entry appears once the index has arrived
            """() => {
              const index = performance.getEntriesByType('resource').find(r => r.name.endsWith('/search_index.json'))
              return index && {requested: index.startTime, loaded: performance.getEntriesByType('navigation')[0].loadEventEnd}
            }"""
        ).json_value()
        assert timing["loaded"] > 0 and timing["requested"] >= timing["loaded"], timing
        lang = "en" if path.startswith("en/") else "zh"
        assert urlsplit(search(page, "B2B")[0]).path.startswith("/en/" if lang == "en" else "/models/")


@pytest.mark.browser
def test_going_to_the_search_box_requests_the_index_before_the_page_has_loaded(site_browser) -> None:
    """A reader who searches while an image is still loading does not wait for the load event."""
    held = []
    base, browser = site_browser
    with browser.new_context() as context:
        page = context.new_page()
        # A slow image: the page's own figures load lazily, so they do not hold the load event.
        page.route("**/slow-image.png", lambda route: held.append(route))
        page.add_init_script(
            "document.addEventListener('DOMContentLoaded', () =>"
            " document.body.append(Object.assign(new Image(), {src: '/slow-image.png'})))"
        )
        requested = []
        page.on("request", lambda request: INDEX_REQUEST.search(request.url) and requested.append(request.url))
        page.goto(base + "models/live-streaming/", wait_until="domcontentloaded")
        page.wait_for_function("() => document.querySelector('.md-search')")
        page.wait_for_timeout(300)
        assert not requested, "the index was requested before the page had loaded and before the search was used"
        assert held, "no image held the load event"
        results = search(page, "直播")
        assert page.evaluate("document.readyState") != "complete"
        assert requested and "/models/live-streaming/" in {urlsplit(href).path for href in results}
        for route in held:
            route.continue_()
