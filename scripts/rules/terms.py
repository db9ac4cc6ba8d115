"""Terms held to the glossary: data/glossary.yml is the term base. Codes E70x, W700.

- E700: a variant the glossary says to avoid, at its file:line.
- E701: a variant to avoid that would also match a canonical term, so every correct use
  would be flagged (a mistake in the term base itself).
- W700: one side of a section pair uses a term and the other side uses neither its
  canonical counterpart nor its abbreviation (terms flagged `gloss: true` are exempt).

Only visible text counts: headings, paragraphs, lists, tables, link text, and the title and
description; never code, raw HTML or URLs. English matches ignore case, need whole words and
accept the plural; Chinese matches are plain substrings. When terms overlap, the longest wins
("跨境电商综合税" is that tax, not also 跨境电商).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kb import LANGUAGES, Finding, KnowledgeBase, Page, cached, markdown_parser

GLOSSARY = "data/glossary.yml"
_MD = markdown_parser()


# --- the visible text of a page, line by line ----------------------------------------------------


def _visible_blocks(text: str) -> list[list[Any]]:
    """[first line, text] for each block of visible inline text (a paragraph, heading, list item
    or table cell). Line breaks stay newlines, so a term split over two lines still matches;
    code spans become a space."""
    out = []
    for token in _MD.parse(text):
        if token.type != "inline" or not token.map:
            continue
        parts = []
        for child in token.children or []:
            if child.type in {"softbreak", "hardbreak"}:
                parts.append("\n")
            elif child.type == "text":
                parts.append(child.content)
            elif child.type == "code_inline":
                parts.append(" ")
        if "".join(parts).strip():
            out.append([token.map[0] + 1, "".join(parts)])
    return out


@dataclass(frozen=True)
class Block:
    line: int  # first line
    text: str
    section: str  # H2 anchor, or "" before the first H2 (front matter included)

    def line_at(self, offset: int) -> int:
        return self.line + self.text.count("\n", 0, offset)


def page_blocks(page: Page) -> list[Block]:
    starts = [(h.line, h.anchor or h.title) for h in page.sections]
    blocks = [
        Block(page.line_of_key(key), str(page.front_matter[key]), "")
        for key in ("title", "description")
        if isinstance(page.front_matter.get(key), str)
    ]
    for line, text in cached("visible-blocks", page.text, _visible_blocks):
        section = ""
        for start, anchor in starts:
            if start <= line:
                section = anchor
        blocks.append(Block(line, text, section))
    return blocks


# --- patterns ------------------------------------------------------------------------------------


def _plural(word: str) -> str:
    if re.search(r"[^aeiou]y$", word):
        return re.escape(word[:-1]) + "(?:y|ies)"
    if re.search(r"(?:s|x|z|ch|sh)$", word):
        return re.escape(word) + "(?:es)?"
    return re.escape(word) + "s?"


def phrase_pattern(phrase: str, lang: str) -> str:
    """A regex for a term in running text: English by whole words with an optional plural."""
    if lang != "en":
        return re.escape(phrase)
    words = re.split(r"[\s-]+", phrase.strip())
    body = r"[\s-]+".join([re.escape(w) for w in words[:-1]] + [_plural(words[-1])])
    return rf"(?<![\w-]){body}(?![\w-])"


def _flags(lang: str) -> int:
    return re.IGNORECASE if lang == "en" else 0


def _abbr_pattern(abbr: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![A-Za-z0-9]){re.escape(abbr)}(?![A-Za-z0-9])")


@dataclass(frozen=True)
class Term:
    id: str
    names: tuple[tuple[str, str], ...]  # (lang, canonical)
    abbr: str | None
    avoid: tuple[tuple[str, tuple[str, ...]], ...]  # (lang, variants)
    gloss: bool

    def name(self, lang: str) -> str:
        return dict(self.names)[lang]

    def variants(self, lang: str) -> tuple[str, ...]:
        return dict(self.avoid).get(lang, ())


def _quick_key(phrase: str, lang: str) -> str:
    """A substring every match of the phrase contains (lowercase for English): a cheap test
    that skips the regex for the many terms a block of text does not mention."""
    if lang != "en":
        return phrase
    words = re.split(r"[\s-]+", phrase.strip().lower())
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    # The last word may take a plural ending ("category" -> "categories"): leave off its last letter.
    return words[longest][:-1] if longest == len(words) - 1 and len(words[longest]) > 1 else words[longest]


class TermBase:
    """The glossary's terms with their patterns, compiled once per run."""

    def __init__(self, terms: tuple[Term, ...]) -> None:
        self.terms = terms
        self._patterns = {
            lang: [re.compile(phrase_pattern(t.name(lang), lang), _flags(lang)) for t in terms] for lang in LANGUAGES
        }
        self._keys = {lang: [_quick_key(t.name(lang), lang) for t in terms] for lang in LANGUAGES}
        self._variants = {
            lang: tuple(
                (term, variant, re.compile(phrase_pattern(variant, lang), _flags(lang)))
                for term in terms
                for variant in term.variants(lang)
            )
            for lang in LANGUAGES
        }

    def one(self, index: int, lang: str) -> re.Pattern[str]:
        return self._patterns[lang][index]

    def variant_patterns(self, lang: str) -> tuple[tuple[Term, str, re.Pattern[str]], ...]:
        return self._variants[lang]

    def uses(self, text: str, lang: str) -> Iterator[tuple[int, int]]:
        """(term index, offset) of every term used in text, in order; of overlapping terms, the longest."""
        folded = text.lower() if lang == "en" else text
        found = []  # (start, -length, index)
        for index, key in enumerate(self._keys[lang]):
            if key in folded:
                found += [(m.start(), m.start() - m.end(), index) for m in self._patterns[lang][index].finditer(text)]
        taken_until = 0
        for start, negative_length, index in sorted(found):
            if start >= taken_until:
                taken_until = start - negative_length
                yield index, start


def term_base(glossary: list[dict[str, Any]]) -> TermBase:
    terms = []
    for entry in glossary:
        avoid = entry.get("avoid") or {}
        terms.append(
            Term(
                str(entry["id"]),
                tuple((lang, str(entry[lang])) for lang in LANGUAGES),
                entry.get("abbr"),
                tuple((lang, tuple(avoid.get(lang, ()))) for lang in LANGUAGES),
                bool(entry.get("gloss", False)),
            )
        )
    return TermBase(tuple(terms))


def _glossary_line(kb: KnowledgeBase, term_id: str) -> int:
    try:
        text = (kb.root / GLOSSARY).read_text(encoding="utf-8")
    except OSError:
        return 1
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(rf"^-\s+id:\s*['\"]?{re.escape(term_id)}['\"]?\s*$", line):
            return number
    return 1


# --- rules ---------------------------------------------------------------------------------------


def check_term_base(kb: KnowledgeBase) -> Iterator[Finding]:
    """E701: a variant to avoid must not match a canonical term, or correct uses would be flagged."""
    if kb.data is None:
        return
    base = term_base(kb.data.glossary)
    for lang in LANGUAGES:
        for term, variant, pattern in base.variant_patterns(lang):
            for other in base.terms:
                if pattern.search(other.name(lang)):
                    yield Finding(
                        GLOSSARY,
                        _glossary_line(kb, term.id),
                        "E701",
                        f"term '{term.id}': the variant to avoid '{variant}' also matches the canonical term "
                        f"'{other.name(lang)}', so every correct use would be reported; make the variant longer",
                    )


# Cached results must not outlive a change to these rules: their source is part of the key.
_RULES_VERSION = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]


def _glossary_key(glossary: list[dict[str, Any]]) -> str:
    return _RULES_VERSION + json.dumps(glossary, sort_keys=True, ensure_ascii=False, default=str)


def check_avoided_variants(kb: KnowledgeBase) -> Iterator[Finding]:
    """E700: a variant the glossary says to avoid."""
    if kb.data is None:
        return
    glossary = kb.data.glossary
    base = term_base(glossary)
    key = _glossary_key(glossary)
    for lang in LANGUAGES:
        if not base.variant_patterns(lang):
            continue
        for page in kb.pages[lang].values():
            # (line, term index, matched text), cached by the page and the glossary: unchanged pages cost nothing.
            found = cached("avoided-variants", f"{key}\0{page.text}", lambda _, page=page: _variants_in(base, page))
            for line, index, text in found:
                term = base.terms[index]
                yield Finding(
                    page.display,
                    line,
                    "E700",
                    f"'{text}' is a variant to avoid (glossary term '{term.id}'): write '{term.name(lang)}'",
                )


def _variants_in(base: TermBase, page: Page) -> list[list[Any]]:
    found = []
    for block in page_blocks(page):
        for term, _variant, pattern in base.variant_patterns(page.lang):
            for match in pattern.finditer(block.text):
                found.append([block.line_at(match.start()), base.terms.index(term), match.group(0)])
    return found


def check_term_pairs(kb: KnowledgeBase) -> Iterator[Finding]:
    """W700: a term on one side of a section pair with neither its counterpart nor its abbreviation on the other."""
    if kb.data is None:
        return
    glossary = kb.data.glossary
    base = term_base(glossary)
    key = _glossary_key(glossary)
    for rel in kb.all_rels():
        a, b = kb.pair(rel)
        if a is None or b is None or a.front_matter.get("draft") or b.front_matter.get("draft"):
            continue
        pages = {a.lang: a, b.lang: b}
        # Cached by the pair's texts and the glossary: an unchanged pair costs nothing on the next run.
        found = cached("term-pairs", f"{key}\0{a.text}\0{b.text}", lambda _, a=a, b=b: _unpaired_terms(base, a, b))
        for lang, where, used_line, index, section in found:
            page, other = pages[lang], pages[other_language(lang)]
            term = base.terms[index]
            also = f" nor '{term.abbr}'" if term.abbr else ""
            yield Finding(
                other.display,
                where,
                "W700",
                f"{page.display}:{used_line} uses the glossary term '{term.name(page.lang)}', "
                f"but this side of section '{section or '_intro'}' uses neither "
                f"'{term.name(other.lang)}'{also}",
            )


def other_language(lang: str) -> str:
    return LANGUAGES[1] if lang == LANGUAGES[0] else LANGUAGES[0]


def _unpaired_terms(base: TermBase, a: Page, b: Page) -> list[list[Any]]:
    """[language that uses the term, line of the other side's section, line of the use, term index, section]."""
    blocks = {a.lang: page_blocks(a), b.lang: page_blocks(b)}
    anchors = {h.anchor for h in a.sections} & {h.anchor for h in b.sections} | {""}
    found = []
    for page, other in ((a, b), (b, a)):
        text_of = _section_texts(blocks[other.lang])
        reported: set[tuple[str, int]] = set()
        for block in blocks[page.lang]:
            if block.section not in anchors:
                continue
            for index, offset in base.uses(block.text, page.lang):
                term = base.terms[index]
                if term.gloss or (block.section, index) in reported:
                    continue
                reported.add((block.section, index))
                counterpart = text_of.get(block.section, "")
                if base.one(index, other.lang).search(counterpart):
                    continue
                if term.abbr and _abbr_pattern(term.abbr).search(counterpart):
                    continue
                found.append(
                    [page.lang, _section_start(other, block.section), block.line_at(offset), index, block.section]
                )
    return found


def _section_texts(blocks: list[Block]) -> dict[str, str]:
    out: dict[str, list[str]] = {}
    for block in blocks:
        out.setdefault(block.section, []).append(block.text)
    return {section: "\n".join(texts) for section, texts in out.items()}


def _section_start(page: Page, section: str) -> int:
    if not section:
        return page.body_line
    return next((h.line for h in page.sections if h.anchor == section), 1)


RULES = (check_term_base, check_avoided_variants, check_term_pairs)
