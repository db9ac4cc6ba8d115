"""Links: internal links resolve, anchors exist, and both languages link to the same places.
Codes E3xx."""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Iterator

from markdown.extensions.toc import slugify_unicode

from kb import LANGUAGES, Finding, KnowledgeBase, Page


def _anchors(kb: KnowledgeBase, page: Page) -> set[str]:
    anchors = {h.anchor or slugify_unicode(h.title, "-") for h in page.headings}
    if kb.data is not None and page.rel == "glossary.md":
        anchors |= {t["id"] for t in kb.data.glossary}
    return anchors


def _resolve(page: Page, target: str) -> str:
    path, _, _ = target.partition("#")
    if not path:
        return page.rel
    return posixpath.normpath(posixpath.join(posixpath.dirname(page.rel), path))


def check_links(kb: KnowledgeBase) -> Iterator[Finding]:
    for lang in LANGUAGES:
        for page in kb.pages[lang].values():
            for link in page.links:
                if not link.is_internal or link.target.startswith("/"):
                    continue
                rel = _resolve(page, link.target)
                _, anchor = link.split()
                if rel in kb.pages[lang]:
                    if anchor and anchor not in _anchors(kb, kb.pages[lang][rel]):
                        yield Finding(
                            page.display,
                            link.line,
                            "E301",
                            f"link '{link.target}': no anchor '#{anchor}' in {kb.pages[lang][rel].display}",
                        )
                elif not (kb.docs_dir(lang) / rel).exists():
                    code, what = ("E303", "image") if link.is_image else ("E300", "link")
                    yield Finding(
                        page.display,
                        link.line,
                        code,
                        f"{what} '{link.target}' points to a missing file (docs/{lang}/{rel})",
                    )
    for rel in kb.all_rels():
        a, b = kb.pair(rel)
        if a is None or b is None:
            continue
        targets_a = [(_resolve(a, x.target), x.split()[1]) for x in a.links if x.is_internal]
        targets_b = [(_resolve(b, x.target), x.split()[1]) for x in b.links if x.is_internal]
        links_b = [x for x in b.links if x.is_internal]
        if Counter(targets_a) == Counter(targets_b):
            continue
        missing = Counter(targets_a) - Counter(targets_b)
        extra = Counter(targets_b) - Counter(targets_a)
        for target in extra:
            line = next(x.line for x, t in zip(links_b, targets_b, strict=False) if t == target)
            shown = target[0] + (f"#{target[1]}" if target[1] else "")
            yield Finding(b.display, line, "E302", f"link to '{shown}' has no counterpart in {a.display}")
        for target in missing:
            link = next(
                x for x, t in zip([x for x in a.links if x.is_internal], targets_a, strict=False) if t == target
            )
            shown = target[0] + (f"#{target[1]}" if target[1] else "")
            yield Finding(b.display, 1, "E302", f"link to '{shown}' in {a.display}:{link.line} has no counterpart here")


RULES = (check_links,)
