"""The chooser and the interactive comparison in Debian's Chromium, on the real site.

Twelve and more readers, each a plausible business described by its answers, with the
model(s) that must rank in the top three; the same answers rank the same in both languages
and as scripts/chooser.py ranks them. One browser and one server for the module."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

import chooser
import kb

pytestmark = pytest.mark.browser

DATA = kb.load_data()
CHOOSE = chooser.load()
assert CHOOSE is not None
PAGES = {"zh": "choose/", "en": "en/choose/"}
COMPARE = {"zh": "compare/", "en": "en/compare/"}

# name: (answers, models that must be in the top three)
SCENARIOS: dict[str, tuple[dict[str, list[str]], list[str]]] = {
    "farm cooperative selling produce to supermarkets and restaurants": (
        {
            "buyers": ["businesses"],
            "sellers": ["brand"],
            "product": ["perishable", "non-standard"],
            "where": ["domestic"],
            "capital": ["medium"],
            "fulfilment": ["third-party"],
            "reach": ["search"],
        },
        ["b2b", "b2b2c"],
    ),
    "person clearing out used phones": (
        {
            "buyers": ["consumers"],
            "sellers": ["individuals"],
            "product": ["non-standard"],
            "where": ["domestic"],
            "capital": ["low"],
            "fulfilment": ["none"],
            "reach": ["search"],
        },
        ["c2c"],
    ),
    "hot-pot restaurant that wants delivery orders": (
        {
            "buyers": ["consumers"],
            "sellers": ["local-merchant"],
            "product": ["perishable", "local-service"],
            "where": ["domestic"],
            "capital": ["medium"],
            "fulfilment": ["local-delivery"],
            "reach": ["local"],
        },
        ["o2o"],
    ),
    "factory selling abroad to importers": (
        {
            "buyers": ["businesses"],
            "sellers": ["brand"],
            "product": ["standardised"],
            "where": ["abroad"],
            "capital": ["medium"],
            "fulfilment": ["third-party"],
            "reach": ["search"],
        },
        ["b2b", "cross-border"],
    ),
    "imported-wine specialist": (
        {
            "buyers": ["consumers"],
            "sellers": ["retailer"],
            "product": ["considered", "niche"],
            "where": ["importing"],
            "capital": ["medium"],
            "fulfilment": ["third-party"],
            "reach": ["content"],
        },
        ["vertical", "cross-border"],
    ),
    "cosmetics brand whose products need demonstrating": (
        {
            "buyers": ["consumers"],
            "sellers": ["brand"],
            "product": ["demonstration", "considered"],
            "where": ["domestic"],
            "capital": ["medium"],
            "fulfilment": ["third-party"],
            "reach": ["content"],
        },
        ["live-streaming"],
    ),
    "fruit shop organising group orders for nearby housing estates": (
        {
            "buyers": ["consumers"],
            "sellers": ["local-merchant"],
            "product": ["perishable", "impulse"],
            "where": ["domestic"],
            "capital": ["medium"],
            "fulfilment": ["local-delivery"],
            "reach": ["social"],
        },
        ["community"],
    ),
    "maker of handmade jewellery": (
        {
            "buyers": ["consumers"],
            "sellers": ["individuals"],
            "product": ["non-standard", "niche"],
            "where": ["domestic"],
            "capital": ["low"],
            "fulfilment": ["none"],
            "reach": ["content"],
        },
        ["c2c"],
    ),
    "electronics retailer with its own warehouses": (
        {
            "buyers": ["consumers"],
            "sellers": ["retailer"],
            "product": ["standardised"],
            "where": ["domestic"],
            "capital": ["high"],
            "fulfilment": ["own-network"],
            "reach": ["search"],
        },
        ["b2c"],
    ),
    "snack brand sold through friends and group chats": (
        {
            "buyers": ["consumers"],
            "sellers": ["brand"],
            "product": ["impulse"],
            "where": ["domestic"],
            "capital": ["low"],
            "fulfilment": ["none"],
            "reach": ["social"],
        },
        ["social"],
    ),
    "appliance maker selling through authorised retailers": (
        {
            "buyers": ["both"],
            "sellers": ["brand"],
            "product": ["standardised", "considered"],
            "where": ["domestic"],
            "capital": ["medium"],
            "fulfilment": ["none"],
            "reach": ["search"],
        },
        ["b2b2c"],
    ),
    "hair salon that wants online bookings": (
        {
            "buyers": ["consumers"],
            "sellers": ["local-merchant"],
            "product": ["local-service"],
            "where": ["domestic"],
            "capital": ["low"],
            "fulfilment": ["local-delivery"],
            "reach": ["local"],
        },
        ["o2o"],
    ),
    "online shop exporting phone cases to consumers abroad": (
        {
            "buyers": ["consumers"],
            "sellers": ["retailer"],
            "product": ["standardised"],
            "where": ["abroad"],
            "capital": ["low"],
            "fulfilment": ["third-party"],
            "reach": ["search"],
        },
        ["b2c", "cross-border"],
    ),
}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from browser import chromium

    with chromium() as instance:
        yield instance


@pytest.fixture(scope="module")
def base(built_site: Path) -> Iterator[str]:
    from browser import serve

    with serve(built_site) as url:
        yield url


@pytest.fixture
def page(browser: Any, base: str) -> Iterator[Any]:
    context = browser.new_context()
    tab = context.new_page()
    requested: list[str] = []
    errors: list[str] = []
    tab.on("request", lambda request: requested.append(request.url))
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    foreign = sorted({u for u in requested if not u.startswith(base) and not u.startswith("data:")})
    assert foreign == [], "requests to another host"
    assert errors == []


def answer(page: Any, answers: dict[str, list[str]]) -> None:
    for question, options in answers.items():
        for option in options:
            page.check(f'#chooser-form input[name="{question}"][value="{option}"]')


def ranking(page: Any) -> list[str]:
    return page.eval_on_selector_all("#chooser-output .chooser-ranking > li", "els => els.map(e => e.dataset.model)")


def checked(page: Any) -> dict[str, list[str]]:
    values = page.eval_on_selector_all("#chooser-form input:checked", "els => els.map(e => [e.name, e.value])")
    found: dict[str, list[str]] = {}
    for name, value in values:
        found.setdefault(name, []).append(value)
    return found


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_reader_scenario_ranks_the_expected_models_first_in_both_languages(page: Any, base: str, name: str) -> None:
    answers, expected = SCENARIOS[name]
    rankings = {}
    for lang, path in PAGES.items():
        page.goto(base + path)
        answer(page, answers)
        rankings[lang] = ranking(page)
        top_three = rankings[lang][:3]
        assert set(expected) <= set(top_three), (lang, top_three)
    assert rankings["zh"] == rankings["en"] == chooser.rank(CHOOSE, DATA.model_ids, answers)


@pytest.mark.parametrize("lang", kb.LANGUAGES)
def test_results_show_bars_reasons_combination_and_when_to_use_links(page: Any, base: str, lang: str) -> None:
    answers, _ = SCENARIOS["imported-wine specialist"]
    page.goto(base + PAGES[lang])
    answer(page, answers)
    first = page.locator("#chooser-output .chooser-ranking > li").first
    assert first.get_attribute("data-model") == "vertical"
    assert first.locator(".chooser-bar > span").evaluate("e => e.style.width") == "100%"
    reason = CHOOSE["questions"][2]["options"][5]["points"]["vertical"][lang]  # product: niche
    assert reason in first.locator("details").inner_text()
    href = first.locator("a").first.get_attribute("href")
    assert href == "../models/vertical/#when-to-use"
    page.click(f'#chooser-output a[href="{href}"]')
    assert page.url.endswith("/models/vertical/#when-to-use")
    page.go_back()
    base_model, add_ons = chooser.combination(CHOOSE, DATA, answers)
    combination = page.locator(".chooser-combination")
    assert combination.locator('[data-role="base"] a').inner_text() == DATA.models_by_id[base_model]["name"][lang]
    shown = combination.locator('[data-role="add-ons"] a').all_inner_texts()
    assert shown == [DATA.models_by_id[m]["name"][lang] for m in add_ons]
    assert page.get_attribute("#chooser-output", "aria-live") == "polite"


def test_answers_live_in_the_url_reload_restores_them_and_back_undoes(page: Any, base: str) -> None:
    answers, _ = SCENARIOS["factory selling abroad to importers"]
    page.goto(base + PAGES["en"])
    answer(page, answers)
    query = parse_qs(urlsplit(page.url).query)
    assert {k: v[0].split(",") for k, v in query.items()} == answers
    before = ranking(page)
    page.reload()
    assert checked(page) == answers
    assert ranking(page) == before
    page.check('#chooser-form input[name="where"][value="domestic"]')
    assert ranking(page) != before
    page.go_back()
    assert checked(page)["where"] == ["abroad"]
    assert ranking(page) == before
    shared = page.url
    other = page.context.new_page()
    other.goto(shared)
    assert ranking(other) == before
    page.goto(page.eval_on_selector('a[hreflang="zh"]', "a => a.href"))  # the switcher carries the answers
    assert checked(page) == answers and ranking(page) == before
    assert page.evaluate("document.documentElement.lang") == "zh"


def test_clearing_the_answers_empties_the_results_and_the_url(page: Any, base: str) -> None:
    page.goto(base + PAGES["zh"] + "?buyers=consumers&reach=social")
    assert ranking(page)[0] == "social"
    page.click("#chooser-form button[type=reset]")
    page.wait_for_function("!location.search")
    assert checked(page) == {} and ranking(page) == []


def test_keyboard_alone_answers_and_reaches_the_results(page: Any, base: str) -> None:
    page.goto(base + PAGES["en"])
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "buyers":
            break
    else:
        pytest.fail("Tab never reached the first question")
    page.keyboard.press("ArrowDown")  # radio group: moves to and selects the second option
    page.keyboard.press("Tab")  # next question
    page.keyboard.press("Space")  # first option of a radio group with nothing checked
    page.keyboard.press("Tab")  # product: first checkbox
    page.keyboard.press("Space")
    assert checked(page) == {"buyers": ["consumers"], "sellers": ["brand"], "product": ["standardised"]}
    assert ranking(page)[0] == chooser.rank(CHOOSE, DATA.model_ids, checked(page))[0]
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('#chooser-output')"):
            break
    else:
        pytest.fail("Tab never reached the results")
    assert page.evaluate("document.activeElement.getAttribute('href')").endswith("#when-to-use")


@pytest.mark.parametrize("lang", kb.LANGUAGES)
def test_without_javascript_the_guide_reads_and_the_form_says_it_needs_it(browser: Any, base: str, lang: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + PAGES[lang])
    assert page.is_visible(".chooser-nojs")
    assert CHOOSE["ui"]["needs-js"][lang] in page.inner_text(".chooser-nojs")
    assert page.eval_on_selector_all("#chooser-form fieldset", "els => els.every(e => e.disabled)")
    assert page.is_hidden(".chooser-results")
    assert page.is_visible("#quick-reference")
    page.goto(base + COMPARE[lang])  # the plain matrix, without controls
    assert page.is_hidden("#compare-tools")
    assert page.evaluate(
        "document.querySelector('#compare-tools ~ table, #compare-tools ~ * table').tBodies[0].rows.length"
    ) == len(DATA.models)
    context.close()


@pytest.mark.parametrize("lang", kb.LANGUAGES)
def test_compare_matrix_filters_and_sorts(page: Any, base: str, lang: str) -> None:
    page.goto(base + COMPARE[lang])
    rows = "#compare-tools ~ * tbody tr[data-model]"
    page.select_option('select[data-filter="capital"]', "low")
    visible = page.eval_on_selector_all(rows, "els => els.filter(e => !e.hidden).map(e => e.dataset.model)")
    assert visible == [m["id"] for m in DATA.models if m["matrix"]["capital"] == "low"]
    assert page.inner_text(".compare-count").endswith(f"{len(visible)} / {len(DATA.models)}")
    page.select_option('select[data-filter="categories"]', "second-hand")
    visible = page.eval_on_selector_all(rows, "els => els.filter(e => !e.hidden).map(e => e.dataset.model)")
    assert visible == ["c2c"]
    page.select_option('select[data-filter="capital"]', "")
    page.select_option('select[data-filter="categories"]', "")
    page.select_option('select[data-filter="dimension"]', "parties")
    visible = page.eval_on_selector_all(rows, "els => els.filter(e => !e.hidden).map(e => e.dataset.model)")
    assert visible == [m["id"] for m in DATA.models if m["dimension"] == "parties"]
    page.select_option('select[data-filter="dimension"]', "")
    capital = DATA.labels["ui"]["capital"][lang]
    page.click(f'th button.compare-sort:text-is("{capital}")')
    order = page.eval_on_selector_all(rows, "els => els.map(e => e.dataset.model)")
    levels = ["low", "medium", "high"]
    assert [levels.index(DATA.models_by_id[m]["matrix"]["capital"]) for m in order] == sorted(
        levels.index(m["matrix"]["capital"]) for m in DATA.models
    )
    assert page.get_attribute(f'th:has(button:text-is("{capital}"))', "aria-sort") == "ascending"
    page.click(f'th button.compare-sort:text-is("{capital}")')
    assert page.get_attribute(f'th:has(button:text-is("{capital}"))', "aria-sort") == "descending"


@pytest.mark.parametrize("lang", kb.LANGUAGES)
def test_compare_puts_two_or_three_models_side_by_side(page: Any, base: str, lang: str) -> None:
    page.goto(base + COMPARE[lang])
    page.check('.compare-pick input[value="b2b"]')
    assert page.locator(".compare-column").count() == 0
    page.check('.compare-pick input[value="c2c"]')
    page.check('.compare-pick input[value="o2o"]')
    page.wait_for_function("document.querySelectorAll('.compare-column').length === 3")
    page.click('.compare-pick input[value="b2c"]')  # a fourth is refused
    assert not page.is_checked('.compare-pick input[value="b2c"]')
    assert page.locator(".compare-column").count() == 3
    column = page.locator('.compare-column[data-model="o2o"]')
    text = column.inner_text()
    assert DATA.labels["channel"]["app-offline"][lang] in text  # its matrix row
    for section in DATA.sections:
        if section["anchor"] in chooser.SIDE_BY_SIDE_SECTIONS:
            assert section[lang] in text
            part = column.locator(f'[data-section="{section["anchor"]}"]').inner_text()
            assert len(part) > 40, section["anchor"]  # the text of the model page's section
    assert column.locator("a").last.get_attribute("href") == "../models/o2o/"
