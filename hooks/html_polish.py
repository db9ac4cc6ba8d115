"""MkDocs hook: small fixes to Material's HTML that Lighthouse flags, applied per page.

- mkdocs-static-i18n points the head's <link rel="alternate" hreflang> at the same page in
  the other language, but Material's script treats each of those links as a language root
  and requests <page>/sitemap.xml, a 404 on every page load. The pairs stay declared in
  sitemap.xml (hooks/sitemap_i18n.py) and in the header's language switcher.
- Material's search panel is a role="dialog" without an accessible name.
"""

from __future__ import annotations

import re
from typing import Any

_HEAD_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_SEARCH_LABEL = {"zh": "搜索", "en": "Search"}


def on_post_page(output: str, page: Any, config: Any) -> str:
    head, separator, body = output.partition("</head>")
    head = _HEAD_ALTERNATE.sub("", head)
    label = _SEARCH_LABEL.get(config.theme["language"], "Search")
    body = body.replace(_SEARCH_DIALOG, _SEARCH_DIALOG.replace('role="dialog"', f'role="dialog" aria-label="{label}"'))
    return head + separator + body
