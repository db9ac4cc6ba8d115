"""Translation sync: which side of a page pair changed since the last `make stamp`. Codes E5xx."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kb import Finding, KnowledgeBase, Page, page_fingerprints

LOCK_FILE = "translations.lock.json"


def load_lock(root: Path) -> dict[str, Any]:
    path = root / LOCK_FILE
    if not path.exists():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ValueError(f"{LOCK_FILE}: not valid JSON ({error})") from None


def fingerprints(kb: KnowledgeBase) -> dict[str, dict[str, dict[str, str]]]:
    out: dict[str, dict[str, dict[str, str]]] = {}
    for rel in kb.all_rels():
        a, b = kb.pair(rel)
        if a is not None and b is not None:
            out[rel] = {a.lang: page_fingerprints(a), b.lang: page_fingerprints(b)}
    return out


def check_sync(kb: KnowledgeBase) -> Iterator[Finding]:
    try:
        lock = load_lock(kb.root)
    except ValueError as error:
        yield Finding(LOCK_FILE, 1, "E501", str(error))
        return
    for rel, current in fingerprints(kb).items():
        a, b = kb.pair(rel)
        assert a is not None and b is not None
        if a.front_matter.get("draft"):
            continue
        recorded = lock.get(rel)
        if recorded is None:
            yield Finding(
                b.display,
                1,
                "E501",
                "no translation sync record for this page pair: translate it, then run 'make stamp'",
            )
            continue
        for changed, stale in ((a, b), (b, a)):
            now, then = current[changed.lang], recorded.get(changed.lang, {})
            stale_now, stale_then = current[stale.lang], recorded.get(stale.lang, {})
            for section, digest in now.items():
                if then.get(section) == digest or stale_now.get(section) != stale_then.get(section):
                    continue
                if section not in stale_now:
                    continue  # a structural difference, reported by check_pairs
                where = _section_line(changed, section)
                yield Finding(
                    stale.display,
                    _section_line(stale, section),
                    "E500",
                    f"outdated translation: {changed.display}:{where} (section '{section}') changed "
                    f"since the last sync and this side did not; update it, then run 'make stamp'",
                )


def _section_line(page: Page, section: str) -> int:
    if section == "_front_matter":
        return 1
    if section == "_intro":
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
