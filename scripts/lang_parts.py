"""Language of parts: Chinese text on an English page carries `lang="zh"`.

An English page quotes Chinese: terms such as 店播, platform and law names, the titles of
Chinese sources. Marked as Chinese, a screen reader reads them with a Chinese voice rather than
an English one (WCAG 2.2, 3.1.2 Language of Parts), and the browser sets them in the Simplified
Chinese fonts that `extra.css` lists for `[lang|=zh]`. Unmarked, the browser asked the system
for a fallback font character by character and got a Japanese one here, which also made the
English live-streaming page's layout a sixth slower (bench/README.md).

The hook runs this on the body of each English page as built. Only text between tags changes: tags,
attributes and comments are copied as they are, and so is everything inside an element that
already has a `lang`, inside code, and inside elements whose content cannot hold a <span>.
"""

from __future__ import annotations

import re

from html_scan import COMMENT_OR_TAG, RAW_TEXT_END, VOID_ELEMENTS

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# CJK punctuation and full-width forms (、。《》（）：… and the like) belong to the Chinese run
# they sit in, but a run is only marked if it holds a Han character.
_CJK_PUNCTUATION = "\u3000-\u303f\uff00-\uffef"
_RUN = re.compile(f"[{_CJK_PUNCTUATION}]*[{_HAN}][{_HAN}{_CJK_PUNCTUATION}]*")

_TOKEN = re.compile(COMMENT_OR_TAG, re.S)
_HAS_LANG = re.compile(r"""\slang\s*=""", re.I)
# Code is quoted as written; <option> holds text only.
_LEAVE_ALONE = {"code", "pre", "kbd", "samp", "option", "svg", "math"}


def _mark(text: str) -> str:
    return _RUN.sub(lambda run: f'<span lang="zh">{run.group(0)}</span>', text)


def mark_chinese(html: str) -> str:
    """`html` with each run of Chinese text outside tags wrapped in <span lang="zh">."""
    if not _RUN.search(html):
        return html
    parts: list[str] = []
    position = 0
    skipped_tag, depth = "", 0  # inside an element left alone: its name and nesting
    while (token := _TOKEN.search(html, position)) is not None:
        text = html[position : token.start()]
        parts += [text if skipped_tag else _mark(text), token.group(0)]
        position = token.end()
        tag = (token.group("tag") or "").lower()
        if not tag or tag in VOID_ELEMENTS or token.group(0).endswith("/>"):
            continue
        closing = bool(token.group("close"))
        if skipped_tag:
            if tag == skipped_tag:
                depth += -1 if closing else 1
                skipped_tag = skipped_tag if depth else ""
        elif not closing and tag in RAW_TEXT_END:
            end = RAW_TEXT_END[tag].search(html, position)
            end_at = len(html) if end is None else end.start()
            parts.append(html[position:end_at])
            position = end_at
        elif not closing and (tag in _LEAVE_ALONE or _HAS_LANG.search(token.group("attributes"))):
            skipped_tag, depth = tag, 1
    rest = html[position:]
    parts.append(rest if skipped_tag else _mark(rest))
    return "".join(parts)
