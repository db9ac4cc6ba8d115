"""scripts/deferred_sections.py: which runs of an article are wrapped, and that nothing else changes."""

from __future__ import annotations

import pytest

from deferred_sections import WRAPPER_CLOSE, WRAPPER_OPEN, defer_offscreen_sections, top_level_elements

LONG = "<p>" + "长" * 600 + "</p>"  # 1,800 bytes of UTF-8: over MIN_RUN_BYTES
SHORT = "<p>short</p>"


def article(*sections: str) -> str:
    return '<h1 id="t">Title</h1><p>Intro.</p>' + "".join(
        f'<h2 id="s{number}">Section {number}</h2>{body}' for number, body in enumerate(sections, 1)
    )


def test_long_runs_between_the_first_and_the_last_section_are_wrapped() -> None:
    html = article(LONG, LONG + "<ul><li>x</li></ul>", '<h3 id="sub">Sub</h3>' + LONG, LONG)
    out = defer_offscreen_sections(html)
    assert out.count(WRAPPER_OPEN) == 2
    first, second, third, last = out.split("<h2")[1:]
    assert WRAPPER_OPEN not in first, "the first section is on the first screen"
    assert f"{WRAPPER_OPEN}{LONG}<ul><li>x</li></ul>{WRAPPER_CLOSE}" in second, "one box per run of blocks"
    assert f'<h3 id="sub">Sub</h3>{WRAPPER_OPEN}{LONG}{WRAPPER_CLOSE}' in third, "headings stay outside"
    assert WRAPPER_OPEN not in last, "the last section closes the page"


def test_only_tags_are_inserted() -> None:
    html = article(LONG, LONG, "\n<!-- note -->\n" + LONG + "\n", LONG)
    out = defer_offscreen_sections(html)
    assert out != html
    assert out.replace(WRAPPER_OPEN, "").replace(WRAPPER_CLOSE, "") == html


def test_short_runs_and_short_pages_are_left_alone() -> None:
    assert defer_offscreen_sections(article(LONG, SHORT, SHORT, LONG)) == article(LONG, SHORT, SHORT, LONG)
    assert defer_offscreen_sections(article(LONG, LONG)) == article(LONG, LONG)
    assert defer_offscreen_sections(LONG) == LONG


@pytest.mark.parametrize(
    "broken",
    [
        article(LONG, "<div>" + LONG, LONG, LONG),  # a <div> never closed
        article(LONG, LONG + "</section>", LONG, LONG),  # an end tag with no start
        article(LONG, "<div>" + LONG + "</p>", LONG, LONG),  # ends with the wrong tag
    ],
)
def test_html_whose_tags_do_not_nest_is_left_alone(broken: str) -> None:
    assert defer_offscreen_sections(broken) == broken


def test_raw_text_and_void_elements_do_not_confuse_the_scan() -> None:
    script = '<script type="application/json">{"a": "</p><div>"}</script>'
    html = article(LONG, script + "<hr>" + LONG + '<img src="x.png" alt="">', LONG, LONG)
    elements = top_level_elements(html)
    assert elements is not None
    assert [tag for _, _, tag in elements] == [
        *["h1", "p", "h2", "p", "h2", "script", "hr", "p", "img", "h2", "p", "h2", "p"],
    ]
    assert f"{WRAPPER_OPEN}{script}<hr>{LONG}" in defer_offscreen_sections(html)
