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
    headings, fences = kb.block_structure(markdown)
    # (first line, last line exclusive, replacement lines), applied from the bottom up.
    edits = [(h.line, h.line, ["", blocks[h.anchor]]) for h in headings if h.level == 2 and h.anchor in blocks]
    depth = page.url.count("/")
    edits += [(f.start, f.end, [_figure(f, lang, depth)]) for f in fences if f.info == "mermaid"]
    lines = markdown.split("\n")
    for start, end, replacement in sorted(edits, key=lambda edit: edit[0], reverse=True):
        lines[start:end] = replacement
    return "\n".join(lines) + "\n\n" + render.abbreviations(data, lang) + "\n"


def on_post_build(config: Any) -> None:
    target = Path(config["site_dir"]) / DIAGRAM_DIR
    target.mkdir(parents=True, exist_ok=True)
    for key in _state["diagrams"]:
        shutil.copyfile(diagrams.svg_path(key), target / f"{key}.svg")
