"""MkDocs hook: render data/*.yml into both languages at build time.

Thin on purpose: loading lives in scripts/kb.py and the Markdown in
scripts/render.py. A generated block goes right under the H2 whose anchor
render.MODEL_BLOCKS / render.PAGE_BLOCKS name, so the page keeps its prose and
the data keeps its facts.

It also writes what comes from citations (scripts/citations.py): the "last reviewed" line
under the H1, the generated References list (under `{#references}`, or appended to a page
that cites sources but has no such section), and, once the page is HTML, the numbered
superscript links that replace the `[@id]` markers. The H2s of search_terms.UNSEARCHED_SECTIONS
(the References, the chooser form) get their search exclusion here too, from the same parse.
"""

from __future__ import annotations

import html
import json
import shutil
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

from mkdocs.utils import get_relative_url

import chooser
import citations
import diagrams
import kb
import render
import search_terms

DIAGRAM_DIR = "assets/diagrams"
CHOOSER_SCRIPT = "assets/javascripts/chooser.js"
COMPARE_SCRIPT = "assets/javascripts/compare.js"
GLOSSARY_SCRIPT = "assets/javascripts/glossary-filter.js"
# Written after the build from the model pages as built; loaded by compare.js only when the
# reader opens the side-by-side view.
SECTIONS_SCRIPT = "assets/javascripts/compare-sections.{lang}.js"
_state: dict[str, Any] = {}


def on_config(config: Any) -> Any:
    root = Path(config["config_file_path"]).resolve().parent
    knowledge_base = kb.load_once(root)
    if knowledge_base.data is None:
        finding = knowledge_base.load_findings[-1]
        raise SystemExit(f"{finding.path}:{finding.line}: {finding.code} {finding.message}")
    try:
        # data/choose.yml is not one of kb.load's inputs: read it on every call (it is small).
        _state["choose"] = chooser.load(root)
    except kb.PageError as error:
        finding = error.finding
        raise SystemExit(f"{finding.path}:{finding.line}: {finding.code} {finding.message}") from None
    # mkdocs-static-i18n runs one build per language, each calling on_config: keep what the
    # earlier builds collected.
    _state.setdefault("sections", {lang: {} for lang in kb.LANGUAGES})
    if _state.get("kb") is not knowledge_base:  # not again for the next language's build
        _state["kb"] = knowledge_base
        _state["diagrams"] = diagrams.sources(knowledge_base)
        try:
            diagrams.render_missing(_state["diagrams"])
        except diagrams.DiagramError as error:
            raise SystemExit(f"error: {error}") from None
    return config


def _figure(fence: kb.Fence, lang: str, depth: int) -> str:
    """The pre-rendered SVG that replaces a Mermaid fence."""
    key = diagrams.digest(fence.content)
    alt = html.escape(diagrams.alt_text(fence.content, lang), quote=True)
    src = "../" * depth + f"{DIAGRAM_DIR}/{key}.svg"
    width, height = diagrams.size(key)
    return (
        f'<figure class="diagram" markdown="0"><img src="{src}" alt="{alt}" width="{width}" height="{height}"'
        ' loading="lazy"></figure>'
    )


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    knowledge_base: kb.KnowledgeBase = _state["kb"]
    data = knowledge_base.data
    assert data is not None
    lang, _, rel = page.file.src_uri.partition("/")
    if lang not in kb.LANGUAGES:
        return markdown
    blocks: dict[str, str] = {}
    model_id = Path(rel).stem if rel.startswith(kb.MODELS_DIR + "/") and rel != kb.MODELS_INDEX else None
    if model_id in data.models_by_id:
        blocks |= {a: getattr(render, n)(data, lang, model_id) for a, n in render.MODEL_BLOCKS.items()}
    blocks |= {a: getattr(render, n)(data, lang, knowledge_base) for a, n in render.PAGE_BLOCKS.get(rel, {}).items()}
    for anchor, block in _interactive_blocks(rel, lang, page, files, data).items():
        blocks[anchor] = block + "\n" + blocks.get(anchor, "")  # controls above the matrix
    source_page = knowledge_base.pages[lang].get(rel)
    cited = citations.cited_sources(knowledge_base, source_page) if source_page else []
    references = ""
    if cited:
        references = citations.references_list(data, lang, cited, citations.numbering(knowledge_base, rel))
    headings, fences = kb.page_block_structure(source_page, markdown)
    # Marking a heading changes no line count, so the edits below keep their lines.
    markdown = search_terms.unsearched_sections(markdown, headings)
    has_references = any(h.level == 2 and h.anchor == citations.REFERENCES_ANCHOR for h in headings)
    if has_references:
        blocks[citations.REFERENCES_ANCHOR] = references
    # (first line, last line exclusive, replacement lines), applied from the bottom up.
    edits = [(h.line, h.line, ["", blocks[h.anchor]]) for h in headings if h.level == 2 and h.anchor in blocks]
    title = next((h for h in headings if h.level == 1), None)
    reviewed = source_page.front_matter.get("reviewed") if source_page else None
    if title is not None and isinstance(reviewed, str):
        line = f'<p class="page-reviewed">{citations.reviewed_line(data, lang, reviewed)}</p>'
        edits.append((title.line, title.line, ["", line]))
    depth = page.url.count("/")
    edits += [(f.start, f.end, [_figure(f, lang, depth)]) for f in fences if f.info == "mermaid"]
    lines = markdown.split("\n")
    for start, end, replacement in sorted(edits, key=lambda edit: edit[0], reverse=True):
        lines[start:end] = replacement
    if references and not has_references:
        lines += ["", search_terms.unsearched_heading(citations.references_heading(data, lang)), "", references]
    return "\n".join(lines) + "\n\n" + render.abbreviations(data, lang) + "\n"


def on_page_content(html_content: str, page: Any, config: Any, files: Any) -> str:
    """Swap each `[@id]` marker for its numbered link to the References list."""
    knowledge_base: kb.KnowledgeBase = _state["kb"]
    assert knowledge_base.data is not None
    lang, _, rel = page.file.src_uri.partition("/")
    if lang not in kb.LANGUAGES:
        return html_content
    numbers = citations.numbering(knowledge_base, rel)
    return citations.link_markers(html_content, numbers, set(knowledge_base.data.sources_by_id), page.file.src_uri)


def _interactive_blocks(rel: str, lang: str, page: Any, files: Any, data: kb.Data) -> dict[str, str]:
    """The chooser under choose.md's #chooser, the comparison's controls under #matrix and the
    glossary filter's script under #terms: each page loads only its own script."""

    def url(target: str) -> str:
        return get_relative_url(target, page.url)

    if rel == "glossary.md":  # the filter box's script, on this page only
        return {"terms": f'<script src="{html.escape(url(GLOSSARY_SCRIPT), quote=True)}" defer></script>'}
    choose = _state["choose"]
    if choose is None or rel not in {"choose.md", "compare.md"}:
        return {}

    if rel == "choose.md":
        links = {m: url(files.get_file_from_path(f"{lang}/models/{m}.md").url) for m in data.model_ids}
        return {"chooser": chooser.chooser_block(choose, data, lang, links, url(CHOOSER_SCRIPT))}
    sections = url(SECTIONS_SCRIPT.format(lang=lang))
    return {"matrix": chooser.compare_block(choose, data, lang, url(COMPARE_SCRIPT), sections)}


def on_post_page(output: str, page: Any, config: Any) -> str:
    """Keep the side-by-side sections of each model page, as built, for the compare page."""
    lang, _, rel = page.file.src_uri.partition("/")
    model_id = Path(rel).stem
    if lang in kb.LANGUAGES and rel.startswith(kb.MODELS_DIR + "/") and model_id in _state["kb"].data.models_by_id:
        _state["sections"][lang][model_id] = chooser.side_by_side_sections(output)
    return output


def on_post_build(config: Any) -> None:
    if _state.get("choose") is not None:
        for lang, sections in _state["sections"].items():
            if not sections:
                continue  # that language's build has not run yet
            target = Path(config["site_dir"]) / SECTIONS_SCRIPT.format(lang=lang)
            target.parent.mkdir(parents=True, exist_ok=True)
            encoded = json.dumps(sections, ensure_ascii=False, separators=(",", ":"))
            target.write_text(f"window.compareSections={encoded};\n", encoding="utf-8")
    target = Path(config["site_dir"]) / DIAGRAM_DIR
    target.mkdir(parents=True, exist_ok=True)
    for key in _state["diagrams"]:
        shutil.copyfile(diagrams.svg_path(key), target / f"{key}.svg")
