"""MkDocs hook: render data/*.yml into both languages at build time.

Thin on purpose: loading lives in scripts/kb.py and the Markdown in
scripts/render.py. A generated block goes right under the H2 whose anchor
render.MODEL_BLOCKS / render.PAGE_BLOCKS name, so the page keeps its prose and
the data keeps its facts.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

import kb
import render

_state: dict[str, Any] = {}


def on_config(config: Any) -> Any:
    root = Path(config["config_file_path"]).resolve().parent
    knowledge_base = kb.load(root)
    if knowledge_base.data is None:
        finding = knowledge_base.load_findings[-1]
        raise SystemExit(f"{finding.path}:{finding.line}: {finding.code} {finding.message}")
    _state["kb"] = knowledge_base
    return config


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
    return markdown + "\n\n" + render.abbreviations(data, lang) + "\n"
