"""MkDocs hook: small fixes to Material's HTML that Lighthouse flags, applied per page.

- mkdocs-static-i18n points the head's <link rel="alternate" hreflang> at the same page in
  the other language, but Material's script treats each of those links as a language root
  and requests <page>/sitemap.xml, a 404 on every page load. The pairs stay declared in
  sitemap.xml (hooks/sitemap_i18n.py) and in the header's language switcher.
- Material's search panel is a role="dialog" without an accessible name.
- The abbr extension wraps every occurrence of GMV, SKU and the like in <abbr title>. A
  reader needs the explanation once per H2 section, so later occurrences in the same section
  become plain text: less HTML, and screen readers do not repeat the expansion.
- Chinese text on an English page, and each language's name in the language switcher, carry
  their `lang` (scripts/lang_parts.py says why).
- Long runs of blocks far down an article are wrapped so that a phone skips their layout
  until the reader nears them (scripts/deferred_sections.py says which, and why).
- A 404 page's language switcher pointed at the last page its language's build wrote
  (mkdocs-static-i18n keeps the page's links in the theme's config); it points at each
  language's home page.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

import lang_parts
from deferred_sections import defer_offscreen_sections

_HEAD_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
_SEARCH_LABEL = {"zh": "搜索", "en": "Search"}
# Python-Markdown's abbr extension writes exactly this form; the text is never nested markup.
_ABBR = re.compile(r'<abbr title="[^"]*">([^<]*)</abbr>')
_SECTION_START = re.compile(r"(?=<h2[\s>])")
# Material's language switcher names each language in that language.
_SWITCHER_LINK = re.compile(r'hreflang="([^"]+)" class="md-select__link"')
_SWITCHER_HREF = re.compile(r'<a href="[^"]*" (hreflang="([^"]+)" class="md-select__link")')


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
    html = defer_offscreen_sections(first_abbreviations_only(html))
    # Marked here too, so the side-by-side sections render_data.py keeps from each built model
    # page for the compare page carry the marks; on_post_page leaves marked text alone.
    return html if config.theme["language"] == "zh" else lang_parts.mark_chinese(html)


def on_post_page(output: str, page: Any, config: Any) -> str:
    head, separator, body = output.partition("</head>")
    head = _HEAD_ALTERNATE.sub("", head)
    label = _SEARCH_LABEL.get(config.theme["language"], "Search")
    body = body.replace(_SEARCH_DIALOG, _SEARCH_DIALOG.replace('role="dialog"', f'role="dialog" aria-label="{label}"'))
    body = _name_languages(body)
    # The whole body, not only the article: a heading's Chinese also shows in the table of
    # contents, and a page title's in the nav.
    if config.theme["language"] != "zh":
        body = lang_parts.mark_chinese(body)
    return head + separator + body


def _name_languages(html: str) -> str:
    return _SWITCHER_LINK.sub(r'hreflang="\1" lang="\1" class="md-select__link"', html)


def home_links(html: str, homes: dict[str, str]) -> str:
    """The language switcher's links pointed at each language's home page (`homes` by locale)."""
    return _SWITCHER_HREF.sub(lambda link: f'<a href="{homes.get(link[2], "/")}" {link[1]}', html)


def on_post_template(output: str, template_name: str, config: Any) -> str:
    if template_name != "404.html":
        return output
    i18n = config.plugins.get("i18n")
    homes = {language.locale: language.link for language in i18n.config.languages} if i18n else {}
    return _name_languages(home_links(output, homes) if homes else output)
