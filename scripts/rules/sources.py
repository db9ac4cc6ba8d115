"""Sources and citations: every figure is cited, every citation resolves, both languages cite
the same sources in the same sections, platform facts have sources, and nothing is stale.
Codes E600-E604, W600, W602, W610, W611 (and E201/E209 for dates that do not exist).

"Today" is the date in the environment variable KB_TODAY (YYYY-MM-DD) when it is set, so the
freshness warnings can be tested; otherwise the real date.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator
from functools import cache
from typing import Any
from urllib.parse import urlsplit

import yaml

from kb import DATA_FILES, LANGUAGES, Finding, KnowledgeBase, Page
from rules.data import _data_line
from rules.structure import schema_errors

REVIEW_MONTHS = 12  # a page's `reviewed` older than this is W610
CHECK_MONTHS = 24  # a cited source's `checked` older than this is W611

# What counts as a figure that needs a source, searched in a paragraph's visible text (code
# spans and citation markers removed). A number glued to Latin letters (B2B, O2O, B2B2C, 3C)
# is part of a name, not a figure.
_START = r"(?<![A-Za-z0-9.,])"
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December|Sept"
FIGURES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("a year", re.compile(rf"{_START}(?:19|20)\d{{2}}(?![0-9A-Za-z])")),
    ("a date", re.compile(rf"{_START}\d{{1,2}}\s*月\s*\d{{1,2}}\s*[日号]|\b(?:{_MONTHS})\.?\s+\d{{1,2}}\b")),
    ("a percentage", re.compile(rf"{_START}\d[\d,.]*\s*[%％]|百分之")),
    (
        "an amount",
        re.compile(
            rf"[¥￥$]\s*\d[\d,.]*|{_START}\d[\d,.]*\s*(?:元|万|亿|(?:million|billion|trillion)(?![A-Za-z]))",
            re.IGNORECASE,
        ),
    ),
)


def today() -> dt.date:
    """The date freshness is measured against: KB_TODAY when set, else the real date."""
    value = os.environ.get("KB_TODAY")
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"KB_TODAY={value!r} is not a date (expected YYYY-MM-DD)") from None


def months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for last in (day.day, 30, 29, 28):  # the 31st of a shorter month is its last day
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has a 28th")


def figure_in(text: str) -> tuple[str, str] | None:
    """The first figure a paragraph states, as (what it is, the text), or None."""
    for kind, pattern in FIGURES:
        match = pattern.search(text)
        if match:
            return kind, match.group().strip()
    return None


def _section_name(section: str) -> str:
    return f"section '{section}'" if section else "the introduction"


@cache
def _source_lines(path: str, text: str) -> list[tuple[int, dict[str, int]]]:
    """For each entry of sources.yml: its line and the line of each of its keys."""
    try:
        node = yaml.compose(text)
    except yaml.YAMLError:
        return []
    if not isinstance(node, yaml.SequenceNode):
        return []
    entries = []
    for item in node.value:
        keys = {}
        if isinstance(item, yaml.MappingNode):
            keys = {key.value: value.start_mark.line + 1 for key, value in item.value}
        entries.append((item.start_mark.line + 1, keys))
    return entries


def source_line(kb: KnowledgeBase, index: int, key: str | None = None) -> int:
    """The line of the index-th entry of data/sources.yml, or of one of its keys."""
    path = kb.root / DATA_FILES["sources"]
    try:
        lines = _source_lines(str(path), path.read_text(encoding="utf-8"))
    except OSError:
        return 1
    if index >= len(lines):
        return 1
    line, keys = lines[index]
    return keys.get(key, line) if key else line


def _key_line(kb: KnowledgeBase, platform_id: str) -> int:
    """The line of a platform's id in data/platforms.yml (the line its entry starts on)."""
    try:
        node = yaml.compose((kb.root / DATA_FILES["platforms"]).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return 1
    if isinstance(node, yaml.MappingNode):
        for key, _ in node.value:
            if key.value == platform_id:
                return key.start_mark.line + 1
    return 1


def _all_citations(kb: KnowledgeBase) -> Iterator[tuple[Page, int, str]]:
    for lang in LANGUAGES:
        for page in kb.pages[lang].values():
            for citation in page.citations:
                yield page, citation.line, citation.source


def _platform_citations(kb: KnowledgeBase) -> Iterator[tuple[str, list[Any], str]]:
    """(platform id, the path of the key in platforms.yml, source id) of every platform source."""
    assert kb.data is not None
    for platform_id, platform in kb.data.platforms.items():
        if platform.get("launched_source"):
            yield platform_id, [platform_id, "launched_source"], platform["launched_source"]
        status = platform.get("status")
        if isinstance(status, dict) and status.get("source"):
            yield platform_id, [platform_id, "status", "source"], status["source"]


def check_known_sources(kb: KnowledgeBase) -> Iterator[Finding]:
    """E600: a citation names a source that is not in data/sources.yml."""
    if kb.data is None:
        return
    known = kb.data.sources_by_id
    for page, line, source in _all_citations(kb):
        if source not in known:
            yield Finding(
                page.display,
                line,
                "E600",
                f"unknown source '{source}': add it to {DATA_FILES['sources']} or correct the id",
            )
    for platform_id, path, source in _platform_citations(kb):
        if source not in known:
            yield Finding(
                DATA_FILES["platforms"],
                _data_line(kb, "platforms", path),
                "E600",
                f"{platform_id}: unknown source '{source}': add it to {DATA_FILES['sources']} or correct the id",
            )


def check_citations_match(kb: KnowledgeBase) -> Iterator[Finding]:
    """E601: both languages cite the same sources in the same H2 section."""
    for rel in kb.all_rels():
        pair = kb.pair(rel)
        if pair[0] is None or pair[1] is None:
            continue
        for here, there in (pair, pair[::-1]):
            assert here is not None and there is not None
            theirs = {(c.section, c.source) for c in there.citations}
            reported: set[tuple[str, str]] = set()
            for citation in here.citations:
                key = (citation.section, citation.source)
                if key in theirs or key in reported:
                    continue
                reported.add(key)
                yield Finding(
                    here.display,
                    citation.line,
                    "E601",
                    f"source '{citation.source}' is cited in {_section_name(citation.section)} here "
                    f"but not in the same section of {there.display}",
                )


def check_figures_cited(kb: KnowledgeBase) -> Iterator[Finding]:
    """E602 (model pages) / W602 (other pages): a paragraph with a year, date, percentage or
    amount cites no source."""
    for lang in LANGUAGES:
        for page in kb.pages[lang].values():
            code = "E602" if page.is_model else "W602"
            for paragraph in page.paragraphs:
                if paragraph.citations:
                    continue
                found = figure_in(paragraph.text)
                if found:
                    kind, text = found
                    yield Finding(
                        page.display,
                        paragraph.line,
                        code,
                        f"paragraph states {kind} ('{text}') but cites no source: "
                        f"add [@source-id] from {DATA_FILES['sources']}, or leave the figure out",
                    )


def check_platform_sources(kb: KnowledgeBase) -> Iterator[Finding]:
    """E603: a platform's launch year and status each need a source."""
    if kb.data is None:
        return
    where = DATA_FILES["platforms"]
    for platform_id, platform in kb.data.platforms.items():
        if platform.get("launched") and not platform.get("launched_source"):
            yield Finding(
                where,
                _data_line(kb, "platforms", [platform_id, "launched"]),
                "E603",
                f"{platform_id}: launched {platform['launched']} has no launched_source",
            )
        status = platform.get("status")
        if not status:
            yield Finding(
                where,
                _key_line(kb, platform_id),
                "E603",
                f"{platform_id}: no status (state: active | renamed | merged | scaled-back | closed | delisted, "
                "with a source)",
            )
        elif not status.get("source"):
            yield Finding(
                where,
                _data_line(kb, "platforms", [platform_id, "status"]),
                "E603",
                f"{platform_id}: status '{status.get('state')}' has no source",
            )


def _cited_ids(kb: KnowledgeBase) -> set[str]:
    return {source for _, _, source in _all_citations(kb)} | {s for _, _, s in _platform_citations(kb)}


def check_sources_used(kb: KnowledgeBase) -> Iterator[Finding]:
    """W600: a source nothing cites."""
    if kb.data is None:
        return
    cited = _cited_ids(kb)
    seen: set[str] = set()
    for index, source in enumerate(kb.data.sources):
        if source["id"] in cited or source["id"] in seen:
            continue
        seen.add(source["id"])
        yield Finding(
            DATA_FILES["sources"],
            source_line(kb, index),
            "W600",
            f"source '{source['id']}' is not cited by any page or platform",
        )


def same_page(url: str) -> str:
    """A URL reduced to the page it names: scheme, `www.`, a trailing slash and the fragment do
    not make another page, so http://www.x/a and https://x/a/ are one source."""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    path = parts.path.rstrip("/") or "/"
    return f"{host}{path}" + (f"?{parts.query}" if parts.query else "")


def check_one_entry_per_source(kb: KnowledgeBase) -> Iterator[Finding]:
    """E604: two entries of data/sources.yml are the same page. Pages citing either would list
    one article twice in their References, under two numbers."""
    if kb.data is None:
        return
    first: dict[str, int] = {}  # a page's key: the index of its first entry
    for index, source in enumerate(kb.data.sources):
        url = source.get("url")
        if not isinstance(url, str) or not url.strip():
            continue
        key = same_page(url)
        if key in first:
            other, line = kb.data.sources[first[key]]["id"], source_line(kb, first[key])
            yield Finding(
                DATA_FILES["sources"],
                source_line(kb, index, "url"),
                "E604",
                f"source '{source['id']}' has the same URL as '{other}' (line {line}): keep one entry and cite its id",
            )
        else:
            first[key] = index


def _day(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        return None


def check_freshness(kb: KnowledgeBase) -> Iterator[Finding]:
    """W610: a page's `reviewed` is older than 12 months. W611: a cited source was last checked
    more than 24 months ago. A date that matches the format but does not exist is an error."""
    now = today()
    review_limit, check_limit = months_before(now, REVIEW_MONTHS), months_before(now, CHECK_MONTHS)
    for lang in LANGUAGES:
        for page in kb.pages[lang].values():
            value = page.front_matter.get("reviewed")
            if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                continue  # missing or malformed: the schema reports it (E201)
            reviewed = _day(value)
            line = page.line_of_key("reviewed")
            if reviewed is None:
                yield Finding(page.display, line, "E201", f"front matter key 'reviewed': {value} is not a real date")
            elif reviewed < review_limit:
                yield Finding(
                    page.display,
                    line,
                    "W610",
                    f"reviewed {value}, more than {REVIEW_MONTHS} months ago: check the page against its "
                    "sources, then update `reviewed`",
                )
    if kb.data is None:
        return
    cited = _cited_ids(kb)
    for index, source in enumerate(kb.data.sources):
        for key in ("date", "adopted", "in_force", "checked"):
            value = source.get(key)
            if isinstance(value, str) and len(value) == 10 and _day(value) is None:
                yield Finding(
                    DATA_FILES["sources"],
                    source_line(kb, index, key),
                    "E209",
                    f"{source['id']}: {key} {value} is not a real date",
                )
        checked = _day(source.get("checked"))
        if source["id"] in cited and checked is not None and checked < check_limit:
            yield Finding(
                DATA_FILES["sources"],
                source_line(kb, index, "checked"),
                "W611",
                f"source '{source['id']}' was checked {source['checked']}, more than {CHECK_MONTHS} months "
                "ago: check it again and update `checked`",
            )


def _data_valid(rule: Any) -> Any:
    """Run a rule only when the data loaded and matches its schema: on malformed data the
    schema findings (E209) say what is wrong, and cross-checks would only add noise."""

    def guarded(kb: KnowledgeBase) -> Iterator[Finding]:
        if kb.data is not None:
            document = {
                "models": kb.data.models,
                "platforms": kb.data.platforms,
                "labels": kb.data.labels,
                "glossary": kb.data.glossary,
                "sources": kb.data.sources,
            }
            if schema_errors(kb.data.data_schema, document):
                return
        yield from rule(kb)

    guarded.__name__ = rule.__name__
    guarded.__doc__ = rule.__doc__
    return guarded


RULES = (
    _data_valid(check_known_sources),
    check_citations_match,
    check_figures_cited,
    _data_valid(check_platform_sources),
    _data_valid(check_sources_used),
    _data_valid(check_one_entry_per_source),
    _data_valid(check_freshness),
)
