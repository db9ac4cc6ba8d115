"""Generated tables: one fact, both languages."""

from __future__ import annotations

import copy

import pytest

import kb
import render


def data() -> kb.Data:
    return kb.load_data()


def test_platform_table_lists_seed_examples_first_in_bold() -> None:
    table = render.platform_table(data(), "en", "b2c").splitlines()
    assert table[0] == "| Platform | Home market | Launched | Status | What is notable |"
    d = data()
    jd, amazon = d.platforms["jd"], d.platforms["amazon"]
    # The launch year carries the citation of its source.
    assert table[2].startswith(f"| **[JD.com](https://www.jd.com)** | China | 2004 [@{jd['launched_source']}] |")
    assert table[3].startswith("| **[Tmall]")
    assert table[4].startswith(
        f"| [Amazon](https://www.amazon.com) | United States | 1995 [@{amazon['launched_source']}] |"
    )


def test_both_languages_show_the_same_years() -> None:
    d = data()
    for model_id in d.model_ids:
        years = [
            [
                line.split("|")[3].strip()
                for line in render.platform_table(d, lang, model_id).splitlines()[2:]
                if line.startswith("|")
            ]
            for lang in kb.LANGUAGES
        ]
        assert years[0] == years[1]


def test_matrix_has_a_row_per_model() -> None:
    d = data()
    for lang in kb.LANGUAGES:
        rows = [line for line in render.comparison_matrix(d, lang).splitlines() if line.startswith("|")][2:]
        assert [row.split("](models/")[1].split(".md")[0] for row in rows] == d.model_ids


def test_unsearched_markup() -> None:
    block = render.unsearched("| a |\n| --- |\n| b |\n")
    assert block.startswith("<div data-search-exclude markdown>\n\n| a |") and block.endswith("</div>\n")
    assert "data-search-exclude" in render.comparison_matrix(data(), "en")
    assert "data-search-exclude" not in render.platform_table(data(), "en", "b2c")  # owned by its page


def test_glossary_table_has_an_anchor_per_term() -> None:
    d = data()
    table = render.glossary_table(d, "zh")
    for term in d.glossary:
        assert f'<span id="{term["id"]}"></span>' in table


def test_abbreviations_cover_every_abbr() -> None:
    d = data()
    text = render.abbreviations(d, "en")
    assert text.count("*[") == sum(1 for t in d.glossary if t.get("abbr"))
    assert "*[GMV]: Gross merchandise value: " in text


def with_status(platform_id: str, **status: object) -> kb.Data:
    d = data()
    d.platforms = copy.deepcopy(d.platforms)
    d.platforms[platform_id]["launched_source"] = "launch-source"
    d.platforms[platform_id]["status"] = status
    return d


@pytest.mark.parametrize(
    ("status", "zh", "en"),
    [
        (
            {"state": "merged", "year": 2025, "successor": {"zh": "淘宝闪购", "en": "Taobao Shangou"}},
            "2025 年起并入淘宝闪购",
            "folded into Taobao Shangou from 2025",
        ),
        ({"state": "closed", "year": 2025}, "2025 年关闭", "closed in 2025"),
        (
            {"state": "renamed", "year": 2024, "successor": {"zh": "京东国际", "en": "JD International"}},
            "2024 年更名为京东国际",
            "renamed JD International in 2024",
        ),
        ({"state": "delisted", "year": 2020}, "2020 年私有化退市", "taken private and delisted in 2020"),
        ({"state": "scaled-back", "year": 2022}, "2022 年起收缩", "scaled back from 2022"),
        ({"state": "active"}, "运营中", "active"),
    ],
)
def test_status_cell_in_both_languages_with_its_citation(status: dict, zh: str, en: str) -> None:
    d = with_status("jd", **status, source="status-source")
    for lang, words in (("zh", zh), ("en", en)):
        row = render.platform_table(d, lang, "b2c").splitlines()[2]
        cells = [cell.strip() for cell in row.strip("|").split(" | ")]
        assert cells[2] == "2004 [@launch-source]"
        assert cells[3] == f"{words} [@status-source]"


def test_a_platform_without_status_or_launch_source_shows_a_dash_and_no_marker() -> None:
    d = data()
    d.platforms = copy.deepcopy(d.platforms)
    for key in ("status", "launched_source"):
        d.platforms["jd"].pop(key, None)
    cells = [cell.strip() for cell in render.platform_table(d, "en", "b2c").splitlines()[2].strip("|").split(" | ")]
    assert cells[2:4] == ["2004", "—"]


def test_legend_has_no_seed_wording() -> None:
    for lang in kb.LANGUAGES:
        legend = data().labels["ui"]["platform-legend"][lang]
        assert "seed" not in legend.lower() and "种子" not in legend
    assert (
        data()
        .labels["ui"]["platform-legend"]["en"]
        .startswith("Names in bold are the examples commonly given in Chinese e-commerce teaching")
    )
    assert data().labels["ui"]["platform-legend"]["zh"].startswith("加粗的是中文电商教学中常举的例子")


def test_glossary_table_carries_the_filter_box_hidden_and_empty() -> None:
    d = data()
    for lang, label in (("zh", "筛选术语"), ("en", "Filter the terms")):
        box = render.glossary_table(d, lang).split("\n\n")[0]
        assert box.startswith('<div class="glossary-filter" hidden ')
        assert f'data-label="{label}"' in box
        assert box.endswith("></div>")  # nothing to see until the script fills it
