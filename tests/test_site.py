"""The real site, built strictly: every page in both languages, with the data rendered in."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

import citations
import kb

KB = kb.load()
assert KB.data is not None
DATA = KB.data


def html_path(site: Path, lang: str, rel: str) -> Path:
    prefix = "" if lang == kb.DEFAULT_LANGUAGE else f"{lang}/"
    stem = rel[: -len(".md")]
    if stem == "index":
        return site / prefix / "index.html"
    stem = stem.removesuffix("/index")
    return site / prefix / stem / "index.html"


def text_of(path: Path) -> str:
    return re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", kb.LANGUAGES)
def test_every_page_is_built_in_both_languages(built_site: Path, lang: str) -> None:
    for rel in KB.all_rels():
        assert html_path(built_site, lang, rel).is_file(), rel


def test_required_entry_points(built_site: Path) -> None:
    for rel in ["index.html", "en/index.html", "models/b2b/index.html", "en/models/b2b/index.html"]:
        assert (built_site / rel).is_file()


@pytest.mark.parametrize("lang", kb.LANGUAGES)
def test_html_lang_and_language_switcher(built_site: Path, lang: str) -> None:
    html = html_path(built_site, lang, "models/c2c.md").read_text(encoding="utf-8")
    assert re.search(rf'<html lang="{lang}', html)
    other = "/en/models/c2c/" if lang == "zh" else "/models/c2c/"
    assert f'href="{other}"' in html or f'href="..{other}"' in html or other in html


@pytest.mark.parametrize("lang", kb.LANGUAGES)
@pytest.mark.parametrize("model_id", DATA.model_ids)
def test_model_page_has_every_section_and_seed_example(built_site: Path, lang: str, model_id: str) -> None:
    html = html_path(built_site, lang, f"models/{model_id}.md").read_text(encoding="utf-8")
    for section in DATA.sections:
        assert f'id="{section["anchor"]}"' in html, section["anchor"]
    text = text_of(html_path(built_site, lang, f"models/{model_id}.md"))
    for platform_id in DATA.model_platforms(model_id):
        assert DATA.platforms[platform_id]["name"][lang] in text, platform_id
    # The generated platform table sits in the platforms section.
    platforms_section = html.split('id="platforms"', 1)[1].split("<h2", 1)[0]
    assert "<table>" in platforms_section


def references_of(soup: BeautifulSoup) -> list[tuple[str, str]]:
    """(id, number) of every entry of the References list under the page's #references heading."""
    heading = soup.find("h2", id="references")
    assert isinstance(heading, Tag), "no References section"
    block = heading.find_next_sibling(["ol", "h2"])
    assert isinstance(block, Tag) and block.name == "ol" and "references" in block.get("class", []), block
    return [(str(item["id"]), str(item["value"])) for item in block.find_all("li")]


@pytest.mark.parametrize("model_id", DATA.model_ids)
def test_citations_are_numbered_links_to_the_references_in_both_languages(built_site: Path, model_id: str) -> None:
    lists = {}
    for lang in kb.LANGUAGES:
        soup = BeautifulSoup(
            html_path(built_site, lang, f"models/{model_id}.md").read_text(encoding="utf-8"), "html.parser"
        )
        entries = references_of(soup)
        numbers = dict(entries)
        links = soup.select("article sup.cite > a")
        assert links, f"{lang}: no citation links"
        for link in links:
            target = str(link["href"]).removeprefix("#")
            assert target in numbers, f"{lang}: {link['href']} is not in the References list"
            assert link.get_text() == f"[{numbers[target]}]"
        assert {str(link["href"])[1:] for link in links} == set(numbers)  # every entry is cited
        assert [int(n) for _, n in entries] == sorted(int(n) for _, n in entries)
        assert "[@" not in soup.select_one("article").get_text()
        lists[lang] = entries
    assert lists["zh"] == lists["en"]  # one number, one source, in both languages


@pytest.mark.parametrize("lang", kb.LANGUAGES)
def test_every_page_shows_when_it_was_last_reviewed(built_site: Path, lang: str) -> None:
    for rel, page in KB.pages[lang].items():
        soup = BeautifulSoup(html_path(built_site, lang, rel).read_text(encoding="utf-8"), "html.parser")
        title = soup.select_one("article h1")
        assert title is not None, rel
        # Under the title: a translation notice may come between them, a section may not.
        after_title = [
            tag.name == "h2" or "page-reviewed" in tag.get("class", []) for tag in title.find_next_siblings()
        ]
        assert True in after_title, rel
        line = title.find_next_sibling(class_="page-reviewed")
        assert (
            line is not None and line.name == "p" and after_title.index(True) == title.find_next_siblings().index(line)
        ), rel
        assert line.get_text() == citations.reviewed_line(DATA, lang, page.front_matter["reviewed"])


@pytest.mark.parametrize("lang", kb.LANGUAGES)
def test_comparison_matrix_has_a_row_per_model(built_site: Path, lang: str) -> None:
    html = html_path(built_site, lang, "compare.md").read_text(encoding="utf-8")
    matrix = html.split('id="matrix"', 1)[1].split("</table>", 1)[0]
    for model_id in DATA.model_ids:
        assert f'models/{model_id}/"' in matrix


@pytest.mark.parametrize("lang", kb.LANGUAGES)
def test_glossary_terms_in_both_languages(built_site: Path, lang: str) -> None:
    text = text_of(html_path(built_site, lang, "glossary.md"))
    for term in DATA.glossary:
        assert term["zh"] in text and term["en"] in text, term["id"]


@pytest.mark.parametrize("lang", kb.LANGUAGES)
def test_abbreviations_have_tooltips(built_site: Path, lang: str) -> None:
    html = html_path(built_site, lang, "models/b2c.md").read_text(encoding="utf-8")
    assert re.search(r'<abbr title="[^"]+">GMV</abbr>', html)


@pytest.mark.parametrize("lang", kb.LANGUAGES)
def test_home_page_links_every_model_as_a_card(built_site: Path, lang: str) -> None:
    html = html_path(built_site, lang, "index.md").read_text(encoding="utf-8")
    cards = html.split('class="grid cards"', 1)[1].split("</div>", 1)[0]
    for model_id in DATA.model_ids:
        assert f'models/{model_id}/"' in cards


def test_sitemap_has_hreflang_alternates_for_every_pair(built_site: Path) -> None:
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    for rel in KB.all_rels():
        path = rel[: -len(".md")].removesuffix("index")
        path = f"{path}/" if path and not path.endswith("/") else path
        assert f'hreflang="zh" href="https://ecommerce-models.github.io/{path}"' in sitemap, rel
        assert f'hreflang="en" href="https://ecommerce-models.github.io/en/{path}"' in sitemap, rel


@pytest.mark.parametrize("lang", kb.LANGUAGES)
def test_canonical_url_and_description_from_front_matter(built_site: Path, lang: str) -> None:
    for rel, page in KB.pages[lang].items():
        html = html_path(built_site, lang, rel).read_text(encoding="utf-8")
        assert '<link rel="canonical" href="https://ecommerce-models.github.io/' in html, rel
        description = page.front_matter["description"].replace("&", "&amp;").replace('"', "&#34;")
        assert f'<meta name="description" content="{description}"' in html, rel


@pytest.mark.browser
def test_pages_request_nothing_from_other_hosts(built_site: Path) -> None:
    from browser import chromium, serve
    from lighthouse import PAGES as pages  # the key pages, listed once

    with serve(built_site) as base, chromium() as browser:
        page = browser.new_page()  # type: ignore[attr-defined]
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        for path in pages:
            page.goto(base + path, wait_until="networkidle")
            page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # load lazy images too
            page.wait_for_load_state("networkidle")
    assert requested
    foreign = sorted({url for url in requested if not url.startswith(base) and not url.startswith("data:")})
    assert foreign == []


@pytest.mark.parametrize(
    ("path", "lang", "heading"), [("404.html", "zh", "404：页面不存在"), ("en/404.html", "en", "404: page not found")]
)
def test_each_language_has_a_404_page(built_site: Path, path: str, lang: str, heading: str) -> None:
    html = (built_site / path).read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in html
    assert f"<h1>{heading}</h1>" in html


@pytest.mark.parametrize("lang", kb.LANGUAGES)
def test_html_lang_on_every_page(built_site: Path, lang: str) -> None:
    for rel in KB.all_rels():
        html = html_path(built_site, lang, rel).read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in html, rel


@pytest.mark.browser
@pytest.mark.parametrize("path", ["compare/", "models/o2o/", "en/compare/", "en/models/o2o/"])
def test_phone_layout_scrolls_wide_content_inside_the_page(built_site: Path, path: str) -> None:
    from browser import chromium, serve

    with serve(built_site) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
        page.goto(base + path, wait_until="networkidle")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        for table in page.query_selector_all("article table"):
            wrapper = table.evaluate("t => getComputedStyle(t.closest('.md-typeset__scrollwrap')).overflowX")
            assert wrapper in {"auto", "scroll"}
        for image in page.query_selector_all("figure.diagram img"):
            assert image.evaluate("i => i.getBoundingClientRect().width") >= 600  # legible, scrolls sideways
            assert image.evaluate("i => getComputedStyle(i.parentElement).overflowX") == "auto"


PAGE_SCRIPTS = {
    "glossary.md": "glossary-filter.js",
    "choose.md": "chooser.js",
    "compare.md": "compare.js",
}


@pytest.mark.parametrize("lang", kb.LANGUAGES)
def test_page_scripts_load_only_on_their_own_page(built_site: Path, lang: str) -> None:
    for rel in KB.pages[lang]:
        html = BeautifulSoup(html_path(built_site, lang, rel).read_text(encoding="utf-8"), "html.parser")
        sources = {Path(str(script["src"])).name for script in html.find_all("script", src=True)}
        for owner, script in PAGE_SCRIPTS.items():
            assert (script in sources) is (rel == owner), f"{lang}/{rel}: {script}"


@pytest.mark.browser
@pytest.mark.parametrize("lang", kb.LANGUAGES)
def test_phone_nav_drawer_is_skipped_until_opened(built_site: Path, lang: str) -> None:
    from browser import chromium, serve

    prefix = "" if lang == kb.DEFAULT_LANGUAGE else f"{lang}/"
    with serve(built_site) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
        page.goto(f"{base}{prefix}models/b2b/", wait_until="networkidle")
        link = page.locator(".md-sidebar--primary a.md-nav__link[href$='c2c/']").first
        assert not link.evaluate("a => a.checkVisibility()")
        link.evaluate("a => a.focus()")
        assert not link.evaluate("a => a === document.activeElement"), "a closed drawer's link takes focus"
        page.locator("label.md-header__button[for=__drawer]").click()
        link.wait_for(state="visible")
        link.click()
        page.wait_for_url(f"{base}{prefix}models/c2c/")

        page.set_viewport_size({"width": 1280, "height": 900})  # the sidebar is not a drawer here
        assert page.locator(".md-sidebar--primary a.md-nav__link[href$='b2b/']").first.is_visible()


@pytest.mark.browser
def test_tables_off_the_screen_are_drawn_when_reached_and_printed_whole(built_site: Path) -> None:
    from browser import chromium, serve

    with serve(built_site) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
        page.goto(base + "en/compare/", wait_until="networkidle")
        table = page.locator("article table").last
        drawn = "t => t.tBodies[0].rows[0].checkVisibility({contentVisibilityAuto: true})"
        assert not table.evaluate(drawn), "a table far below the screen is drawn on load"
        table.scroll_into_view_if_needed()
        page.wait_for_function(f"() => ({drawn})(Array.from(document.querySelectorAll('article table')).pop())")
        assert table.evaluate("t => t.tBodies[0].rows[0].getBoundingClientRect().height") > 0
        page.emulate_media(media="print")
        page.evaluate("window.scrollTo(0, 0)")
        for printed in page.query_selector_all("article table"):
            assert printed.evaluate("t => getComputedStyle(t).contentVisibility") == "visible"


@pytest.mark.browser
def test_sections_far_down_are_drawn_when_reached_and_printed_whole(built_site: Path) -> None:
    from browser import chromium, serve

    with serve(built_site) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
        page.goto(base + "models/live-streaming/", wait_until="networkidle")
        boxes = page.locator("article .kb-deferred")
        assert boxes.count() >= 3, "a model page's long sections are not wrapped"
        drawn = "box => box.firstElementChild.checkVisibility({contentVisibilityAuto: true})"
        assert not boxes.last.evaluate(drawn), "a section far below the screen is laid out on load"
        boxes.last.scroll_into_view_if_needed()
        page.wait_for_function(f"() => ({drawn})(Array.from(document.querySelectorAll('article .kb-deferred')).pop())")
        page.emulate_media(media="print")
        for box in page.query_selector_all("article .kb-deferred"):
            assert box.evaluate("b => getComputedStyle(b).contentVisibility") == "visible"


# Where every heading and the footer sit, once everything is drawn.
_PLACES = """() => [...document.querySelectorAll('article h2, article h3, article h4, footer')]
    .map(element => Math.round(element.getBoundingClientRect().top + window.scrollY))"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_wrapped_sections_keep_the_layout_they_had(built_site: Path, width: int) -> None:
    # The box around a run of blocks contains its layout, so the blocks inside no longer share
    # their margins with what is outside it; extra.css gives the box those margins instead.
    # Drawn, every heading must sit exactly where it sits with the boxes taken out again.
    from browser import chromium, serve

    pages = ["models/live-streaming/", "en/models/cross-border/", "compare/", "en/choose/", "en/"]
    with serve(built_site) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": width, "height": 844})  # type: ignore[attr-defined]
        for path in pages:
            page.goto(base + path, wait_until="networkidle")
            assert page.locator("article .kb-deferred").count(), f"{path}: nothing wrapped"
            # Drawn, with the containment content-visibility: auto brings (which is what keeps
            # the margins inside the box).
            page.add_style_tag(
                content=".md-typeset .kb-deferred { content-visibility: visible !important;"
                " contain: layout style paint !important; }"
            )
            wrapped = page.evaluate(_PLACES)
            page.evaluate(
                "document.querySelectorAll('.kb-deferred').forEach(box => box.replaceWith(...box.childNodes))"
            )
            assert page.evaluate(_PLACES) == wrapped, f"{path} at {width}px: a heading moved"


@pytest.mark.browser
@pytest.mark.parametrize("path", ["models/live-streaming/#metrics", "en/compare/#by-dimension"])
def test_a_link_to_a_heading_far_down_lands_on_it(built_site: Path, path: str) -> None:
    # The sections before it are not laid out yet when the page opens at the heading: it must
    # still land under the header, and stay there as they are drawn.
    from browser import chromium, serve

    heading_id = path.split("#")[1]
    top = f"document.getElementById('{heading_id}').getBoundingClientRect().top"
    margin = f"parseFloat(getComputedStyle(document.getElementById('{heading_id}')).scrollMarginTop)"
    with serve(built_site) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
        page.goto(base + path, wait_until="networkidle")
        page.wait_for_timeout(300)
        landed = page.evaluate(top)
        assert abs(landed - page.evaluate(margin)) <= 2, f"{path}: the heading is {landed:.0f}px from the top"
        page.wait_for_timeout(500)
        assert abs(page.evaluate(top) - landed) <= 1, f"{path}: the heading moved as the page was drawn"


@pytest.mark.browser
@pytest.mark.parametrize("path", ["models/live-streaming/", "en/models/live-streaming/"])
def test_chinese_text_is_set_in_a_simplified_chinese_font(built_site: Path, path: str) -> None:
    # Before extra.css named the fonts, Chinese on English pages came out in Noto Sans CJK JP:
    # the system's fallback for a Han character in English text, with Japanese glyph forms.
    from browser import chromium, serve

    with serve(built_site) as base, chromium() as browser:
        page = browser.new_page()  # type: ignore[attr-defined]
        page.goto(base + path, wait_until="networkidle")
        cdp = page.context.new_cdp_session(page)
        cdp.send("DOM.enable")
        cdp.send("CSS.enable")
        root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
        selector = "article p span[lang=zh]" if path.startswith("en/") else "article p"
        nodes = cdp.send("DOM.querySelectorAll", {"nodeId": root, "selector": selector})["nodeIds"]
        assert nodes, selector
        used: dict[str, int] = {}
        for node in nodes[:20]:
            for font in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]:
                used[font["familyName"]] = used.get(font["familyName"], 0) + font["glyphCount"]
        chinese = {family for family in used if "CJK" in family}
        assert chinese == {"Noto Sans CJK SC"}, used


@pytest.mark.browser
@pytest.mark.parametrize("path", ["models/live-streaming/", "en/models/live-streaming/", "compare/", "en/glossary/"])
def test_the_end_of_the_page_stays_put_when_the_reader_jumps_to_it(built_site: Path, path: str) -> None:
    # Content skipped until it is near the screen (content-visibility: auto) must not be what
    # the page ends with: drawn on arrival, it pushed the footer away from a reader who jumped
    # to the end, and Lighthouse found the footer links obscured.
    from browser import chromium, serve

    with serve(built_site) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": 390, "height": 844})  # type: ignore[attr-defined]
        page.goto(base + path, wait_until="networkidle")
        # Straight to the end, as the End key does, without the smooth scroll still moving
        # when the page is measured.
        page.evaluate("window.scrollTo({top: document.documentElement.scrollHeight, behavior: 'instant'})")
        page.wait_for_function("window.scrollY > 0")
        frames = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
        page.evaluate(frames)
        before = page.evaluate("[document.documentElement.scrollHeight, window.scrollY]")
        page.evaluate(frames)
        page.wait_for_timeout(300)
        after = page.evaluate("[document.documentElement.scrollHeight, window.scrollY]")
        assert after == before, f"the end of the page moved: [height, scroll] {before} -> {after}"
        link = page.locator("footer a.md-footer__link").last
        box = link.bounding_box()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= 844, "the footer link is off the screen"
