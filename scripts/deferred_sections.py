"""Article blocks far down a page, drawn only when the reader comes near them.

On a phone, laying out a model page's whole article was the largest single task of a page load:
Chromium lays out every paragraph, table and list before the reader has seen the first screen
(bench/README.md: 148 ms of one 243 ms task at 4x CPU slowdown on `/models/live-streaming/`).
Each run of blocks between two headings below the first H2 section is wrapped in
`<div class="kb-deferred">`, which extra.css gives `content-visibility: auto` on screens only:
the browser skips its layout and paint until it nears the viewport, and keeps its real size
once drawn. Paper and the PDF print everything.

What stays as it is:
- the headings: Material's table of contents reads where each heading is, and a heading inside
  a skipped box would have to be laid out for that;
- the intro and the first H2 section, which are on the first screen;
- the last H2 section (the References, or the home page's last section): it closes the page, and
  drawn late it would move the footer under a reader who jumped to the end (bench/README.md);
- short runs, whose layout costs less than the box;
- everything but the wrapper tags: the HTML is only inserted into, never rewritten.

The scan reads tags with the regex in scripts/html_scan.py, as the other per-page passes do.
"""

from __future__ import annotations

import re

from html_scan import COMMENT_OR_TAG, RAW_TEXT_END, VOID_ELEMENTS

WRAPPER_CLASS = "kb-deferred"
WRAPPER_OPEN = f'<div class="{WRAPPER_CLASS}">'
WRAPPER_CLOSE = "</div>"
# A run shorter than this (bytes of HTML) is left alone: a paragraph or two lays out in less
# time than the browser spends tracking a skipped box.
MIN_RUN_BYTES = 1500

_TOKEN = re.compile(COMMENT_OR_TAG, re.S)
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def top_level_elements(html: str) -> list[tuple[int, int, str]] | None:
    """(start, end, tag) of each element at the top level of `html`, in order; None when the
    tags do not nest (the HTML is then left alone)."""
    elements: list[tuple[int, int, str]] = []
    depth, start, top_tag, position = 0, 0, "", 0
    while (token := _TOKEN.search(html, position)) is not None:
        position = token.end()
        tag = (token.group("tag") or "").lower()
        if not tag:  # a comment
            continue
        closing = bool(token.group("close"))
        if not closing and tag in RAW_TEXT_END:
            end = RAW_TEXT_END[tag].search(html, position)
            if end is None:
                return None
            position = end.start()
            if depth == 0:  # a top-level <script> or <style>: skip to its end tag, counted below
                start, top_tag = token.start(), tag
            depth += 1
            continue
        if tag in VOID_ELEMENTS or token.group(0).endswith("/>"):
            if depth == 0:
                elements.append((token.start(), token.end(), tag))
            continue
        if closing:
            depth -= 1
            if depth < 0:
                return None
            if depth == 0:
                if tag != top_tag:
                    return None
                elements.append((start, token.end(), tag))
        else:
            if depth == 0:
                start, top_tag = token.start(), tag
            depth += 1
    return elements if depth == 0 else None


def defer_offscreen_sections(html: str) -> str:
    """`html` (an article's content) with each long run of blocks between headings after the
    first H2 section, and before the last one, wrapped in WRAPPER_OPEN ... WRAPPER_CLOSE."""
    elements = top_level_elements(html)
    if not elements:
        return html
    total_h2 = sum(tag == "h2" for _, _, tag in elements)
    runs: list[tuple[int, int]] = []
    h2_seen, run_start, run_end = 0, -1, -1

    def close_run() -> None:
        if run_start >= 0 and 2 <= h2_seen < total_h2 and len(html[run_start:run_end].encode()) >= MIN_RUN_BYTES:
            runs.append((run_start, run_end))

    for start, end, tag in elements:
        if tag in _HEADINGS:
            close_run()
            run_start = run_end = -1
            h2_seen += tag == "h2"
        else:
            run_start = start if run_start < 0 else run_start
            run_end = end
    close_run()
    parts, position = [], 0
    for start, end in runs:
        parts += [html[position:start], WRAPPER_OPEN, html[start:end], WRAPPER_CLOSE]
        position = end
    parts.append(html[position:])
    return "".join(parts)
