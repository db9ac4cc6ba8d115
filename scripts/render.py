"""Render language-neutral data as Markdown in one language.

The MkDocs hook inserts these blocks into pages at build time, so a launch year or
a model's position in the matrix is written once, in data/, and both languages
show the same fact.
"""

from __future__ import annotations

from typing import Any

from kb import Data, KnowledgeBase, Page

# Which generated block goes under which H2 anchor, by page.
MODEL_BLOCKS = {"platforms": "platform_table"}
PAGE_BLOCKS = {
    "index.md": {"models": "model_cards", "downloads": "download_links"},
    "compare.md": {"matrix": "comparison_matrix", "by-dimension": "dimension_table"},
    "glossary.md": {"terms": "glossary_table"},
    "models/index.md": {"by-dimension": "model_cards_by_dimension"},
}


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def platform_table(data: Data, lang: str, model_id: str) -> str:
    ui = data.labels["ui"]
    model = data.models_by_id[model_id]
    seeds = set(model["seed_platforms"])
    rows = [
        f"| {ui['platform'][lang]} | {ui['market'][lang]} | {ui['launched'][lang]} | {ui['notable'][lang]} |",
        "| --- | --- | --- | --- |",
    ]
    for platform_id in data.model_platforms(model_id):
        platform = data.platforms[platform_id]
        name = f"[{platform['name'][lang]}]({platform['url']})"
        if platform_id in seeds:
            name = f"**{name}**"
        year = str(platform["launched"]) if platform["launched"] else ui["unknown-year"][lang]
        market = data.label("markets", platform["market"], lang)
        rows.append(f"| {name} | {market} | {year} | {_cell(platform['note'][lang])} |")
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
    return "\n".join(rows) + "\n"


def dimension_table(data: Data, lang: str, kb: KnowledgeBase | None = None) -> str:
    header = {"zh": "| 划分维度 | 模式 |", "en": "| Dimension | Models |"}[lang]
    rows = [header, "| --- | --- |"]
    for key in data.labels["dimension"]:
        members = [f"[{m['name'][lang]}](models/{m['id']}.md)" for m in data.models if m["dimension"] == key]
        if members:
            rows.append(f"| {data.label('dimension', key, lang)} | {_join(lang, members)} |")
    return "\n".join(rows) + "\n"


def glossary_table(data: Data, lang: str, kb: KnowledgeBase | None = None) -> str:
    other = "en" if lang == "zh" else "zh"
    ui = data.labels["ui"]
    rows = [f"| {ui['term'][lang]} | {ui['translation'][lang]} | {ui['definition'][lang]} |", "| --- | --- | --- |"]
    for term in data.glossary:
        name = term[lang] + (f" ({term['abbr']})" if term.get("abbr") and term["abbr"] not in term[lang] else "")
        anchor = f'<span id="{term["id"]}"></span>'
        rows.append(f"| {anchor}**{_cell(name)}** | {_cell(term[other])} | {_cell(term['definition'][lang])} |")
    return "\n".join(rows) + "\n"


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
    lines = ['<div class="grid cards" markdown>', ""]
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
