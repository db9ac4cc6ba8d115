"""MkDocs hook: render data/*.yml into both languages at build time.

Thin on purpose: loading lives in scripts/kb.py and the Markdown in
scripts/render.py. A generated block goes right under the H2 whose anchor
render.MODEL_BLOCKS / render.PAGE_BLOCKS name, so the page keeps its prose and
the data keeps its facts.
"""

from __future__ import annotations

import html
import shutil
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

import diagrams
import kb
import render

DIAGRAM_DIR = "assets/diagrams"
_state: dict[str, Any] = {}


def on_config(config: Any) -> Any:
    root = Path(config["config_file_path"]).resolve().parent
    knowledge_base = kb.load(root)
    if knowledge_base.data is None:
        finding = knowledge_base.load_findings[-1]
        raise SystemExit(f"{finding.path}:{finding.line}: {finding.code} {finding.message}")
    _state["kb"] = knowledge_base
    _state["diagrams"] = diagrams.sources(knowledge_base)
    try:
        diagrams.render_missing(_state["diagrams"])
    except diagrams.DiagramError as error:
        raise SystemExit(f"error: {error}") from None
    return config


def _replace_diagrams(markdown: str, lang: str, depth: int) -> str:
    """Swap each Mermaid fence for the pre-rendered SVG."""
    tokens = kb.markdown_parser().parse(markdown)
    lines = markdown.split("\n")
    for token in reversed([t for t in tokens if t.type == "fence" and t.info.strip() == "mermaid"]):
        start, end = token.map or (0, 0)
        key = diagrams.digest(token.content)
        alt = html.escape(diagrams.alt_text(token.content, lang), quote=True)
        src = "../" * depth + f"{DIAGRAM_DIR}/{key}.svg"
        width, height = diagrams.size(key)
        figure = (
            f'<figure class="diagram" markdown="0"><img src="{src}" alt="{alt}" width="{width}" height="{height}"'
            ' loading="lazy"></figure>'
        )
        lines[start:end] = [figure]
    return "\n".join(lines)


def _insert_after_heading(markdown: str, anchor: str, block: str) -> str:
    for heading in kb.headings_of(markdown):
        if heading.level == 2 and heading.anchor == anchor:
            lines = markdown.split("\n")
            return "\n".join([*lines[: heading.line], "", block, *lines[heading.line :]])
    return markdown


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    knowledge_base: kb.KnowledgeBase = _state["kb"]
    data = knowledge_base.data
    assert data is not None
    lang, _, rel = page.file.src_uri.partition("/")
    if lang not in kb.LANGUAGES:
        return markdown
    model_id = Path(rel).stem if rel.startswith(kb.MODELS_DIR + "/") else None
    if model_id in data.models_by_id:
        for anchor, name in render.MODEL_BLOCKS.items():
            markdown = _insert_after_heading(markdown, anchor, getattr(render, name)(data, lang, model_id))
    for anchor, name in render.PAGE_BLOCKS.get(rel, {}).items():
        markdown = _insert_after_heading(markdown, anchor, getattr(render, name)(data, lang, knowledge_base))
    depth = page.url.count("/")
    markdown = _replace_diagrams(markdown, lang, depth)
    return markdown + "\n\n" + render.abbreviations(data, lang) + "\n"


def on_post_build(config: Any) -> None:
    target = Path(config["site_dir"]) / DIAGRAM_DIR
    target.mkdir(parents=True, exist_ok=True)
    for key in _state["diagrams"]:
        shutil.copyfile(diagrams.svg_path(key), target / f"{key}.svg")
