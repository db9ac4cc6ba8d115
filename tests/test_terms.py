"""The term rules (scripts/rules/terms.py) on the fixture tree: exact findings, and sensible matching."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import kb
import parity
from conftest import ROOT
from mutations import EN_B2B, ZH_B2B, both, replace
from rules import terms


def findings_of(root: Path) -> set[tuple[str, int, str]]:
    return {(f.path, f.line, f.code) for f in parity.run(kb.load(root))}


def definition(root: Path, en: str, zh: str = "正文。") -> None:
    """Write the definition section of the B2B pair on both sides, so nothing is outdated."""
    both(replace(EN_B2B, "Body text.", en), replace(ZH_B2B, "正文。", zh))(root)


# --- E700: variants to avoid ------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Sales are measured as gross merchandise volume.",
        "Sales are measured as Gross Merchandise Volumes.",  # any case, plural
        "Sales are measured as gross\nmerchandise volume.",  # across a line break: reported on its first line
        "Sales are *gross merchandise volume* too.",
    ],
)
def test_a_variant_to_avoid_is_an_error_at_its_line(fixture_kb: Path, sentence: str) -> None:
    definition(fixture_kb, sentence, "销售额按商品交易总额计算。")
    found = [f for f in parity.run(kb.load(fixture_kb)) if f.code == "E700"]
    assert [(f.path, f.line) for f in found] == [("docs/en/models/b2b.md", 12)]
    assert "(glossary term 'gmv'): write 'Gross merchandise value'" in found[0].message


@pytest.mark.parametrize(
    ("en", "zh"),
    [
        # code is not prose
        ("The field is called `gross merchandise volume` in the export.", "导出文件中的字段叫 `gmv`。"),
        # nor is a URL
        ("See [the report](https://example.com/gross-merchandise-volume).", "见[报告](https://example.com/gmv)。"),
        # the canonical term
        ("Gross merchandise value (GMV) grew.", "商品交易总额（GMV）增长了。"),
    ],
)
def test_code_urls_and_the_canonical_term_are_not_flagged(fixture_kb: Path, en: str, zh: str) -> None:
    definition(fixture_kb, en, zh)
    assert findings_of(fixture_kb) == set()


def test_a_variant_in_a_code_block_is_not_flagged(fixture_kb: Path) -> None:
    block = "\n\n```text\ngross merchandise volume\n```"
    definition(fixture_kb, "Body text." + block, "正文。" + block)
    assert findings_of(fixture_kb) == set()


def test_a_variant_in_the_description_is_reported_on_its_line(fixture_kb: Path) -> None:
    both(
        replace(EN_B2B, "A short model page used in the tests.", "A page about gross merchandise volume."),
        replace(ZH_B2B, "测试用的模式页面，内容简短。", "关于商品交易总额的测试页面。"),
    )(fixture_kb)
    assert ("docs/en/models/b2b.md", 4, "E700") in findings_of(fixture_kb)


def test_a_variant_that_matches_a_canonical_term_is_a_term_base_error(fixture_kb: Path) -> None:
    replace("data/glossary.yml", "en: [gross merchandise volume]", "en: [merchandise value]")(fixture_kb)
    assert findings_of(fixture_kb) == {("data/glossary.yml", 1, "E701")}


# --- W700: a term on one side only --------------------------------------------------------------


def test_a_term_on_one_side_only_warns_with_both_lines(fixture_kb: Path) -> None:
    definition(fixture_kb, "Companies buy from each other.", "企业之间通过供应链采购。")
    (finding,) = parity.run(kb.load(fixture_kb))
    assert (finding.path, finding.line, finding.code) == ("docs/en/models/b2b.md", 10, "W700")
    assert finding.message == (
        "docs/zh/models/b2b.md:12 uses the glossary term '供应链', but this side of section 'definition' "
        "uses neither 'Supply chain'"
    )
    assert parity.errors([finding]) == []


def test_the_other_direction_warns_on_the_chinese_side(fixture_kb: Path) -> None:
    definition(fixture_kb, "Sales are the gross merchandise value.", "销售额增长。")
    assert findings_of(fixture_kb) == {("docs/zh/models/b2b.md", 10, "W700")}


@pytest.mark.parametrize(
    ("en", "zh"),
    [
        ("Their supply chains are long.", "它们的供应链很长。"),  # plural
        ("Their Supply-Chain is long.", "它们的供应链很长。"),  # case and hyphen
        ("GMV grew.", "商品交易总额增长了。"),  # the abbreviation stands for the term
        ("Gross merchandise value grew.", "GMV 增长了。"),  # the abbreviation alone triggers nothing
        ("The marketplace grew.", "平台增长了。"),  # gloss: true, need not appear on both sides
    ],
)
def test_counterparts_abbreviations_plurals_and_glosses_are_accepted(fixture_kb: Path, en: str, zh: str) -> None:
    definition(fixture_kb, en, zh)
    assert findings_of(fixture_kb) == set()


def test_the_counterpart_must_be_in_the_same_section(fixture_kb: Path) -> None:
    definition(fixture_kb, "Companies buy from each other.", "企业之间通过供应链采购。")
    replace(EN_B2B, "Alibaba (1688.com).", "Alibaba (1688.com) runs a supply chain.")(fixture_kb)
    replace(ZH_B2B, "阿里巴巴（1688）。", "阿里巴巴（1688）经营供应链。")(fixture_kb)
    assert findings_of(fixture_kb) == {("docs/en/models/b2b.md", 10, "W700")}


def test_whole_words_only() -> None:
    pattern = terms.phrase_pattern("supply chain", "en")
    assert re.search(pattern, "two supply chains", re.I)
    assert not re.search(pattern, "a supply chainsaw", re.I)
    assert re.search(terms.phrase_pattern("category", "en"), "categories") is not None


def test_the_longest_of_overlapping_terms_wins() -> None:
    base = terms.term_base(
        [
            {"id": "cbec", "zh": "跨境电商", "en": "Cross-border e-commerce"},
            {"id": "tax", "zh": "跨境电商综合税", "en": "Cross-border e-commerce comprehensive tax"},
        ]
    )
    assert list(base.uses("缴纳跨境电商综合税。", "zh")) == [(1, 2)]
    assert list(base.uses("Cross-border e-commerce comprehensive taxes apply.", "en")) == [(1, 0)]
    assert list(base.uses("跨境电商很多。", "zh")) == [(0, 0)]


# --- the real term base -----------------------------------------------------------------------------


def test_the_term_base_records_the_canonical_choices() -> None:
    by_id = {t["id"]: t for t in kb.load_data().glossary}
    assert by_id["gmv"]["en"] == "Gross merchandise value"
    assert "gross merchandise volume" in by_id["gmv"]["avoid"]["en"]
    assert by_id["technical-service-fee"]["zh"] == "技术服务费"
    assert by_id["technical-service-fee"]["en"] == "Technical service fee"
    assert by_id["cross-border-ecommerce-tax"]["en"] == "Cross-border e-commerce comprehensive tax"
    assert by_id["direct-shipping-from-overseas"]["en"] == "Direct shipping from overseas"
    assert "direct mail" in by_id["direct-shipping-from-overseas"]["avoid"]["en"]
    assert by_id["live-room-coordinator"]["en"] == "Live-room coordinator"
    assert "direct-mail-from-overseas" not in by_id


def test_the_real_term_base_has_no_self_contradiction() -> None:
    assert list(terms.check_term_base(kb.load())) == []


def test_gross_merchandise_volume_on_a_real_english_page_is_reported(tmp_path: Path) -> None:
    for name in ("docs", "data"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    page = tmp_path / "docs/en/compare.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    lines.append("")
    lines.append("Platforms report gross merchandise volume every quarter.")
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = [f for f in terms.check_avoided_variants(kb.load(tmp_path)) if f.path.endswith("docs/en/compare.md")]
    assert [f.line for f in found if "gross merchandise volume" in f.message] == [len(lines)]
