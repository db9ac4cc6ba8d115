"""MkDocs hook: a 404 page in each language.

mkdocs-static-i18n builds the languages one after the other into the same site_dir, so the
last build's 404.html would replace the others. Each build's page is kept: the default
language's at /404.html, any other at /<lang>/404.html.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

_pages: dict[str, bytes] = {}


def on_post_build(config: Any) -> None:
    site_dir = Path(config["site_dir"])
    page = site_dir / "404.html"
    language = config.theme["language"]
    i18n = config.plugins.get("i18n")
    default = next((lang.locale for lang in i18n.config.languages if lang.default), language) if i18n else language
    if not page.exists():
        return
    _pages[language] = page.read_bytes()
    if language != default:
        target = site_dir / language / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(_pages[language])
    if default in _pages:
        page.write_bytes(_pages[default])
