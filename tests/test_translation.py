"""Translation status (scripts/translation.py): the state of each section, the notice readers
see, the status page in both languages, `make translation-status`, and the whole loop on a
built copy of the site: edit one Chinese paragraph, see it everywhere, stamp, clean again."""

from __future__ import annotations

import datetime
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import check_i18n
import kb
import parity
import translation
import translation_status
from conftest import ROOT
from mutations import ACCEPTED, EN_B2B, ZH_B2B, replace

TODAY = datetime.date.today().isoformat()


def edit_zh_b2b(root: Path) -> None:
    """The Chinese 'how it works' section changes; the English one does not."""
    ACCEPTED["outdated"][0](root)


def status_of(root: Path, rel: str) -> translation.PairStatus:
    return next(s for s in translation.statuses(kb.load(root)) if s.rel == rel)


# --- state -----------------------------------------------------------------------------------


def test_a_clean_tree_is_in_sync(fixture_kb: Path) -> None:
    for status in translation.statuses(kb.load(fixture_kb)):
        assert status.recorded and status.outdated == [], status.rel
    assert translation.changed_pairs(kb.load(fixture_kb)) == []


def test_the_changed_section_is_outdated_on_the_other_side_since_today_without_git(fixture_kb: Path) -> None:
    edit_zh_b2b(fixture_kb)
    status = status_of(fixture_kb, "models/b2b.md")
    assert [(s.anchor, s.behind, s.since) for s in status.outdated] == [("how-it-works", "en", TODAY)]
    assert status.behind == ["en"]
    assert status_of(fixture_kb, "models/b2c.md").outdated == []
    assert translation.changed_pairs(kb.load(fixture_kb)) == ["models/b2b.md"]


def test_counts_and_the_review_date(fixture_kb: Path) -> None:
    status = status_of(fixture_kb, "models/b2b.md")
    assert status.counts["zh"] == len(
        re.findall(r"[\u4e00-\u9fff]", kb.load(fixture_kb).pages["zh"]["models/b2b.md"].prose)
    )
    assert status.counts["en"] > 20
    # No `reviewed` and no git history: the last stamp, as best known, is the build date.
    assert (status.reviewed, status.reviewed_from_stamp) == (TODAY, True)
    for rel in (EN_B2B, ZH_B2B):
        replace(rel, "related: [b2c]", "related: [b2c]\nreviewed: 2026-11-01")(fixture_kb)
    status = status_of(fixture_kb, "models/b2b.md")
    assert (status.reviewed, status.reviewed_from_stamp) == ("2026-11-01", False)


# --- URLs ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rel", "lang", "directory_urls", "url"),
    [
        ("models/c2c.md", "zh", True, "models/c2c/"),
        ("models/c2c.md", "en", True, "en/models/c2c/"),
        ("index.md", "zh", True, ""),
        ("index.md", "en", True, "en/"),
        ("models/c2c.md", "en", False, "en/models/c2c.html"),
        ("index.md", "zh", False, "index.html"),
    ],
)
def test_page_urls(rel: str, lang: str, directory_urls: bool, url: str) -> None:
    assert translation.page_url(rel, lang, directory_urls) == url


@pytest.mark.parametrize(
    ("target", "start", "href"),
    [
        ("models/c2c/", "en/models/c2c/", "../../../models/c2c/"),
        ("en/models/c2c/", "models/c2c/", "../../en/models/c2c/"),
        ("", "en/", "../"),
        ("en/", "", "en/"),
        ("models/c2c.html", "en/models/c2c.html", "../../models/c2c.html"),
    ],
)
def test_relative_urls(target: str, start: str, href: str) -> None:
    assert translation.relative_url(target, start) == href


# --- the notice --------------------------------------------------------------------------------


def test_the_notice_in_english_links_to_the_chinese_section(fixture_kb: Path) -> None:
    edit_zh_b2b(fixture_kb)
    knowledge_base = kb.load(fixture_kb)
    assert knowledge_base.data is not None
    status = status_of(fixture_kb, "models/b2b.md")
    top = translation.page_notice(knowledge_base.data, status, "en", "en/models/b2b/", True)
    assert 'role="note"' in top and 'class="admonition warning translation-notice' in top
    assert "The Chinese version has been updated" in top
    assert f'<a href="../../../models/b2b/#how-it-works" hreflang="zh" lang="zh">运作方式</a> (updated {TODAY})' in top
    (section,) = status.outdated
    below = translation.section_notice(knowledge_base.data, status, section, "en", "en/models/b2b/", True)
    assert f"The Chinese version of this section was updated on {TODAY}" in below
    assert 'href="../../../models/b2b/#how-it-works"' in below and "Read this section in Chinese" in below
    # The Chinese page is the up-to-date one: no notice there.
    assert translation.page_notice(knowledge_base.data, status, "zh", "models/b2b/", True) == ""


def test_the_notice_in_chinese_links_to_the_english_section(fixture_kb: Path) -> None:
    replace(EN_B2B, "Body text.\n\n## Revenue", "New body text.\n\n## Revenue")(fixture_kb)
    knowledge_base = kb.load(fixture_kb)
    assert knowledge_base.data is not None
    status = status_of(fixture_kb, "models/b2b.md")
    top = translation.page_notice(knowledge_base.data, status, "zh", "models/b2b/", True)
    assert "英文版已更新" in top
    assert (
        f'<a href="../../en/models/b2b/#how-it-works" hreflang="en" lang="en">How it works</a>（{TODAY} 更新）' in top
    )


# --- the status page and the terminal -------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "behind", "in_sync"),
    [("zh", "**英文版落后 1 节**", "已同步"), ("en", "**English behind in 1 section(s)**", "In sync")],
)
def test_the_status_tables_in_both_languages(fixture_kb: Path, lang: str, behind: str, in_sync: str) -> None:
    edit_zh_b2b(fixture_kb)
    knowledge_base = kb.load(fixture_kb)
    assert knowledge_base.data is not None
    pages = translation.pages_table(knowledge_base.data, lang, knowledge_base)
    row = next(line for line in pages.splitlines() if "(models/b2b.md)" in line)
    assert behind in row
    assert in_sync in next(line for line in pages.splitlines() if "(models/b2c.md)" in line)
    sections = translation.sections_table(knowledge_base.data, lang, knowledge_base)
    (outdated,) = [line for line in sections.splitlines() if "**" in line]
    assert "(models/b2b.md#how-it-works)" in outdated and outdated.endswith(f"| {TODAY} |")
    parity.stamp(knowledge_base)
    knowledge_base = kb.load(fixture_kb)
    assert knowledge_base.data is not None
    assert "**" not in translation.pages_table(knowledge_base.data, lang, knowledge_base)


def test_make_translation_status_prints_the_text_to_carry_over(
    fixture_kb: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit_zh_b2b(fixture_kb)
    assert translation_status.main(["--root", "."]) == 0
    out = capsys.readouterr().out
    assert "models/b2b.md: English behind in 1 section(s)" in out
    assert f"docs/en/models/b2b.md:14 section 'how-it-works' is behind docs/zh/models/b2b.md:14, changed {TODAY}" in out
    assert "    | 改过的正文。" in out  # the current Chinese text, to translate
    assert "models/b2c.md: In sync" in out
    assert out.rstrip().endswith("1 outdated section.")


def test_the_job_summary_lists_only_changed_pairs(fixture_kb: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert translation_status.main(["--root", ".", "--changed", "--format", "markdown"]) == 0
    assert "No page pair changed since the last `make stamp`." in capsys.readouterr().out
    edit_zh_b2b(fixture_kb)
    translation_status.main(["--root", ".", "--changed", "--format", "markdown"])
    out = capsys.readouterr().out
    assert out.startswith("## Translation status of the changed pages\n")
    assert "| B2B e-commerce (`models/b2b.md`) | **English behind in 1 section(s)** |" in out
    assert "b2c" not in out
    assert "- `docs/en/models/b2b.md:14` section `how-it-works` is behind `docs/zh/models/b2b.md:14`" in out


def test_translation_status_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert translation_status.main(["--root", str(tmp_path)]) == 2
    assert "is not a directory" in capsys.readouterr().err


# --- the whole loop on a built copy of the site -------------------------------------------------------

C2C_ZH = "docs/zh/models/c2c.md"


@pytest.fixture(scope="module")
def edited_copy(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A stamped copy of the repository whose Chinese C2C definition then has one paragraph edited,
    built into site/."""
    root = tmp_path_factory.mktemp("repo")
    for name in ("docs", "data"):
        shutil.copytree(ROOT / name, root / name)
    for name in ("mkdocs.yml", "translations.lock.json"):
        shutil.copy(ROOT / name, root / name)
    for name in ("hooks", "scripts", "overrides", "tools", "schema", "node_modules", ".cache"):
        if (ROOT / name).exists():
            (root / name).symlink_to(ROOT / name)
    parity.stamp(kb.load(root))  # start in sync, as a fresh clone after the last `make stamp`
    page = root / C2C_ZH
    text = page.read_text(encoding="utf-8")
    start = text.index("{#definition}")
    paragraph = text.index("\n\n", start) + 2
    page.write_text(text[:paragraph] + "（本段刚刚修改过。）" + text[paragraph:], encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(root / "site")],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr[-4000:]
    yield root


def test_the_checker_warns_and_exits_0_naming_the_section(
    edited_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    findings = parity.run(kb.load(edited_copy))
    outdated = [f for f in findings if f.code == "W500"]
    assert [(f.path.endswith(C2C_ZH), f.line) for f in outdated] == [(True, 12)]
    assert "section 'definition'" in outdated[0].message
    assert "docs/en/models/c2c.md:12 is outdated" in outdated[0].message
    assert not [f for f in findings if f.code.startswith("E5")]
    check_i18n.main(["--root", str(edited_copy)])
    assert "W500 section 'definition'" in capsys.readouterr().out


def test_the_built_english_page_shows_the_notice_at_the_top_and_the_section(edited_copy: Path) -> None:
    html = (edited_copy / "site/en/models/c2c/index.html").read_text(encoding="utf-8")
    notices = re.findall(
        r'<div class="admonition warning translation-notice translation-notice--(\w+)" role="note"', html
    )
    assert notices == ["page", "section"]
    h1, h2 = html.index("<h1"), html.index('<h2 id="definition"')
    page_notice, section_notice = html.index("translation-notice--page"), html.index("translation-notice--section")
    assert h1 < page_notice < html.index("<h2") and h2 < section_notice
    assert 'href="../../../models/c2c/#definition"' in html
    chinese = (edited_copy / "site/models/c2c/index.html").read_text(encoding="utf-8")
    assert "translation-notice" not in chinese


@pytest.mark.parametrize(
    ("path", "behind"),
    [("site/translation-status/index.html", "英文版落后"), ("site/en/translation-status/index.html", "English behind")],
)
def test_the_status_page_lists_c2c_as_outdated(edited_copy: Path, path: str, behind: str) -> None:
    html = (edited_copy / path).read_text(encoding="utf-8")
    rows = [re.sub(r"<[^>]+>", "", row) for row in re.findall(r"<tr>(.*?)</tr>", html, flags=re.S)]
    behind_rows = [row for row in rows if behind in row]
    assert behind_rows and all("C2C" in row for row in behind_rows)
    assert 'href="../models/c2c/#definition"' in html


def test_every_page_has_an_edit_link_to_its_own_language(edited_copy: Path) -> None:
    for lang, path in (("zh", "site/models/c2c/index.html"), ("en", "site/en/models/c2c/index.html")):
        html = (edited_copy / path).read_text(encoding="utf-8")
        assert (
            f'href="https://github.com/ecommerce-models/ecommerce-models/edit/main/docs/{lang}/models/c2c.md"' in html
        )


@pytest.mark.browser
def test_the_notice_link_opens_the_chinese_section(edited_copy: Path) -> None:
    from browser import chromium, serve

    with serve(edited_copy / "site") as base, chromium() as browser:
        page = browser.new_page()  # type: ignore[attr-defined]
        page.goto(base + "en/models/c2c/")
        notice = page.get_by_role("note").first
        assert notice.is_visible()
        assert "The Chinese version has been updated" in notice.inner_text()
        notice.get_by_role("link", name="定义").click()
        page.wait_for_url("**/models/c2c/#definition")
        assert page.url == base + "models/c2c/#definition"
        assert page.evaluate("document.documentElement.lang").startswith("zh")
        assert page.locator("h2#definition").is_visible()


def test_after_stamp_all_is_clean_again(edited_copy: Path, tmp_path: Path) -> None:
    copy = tmp_path / "stamped"
    for name in ("docs", "data"):
        shutil.copytree(edited_copy / name, copy / name)
    for name in ("mkdocs.yml", "translations.lock.json"):
        shutil.copy(edited_copy / name, copy / name)
    parity.stamp(kb.load(copy))
    knowledge_base = kb.load(copy)
    assert knowledge_base.data is not None
    assert not [f for f in parity.run(knowledge_base) if f.code.startswith(("W5", "E5"))]
    for status in translation.statuses(knowledge_base):
        assert status.outdated == [], status.rel
        for lang in kb.LANGUAGES:
            assert translation.page_notice(knowledge_base.data, status, lang, "", True) == ""
    for lang in kb.LANGUAGES:
        assert "**" not in translation.pages_table(knowledge_base.data, lang, knowledge_base)


# --- the glossary filter -------------------------------------------------------------------------


def _rows_shown(page: object) -> int:
    return page.evaluate(  # type: ignore[attr-defined]
        "() => [...document.querySelectorAll('#terms ~ * table tbody tr, #terms ~ table tbody tr')]"
        ".filter(r => r.offsetParent !== null).length"
    )


@pytest.mark.browser
@pytest.mark.parametrize(
    ("path", "label", "query", "count"),
    [
        ("en/glossary/", "Filter the terms", "live-room", "Showing {shown} of {total} terms"),
        ("glossary/", "筛选术语", "场控", "显示 {shown} / {total} 个术语"),
    ],
)
def test_the_glossary_filters_as_the_reader_types(
    edited_copy: Path, path: str, label: str, query: str, count: str
) -> None:
    from browser import chromium, serve

    total = len(kb.load_data().glossary)
    with serve(edited_copy / "site") as base, chromium() as browser:
        page = browser.new_page()  # type: ignore[attr-defined]
        page.goto(base + path)
        box = page.get_by_label(label)
        assert box.is_visible()
        status = page.get_by_role("status")
        assert status.inner_text() == count.format(shown=total, total=total)
        assert _rows_shown(page) == total
        box.fill(query)
        box.press("End")
        expected = count.format(shown=1, total=total)
        page.wait_for_function("t => document.querySelector('.glossary-filter__count').textContent === t", arg=expected)
        assert _rows_shown(page) == 1
        box.fill("")
        box.press("End")
        assert _rows_shown(page) == total
        # On paper (and in the PDF) the box goes and every row is there.
        box.fill(query)
        page.emulate_media(media="print")
        assert not page.locator(".glossary-filter").is_visible()
        assert _rows_shown(page) == total


@pytest.mark.browser
def test_without_javascript_the_glossary_is_the_plain_list(edited_copy: Path) -> None:
    from browser import chromium, serve

    total = len(kb.load_data().glossary)
    with serve(edited_copy / "site") as base, chromium() as browser:
        context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
        page = context.new_page()
        page.goto(base + "en/glossary/")
        assert page.locator(".glossary-filter input").count() == 0
        assert not page.locator(".glossary-filter").is_visible()
        assert _rows_shown(page) == total
        context.close()
