"""Render language-neutral data as Markdown in one language.

The MkDocs hook inserts these blocks into pages at build time, so a launch year or
a model's position in the matrix is written once, in data/, and both languages
show the same fact.
"""

from __future__ import annotations

import html
from typing import Any

import translation
from kb import Data, KnowledgeBase, Page

# Which generated block goes under which H2 anchor, by page.
MODEL_BLOCKS = {"platforms": "platform_table"}
PAGE_BLOCKS = {
    "index.md": {"models": "model_cards", "downloads": "download_links"},
    "compare.md": {"matrix": "comparison_matrix", "by-dimension": "dimension_table"},
    "glossary.md": {"terms": "glossary_table"},
    "translation-status.md": {"pages": "translation_pages", "sections": "translation_sections"},
    "models/index.md": {"by-dimension": "model_cards_by_dimension"},
}


# Search: a generated block that only lists what other pages explain (every model, every
# platform, every source) would outrank the page that owns a name, so it is left out of the
# index: Material skips any element marked `data-search-exclude` (whole generated sections are
# marked on their heading, see search_terms.UNSEARCHED_SECTIONS). The platform tables and the
# glossary are what their pages own, so they stay searchable.
SEARCH_EXCLUDE = "data-search-exclude"


def unsearched(block: str) -> str:
    """A generated Markdown block, kept on the page but out of the search index."""
    return f"<div {SEARCH_EXCLUDE} markdown>\n\n{block.rstrip()}\n\n</div>\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _markers(*sources: str | None) -> str:
    """The citation marker for the given sources ('' when there are none)."""
    ids = [source for source in sources if source]
    return f" [{'; '.join('@' + source for source in ids)}]" if ids else ""


def platform_status(data: Data, lang: str, platform: dict[str, Any]) -> str:
    """The status cell in one language, e.g. "2025 年起并入淘宝闪购" / "folded into Taobao Shangou
    from 2025", with its citation marker; a dash when the data has no status yet."""
    status = platform.get("status")
    if not status:
        return data.labels["ui"]["unknown-year"][lang]
    successor = status.get("successor")
    group = "platform-status-successor" if successor else "platform-status"
    text = data.label(group, status["state"], lang).format(
        year=status.get("year", ""), successor=successor[lang] if successor else ""
    )
    return text + _markers(status.get("source"))


def platform_table(data: Data, lang: str, model_id: str) -> str:
    ui = data.labels["ui"]
    model = data.models_by_id[model_id]
    taught = set(model["teaching_examples"])
    columns = ("platform", "market", "launched", "status", "notable")
    rows = ["| " + " | ".join(ui[c][lang] for c in columns) + " |", "|" + " --- |" * len(columns)]
    for platform_id in data.model_platforms(model_id):
        platform = data.platforms[platform_id]
        name = f"[{platform['name'][lang]}]({platform['url']})"
        if platform_id in taught:
            name = f"**{name}**"
        if platform["launched"]:
            year = str(platform["launched"]) + _markers(platform.get("launched_source"))
        else:
            year = ui["unknown-year"][lang]
        market = data.label("markets", platform["market"], lang)
        status = platform_status(data, lang, platform)
        rows.append(f"| {name} | {market} | {year} | {_cell(status)} | {_cell(platform['note'][lang])} |")
    legend = ui["platform-legend"][lang]
    return "\n".join(rows) + f"\n\n{legend}\n"


def comparison_matrix(data: Data, lang: str, kb: KnowledgeBase | None = None) -> str:
    ui = data.labels["ui"]
    columns = ["model", "dimension", "trade", "channel", "revenue", "capital", "logistics", "categories", "examples"]
    rows = ["| " + " | ".join(ui[c][lang] for c in columns) + " |", "|" + " --- |" * len(columns)]
    for model in data.models:
        matrix = model["matrix"]
        cells = [
            f"[{model['name'][lang]}](models/{model['id']}.md)",
            data.label("dimension", model["dimension"], lang),
            data.label("trade", matrix["trade"], lang),
            data.label("channel", matrix["channel"], lang),
            _join(lang, [data.label("revenue", r, lang) for r in matrix["revenue"]]),
            data.label("level", matrix["capital"], lang),
            data.label("level", matrix["logistics"], lang),
            _join(lang, [data.label("categories", c, lang) for c in matrix["categories"]]),
            _join(lang, [data.platforms[p]["name"][lang] for p in data.model_platforms(model["id"])]),
        ]
        rows.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return unsearched("\n".join(rows))


def dimension_table(data: Data, lang: str, kb: KnowledgeBase | None = None) -> str:
    header = {"zh": "| 划分维度 | 模式 |", "en": "| Dimension | Models |"}[lang]
    rows = [header, "| --- | --- |"]
    for key in data.labels["dimension"]:
        members = [f"[{m['name'][lang]}](models/{m['id']}.md)" for m in data.models if m["dimension"] == key]
        if members:
            rows.append(f"| {data.label('dimension', key, lang)} | {_join(lang, members)} |")
    return unsearched("\n".join(rows))


def glossary_table(data: Data, lang: str, kb: KnowledgeBase | None = None) -> str:
    other = "en" if lang == "zh" else "zh"
    ui = data.labels["ui"]
    rows = [f"| {ui['term'][lang]} | {ui['translation'][lang]} | {ui['definition'][lang]} |", "| --- | --- | --- |"]
    words = data.labels["translation"]
    # Filled and shown by assets/javascripts/glossary-filter.js; without JavaScript it stays hidden and empty.
    filter_box = (
        f'<div class="glossary-filter" hidden data-label="{html.escape(words["filter-label"][lang], quote=True)}"'
        f' data-count="{html.escape(words["filter-count"][lang], quote=True)}"></div>\n\n'
    )
    for term in data.glossary:
        name = term[lang] + (f" ({term['abbr']})" if term.get("abbr") and term["abbr"] not in term[lang] else "")
        anchor = f'<span id="{term["id"]}"></span>'
        rows.append(f"| {anchor}**{_cell(name)}** | {_cell(term[other])} | {_cell(term['definition'][lang])} |")
    return filter_box + "\n".join(rows) + "\n"


def translation_pages(data: Data, lang: str, kb: KnowledgeBase | None = None) -> str:
    assert kb is not None, "the status page needs the knowledge base"
    return translation.pages_table(data, lang, kb)


def translation_sections(data: Data, lang: str, kb: KnowledgeBase | None = None) -> str:
    assert kb is not None, "the status page needs the knowledge base"
    return translation.sections_table(data, lang, kb)


def model_cards(data: Data, lang: str, kb: KnowledgeBase | None = None, prefix: str = "models/") -> str:
    return _cards(data, lang, kb, data.models, prefix)


def model_cards_by_dimension(data: Data, lang: str, kb: KnowledgeBase | None = None) -> str:
    """The models index: one H3 per dimension, its models as cards (links relative to models/)."""
    blocks = []
    for key, words in data.labels["dimension"].items():
        members = [m for m in data.models if m["dimension"] == key]
        if members:
            cards = _cards(data, lang, kb, members, "", show_dimension=False)
            blocks.append(f"### {words[lang]} {{#dimension-{key}}}\n\n" + cards)
    return "\n".join(blocks)


def _cards(
    data: Data,
    lang: str,
    kb: KnowledgeBase | None,
    models: list[dict[str, Any]],
    prefix: str,
    show_dimension: bool = True,
) -> str:
    lines = [f'<div class="grid cards" {SEARCH_EXCLUDE} markdown>', ""]
    for model in models:
        page: Page | None = kb.pages[lang].get(f"models/{model['id']}.md") if kb else None
        description = page.front_matter.get("description", "") if page else ""
        dimension = data.label("dimension", model["dimension"], lang)
        lines += [
            f"-   **[{model['name'][lang]}]({prefix}{model['id']}.md)**",
            "",
            "    ---",
            "",
            f"    {description}",
            "",
        ]
        if show_dimension:
            lines += [f"    *{dimension}*", ""]
    lines.append("</div>")
    return "\n".join(lines) + "\n"


DOWNLOADS = (
    ("download-pdf-zh", "downloads/ecommerce-models-zh.pdf"),
    ("download-pdf-en", "downloads/ecommerce-models-en.pdf"),
    ("download-offline", "downloads/ecommerce-models-offline.zip"),
)


def download_links(data: Data, lang: str, kb: KnowledgeBase | None = None) -> str:
    """Links to the PDFs and the offline zip, which `make pdf` and `make offline` write into
    site/downloads/ after the build (raw HTML, so the build does not look for them in docs/)."""
    up = "" if lang == "zh" else "../"
    items = [f'<li><a href="{up}{path}" download>{data.labels["ui"][key][lang]}</a></li>' for key, path in DOWNLOADS]
    return '<ul class="downloads">' + "".join(items) + "</ul>\n"


def abbreviations(data: Data, lang: str) -> str:
    """Abbreviation definitions, so every page shows a tooltip on GMV, SKU and the like."""
    lines = []
    for term in data.glossary:
        if term.get("abbr"):
            text = f"{term[lang]}: {term['definition'][lang]}".replace("\n", " ")
            lines.append(f"*[{term['abbr']}]: {text}")
    return "\n".join(lines)


def _join(lang: str, items: list[str]) -> str:
    return ("、" if lang == "zh" else ", ").join(items)
