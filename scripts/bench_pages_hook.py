"""MkDocs hook for `make bench` only: write each page's Markdown as our hooks leave it.

The bench builds these pages again with plain Material (no hooks), so that "ours / plain" can
also be read for the same content: the tables, References, notices and abbreviations our hooks
add make every page longer, and Python-Markdown and the search plugin take longer over longer
pages whoever wrote them. The Markdown goes to $KB_BENCH_PAGES_DIR/<lang>/<path>.md with the
page's front matter; the `[@id]` markers stay as text (the build swaps them in the HTML).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
from mkdocs.plugins import event_priority


@event_priority(-1000)  # after every other hook has written the page
def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    target = Path(os.environ["KB_BENCH_PAGES_DIR"]) / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    front = yaml.safe_dump(dict(page.meta), allow_unicode=True, sort_keys=False) if page.meta else ""
    target.write_text(f"---\n{front}---\n\n{markdown}" if front else markdown, encoding="utf-8")
    return markdown
