"""The chooser (choose.md) and the interactive comparison (compare.md), rendered from data.

data/choose.yml holds the questions, their options and how strongly each option points to or
away from each model, with a reason in both languages. From it the build renders, per language:

- the form (fieldsets, legends, labelled inputs) and an empty results panel, plus the data the
  page script docs/assets/javascripts/chooser.js scores with (`chooser_block`);
- the static decision table question -> option -> models that the PDF shows instead of the form
  (`decision_table`);
- the controls' data for the comparison matrix, read by docs/assets/javascripts/compare.js
  (`compare_block`).

The scoring is defined once here (`rank`, `combination`) and mirrored by the page script; the
browser tests check that both give the same ranking.
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import lxml.html

import kb
from deferred_sections import WRAPPER_CLASS

CHOOSE_FILE = "data/choose.yml"
SCHEMA_FILE = "schema/choose.schema.json"
BASE_DIMENSION = "parties"  # the "who trades with whom" dimension gives the base model
ADD_ON_THRESHOLD = 3  # a model from another dimension joins the combination from this score
# Sections of a model page shown side by side on the compare page, in this order.
SIDE_BY_SIDE_SECTIONS = ("definition", "revenue-model", "when-to-use")
# What a side-by-side section leaves out: heading permalinks, note markers, figures, scripts.
_DROPPED = ".//a[contains(concat(' ', normalize-space(@class), ' '), ' headerlink ')] | .//sup | .//figure | .//img | .//script"

Answers = Mapping[str, list[str]]


def load(root: Path = kb.ROOT) -> dict[str, Any] | None:
    """The decision data, or None when the knowledge base has no chooser. Invalid YAML raises
    kb.PageError with its line."""
    path = root / CHOOSE_FILE
    if not path.exists():
        return None
    return kb.load_yaml(path)


def schema() -> dict[str, Any]:
    return kb.load_json(kb.ROOT / SCHEMA_FILE)


# --- scoring (mirrored by chooser.js) ---------------------------------------------------------


def scores(choose: dict[str, Any], model_ids: list[str], answers: Answers) -> dict[str, int]:
    totals = dict.fromkeys(model_ids, 0)
    for question in choose["questions"]:
        chosen = set(answers.get(question["id"], []))
        for option in question["options"]:
            if option["id"] in chosen:
                for model_id, point in option["points"].items():
                    totals[model_id] = totals.get(model_id, 0) + point["weight"]
    return totals


def rank(choose: dict[str, Any], model_ids: list[str], answers: Answers) -> list[str]:
    """Models from best to worst; ties keep the order of data/models.yml."""
    totals = scores(choose, model_ids, answers)
    return sorted(model_ids, key=lambda m: (-totals[m], model_ids.index(m)))


def combination(choose: dict[str, Any], data: kb.Data, answers: Answers) -> tuple[str | None, list[str]]:
    """One base model from the "who trades with whom" dimension, then per other dimension its
    best model when that scores at least ADD_ON_THRESHOLD."""
    totals = scores(choose, data.model_ids, answers)
    ranked = rank(choose, data.model_ids, answers)
    base = next((m for m in ranked if data.models_by_id[m]["dimension"] == BASE_DIMENSION and totals[m] > 0), None)
    add_ons, seen = [], {BASE_DIMENSION}
    for model_id in ranked:
        dimension = data.models_by_id[model_id]["dimension"]
        if dimension not in seen and totals[model_id] >= ADD_ON_THRESHOLD:
            add_ons.append(model_id)
        seen.add(dimension)
    return base, add_ons


# --- rendering ---------------------------------------------------------------------------------


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _json_script(element_id: str, value: Any) -> str:
    # "</" would end the script element early.
    encoded = json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f'<script type="application/json" id="{element_id}">{encoded}</script>'


def chooser_block(choose: dict[str, Any], data: kb.Data, lang: str, links: dict[str, str], script: str) -> str:
    """The form, the results panel and the page script's data, as one raw HTML block.

    `links` maps each model id to its page's URL relative to this page; `script` is the page
    script's URL. The fieldsets start disabled and the note says JavaScript is needed: the
    script enables the form and removes the note."""
    ui = {key: words[lang] for key, words in choose["ui"].items()}
    parts = [
        f'<div class="chooser" id="chooser-app" lang="{lang}">',
        # Before the form is painted: with JavaScript, hide the note and show the results panel
        # at once, so nothing moves when the deferred script starts (no layout shift).
        '<script>document.documentElement.classList.add("chooser-js")</script>',
        f'<p class="chooser-nojs admonition note">{_e(ui["needs-js"])}</p>',
        '<form class="chooser-form" id="chooser-form">',
    ]
    for question in choose["questions"]:
        kind = "checkbox" if question.get("multiple") else "radio"
        parts.append(f'<fieldset disabled data-question="{question["id"]}">')
        parts.append(f"<legend>{_e(question['legend'][lang])}</legend>")
        for option in question["options"]:
            parts.append(
                f'<label><input type="{kind}" name="{question["id"]}" value="{option["id"]}"> '
                f"{_e(option['text'][lang])}</label>"
            )
        parts.append("</fieldset>")
    parts += [
        f'<button type="reset" class="md-button" disabled>{_e(ui["reset"])}</button>',
        "</form>",
        '<section class="chooser-results" aria-labelledby="chooser-results-title" hidden>',
        f'<h3 id="chooser-results-title">{_e(ui["results"])}</h3>',
        f'<div id="chooser-output" aria-live="polite"><p>{_e(ui["empty"])}</p></div>',
        "</section>",
        _json_script("chooser-data", payload(choose, data, lang, links)),
        f'<script src="{_e(script)}" defer></script>',
        "</div>",
    ]
    return "\n".join(parts) + "\n"


def payload(choose: dict[str, Any], data: kb.Data, lang: str, links: dict[str, str]) -> dict[str, Any]:
    """What the page script needs, in one language only."""
    return {
        "base": BASE_DIMENSION,
        "threshold": ADD_ON_THRESHOLD,
        "models": [
            {
                "id": m["id"],
                "name": m["name"][lang],
                "dimension": m["dimension"],
                "href": links[m["id"]] + "#when-to-use",
            }
            for m in data.models
        ],
        "dimensions": {key: words[lang] for key, words in data.labels["dimension"].items()},
        "questions": [
            {
                "id": q["id"],
                "options": [
                    {
                        "id": o["id"],
                        "text": o["text"][lang],
                        "points": [[model_id, p["weight"], p[lang]] for model_id, p in o["points"].items()],
                    }
                    for o in q["options"]
                ],
            }
            for q in choose["questions"]
        ],
        "ui": {key: words[lang] for key, words in choose["ui"].items()},
    }


def decision_table(choose: dict[str, Any], data: kb.Data, lang: str) -> str:
    """question -> option -> models, as an HTML table: what the PDF shows instead of the form."""
    ui = {key: words[lang] for key, words in choose["ui"].items()}
    separator = "、" if lang == "zh" else ", "

    def models(points: dict[str, Any], sign: int) -> str:
        chosen = sorted(
            ((m, p["weight"]) for m, p in points.items() if p["weight"] * sign > 0),
            key=lambda item: (-abs(item[1]), data.model_ids.index(item[0])),
        )
        return separator.join(f"{_e(data.models_by_id[m]['name'][lang])} ({w:+d})" for m, w in chosen)

    rows = []
    for question in choose["questions"]:
        for index, option in enumerate(question["options"]):
            legend = _e(question["legend"][lang]) if index == 0 else ""
            rows.append(
                f"<tr><td>{legend}</td><td>{_e(option['text'][lang])}</td>"
                f"<td>{models(option['points'], 1)}</td><td>{models(option['points'], -1)}</td></tr>"
            )
    head = "".join(f"<th>{_e(ui[key])}</th>" for key in ("question", "option", "points-to", "points-away"))
    return (
        f'<table class="decision-table"><caption>{_e(ui["table-caption"])}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def compare_block(choose: dict[str, Any], data: kb.Data, lang: str, script: str, sections: str) -> str:
    """The data compare.js needs to filter, sort and put models side by side. The matrix
    itself stays the plain table rendered by render.comparison_matrix."""
    labels = data.labels
    filters = {
        "dimension": {k: labels["dimension"][k][lang] for k in labels["dimension"]},
        "capital": {k: labels["level"][k][lang] for k in labels["level"]},
        "logistics": {k: labels["level"][k][lang] for k in labels["level"]},
        "revenue": {k: labels["revenue"][k][lang] for k in labels["revenue"]},
        "categories": {k: labels["categories"][k][lang] for k in labels["categories"]},
    }
    used = {
        "dimension": {m["dimension"] for m in data.models},
        "capital": {m["matrix"]["capital"] for m in data.models},
        "logistics": {m["matrix"]["logistics"] for m in data.models},
        "revenue": {r for m in data.models for r in m["matrix"]["revenue"]},
        "categories": {c for m in data.models for c in m["matrix"]["categories"]},
    }
    value = {
        "filters": {
            name: {
                "label": labels["ui"][name][lang],
                "options": [[k, text] for k, text in options.items() if k in used[name]],
            }
            for name, options in filters.items()
        },
        "levels": list(labels["level"]),
        "rows": [
            {
                "id": m["id"],
                "name": m["name"][lang],
                "dimension": m["dimension"],
                "capital": m["matrix"]["capital"],
                "logistics": m["matrix"]["logistics"],
                "revenue": m["matrix"]["revenue"],
                "categories": m["matrix"]["categories"],
            }
            for m in data.models
        ],
        "sections": [[s["anchor"], s[lang]] for s in data.sections if s["anchor"] in SIDE_BY_SIDE_SECTIONS],
        "sectionsScript": sections,
        "ui": {key: words[lang] for key, words in choose["ui"].items()},
    }
    # The options live in the page's selects; compare.js needs only the labels, to find the
    # level columns it sorts low-medium-high.
    labels_only = {name: {"label": spec["label"]} for name, spec in value["filters"].items()}
    return (
        compare_tools(value)
        + "\n"
        + _json_script("compare-data", value | {"filters": labels_only})
        + f'\n<script src="{_e(script)}" defer></script>\n'
    )


def compare_tools(value: dict[str, Any]) -> str:
    """The filters and the side-by-side picker, written into the page rather than built by
    compare.js: controls inserted after load laid the matrix out again (bench/README.md).
    Without JavaScript, and on paper, extra.css hides them (`.no-js`, `@media print`); the
    search index leaves them out."""
    ui = value["ui"]
    rows = value["rows"]
    parts = [
        '<div class="compare-tools" id="compare-tools" data-search-exclude>',
        f'<fieldset class="compare-filters"><legend>{_e(ui["filter"])}</legend>',
    ]
    for name, spec in value["filters"].items():
        options = "".join(f'<option value="{_e(key)}">{_e(text)}</option>' for key, text in spec["options"])
        parts.append(
            f'<label>{_e(spec["label"])} <select data-filter="{_e(name)}">'
            f'<option value="">{_e(ui["all"])}</option>{options}</select></label>'
        )
    parts += [
        f'<p role="status" class="compare-count">{_e(ui["shown"])} {len(rows)} / {len(rows)}</p>',
        "</fieldset>",
        f'<fieldset class="compare-pick"><legend>{_e(ui["pick"])}</legend>',
        *(f'<label><input type="checkbox" value="{_e(row["id"])}"> {_e(row["name"])}</label>' for row in rows),
        '<p role="status" class="compare-hint"></p>',
        "</fieldset>",
        '<div class="compare-side" aria-live="polite"></div>',
        "</div>",
    ]
    return "\n".join(parts)


def side_by_side_sections(output: str) -> dict[str, str]:
    """The HTML of each side-by-side section, without links, anchors, note markers or figures:
    on the compare page they would point to the wrong place."""
    found: dict[str, str] = {}
    start, end = output.find("<article"), output.rfind("</article>")
    if start < 0 or end < start:
        return found
    article = output[start:end]
    for anchor in SIDE_BY_SIDE_SECTIONS:
        # Parse only the section itself, with lxml: BeautifulSoup over each whole page was the
        # build's largest cost (10 s of 30 s at 100 models), and over the sections still 1.3 s
        # (bench/README.md).
        begin = article.find(f'<h2 id="{anchor}"')
        if begin < 0:
            continue
        stop = article.find("<h2", begin + 3)
        fragment = lxml.html.fragment_fromstring(
            article[begin : stop if stop >= 0 else len(article)], create_parent="div"
        )
        heading = next(iter(fragment.xpath("h2[@id=$anchor]", anchor=anchor)), None)
        if heading is None:
            continue
        # The model page's boxes that are laid out only near the screen: in a column of the
        # side-by-side view they would hide their text until scrolled to (deferred_sections.py).
        for box in fragment.xpath("div[@class=$name]", name=WRAPPER_CLASS):
            box.drop_tag()
        parts = []
        for sibling in heading.itersiblings():
            if not isinstance(sibling.tag, str):
                continue  # a comment
            if sibling.tag == "h2":
                break
            for tag in sibling.xpath(_DROPPED):
                tag.drop_tree()
            for tag in sibling.iter():
                tag.attrib.pop("id", None)  # ids would clash with the compare page's own
                if tag.tag in {"h3", "h4", "h5", "h6"}:
                    tag.tag = "h5"  # below the side-by-side view's own h3 (model) and h4 (section)
            for inline in sibling.xpath(".//a | .//abbr"):
                inline.drop_tag()
            if sibling.tag not in {"figure", "script"}:
                parts.append(lxml.html.tostring(sibling, encoding="unicode", with_tail=False))
        found[anchor] = "".join(parts)
    return found
