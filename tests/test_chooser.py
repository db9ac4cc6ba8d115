"""The chooser's data rules on the fixture tree (exact path, line, code), and its scoring and
rendering on the real data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import chooser
import kb
import parity
from mutations import replace

CHOOSE = "data/choose.yml"

BROKEN = {
    "unknown model id": (
        replace(CHOOSE, "          b2c:\n            weight: 3", "          b2x:\n            weight: 3"),
        {(CHOOSE, 20, "E213")},
    ),
    "model reachable from no answer": (
        lambda root: (
            replace(CHOOSE, "weight: 3\n            zh: 企业买家", "weight: -3\n            zh: 企业买家")(root),
            replace(CHOOSE, "weight: 1", "weight: -1")(root),
        ),
        {(CHOOSE, 2, "E214")},
    ),
    "reason without English": (replace(CHOOSE, "            en: Business buyers.\n", ""), {(CHOOSE, 9, "E215")}),
    "option text without English": (replace(CHOOSE, "{zh: 企业, en: Businesses}", "{zh: 企业}"), {(CHOOSE, 7, "E215")}),
    "empty Chinese legend": (
        replace(CHOOSE, "{zh: 资金, en: Capital}", '{zh: " ", en: Capital}'),
        {(CHOOSE, 25, "E215")},
    ),
    "ui word in one language": (replace(CHOOSE, "{zh: 结果, en: Results}", "{zh: 结果}"), {(CHOOSE, 43, "E215")}),
    "weight out of range": (replace(CHOOSE, "weight: 3", "weight: 9"), {(CHOOSE, 10, "E212")}),
    "option without points": (
        replace(
            CHOOSE,
            "        points:\n          b2c:\n            weight: 3",
            "        point:\n          b2c:\n            weight: 3",
        ),
        {(CHOOSE, 17, "E212")},
    ),
    "option id twice": (replace(CHOOSE, "- id: consumers", "- id: businesses"), {(CHOOSE, 17, "E216")}),
    "question id twice": (replace(CHOOSE, "- id: capital", "- id: buyers"), {(CHOOSE, 24, "E216")}),
    "not valid YAML": (
        replace(CHOOSE, "        text: {zh: 少, en: Little}", "        text: {zh: 少, en: Little"),
        {(CHOOSE, 30, "E209")},
    ),
}


def findings_of(root: Path) -> set[tuple[str, int, str]]:
    return {(f.path, f.line, f.code) for f in parity.run(kb.load(root))}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_decision_data_gives_exact_findings(fixture_kb: Path, name: str) -> None:
    mutate, expected = BROKEN[name]
    mutate(fixture_kb)
    assert findings_of(fixture_kb) == expected


def test_fixture_and_real_data_are_clean(fixture_kb: Path) -> None:
    assert findings_of(fixture_kb) == set()
    assert [f for f in parity.run(kb.load(kb.ROOT)) if f.code in {"E212", "E213", "E214", "E215", "E216"}] == []


def test_a_knowledge_base_without_a_chooser_is_accepted(fixture_kb: Path) -> None:
    (fixture_kb / CHOOSE).unlink()
    assert findings_of(fixture_kb) == set()


def test_unknown_model_message_names_the_option_and_the_known_ids(fixture_kb: Path) -> None:
    BROKEN["unknown model id"][0](fixture_kb)
    (finding,) = parity.run(kb.load(fixture_kb))
    assert finding.message == "option 'buyers/consumers': unknown model 'b2x' (known: b2b, b2c)"


# --- scoring and rendering on the real data ------------------------------------------------

DATA = kb.load_data()
CHOOSE_DATA = chooser.load()
assert CHOOSE_DATA is not None


def test_scores_add_up_the_chosen_options() -> None:
    answers = {"buyers": ["businesses"], "where": ["abroad"]}
    totals = chooser.scores(CHOOSE_DATA, DATA.model_ids, answers)
    assert totals["b2b"] == 3 and totals["cross-border"] == 4
    assert chooser.rank(CHOOSE_DATA, DATA.model_ids, answers)[:2] == ["cross-border", "b2b"]


def test_combination_has_one_base_from_who_trades_with_whom() -> None:
    answers = {"buyers": ["consumers"], "where": ["importing"], "product": ["niche"]}
    base, add_ons = chooser.combination(CHOOSE_DATA, DATA, answers)
    assert base == "b2c"
    assert add_ons == ["vertical", "cross-border"]
    assert all(DATA.models_by_id[m]["dimension"] != chooser.BASE_DIMENSION for m in add_ons)


def test_no_answer_means_no_base() -> None:
    assert chooser.combination(CHOOSE_DATA, DATA, {}) == (None, [])


@pytest.mark.parametrize("lang", kb.LANGUAGES)
def test_form_has_a_fieldset_with_legend_and_labelled_inputs_per_question(lang: str) -> None:
    links = {m: f"models/{m}/" for m in DATA.model_ids}
    block = chooser.chooser_block(CHOOSE_DATA, DATA, lang, links, "chooser.js")
    assert block.count("<fieldset disabled") == block.count("<legend>") == len(CHOOSE_DATA["questions"])
    options = sum(len(q["options"]) for q in CHOOSE_DATA["questions"])
    assert block.count("<label><input ") == options
    assert 'aria-live="polite"' in block and CHOOSE_DATA["ui"]["needs-js"][lang] in block
    assert "\n\n" not in block  # one raw HTML block: a blank line would end it


@pytest.mark.parametrize("lang", kb.LANGUAGES)
def test_compare_controls_are_written_into_the_page_and_left_out_of_search(lang: str) -> None:
    from bs4 import BeautifulSoup

    block = chooser.compare_block(CHOOSE_DATA, DATA, lang, "compare.js", "sections.js")
    assert "\n\n" not in block  # one raw HTML block: a blank line would end it
    tools = BeautifulSoup(block, "html.parser").find(id="compare-tools")
    assert tools is not None and tools.has_attr("data-search-exclude") and not tools.has_attr("hidden")
    selects = {s["data-filter"]: s for s in tools.find_all("select")}
    assert list(selects) == ["dimension", "capital", "logistics", "revenue", "categories"]
    used = {m["dimension"] for m in DATA.models}
    assert [o["value"] for o in selects["dimension"].find_all("option")] == [
        "",
        *(k for k in DATA.labels["dimension"] if k in used),
    ]
    assert selects["capital"].find_parent("label").get_text().startswith(DATA.labels["ui"]["capital"][lang])
    boxes = tools.select(".compare-pick input[type=checkbox]")
    assert [b["value"] for b in boxes] == DATA.model_ids
    assert [b.find_parent("label").get_text().strip() for b in boxes] == [m["name"][lang] for m in DATA.models]
    count = tools.select_one(".compare-count").get_text()
    assert count == f"{CHOOSE_DATA['ui']['shown'][lang]} {len(DATA.models)} / {len(DATA.models)}"
    script = BeautifulSoup(block, "html.parser").find(id="compare-data")
    assert script is not None
    filters = json.loads(script.string)["filters"]  # the options are in the selects, once
    assert filters["capital"] == {"label": DATA.labels["ui"]["capital"][lang]}
    assert all(list(spec) == ["label"] for spec in filters.values())


@pytest.mark.parametrize("lang", kb.LANGUAGES)
def test_decision_table_lists_every_option_with_its_models(lang: str) -> None:
    table = chooser.decision_table(CHOOSE_DATA, DATA, lang)
    for question in CHOOSE_DATA["questions"]:
        assert question["legend"][lang] in table
        for option in question["options"]:
            assert option["text"][lang].replace("&", "&amp;") in table
    assert f"{DATA.models_by_id['b2b']['name'][lang]} (+3)" in table


def test_decision_data_makes_no_dated_claims() -> None:
    """Years, fees and figures need a source; the chooser's words have none."""
    import re

    from rules.choose import _texts

    for _, words, what in _texts(CHOOSE_DATA):
        for lang in kb.LANGUAGES:
            text = re.sub(r"\b[A-Z]2[A-Z](2[A-Z])?\b", "", words[lang])  # B2B, O2O, B2B2C are names
            assert not re.search(r"\d", text), (what, lang, text)


@pytest.mark.parametrize("script", ["chooser.js", "compare.js"])
def test_page_scripts_are_small_and_local(script: str) -> None:
    import gzip

    source = (kb.ROOT / "docs" / "assets" / "javascripts" / script).read_bytes()
    assert len(gzip.compress(source, 9)) < 15 * 1024
    assert b"http" not in source and b"import " not in source  # no CDN, no modules to fetch


def test_side_by_side_sections_keep_the_text_and_drop_links_and_figures() -> None:
    built = (
        '<article><h1>B2B</h1><h2 id="definition">Definition<a class="headerlink" href="#definition">¶</a></h2>'
        '<p id="x">Trade between <a href="../b2c/">businesses</a><sup id="fnref:1">1</sup>, '
        '<abbr title="gross merchandise value">GMV</abbr>.</p><figure class="diagram"><img src="a.svg"></figure>'
        '<h2 id="platforms">Platforms</h2><p>Not wanted.</p><h2 id="when-to-use">When</h2><h3 id="fit">Fit</h3><ul><li>Bulk</li></ul>'
        "</article>"
    )
    assert chooser.side_by_side_sections(built) == {
        "definition": "<p>Trade between businesses, GMV.</p>",
        "when-to-use": "<h5>Fit</h5><ul><li>Bulk</li></ul>",
    }


def test_side_by_side_sections_leave_out_the_boxes_drawn_near_the_screen() -> None:
    # In a column of the side-by-side view a box that is laid out only near the screen would
    # show nothing until scrolled to; the column takes the blocks without the box.
    built = (
        '<article><h2 id="revenue-model">Revenue</h2><div class="kb-deferred"><p>Fees.</p>'
        '<ul><li>Ads</li></ul></div><h2 id="platforms">Platforms</h2></article>'
    )
    assert chooser.side_by_side_sections(built) == {"revenue-model": "<p>Fees.</p><ul><li>Ads</li></ul>"}
