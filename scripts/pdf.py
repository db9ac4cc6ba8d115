"""Export one PDF per language from the built site: a cover, a table of contents with page
numbers, bookmarks for every page and model, running headers and page numbers.

    python scripts/pdf.py [--site site] [--lang zh --lang en]

Engine: WeasyPrint, fed the article HTML that MkDocs already rendered (so the data tables,
the pre-rendered SVG diagrams and the abbreviations are exactly those of the site). It runs
no JavaScript and fetches nothing: every image is a local file, and any other URL is refused.
"""

from __future__ import annotations

import argparse
import datetime as dt
import posixpath
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

import chooser
import citations
import kb

OUTPUT = "downloads/ecommerce-models-{lang}.pdf"
# For contributors, not readers: the guide and the translation status (a notice on an outdated
# page is part of that page, so the book still shows it).
BOOK_EXCLUDES = {"contributing.md", "translation-status.md", "404.md"}
HTML_LANG = {"zh": "zh-Hans", "en": "en"}
FONTS = {
    "zh": '"Noto Sans CJK SC", sans-serif',
    "en": '"Noto Sans CJK SC", "DejaVu Sans", sans-serif',
}
COVER = {
    "zh": {
        "subtitle": "十种电商运营模式：定义、运作、盈利、平台与选择",
        "built": "构建日期",
        "version": "版本",
        "toc": "目录",
    },
    "en": {
        "subtitle": "Ten e-commerce operation models: what they are, how they work and earn, and how to choose",
        "built": "Built",
        "version": "Version",
        "toc": "Contents",
    },
}
SITE_NAME = {"zh": "电商运营模式知识库", "en": "E-commerce Operation Models"}

CSS = """
@page { size: A4; margin: 22mm 18mm 20mm 18mm;
  @top-left { content: string(book); font-size: 8pt; color: #666; }
  @top-right { content: string(chapter); font-size: 8pt; color: #666; }
  @bottom-center { content: counter(page); font-size: 9pt; color: #444; } }
@page cover { margin: 0; @top-left { content: none } @top-right { content: none } @bottom-center { content: none } }
@page toc { @top-right { content: none } }
html { font-family: FONT; font-size: 10pt; line-height: 1.6; color: #222; }
.cover { page: cover; height: 297mm; padding: 70mm 25mm 0; box-sizing: border-box;
  background: #3f51b5; color: #fff; string-set: book content(text); }
.cover h1 { font-size: 30pt; margin: 0 0 8mm; bookmark-level: none; string-set: book content(text); }
.cover .subtitle { font-size: 14pt; margin-bottom: 40mm; }
.cover .meta { font-size: 10pt; opacity: .9; }
nav.toc { page: toc; break-after: page; }
nav.toc h1 { bookmark-level: none; }
nav.toc ol { list-style: none; padding: 0; }
nav.toc li { margin: 2mm 0; }
nav.toc li.model { margin-left: 6mm; }
nav.toc a { color: inherit; text-decoration: none; }
nav.toc a::after { content: leader('.') target-counter(attr(href), page); }
section.chapter { break-before: page; }
section.chapter h1 { string-set: chapter content(text); bookmark-level: 1; font-size: 20pt; color: #283593; }
h2 { bookmark-level: 2; font-size: 14pt; color: #283593; margin-top: 7mm; break-after: avoid; }
h3 { bookmark-level: none; font-size: 11pt; break-after: avoid; }
a { color: #283593; text-decoration: none; }
abbr { text-decoration: none; }
table { border-collapse: collapse; width: 100%; font-size: 8pt; margin: 3mm 0; }
th, td { border: .5pt solid #bbb; padding: 1.2mm 1.5mm; vertical-align: top; overflow-wrap: break-word; hyphens: auto; }
th { background: #e8eaf6; }
tr { break-inside: avoid; }
.matrix table { font-size: 6.6pt; }
.decision-table td:first-child { width: 22%; }
.decision-table caption { caption-side: top; text-align: left; font-weight: bold; margin-bottom: 1mm; }
figure.diagram { margin: 4mm 0; text-align: center; break-inside: avoid; }
figure.diagram img { max-width: 100%; height: auto; }
.page-reviewed { color: #555; font-size: 9pt; margin-top: -2mm; }
sup.cite { font-size: 7pt; line-height: 0; }
ol.references { font-size: 8.5pt; padding-left: 7mm; }
ol.references li { margin: 1mm 0; overflow-wrap: anywhere; }
pre, code { font-family: "DejaVu Sans Mono", monospace; font-size: 8pt; }
.grid.cards ul { padding-left: 4mm; }
.grid.cards hr { display: none; }
"""


class PdfError(Exception):
    pass


def require_cjk_font() -> None:
    """Refuse to produce a PDF full of boxes."""
    try:
        families = subprocess.run(["fc-list", ":lang=zh-cn", "family"], capture_output=True, text=True).stdout
    except FileNotFoundError:
        raise PdfError("fc-list is missing: install fontconfig and fonts-noto-cjk") from None
    if "Noto Sans CJK SC" not in families:
        raise PdfError(
            "the Simplified Chinese font 'Noto Sans CJK SC' is not installed: "
            "run 'make system-deps' (apt-get install fonts-noto-cjk)"
        )


def book_pages(root: Path) -> list[str]:
    return [rel for rel in kb.nav_files(root) if rel not in BOOK_EXCLUDES]


def page_url(rel: str) -> str:
    """The page's URL below its language root, with directory URLs."""
    stem = rel.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def slug(rel: str) -> str:
    return "p-" + rel.removesuffix(".md").replace("/", "-")


def _rewrite(article: Tag, rel: str, known: dict[str, str], site_lang_dir: Path) -> None:
    prefix = slug(rel)
    # Screen-only parts: paper cannot run scripts, filter the matrix or pick models to compare.
    screen_only = "a.headerlink, .md-content__button, .md-source-file, script, .md-feedback, .compare-tools"
    for tag in article.select(screen_only):
        tag.decompose()
    for tag in article.find_all(id=True):
        tag["id"] = f"{prefix}--{tag['id']}"
    here = page_url(rel)
    for link in article.find_all("a", href=True):
        href = str(link["href"])
        if urlsplit(href).scheme or href.startswith("//"):
            continue
        target = urljoin("/" + here, href)
        path, _, anchor = target.partition("#")
        target_rel = known.get(path.lstrip("/"))
        if target_rel is None:
            link.unwrap() if not href.startswith("#") else None
            continue
        link["href"] = f"#{slug(target_rel)}--{anchor}" if anchor else f"#{slug(target_rel)}"
    for image in article.find_all("img", src=True):
        local = (site_lang_dir / posixpath.normpath(posixpath.join(here, str(image["src"])))).resolve()
        if not local.is_file():
            raise PdfError(f"{rel}: image {image['src']} is not in the built site ({local})")
        image["src"] = local.as_uri()
        del image["loading"]


def latest_review(knowledge_base: kb.KnowledgeBase, lang: str) -> str | None:
    """The newest `reviewed` date among the pages of one language."""
    dates = [p.front_matter.get("reviewed") for p in knowledge_base.pages[lang].values()]
    return max((d for d in dates if isinstance(d, str)), default=None)


def build_html(site: Path, root: Path, lang: str, version: str, today: str) -> str:
    lang_dir = site if lang == kb.DEFAULT_LANGUAGE else site / lang
    rels = book_pages(root)
    known = {page_url(rel): rel for rel in rels}
    knowledge_base = kb.load(root)
    if knowledge_base.data is None:
        finding = knowledge_base.load_findings[-1]
        raise PdfError(f"{finding.path}:{finding.line}: {finding.code} {finding.message}")
    data = knowledge_base.data
    models = {f"models/{m}.md" for m in data.model_ids}
    choose = chooser.load(root)
    chapters, toc = [], []
    for rel in rels:
        path = lang_dir / page_url(rel) / "index.html"
        if not path.is_file():
            raise PdfError(f"{path} is missing: run 'make build' first")
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        article = soup.select_one("article.md-content__inner")
        if article is None:
            raise PdfError(f"{path}: no article element")
        _rewrite(article, rel, known, lang_dir)
        form = article.select_one("div.chooser")
        if form is not None and choose is not None:
            # Paper cannot run the chooser: the same decision data as a static table instead.
            form.replace_with(BeautifulSoup(chooser.decision_table(choose, data, lang), "html.parser"))
        heading = article.find("h1")
        title = heading.get_text(" ", strip=True) if heading else rel
        if heading is not None:
            heading["id"] = slug(rel)
        matrix = article.find(id=f"{slug(rel)}--matrix")
        if matrix is not None and (table := matrix.find_next("table")) is not None:
            table.wrap(soup.new_tag("div", attrs={"class": "matrix"}))
        css_class = "model" if rel in models else "page"
        toc.append(f'<li class="{css_class}"><a href="#{slug(rel)}">{title}</a></li>')
        chapters.append(f'<section class="chapter">{article.decode_contents()}</section>')
    words = COVER[lang]
    reviewed = latest_review(knowledge_base, lang)
    reviewed_line = f"{citations.reviewed_line(data, lang, reviewed)}<br>" if reviewed else ""
    cover = (
        f'<section class="cover"><h1>{SITE_NAME[lang]}</h1><div class="subtitle">{words["subtitle"]}</div>'
        f'<div class="meta">{reviewed_line}{words["built"]}: {today}<br>{words["version"]}: {version}</div></section>'
    )
    contents = f'<nav class="toc"><h1>{words["toc"]}</h1><ol>{"".join(toc)}</ol></nav>'
    return (
        f'<!DOCTYPE html><html lang="{HTML_LANG[lang]}"><head><meta charset="utf-8">'
        f"<title>{SITE_NAME[lang]}</title>"
        f'<meta name="author" content="{SITE_NAME[lang]}"><meta name="dcterms.created" content="{today}">'
        f"<style>{CSS.replace('FONT', FONTS[lang])}</style></head>"
        f"<body>{cover}{contents}{''.join(chapters)}</body></html>"
    )


def export(site: Path, lang: str, root: Path = kb.ROOT) -> Path:
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    require_cjk_font()
    version = subprocess.run(
        ["git", "describe", "--always", "--dirty"], cwd=root, capture_output=True, text=True
    ).stdout.strip()
    today = dt.date.today().isoformat()
    html = build_html(site, root, lang, version or "unknown", today)
    output = site / OUTPUT.format(lang=lang)
    output.parent.mkdir(parents=True, exist_ok=True)
    # Local files only: the export must not reach the network, and a missing file is an error.
    fetcher = URLFetcher(allowed_protocols={"file", "data"}, fail_on_errors=True)
    HTML(string=html, base_url=str(site), url_fetcher=fetcher).write_pdf(output, pdf_tags=True)
    return output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=kb.ROOT / "site")
    parser.add_argument("--lang", action="append", choices=kb.LANGUAGES)
    args = parser.parse_args(argv)
    for lang in args.lang or list(kb.LANGUAGES):
        start = time.perf_counter()
        try:
            output = export(args.site, lang)
        except PdfError as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
        size = output.stat().st_size / 1024
        print(f"{kb.display_path(output)}: {size:.0f} KiB in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
