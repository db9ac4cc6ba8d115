"""The PDFs: every model in the text and the bookmarks, SC fonts embedded, real diagrams."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

import citations
import kb
import pdf

DATA = kb.load_data()


@pytest.fixture(scope="session")
def pdfs(built_site: Path) -> dict[str, Path]:
    return {lang: pdf.export(built_site, lang) for lang in kb.LANGUAGES}


def text_of(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True).stdout


def outline_titles(reader: PdfReader) -> list[str]:
    titles: list[str] = []

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    return titles


@pytest.mark.parametrize("lang", kb.LANGUAGES)
def test_pdf_exists_at_its_fixed_name(pdfs: dict[str, Path], lang: str) -> None:
    assert pdfs[lang].name == f"ecommerce-models-{lang}.pdf"
    assert pdfs[lang].parent.name == "downloads"


@pytest.mark.parametrize("lang", kb.LANGUAGES)
def test_every_model_is_in_the_text_and_the_bookmarks(pdfs: dict[str, Path], lang: str) -> None:
    text = text_of(pdfs[lang])
    reader = PdfReader(pdfs[lang])
    titles = outline_titles(reader)
    for model in DATA.models:
        assert model["name"][lang] in text
        assert model["name"][lang] in titles
    for rel in pdf.book_pages(kb.ROOT):
        page = kb.load().pages[lang][rel]
        assert page.front_matter["title"] in " ".join(titles) or rel == "index.md", rel


@pytest.mark.parametrize("lang", kb.LANGUAGES)
def test_fonts_are_embedded_and_chinese_is_simplified(pdfs: dict[str, Path], lang: str) -> None:
    listing = subprocess.run(["pdffonts", str(pdfs[lang])], capture_output=True, text=True).stdout.splitlines()[2:]
    assert listing
    for row in listing:
        columns = row.split()
        assert columns[-5] == "yes", row  # the "emb" column
    if lang == "zh":
        assert any("CJK-SC" in row for row in listing)
        assert not any("CJK-JP" in row or "CJK-TC" in row or "CJK-KR" in row for row in listing)


@pytest.mark.parametrize("lang", kb.LANGUAGES)
def test_no_raw_mermaid_no_replacement_characters_and_plausible_length(pdfs: dict[str, Path], lang: str) -> None:
    text = text_of(pdfs[lang])
    assert "\ufffd" not in text
    assert "flowchart LR" not in text and "-->" not in text
    pages = len(PdfReader(pdfs[lang]).pages)
    assert 30 <= pages <= 250


@pytest.mark.parametrize("lang", kb.LANGUAGES)
def test_diagrams_are_drawn_as_vector_text(pdfs: dict[str, Path], lang: str) -> None:
    # The B2B diagram's node labels come out as PDF text, which only happens when the SVG was drawn.
    text = text_of(pdfs[lang])
    label = {"zh": "企业采购方", "en": "Business buyer"}[lang]
    assert label in text


@pytest.mark.parametrize("lang", kb.LANGUAGES)
def test_language_metadata_cover_and_internal_links(pdfs: dict[str, Path], lang: str) -> None:
    reader = PdfReader(pdfs[lang])
    assert str(reader.trailer["/Root"]["/Lang"]).startswith(pdf.HTML_LANG[lang][:2])
    assert reader.metadata.title == pdf.SITE_NAME[lang]
    cover = " ".join(reader.pages[0].extract_text().split())
    assert pdf.SITE_NAME[lang] in cover and pdf.COVER[lang]["version"] in cover
    internal = 0
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            action = annotation.get("/A")
            if "/Dest" in annotation or (action is not None and action.get("/S") == "/GoTo"):
                internal += 1
    assert internal >= 50  # the table of contents alone links every page


@pytest.mark.parametrize("lang", kb.LANGUAGES)
def test_cover_shows_the_review_date_and_chapters_cite_their_sources(pdfs: dict[str, Path], lang: str) -> None:
    knowledge_base = kb.load()
    reviewed = pdf.latest_review(knowledge_base, lang)
    assert reviewed is not None
    line = citations.reviewed_line(DATA, lang, reviewed)
    cover = " ".join(PdfReader(pdfs[lang]).pages[0].extract_text().split())
    assert line in cover
    text = text_of(pdfs[lang])
    # Every chapter carries its own review line, under its title.
    assert text.count(line) >= len(pdf.book_pages(kb.ROOT)) + 1
    # Citations stay numbered links, and the References lists are there with their checked dates.
    assert "[1]" in text
    checked = {"zh": "核对于 ", "en": "checked "}[lang]
    assert text.count(checked) >= 10
    first = next(
        source
        for source in citations.cited_sources(knowledge_base, knowledge_base.pages[lang]["models/b2b.md"])
        if source in DATA.sources_by_id
    )
    title = "".join(DATA.sources_by_id[first]["title"].split())
    assert title[:12] in "".join(text.split())  # pdftotext breaks lines anywhere in a long title


def test_missing_cjk_font_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    class NoFonts:
        stdout = "DejaVu Sans\n"

    monkeypatch.setattr(pdf.subprocess, "run", lambda *args, **kwargs: NoFonts())
    with pytest.raises(pdf.PdfError, match="Noto Sans CJK SC"):
        pdf.require_cjk_font()


@pytest.mark.parametrize("lang", kb.LANGUAGES)
def test_choose_chapter_has_the_decision_table_instead_of_the_form(pdfs: dict[str, Path], lang: str) -> None:
    import chooser

    choose = chooser.load()
    assert choose is not None
    text = " ".join(text_of(pdfs[lang]).split())
    caption = " ".join(choose["ui"]["table-caption"][lang].split())
    assert caption in text
    table = text.split(caption, 1)[1][:8000]  # table cells wrap, so look for each answer's first word
    for question in choose["questions"]:
        for option in question["options"]:
            first_word = option["text"][lang].split()[0][: 3 if lang == "zh" else None]
            assert first_word in table.replace(" ", "" if lang == "zh" else " "), (question["id"], option["id"])
    assert choose["ui"]["needs-js"][lang][:12] not in text  # the form's note is not on paper
    html = pdf.build_html(pdfs[lang].parents[1], kb.ROOT, lang, "test", "2026-01-01")
    assert "decision-table" in html and 'type="radio"' not in html


@pytest.mark.parametrize("lang", kb.LANGUAGES)
def test_compare_chapter_has_the_matrix_without_its_controls(pdfs: dict[str, Path], lang: str) -> None:
    import chooser

    choose = chooser.load()
    assert choose is not None
    text = " ".join(text_of(pdfs[lang]).split())
    for word in ("pick", "filter"):  # the fieldsets' legends: the controls need a screen
        assert " ".join(choose["ui"][word][lang].split()) not in text, word
    html = pdf.build_html(pdfs[lang].parents[1], kb.ROOT, lang, "test", "2026-01-01")
    assert 'class="matrix"' in html and "compare-tools" not in html and "<select" not in html
