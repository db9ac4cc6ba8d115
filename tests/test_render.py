"""Generated tables: one fact, both languages."""

from __future__ import annotations

import kb
import render


def data() -> kb.Data:
    return kb.load_data()


def test_platform_table_lists_seed_examples_first_in_bold() -> None:
    table = render.platform_table(data(), "en", "b2c").splitlines()
    assert table[0] == "| Platform | Home market | Launched | What is notable |"
    assert table[2].startswith("| **[JD.com](https://www.jd.com)** | China | 2004 |")
    assert table[3].startswith("| **[Tmall]")
    assert table[4].startswith("| [Amazon](https://www.amazon.com) | United States | 1995 |")


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
        rows = render.comparison_matrix(d, lang).splitlines()[2:]
        assert [row.split("](models/")[1].split(".md")[0] for row in rows] == d.model_ids


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


def test_glossary_table_carries_the_filter_box_hidden_and_empty() -> None:
    d = data()
    for lang, label in (("zh", "筛选术语"), ("en", "Filter the terms")):
        box = render.glossary_table(d, lang).split("\n\n")[0]
        assert box.startswith('<div class="glossary-filter" hidden ')
        assert f'data-label="{label}"' in box
        assert box.endswith("></div>")  # nothing to see until the script fills it
