"""MkDocs hook: small fixes to Material's HTML that Lighthouse flags, applied per page.

- mkdocs-static-i18n points the head's <link rel="alternate" hreflang> at the same page in
  the other language, but Material's script treats each of those links as a language root
  and requests <page>/sitemap.xml, a 404 on every page load. The pairs stay declared in
  sitemap.xml (hooks/sitemap_i18n.py) and in the header's language switcher.
- Material's search panel is a role="dialog" without an accessible name.
- The abbr extension wraps every occurrence of GMV, SKU and the like in <abbr title>. A
  reader needs the explanation once per H2 section, so later occurrences in the same section
  become plain text: less HTML, and screen readers do not repeat the expansion.
"""

from __future__ import annotations

import re
from typing import Any

_HEAD_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_SEARCH_LABEL = {"zh": "搜索", "en": "Search"}
# Python-Markdown's abbr extension writes exactly this form; the text is never nested markup.
_ABBR = re.compile(r'<abbr title="[^"]*">([^<]*)</abbr>')
_SECTION_START = re.compile(r"(?=<h2[\s>])")


def first_abbreviations_only(html: str) -> str:
    """Keep the <abbr> tooltip on the first occurrence of each abbreviation per H2 section."""
    sections = []
    for section in _SECTION_START.split(html):
        seen: set[str] = set()

        def keep_first(match: re.Match[str], seen: set[str] = seen) -> str:
            if match.group(1) in seen:
                return match.group(1)
            seen.add(match.group(1))
            return match.group(0)

        sections.append(_ABBR.sub(keep_first, section))
    return "".join(sections)


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    return first_abbreviations_only(html)


def on_post_page(output: str, page: Any, config: Any) -> str:
    head, separator, body = output.partition("</head>")
    head = _HEAD_ALTERNATE.sub("", head)
    label = _SEARCH_LABEL.get(config.theme["language"], "Search")
    body = body.replace(_SEARCH_DIALOG, _SEARCH_DIALOG.replace('role="dialog"', f'role="dialog" aria-label="{label}"'))
    return head + separator + body
