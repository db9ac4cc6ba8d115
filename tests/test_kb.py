"""Loading pages: encodings, front matter, headings and links, with exact lines."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import kb


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


PAGE = "---\ntitle: T\ndescription: A description.\n---\n\n# T\n\n## 定义 {#definition}\n\nSee [b](b.md#x) and\n![img](a.png).\n"


def test_headings_links_and_lines(tmp_path: Path) -> None:
    page = kb.load_page(write(tmp_path / "p.md", PAGE), "zh", "p.md")
    assert page.front_matter == {"title": "T", "description": "A description."}
    assert page.body_line == 5
    assert [(h.level, h.title, h.anchor, h.line) for h in page.headings] == [
        (1, "T", None, 6),
        (2, "定义", "definition", 8),
    ]
    assert [(link.target, link.line, link.is_image) for link in page.links] == [
        ("b.md#x", 10, False),
        ("a.png", 11, True),
    ]


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    raw = ("\ufeff" + PAGE).replace("\n", "\r\n").encode("utf-8")
    page = kb.load_page(write(tmp_path / "p.md", raw), "zh", "p.md")
    assert page.sections[0].anchor == "definition"
    assert page.sections[0].line == 8


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        (b"", 1, "file is empty"),
        (b"  \n\n", 1, "file is empty"),
        (b"---\ntitle: x\n---\n\xff\xfe bad\n", 4, "not valid UTF-8"),
        (b"---\ntitle: x\n---\n\nok\x00\n", 5, "binary"),
        (b"# no front matter\n", 1, "no front matter"),
        (b"---\ntitle: x\n", 1, "not closed"),
        (b"---\ntitle: [unclosed\n---\n", 2, "not valid YAML"),
        (b"---\n- a list\n---\n", 2, "must be a mapping"),
    ],
)
def test_unreadable_pages_become_findings(tmp_path: Path, content: bytes, line: int, message: str) -> None:
    path = write(tmp_path / "p.md", content)
    with pytest.raises(kb.PageError) as caught:
        kb.load_page(path, "zh", "p.md")
    finding = caught.value.finding
    assert finding.code in {"E100", "E200"}
    assert finding.line == line
    assert message in finding.message


def test_prose_text_skips_tables_and_code(tmp_path: Path) -> None:
    text = "---\ntitle: T\n---\n\nProse here.\n\n| a | b |\n| - | - |\n| cell | x |\n\n```\ncode\n```\n"
    page = kb.load_page(write(tmp_path / "p.md", text), "en", "p.md")
    assert page.prose_text() == "Prose here."


def test_real_knowledge_base_loads_without_findings() -> None:
    knowledge_base = kb.load()
    assert knowledge_base.load_findings == []
    assert knowledge_base.data is not None
    assert set(knowledge_base.pages["zh"]) == set(knowledge_base.pages["en"])


CITED = """---
title: T
reviewed: 2026-11-28
---

Intro in 2025 [@a].

## One {#one}

First line
then [@b; @c] and `[@in-code]` and [@d](link.md) and [see [@g]](x.md).

- Item with 5% [@e]
- Item without

```text
[@in-fence]
```

| cell [@f] |
| --- |
"""


def test_citations_with_lines_and_sections(tmp_path: Path) -> None:
    page = kb.load_page(write(tmp_path / "p.md", CITED), "en", "p.md")
    assert [(c.source, c.line, c.section) for c in page.citations] == [
        ("a", 6, ""),
        ("b", 11, "one"),
        ("c", 11, "one"),
        ("e", 13, "one"),
        ("f", 20, "one"),  # a table cell cites too; only paragraphs are checked for figures
    ]


def test_paragraphs_hold_visible_text_and_their_citations(tmp_path: Path) -> None:
    page = kb.load_page(write(tmp_path / "p.md", CITED), "en", "p.md")
    assert [(p.line, p.text, p.section, p.citations) for p in page.paragraphs] == [
        (6, "Intro in 2025 .", "", ("a",)),
        (10, "First line then  and   and  @d  and  see  .", "one", ("b", "c")),  # runs split at breaks, code and links
        (13, "Item with 5% ", "one", ("e",)),
        (14, "Item without", "one", ()),
    ]


def test_dates_stay_text(tmp_path: Path) -> None:
    page = kb.load_page(write(tmp_path / "p.md", CITED), "en", "p.md")
    assert page.front_matter["reviewed"] == "2026-11-28"
    # A date that does not exist is text for the schema to judge, not a crash.
    odd = kb.load_page(write(tmp_path / "q.md", "---\nreviewed: 2026-13-45\n---\n"), "en", "q.md")
    assert odd.front_matter["reviewed"] == "2026-13-45"


def test_sources_are_loaded_with_dates_as_text(tmp_path: Path) -> None:
    data = kb.load_data(Path(__file__).parent / "fixtures" / "kb")
    years = {s["id"]: (s.get("date"), s.get("adopted"), s["checked"]) for s in data.sources}
    assert years == {
        "example-1688-launch": ("2010-03", None, "2026-11-28"),
        "example-jd-report": ("2025", None, "2026-11-28"),  # YAML reads a bare year as a number
        "example-ecommerce-law": (None, "2018-08-31", "2026-11-28"),
    }
    assert data.platform_sources("jd") == ["example-jd-report", "example-jd-report"]


def test_a_bibliography_of_comments_only_is_empty(tmp_path: Path) -> None:
    root = tmp_path / "kb"
    shutil.copytree(Path(__file__).parent / "fixtures" / "kb" / "data", root / "data")
    (root / "data" / "sources.yml").write_text("# nothing cited yet\n", encoding="utf-8")
    assert kb.load_data(root).sources == []


def test_page_block_structure_matches_a_fresh_parse_of_what_mkdocs_hands_the_hooks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from mkdocs.utils.meta import get_data

    knowledge_base = kb.load_once(kb.ROOT)
    expected = {}
    for pages in knowledge_base.pages.values():
        for page in pages.values():
            body, _ = get_data(page.path.read_text(encoding="utf-8-sig"))
            # As the hooks get it: mkdocs-static-i18n rejoins the lines, the last newline lost.
            for markdown in (body, "\n".join(body.splitlines())):
                expected[page.display, markdown] = (page, kb.block_structure(markdown))

    def unexpected_parse(markdown: str) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(kb, "block_structure", unexpected_parse)
    for (shown, markdown), (page, structure) in expected.items():
        assert kb.page_block_structure(page, markdown) == structure, shown
    assert sum(bool(structure[1]) for _, structure in expected.values()) >= 20  # Mermaid fences among them


def test_page_block_structure_parses_markdown_that_is_not_the_page_body() -> None:
    page = kb.load_once(kb.ROOT).pages["zh"]["models/b2b.md"]
    changed = "# 新标题\n\n## 插入 {#inserted}\n\n" + page.text.split("---\n", 2)[2]
    headings, _ = kb.page_block_structure(page, changed)
    assert headings[:2] == [kb.Heading(1, "新标题", None, 1), kb.Heading(2, "插入", "inserted", 3)]


def test_load_once_loads_again_after_an_edit(tmp_path: Path) -> None:
    root = tmp_path / "kb"
    shutil.copytree(Path(__file__).parent / "fixtures" / "kb", root)
    first = kb.load_once(root)
    assert kb.load_once(root) is first
    page = next((root / "docs" / "en").rglob("*.md"))
    page.write_text(page.read_text("utf-8") + "\nOne more line.\n", "utf-8")
    assert kb.load_once(root) is not first
