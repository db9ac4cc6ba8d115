"""The content contract beyond structure: depth, the seed's examples, related links, glossary."""

from __future__ import annotations

import re

import pytest

import kb

KB = kb.load()
assert KB.data is not None
DATA = KB.data
# Prose only (tables, code and diagrams excluded): 1,500 Chinese characters or 900 English words.
FLOOR = {"zh": (1500, r"[\u4e00-\u9fff]"), "en": (900, r"[A-Za-z][A-Za-z'-]*")}


@pytest.mark.parametrize("lang", kb.LANGUAGES)
@pytest.mark.parametrize("model_id", DATA.model_ids)
def test_model_page_has_depth(lang: str, model_id: str) -> None:
    minimum, unit = FLOOR[lang]
    page = KB.pages[lang][f"models/{model_id}.md"]
    assert len(re.findall(unit, page.prose_text())) >= minimum


@pytest.mark.parametrize("lang", kb.LANGUAGES)
@pytest.mark.parametrize("model_id", DATA.model_ids)
def test_related_section_links_every_related_model(lang: str, model_id: str) -> None:
    page = KB.pages[lang][f"models/{model_id}.md"]
    related = next(h for h in page.sections if h.anchor == "related")
    after = [h.line for h in page.sections if h.line > related.line]
    end = after[0] if after else 10**9
    targets = {
        link.split()[0].split("/")[-1].removesuffix(".md") for link in page.links if related.line < link.line < end
    }
    assert set(DATA.models_by_id[model_id]["related"]) <= targets


def test_seed_examples_are_all_in_the_data() -> None:
    seed = {
        "b2b": ["阿里巴巴"], "b2c": ["京东", "天猫"], "c2c": ["淘宝"], "o2o": ["美团", "大众点评"],
        "b2b2c": ["惠农网"], "vertical": ["聚美优品", "网酒网"], "community": ["拼多多", "京东社区团购"],
        "cross-border": ["阿里巴巴国际站", "京东全球购"], "social": ["微信小程序", "抖音电商"],
        "live-streaming": ["淘宝直播", "快手电商"],
    }  # fmt: skip
    for model_id, names in seed.items():
        listed = [DATA.platforms[p]["name"]["zh"] for p in DATA.models_by_id[model_id]["teaching_examples"]]
        for name in names:
            assert any(name in entry for entry in listed), (model_id, name)


def test_glossary_terms_have_both_languages() -> None:
    ids = [term["id"] for term in DATA.glossary]
    assert len(ids) == len(set(ids)) >= 40
    for term in DATA.glossary:
        assert term["zh"].strip() and term["en"].strip()
        assert re.search(r"[\u4e00-\u9fff]", term["definition"]["zh"])
        assert not re.search(r"[\u4e00-\u9fff，。：；]", term["definition"]["en"]), term["id"]
