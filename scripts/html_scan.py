"""Scanning rendered HTML without parsing it, for the hooks that change text between tags.

The regex engine does the scanning: an HTMLParser subclass did the same at ten times the cost
(bench/README.md), and these passes run on every page of every build.
"""

from __future__ import annotations

import re

# A comment, or a start or end tag: `close` is "/" for an end tag; an attribute value may hold ">".
COMMENT_OR_TAG = (
    r"<!--.*?-->"
    r"|<(?P<close>/?)(?P<tag>[A-Za-z][A-Za-z0-9-]*)(?P<attributes>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>"
)
# Elements whose content is raw text, skipped whole as a browser reads them: they may hold "<".
RAW_TEXT_END = {tag: re.compile(f"</{tag}", re.I) for tag in ("script", "style", "textarea", "title")}
# Elements that have no end tag.
VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)
