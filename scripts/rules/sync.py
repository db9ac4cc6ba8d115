"""Translation sync: which side of a page pair changed since the last `make stamp`.

An outdated section (one side changed, the other did not) is a state, not a failure:
W500 is a warning, so a contributor who writes one language can land a fix and the other
side is marked for translators. It is reported on the changed side, on the changed
section's heading, so a pull request shows it on the lines it touched. The lock file is
the whole record: no git history is needed, so it works in shallow clones.
Codes: W500 outdated, E501 no record or an unreadable lock file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kb import Finding, KnowledgeBase, Page, page_fingerprints

LOCK_FILE = "translations.lock.json"
FRONT_MATTER = "_front_matter"
INTRO = "_intro"


def load_lock(root: Path) -> dict[str, Any]:
    path = root / LOCK_FILE
    if not path.exists():
        return {}
    try:
        lock = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ValueError(f"{LOCK_FILE}: not valid JSON ({error})") from None
    if not isinstance(lock, dict):
        raise ValueError(f"{LOCK_FILE}: expected an object of page pairs, got {type(lock).__name__}")
    return lock


def fingerprints(kb: KnowledgeBase) -> dict[str, dict[str, dict[str, str]]]:
    out: dict[str, dict[str, dict[str, str]]] = {}
    for rel in kb.all_rels():
        a, b = kb.pair(rel)
        if a is not None and b is not None:
            out[rel] = {a.lang: page_fingerprints(a), b.lang: page_fingerprints(b)}
    return out


@dataclass(frozen=True)
class Outdated:
    """One section whose `changed` side moved since the last sync while the `stale` side did not."""

    rel: str
    section: str  # an H2 anchor, or _intro / _front_matter
    changed: Page
    stale: Page

    @property
    def changed_line(self) -> int:
        return section_line(self.changed, self.section)

    @property
    def stale_line(self) -> int:
        return section_line(self.stale, self.section)


@dataclass(frozen=True)
class PairSync:
    """The sync state of one page pair against the lock file."""

    rel: str
    recorded: bool  # the lock has a record for this pair
    changed: frozenset[str]  # languages with any section that differs from the record
    outdated: tuple[Outdated, ...]


def pair_states(kb: KnowledgeBase, lock: dict[str, Any]) -> list[PairSync]:
    """Every page pair present in both languages (drafts included), compared with the lock."""
    states = []
    for rel, current in fingerprints(kb).items():
        a, b = kb.pair(rel)
        assert a is not None and b is not None
        recorded = lock.get(rel)
        if not isinstance(recorded, dict):
            states.append(PairSync(rel, False, frozenset(), ()))
            continue
        changed = frozenset(lang for lang in current if current[lang] != recorded.get(lang))
        outdated = []
        for moved, stale in ((a, b), (b, a)):
            now, then = current[moved.lang], recorded.get(moved.lang) or {}
            stale_now, stale_then = current[stale.lang], recorded.get(stale.lang) or {}
            for section, digest in now.items():
                if then.get(section) == digest or stale_now.get(section) != stale_then.get(section):
                    continue
                if section not in stale_now:
                    continue  # a structural difference, reported by check_pairs
                outdated.append(Outdated(rel, section, moved, stale))
        states.append(PairSync(rel, True, changed, tuple(outdated)))
    return states


def check_sync(kb: KnowledgeBase) -> Iterator[Finding]:
    try:
        lock = load_lock(kb.root)
    except ValueError as error:
        yield Finding(LOCK_FILE, 1, "E501", str(error))
        return
    for state in pair_states(kb, lock):
        a, b = kb.pair(state.rel)
        assert a is not None and b is not None
        if a.front_matter.get("draft"):
            continue
        if not state.recorded:
            yield Finding(
                b.display,
                1,
                "E501",
                "no translation sync record for this page pair: translate it, then run 'make stamp'",
            )
            continue
        for item in state.outdated:
            yield Finding(
                item.changed.display,
                item.changed_line,
                "W500",
                f"section '{item.section}' changed since the last sync, so its translation "
                f"{item.stale.display}:{item.stale_line} is outdated; translators: update it, then run 'make stamp'",
            )


def section_line(page: Page, section: str) -> int:
    if section == FRONT_MATTER:
        return 1
    if section == INTRO:
        return page.body_line
    return next((h.line for h in page.sections if (h.anchor or h.title) == section), 1)


def stamp(kb: KnowledgeBase) -> list[str]:
    """Record the current state of every pair as in sync. Returns the pairs whose record changed."""
    lock_path = kb.root / LOCK_FILE
    old = load_lock(kb.root)
    new = fingerprints(kb)
    lock_path.write_text(json.dumps(new, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return sorted(rel for rel in set(old) | set(new) if old.get(rel) != new.get(rel))


RULES = (check_sync,)
