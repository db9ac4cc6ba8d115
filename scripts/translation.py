"""Translation status of every page pair, for readers (the notice), translators (the status
page and `make translation-status`) and pull requests (the job summary).

The state comes from translations.lock.json alone (rules/sync.py), so it works in shallow
clones. Dates are the best known: the last commit of the changed file when git knows it and
the file has no uncommitted change, otherwise today (the build date).
"""

from __future__ import annotations

import datetime
import html
import posixpath
import re
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kb import LANGUAGES, Data, KnowledgeBase, Page
from rules.sync import FRONT_MATTER, INTRO, Outdated, load_lock, pair_states

__all__ = ["FRONT_MATTER", "INTRO", "PairStatus", "SectionStatus", "statuses"]

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[A-Za-z0-9]+(?:['’.-][A-Za-z0-9]+)*")


def other_language(lang: str) -> str:
    return LANGUAGES[1] if lang == LANGUAGES[0] else LANGUAGES[0]


def count(page: Page) -> int:
    """Chinese characters of a Chinese page, words of an English one (visible prose, no code or tables)."""
    return len(_HAN.findall(page.prose)) if page.lang == "zh" else len(_WORD.findall(page.prose))


@cache
def _git_date(root: Path, path: Path) -> str | None:
    """The date of the last commit of a file, or None when git does not know it or it has local changes."""
    try:
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", str(path)], cwd=root, capture_output=True, text=True, timeout=10
        )
        if dirty.returncode != 0 or dirty.stdout.strip():
            return None
        log = subprocess.run(
            ["git", "log", "-1", "--format=%cs", "--", str(path)], cwd=root, capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return log.stdout.strip() or None if log.returncode == 0 else None


def today() -> str:
    return datetime.date.today().isoformat()


def changed_on(root: Path, path: Path) -> str:
    return _git_date(root.resolve(), path.resolve()) or today()


@dataclass(frozen=True)
class SectionStatus:
    anchor: str  # H2 anchor, or _intro / _front_matter
    titles: dict[str, str]  # lang -> the heading in that language
    outdated: Outdated | None
    since: str | None  # when the changed side changed, for an outdated section

    @property
    def behind(self) -> str | None:
        return self.outdated.stale.lang if self.outdated else None


@dataclass(frozen=True)
class PairStatus:
    rel: str
    pages: dict[str, Page]
    recorded: bool
    sections: tuple[SectionStatus, ...]
    reviewed: str | None  # front matter `reviewed`, else the date of the last stamp
    reviewed_from_stamp: bool
    counts: dict[str, int]

    @property
    def outdated(self) -> list[SectionStatus]:
        return [s for s in self.sections if s.outdated]

    @property
    def behind(self) -> list[str]:
        """The languages that are behind, in the usual order."""
        found = {s.behind for s in self.outdated}
        return [lang for lang in LANGUAGES if lang in found]

    def title(self, lang: str) -> str:
        return str(self.pages[lang].front_matter.get("title", self.rel))


def _titles(page: Page, data: Data | None) -> dict[str, str]:
    titles = {h.anchor or h.title: h.title for h in page.sections}
    if data is not None:
        titles[INTRO] = data.labels["translation"]["intro"][page.lang]
        titles[FRONT_MATTER] = data.labels["translation"]["front-matter"][page.lang]
    return titles


_last: tuple[KnowledgeBase, int | None, list[PairStatus]] | None = None


def statuses(kb: KnowledgeBase) -> list[PairStatus]:
    """Every page pair in both languages with the state of each section; an unreadable lock counts as empty.

    The last answer is kept for the same KnowledgeBase object (kb.load_once) and lock file: a
    build asks once per language for the notices and again for each status page."""
    global _last
    lock_path = kb.root / "translations.lock.json"
    stamp = lock_path.stat().st_mtime_ns if lock_path.exists() else None
    if _last is not None and _last[0] is kb and _last[1] == stamp:
        return list(_last[2])
    out = _statuses(kb)
    _last = (kb, stamp, out)
    return list(out)


def _statuses(kb: KnowledgeBase) -> list[PairStatus]:
    try:
        lock = load_lock(kb.root)
    except ValueError:
        lock = {}
    # The last stamp: the lock file's last commit, or today when it has just been restamped.
    lock_path = kb.root / "translations.lock.json"
    stamp_date = changed_on(kb.root, lock_path) if lock_path.exists() else None
    out = []
    for state in pair_states(kb, lock):
        a, b = kb.pair(state.rel)
        assert a is not None and b is not None
        pages = {a.lang: a, b.lang: b}
        titles = {lang: _titles(page, kb.data) for lang, page in pages.items()}
        by_section = {item.section: item for item in state.outdated}
        order = [FRONT_MATTER, INTRO] + [h.anchor or h.title for h in a.sections]
        sections = []
        for anchor in order:
            item = by_section.get(anchor)
            since = changed_on(kb.root, item.changed.path) if item else None
            sections.append(
                SectionStatus(anchor, {lang: titles[lang].get(anchor, anchor) for lang in pages}, item, since)
            )
        reviewed = next((str(p.front_matter["reviewed"]) for p in (a, b) if p.front_matter.get("reviewed")), None)
        out.append(
            PairStatus(
                state.rel,
                pages,
                state.recorded,
                tuple(sections),
                reviewed or stamp_date,
                reviewed is None,
                {lang: count(page) for lang, page in pages.items()},
            )
        )
    return out


def changed_pairs(kb: KnowledgeBase) -> list[str]:
    """The pairs whose sections differ from the lock on either side, or that have no record: what a PR changed."""
    try:
        lock = load_lock(kb.root)
    except ValueError:
        lock = {}
    return [s.rel for s in pair_states(kb, lock) if s.changed or not s.recorded]


# --- URLs -------------------------------------------------------------------------------------


def page_url(rel: str, lang: str, use_directory_urls: bool = True) -> str:
    """The site URL of a page, relative to the site root: Chinese at /, English at /en/."""
    stem = rel[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        path = stem[: -len("index")] if use_directory_urls else stem + ".html"
    else:
        path = stem + "/" if use_directory_urls else stem + ".html"
    return ("" if lang == LANGUAGES[0] else f"{lang}/") + path


def relative_url(target: str, from_url: str) -> str:
    """target (a site URL) as seen from the page at from_url."""
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    rel = posixpath.relpath(target or ".", base or ".")
    if target.endswith("/") or not target:
        rel = rel.rstrip("/") + "/" if rel != "." else "./"
    return rel


def section_href(status: SectionStatus, rel: str, lang: str, from_url: str, use_directory_urls: bool) -> str:
    href = relative_url(page_url(rel, lang, use_directory_urls), from_url)
    return href if status.anchor in (INTRO, FRONT_MATTER) else f"{href}#{status.anchor}"


# --- the notice on a page that is behind -------------------------------------------------------


def _words(data: Data, key: str, lang: str, **values: str) -> str:
    return data.labels["translation"][key][lang].format(**values)


def page_notice(data: Data, status: PairStatus, lang: str, from_url: str, use_directory_urls: bool) -> str:
    """The notice at the top of the page in `lang` when some of its sections are behind, else ''."""
    behind = [s for s in status.outdated if s.behind == lang]
    if not behind:
        return ""
    other = other_language(lang)
    name = _words(data, f"language-{other}", lang)
    items = []
    for section in behind:
        href = html.escape(section_href(section, status.rel, other, from_url, use_directory_urls), quote=True)
        date = _words(data, "updated-on", lang, date=section.since or today())
        items.append(
            f'<li><a href="{href}" hreflang="{other}" lang="{other}">{html.escape(section.titles[other])}</a>'
            f"{html.escape(date)}</li>"
        )
    return _admonition(
        _words(data, "notice-title", lang, other=name),
        f"<p>{html.escape(_words(data, 'notice-page', lang, other=name))}</p><ul>{''.join(items)}</ul>",
        "translation-notice translation-notice--page",
    )


def section_notice(
    data: Data, status: PairStatus, section: SectionStatus, lang: str, from_url: str, use_directory_urls: bool
) -> str:
    """The notice under an H2 whose translation is behind in `lang`."""
    other = other_language(lang)
    name = _words(data, f"language-{other}", lang)
    href = html.escape(section_href(section, status.rel, other, from_url, use_directory_urls), quote=True)
    text = _words(data, "notice-section", lang, other=name, date=section.since or today())
    link = _words(data, "notice-link", lang, other=name)
    return _admonition(
        _words(data, "notice-title", lang, other=name),
        f'<p>{html.escape(text)} <a href="{href}" hreflang="{other}">{html.escape(link)}</a></p>',
        "translation-notice translation-notice--section",
    )


def _admonition(title: str, body: str, classes: str) -> str:
    # A Material admonition with the note role: screen readers announce it, and the words,
    # not a colour, say what it is.
    return (
        f'<div class="admonition warning {classes}" role="note" aria-label="{html.escape(title, quote=True)}">'
        f'<p class="admonition-title">{html.escape(title)}</p>{body}</div>'
    )


# --- the status page and the terminal ---------------------------------------------------------


def state_words(data: Data, status: PairStatus, lang: str) -> str:
    if not status.recorded:
        return _words(data, "unrecorded", lang)
    if not status.behind:
        return _words(data, "in-sync", lang)
    parts = []
    for behind in status.behind:
        n = sum(s.behind == behind for s in status.outdated)
        parts.append(
            _words(data, "behind-sections", lang, language=_words(data, f"language-{behind}", lang), count=str(n))
        )
    return "; ".join(parts)


def reviewed_words(data: Data, status: PairStatus, lang: str) -> str:
    if status.reviewed is None:
        return _words(data, "unknown", lang)
    return _words(data, "last-sync", lang, date=status.reviewed) if status.reviewed_from_stamp else status.reviewed


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def pages_table(data: Data, lang: str, kb: KnowledgeBase, rels: list[str] | None = None, link: bool = True) -> str:
    """One row per page pair: state, review date, and the size of each side."""
    words = data.labels["translation"]
    header = ["page", "state", "reviewed", "count-zh", "count-en"]
    rows = ["| " + " | ".join(words[h][lang] for h in header) + " |", "|" + " --- |" * len(header)]
    for status in statuses(kb):
        if rels is not None and status.rel not in rels:
            continue
        title = _cell(status.title(lang))
        name = f"[{title}]({status.rel})" if link else f"{title} (`{status.rel}`)"
        state = state_words(data, status, lang)
        if status.behind:
            state = f"**{state}**"
        rows.append(
            f"| {name} | {state} | {reviewed_words(data, status, lang)} | {status.counts['zh']} | {status.counts['en']} |"
        )
    return "\n".join(rows) + "\n"


def sections_table(data: Data, lang: str, kb: KnowledgeBase) -> str:
    """One row per section of every page pair: in sync, or which side is behind and since when."""
    words = data.labels["translation"]
    header = ["page", "section", "state", "since"]
    rows = ["| " + " | ".join(words[h][lang] for h in header) + " |", "|" + " --- |" * len(header)]
    for status in statuses(kb):
        for section in status.sections:
            if section.anchor == FRONT_MATTER and not section.outdated:
                continue  # the title and summary are listed only when they are behind
            anchor = "" if section.anchor in (INTRO, FRONT_MATTER) else f"#{section.anchor}"
            page = f"[{_cell(status.title(lang))}]({status.rel})"
            where = f"[{_cell(section.titles[lang])}]({status.rel}{anchor})"
            if not status.recorded:
                state, since = _words(data, "unrecorded", lang), ""
            elif section.behind:
                name = _words(data, f"language-{section.behind}", lang)
                state, since = f"**{_words(data, 'behind', lang, language=name)}**", section.since or ""
            else:
                state, since = _words(data, "in-sync", lang), ""
            rows.append(f"| {page} | {where} | {state} | {since} |")
    return "\n".join(rows) + "\n"
