"""MkDocs hook: search that works for Chinese and English readers.

1. Chinese is segmented at build time by jieba (Material's search plugin calls jieba.cut).
   We add every platform name and term from data/ to jieba's dictionary, so that
   快手电商 stays one word instead of 快 / 手电 / 商.
2. Pages that only list what other pages explain must not outrank the page that owns a name:
   front matter `search: boost` lowers them, generated lists carry `data-search-exclude`
   (scripts/render.py), and the sections in search_terms.UNSEARCHED_SECTIONS (the generated
   References, the chooser form) get the same mark on their heading (hooks/render_data.py,
   which parses the page anyway). A model page gets the names of its platforms (from
   data/models.yml) as Material's search tags, which outweigh any text: a query for a
   platform lands on the model pages that list it, whatever else mentions it.
3. mkdocs-static-i18n writes one index for both languages. After it has, we split it: the
   root index keeps the Chinese pages, and en/search/search_index.json gets the English
   pages with locations relative to /en/. overrides/main.html points English pages at
   their own index, so a reader only gets results in the language they are reading.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import jieba
from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

import kb
import search_terms

INDEX = "search/search_index.json"
WORKER_GLOB = "assets/javascripts/workers/search.*.min.js"
# Material segments a Chinese query against the index vocabulary, but its loop stops one
# character short (`o<t.length`), so a query that is exactly one indexed word (快手电商,
# 社区团购) is never matched whole and falls apart into single characters.
SEGMENT_LOOP = ("for(let o=s+1;o<t.length;o++)", "for(let o=s+1;o<=t.length;o++)")


_state: dict[str, Any] = {}


def on_config(config: Any) -> Any:
    data = kb.load_once(Path(config["config_file_path"]).resolve().parent).data
    if data is None:
        return config  # render_data.py reports the data error with its file and line
    if _state.get("data") is not data:  # once per build, not once per language
        for term in search_terms.chinese_terms(data):
            jieba.add_word(term)
    _state["data"] = data
    search = config.plugins.get("material/search") or config.plugins.get("search")
    _state["separator"] = search.config.separator if search is not None else r"[\s\-]+"
    return config


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    lang, _, rel = page.file.src_uri.partition("/")
    tags = search_terms.platform_tags(_state["data"], lang, rel, _state["separator"])
    if tags:
        page.meta["tags"] = tags
    return markdown


def split_index(site_dir: Path, inline_script: bool = False) -> dict[str, int]:
    """Write one index per language; returns the number of entries in each."""
    path = site_dir / INDEX
    index = json.loads(path.read_text(encoding="utf-8"))
    counts = {}
    for lang in kb.LANGUAGES:
        prefix = "" if lang == kb.DEFAULT_LANGUAGE else f"{lang}/"
        others = tuple(f"{o}/" for o in kb.LANGUAGES if o != kb.DEFAULT_LANGUAGE and o != lang)
        if prefix:
            docs = [
                {**d, "location": d["location"][len(prefix) :]}
                for d in index["docs"]
                if d["location"].startswith(prefix)
            ]
        else:
            docs = [
                d
                for d in index["docs"]
                if not d["location"].startswith(tuple(f"{o}/" for o in kb.LANGUAGES if o != lang))
            ]
        docs = [d for d in docs if not d["location"].startswith(others)]
        target = site_dir / prefix / INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        payload = json.dumps({**index, "docs": docs}, ensure_ascii=False, separators=(",", ":"))
        target.write_text(payload, encoding="utf-8")
        if inline_script:  # Material reads search_index.js when the site is opened from file://
            target.with_suffix(".js").write_text(f"var __index = {payload}", encoding="utf-8")
        counts[lang] = len(docs)
    return counts


@event_priority(-200)  # after mkdocs-static-i18n (-100) has merged the languages' entries
def on_post_build(config: Any) -> None:
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "building", False):
        return  # a nested per-language build; the merged index is not written yet
    site_dir = Path(config["site_dir"])
    if (site_dir / INDEX).exists():
        offline = config.plugins.get("material/offline") or config.plugins.get("offline")
        split_index(site_dir, inline_script=bool(offline and offline.config.enabled))
    patch_segmenter(site_dir)


def patch_segmenter(site_dir: Path) -> bool:
    """Apply the one-character fix to Material's search worker; True when it was applied."""
    old, new = SEGMENT_LOOP
    for worker in site_dir.glob(WORKER_GLOB):
        code = worker.read_text(encoding="utf-8")
        if old in code:
            worker.write_text(code.replace(old, new, 1), encoding="utf-8")
            return True
        if new in code:
            return True
    raise SystemExit(f"error: Material's search worker changed; update SEGMENT_LOOP in {__file__}")
