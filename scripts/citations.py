"""Citations: number a page's sources, render `[@id]` markers and the References list.

Prose cites a source of data/sources.yml with the same marker in both languages, `[@id]`
(several: `[@id-a; @id-b]`). The build turns each marker into a numbered superscript link
to the page's References list, which is generated from the citations. A number means the
same source in both languages: sources are numbered by their first citation on the
default-language (zh) page, and the other language reuses those numbers.

The platform table a model page shows under `## ... {#platforms}` cites the sources of its
launch years and statuses, so they count as citations at that heading.
"""

from __future__ import annotations

import html
import logging
import re
from typing import Any

from html_scan import COMMENT_OR_TAG, RAW_TEXT_END
from kb import CITATION_MARKER, DEFAULT_LANGUAGE, LANGUAGES, Data, KnowledgeBase, Page, marker_ids

REFERENCES_ANCHOR = "references"
PLATFORMS_ANCHOR = "platforms"
# Markers inside these elements are shown as written: code samples and existing links.
_LITERAL = {"code", "pre", "kbd", "script", "style", "a"}
log = logging.getLogger("mkdocs.hooks.citations")


def cited_sources(kb: KnowledgeBase, page: Page) -> list[str]:
    """The source ids a page cites, in reading order, each once; a model page's platform table
    counts as cited right under its platforms heading."""
    assert kb.data is not None
    ordered = [(c.line, c.source) for c in page.citations]
    heading = next((h for h in page.sections if h.anchor == PLATFORMS_ANCHOR), None)
    if page.model_id in kb.data.models_by_id and heading is not None:
        table = [s for p in kb.data.model_platforms(page.model_id) for s in kb.data.platform_sources(p)]
        # Python's sort is stable: the table's sources keep their order, at the heading's line.
        ordered += [(heading.line, source) for source in table]
    ordered.sort(key=lambda item: item[0])
    return list(dict.fromkeys(source for _, source in ordered))


def numbering(kb: KnowledgeBase, rel: str) -> dict[str, int]:
    """Source id -> number for a page pair: by first citation on the default-language page,
    then any source only the other language cites (the checker reports that as E601)."""
    order: list[str] = []
    for lang in (DEFAULT_LANGUAGE, *[other for other in LANGUAGES if other != DEFAULT_LANGUAGE]):
        page = kb.pages[lang].get(rel)
        if page is not None:
            order += cited_sources(kb, page)
    return {source: number for number, source in enumerate(dict.fromkeys(order), start=1)}


def _superscripts(ids: list[str], numbers: dict[str, int], where: str) -> str:
    parts = []
    for source in ids:
        if source not in numbers:
            log.warning("%s: citation [@%s] names no source this page cites", where, source)
            continue
        parts.append(f'<sup class="cite"><a href="#ref-{html.escape(source)}">[{numbers[source]}]</a></sup>')
    return "".join(parts)


# One pass over the HTML: comments, tags and markers (scripts/html_scan.py).
_SCAN = re.compile(rf"{COMMENT_OR_TAG}|(?P<marker>{CITATION_MARKER.pattern})", re.S)


def link_markers(content: str, numbers: dict[str, int], known: set[str], where: str) -> str:
    """Rendered page HTML with every citation marker outside code, links, scripts and comments
    replaced by its numbered superscript links; the rest of the page stays byte for byte. An
    unknown id is logged (a warning fails `mkdocs build --strict`) and its marker left as written."""
    if "[@" not in content:
        return content
    parts: list[str] = []
    literal, done, position = 0, 0, 0
    while (match := _SCAN.search(content, position)) is not None:
        position = match.end()
        marker, tag = match.group("marker"), (match.group("tag") or "").lower()
        if marker is not None:
            if not literal:
                parts += [content[done : match.start()], _replacement(marker, numbers, known, where)]
                done = position
        elif tag in RAW_TEXT_END and not match.group("close"):
            closing = RAW_TEXT_END[tag].search(content, position)
            position = len(content) if closing is None else closing.start()
        elif tag in _LITERAL:
            literal = max(0, literal - 1) if match.group("close") else literal + 1
    return "".join(parts) + content[done:] if parts else content


def _replacement(marker: str, numbers: dict[str, int], known: set[str], where: str) -> str:
    ids = marker_ids(marker)
    unknown = [source for source in ids if source not in known]
    if unknown:
        log.warning("%s: unknown source id(s) %s in %s", where, ", ".join(unknown), marker)
        return marker
    return _superscripts(ids, numbers, where)


def _escape(value: str) -> str:
    return html.escape(value, quote=True)


def _title(source: dict[str, Any], lang: str) -> str:
    title = _escape(source["title"])
    # A title in another language says which (screen readers switch voice, browsers pick fonts).
    marked = "" if source["lang"] == lang else f' lang="{_escape(source["lang"])}"'
    # A Chinese title in Chinese text takes book-title marks; English text italicises titles.
    if lang != "zh":
        shown = f"<cite{marked}>{title}</cite>"
    elif source["lang"] == "zh":
        shown = f"《{title}》"
    else:
        shown = f"<span{marked}>{title}</span>"
    translated = source.get("translated", {}).get(lang)
    if source["lang"] != lang and translated:
        shown += f"（{_escape(translated)}）" if lang == "zh" else f" ({_escape(translated)})"
    return shown


def reference_entry(data: Data, source: dict[str, Any], lang: str) -> str:
    """One source in the page's language: publisher, title (and its translation), kind, dates,
    the URL as a link, and when it was checked."""
    ui = data.labels["ui"]
    comma, stop = ("，", "。") if lang == "zh" else (", ", ".")
    details = [data.label("source-kind", source["kind"], lang)]
    if source["kind"] == "law":
        details.append(ui["source-adopted"][lang].format(date=source["adopted"]))
    else:
        details.append(source["date"])
    if source.get("in_force"):
        details.append(ui["source-in-force"][lang].format(date=source["in_force"]))
    if source.get("url"):
        url = _escape(source["url"])
        details.append(f'<a href="{url}">{url}</a>')
    checked = ui["source-checked"][lang].format(date=source["checked"])
    publisher = _escape(source["publisher"][lang])
    head = f"{publisher}：{_title(source, lang)}" if lang == "zh" else f"{publisher}, {_title(source, lang)}"
    separator = "；" if lang == "zh" else "; "
    space = "" if lang == "zh" else " "
    return f"{head}{stop}{space}{comma.join(details)}{separator}{checked}{stop}"


def references_list(data: Data, lang: str, ids: list[str], numbers: dict[str, int]) -> str:
    """The References list as one HTML block: numbered as in the text, each item `ref-<id>`."""
    items = []
    for source in sorted((s for s in ids if s in data.sources_by_id and s in numbers), key=numbers.__getitem__):
        entry = reference_entry(data, data.sources_by_id[source], lang)
        items.append(f'<li id="ref-{_escape(source)}" value="{numbers[source]}">{entry}</li>')
    return f'<ol class="references">{"".join(items)}</ol>\n' if items else ""


def references_heading(data: Data, lang: str) -> str:
    return f"## {data.labels['ui']['references'][lang]} {{#{REFERENCES_ANCHOR}}}"


def reviewed_line(data: Data, lang: str, reviewed: str) -> str:
    """The "last reviewed" line (内容核对于 2026 年 11 月 / Last reviewed November 2026) of a YYYY-MM-DD date."""
    year, month = reviewed[:4], reviewed[5:7]
    return data.labels["ui"]["reviewed"][lang].format(year=year, month=data.label("months", month, lang))
