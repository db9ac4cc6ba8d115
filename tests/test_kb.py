"""Loading pages: encodings, front matter, headings and links, with exact lines."""

from __future__ import annotations

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
