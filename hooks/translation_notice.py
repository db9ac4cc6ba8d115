"""MkDocs hook: tell readers when the page they read is behind the other language.

Thin on purpose: the state and the words live in scripts/translation.py (from
translations.lock.json, so it works in shallow clones). On a page whose translation is
behind, a note goes under the H1 (which sections, when, links to them in the other
language) and under each affected H2. It is plain HTML in the page, so the PDF and the
offline copy show it too.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

import kb
import translation

_state: dict[str, Any] = {}


def on_config(config: Any) -> Any:
    root = Path(config["config_file_path"]).resolve().parent
    knowledge_base = kb.load_once(root)
    _state["data"] = knowledge_base.data
    _state["pairs"] = {status.rel: status for status in translation.statuses(knowledge_base)}
    return config


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    lang, _, rel = page.file.src_uri.partition("/")
    status: translation.PairStatus | None = _state["pairs"].get(rel)
    data = _state["data"]
    if lang not in kb.LANGUAGES or status is None or data is None:
        return markdown
    behind = {s.anchor: s for s in status.outdated if s.behind == lang}
    if not behind:
        return markdown
    directory_urls = bool(config["use_directory_urls"])
    headings, _ = kb.block_structure(markdown)
    # (0-based line to insert after, html), applied from the bottom up so earlier lines keep their place.
    inserts = [
        (h.line, translation.section_notice(data, status, behind[h.anchor], lang, page.url, directory_urls))
        for h in headings
        if h.level == 2 and h.anchor in behind
    ]
    title = next((h.line for h in headings if h.level == 1), 0)
    inserts.append((title, translation.page_notice(data, status, lang, page.url, directory_urls)))
    lines = markdown.split("\n")
    for after, block in sorted(inserts, key=lambda insert: insert[0], reverse=True):
        lines[after:after] = ["", block, ""]
    return "\n".join(lines)
