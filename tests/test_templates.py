"""overrides/: the copied Material template differs from Material's only by our marked change,
and the nav limit does what mkdocs.yml says (a section past the limit lists only the page read)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import material
import pytest

import bench
import kb
from conftest import ROOT

OURS = ROOT / "overrides" / "partials" / "nav-item.html"
MATERIAL = Path(material.__file__).parent / "templates" / "partials" / "nav-item.html"
ORIGINAL_LOOP = "            {% for item in nav_item.children %}\n"
LOCAL_CHANGE = re.compile(r"            \{#- local change.*?\{% for item in children %\}\n", re.S)


ORIGINAL_INDEX_LOOP = (
    "      {% for item in nav_item.children %}\n"
    "        {% if item.is_index and _.index is none %}\n"
    "          {% set _.index = item %}\n"
    "        {% endif %}\n"
    "      {% endfor %}\n"
)
INDEX_LOOP_CHANGE = re.compile(r"      \{#- local change.*?\{%- endfor %\}\n", re.S)


def test_nav_item_is_materials_own_but_for_the_local_changes() -> None:
    ours = OURS.read_text(encoding="utf-8")
    assert len(LOCAL_CHANGE.findall(ours)) == 1
    assert len(INDEX_LOOP_CHANGE.findall(ours)) == 1
    # If this fails after a Material upgrade, copy the new template and apply the changes again.
    original = INDEX_LOOP_CHANGE.sub(lambda _: ORIGINAL_INDEX_LOOP, LOCAL_CHANGE.sub(lambda _: ORIGINAL_LOOP, ours))
    assert original == MATERIAL.read_text(encoding="utf-8")


def _sidebar_models(html: str) -> list[str]:
    """The page links of the models section in the sidebar (the second top-level nav section),
    without the section's own index link."""
    section = html.split('aria-labelledby="__nav_2_label"', 1)[1].split('aria-labelledby="__nav_3_label"', 1)[0]
    return [link for link in re.findall(r'<a href="([^"#]*)" class="md-nav__link', section) if link != "../"]


def test_a_section_past_the_limit_lists_only_the_page_read(tmp_path: Path) -> None:
    root = bench.generate(tmp_path / "kb", 12)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert f"{bench.NAV_LIMIT_KEY}: 30" in text
    config.write_text(text.replace(f"{bench.NAV_LIMIT_KEY}: 30", f"{bench.NAV_LIMIT_KEY}: 5"), encoding="utf-8")
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
        cwd=root,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    page = (site / "models" / "c2c-0002" / "index.html").read_text(encoding="utf-8")
    assert _sidebar_models(page) == ["./"]  # itself, and no other model
    index = (site / "models" / "index.html").read_text(encoding="utf-8")
    cards = set(re.findall(r'href="([a-z0-9-]+-\d{4})/"', index))
    assert len(cards) == 12
    home = (site / "index.html").read_text(encoding="utf-8")
    assert _sidebar_models(home) == []  # the models tab's index page is the way in
    english = (site / "en" / "models" / "c2c-0002" / "index.html").read_text(encoding="utf-8")
    assert _sidebar_models(english) == ["./"]


def test_below_the_limit_the_sidebar_lists_every_model(built_site: Path) -> None:
    html = (built_site / "models" / "b2b" / "index.html").read_text(encoding="utf-8")
    assert len(_sidebar_models(html)) == len(kb.load_data().model_ids)


PALETTE = ROOT / "overrides" / "partials" / "palette.html"
MATERIAL_PALETTE = Path(material.__file__).parent / "templates" / "partials" / "palette.html"
PALETTE_CHANGE = re.compile(r"\{#- local change.*?-#\}\n<form [^>]*data-kb-palette>\n", re.S)


def test_palette_is_materials_own_but_for_the_local_change() -> None:
    ours = PALETTE.read_text(encoding="utf-8")
    assert len(PALETTE_CHANGE.findall(ours)) == 1
    original = '<form class="md-header__option" data-md-component="palette">\n'
    # If this fails after a Material upgrade, copy the new template and apply the change again.
    assert PALETTE_CHANGE.sub(lambda _: original, ours) == MATERIAL_PALETTE.read_text(encoding="utf-8")


def _body_scheme(page: object) -> str:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")  # type: ignore[attr-defined]


@pytest.mark.browser
def test_colour_scheme_follows_the_system_until_the_reader_chooses(built_site: Path) -> None:
    from browser import chromium, serve

    with serve(built_site) as base, chromium() as browser:
        context = browser.new_context(color_scheme="dark")  # type: ignore[attr-defined]
        page = context.new_page()
        page.goto(base + "models/b2b/")
        assert _body_scheme(page) == "slate"
        assert page.evaluate("document.querySelector('[data-md-component=palette]')") is None
        page.emulate_media(color_scheme="light")  # the system changes: the page follows
        page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'default'")
        toggle = page.locator("form[data-kb-palette] label:not([hidden])")
        assert toggle.count() == 1
        toggle.click()  # the reader picks dark: kept across pages and the system
        assert _body_scheme(page) == "slate"
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        page.goto(base + "en/compare/")
        assert _body_scheme(page) == "slate"
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") == background
        page.emulate_media(color_scheme="light")
        page.reload()
        assert _body_scheme(page) == "slate"
        page.locator("form[data-kb-palette] label:not([hidden])").click()
        assert _body_scheme(page) == "default"
        context.close()


# Each class change on <html> made once the body exists: a change Material's script would make
# there restyles the whole page a second time (overrides/main.html).
RECORD_HTML_CLASS_CHANGES = """
window.__htmlClassChanges = []
new MutationObserver(function (records) {
  records.forEach(function (record) {
    if (record.target !== document.documentElement) return
    var now = record.target.getAttribute(record.attributeName)
    if (record.oldValue !== now) window.__htmlClassChanges.push({
      attribute: record.attributeName, before: record.oldValue, after: now, inBody: !!document.body
    })
  })
}).observe(document, { attributes: true, attributeOldValue: true, subtree: true })
"""


@pytest.mark.browser
@pytest.mark.parametrize("path", ["", "en/models/live-streaming/", "compare/"])
def test_material_finds_its_html_classes_set_in_the_head(built_site: Path, path: str) -> None:
    from browser import chromium, serve

    with serve(built_site) as base, chromium() as browser:
        page = browser.new_page()  # type: ignore[attr-defined]
        page.add_init_script(RECORD_HTML_CLASS_CHANGES)
        page.goto(base + path, wait_until="networkidle")
        changes = page.evaluate("window.__htmlClassChanges")
        assert changes, "the recorder saw nothing"
        assert [c for c in changes if c["inBody"]] == [], changes
        classes = page.evaluate("document.documentElement.className").split()
        assert "js" in classes and "js-focus-visible" in classes and "no-js" not in classes
        page.keyboard.press("Tab")  # Material's focus-visible polyfill still marks keyboard focus
        assert "focus-visible" in page.evaluate("document.activeElement.className").split()


# For each copy of the table of contents (in the nav, "primary", and in the right-hand sidebar,
# "secondary"): whether Material mounts it, and how many of its links it marks as the reader's place.
TABLES_OF_CONTENTS = """
() => Object.fromEntries(["primary", "secondary"].map(side => {
  const toc = document.querySelector(`.md-sidebar--${side} .md-nav--secondary`)
  return [side, {
    mounted: toc.querySelector("[data-md-component=toc]") !== null,
    active: toc.querySelectorAll(".md-nav__link--active").length,
  }]
}))
"""
PLACE_MARKED_IN = (
    "side => document.querySelector(`.md-sidebar--${side} .md-nav--secondary .md-nav__link--active`) !== null"
)


@pytest.mark.browser
@pytest.mark.parametrize(("first", "then"), [(390, 1280), (1280, 390)])
def test_only_the_table_of_contents_on_the_screen_follows_the_reader(built_site: Path, first: int, then: int) -> None:
    """overrides/main.html leaves Material only the copy on the screen, and hands over when the
    window crosses Material's 1220px breakpoint."""
    from browser import chromium, search, serve

    shown, hidden = ("secondary", "primary") if first >= 1220 else ("primary", "secondary")
    with serve(built_site) as base, chromium() as browser:
        page = browser.new_page(viewport={"width": first, "height": 800})  # type: ignore[attr-defined]
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(base + "models/live-streaming/")
        page.evaluate("window.scrollTo(0, document.body.scrollHeight / 3)")
        page.wait_for_function(PLACE_MARKED_IN, arg=shown, timeout=5000)
        state = page.evaluate(TABLES_OF_CONTENTS)
        assert state[shown] == {"mounted": True, "active": 1}
        assert state[hidden] == {"mounted": False, "active": 0}
        page.set_viewport_size({"width": then, "height": 800})
        page.evaluate("window.scrollTo(0, document.body.scrollHeight * 2 / 3)")
        page.wait_for_function(PLACE_MARKED_IN, arg=hidden, timeout=5000)
        state = page.evaluate(TABLES_OF_CONTENTS)
        assert state[hidden] == {"mounted": True, "active": 1}
        assert not state[shown]["mounted"]
        # Material's page components were mounted again; search, mounted once, still answers.
        assert any("models/live-streaming/" in link for link in search(page, "直播电商"))
        assert errors == []
        page.close()
