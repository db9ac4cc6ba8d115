"""Print the translation status of every page pair: which sections are behind, and the text to carry over.

    python scripts/translation_status.py              # every pair, with the changed text
    python scripts/translation_status.py --changed    # only the pairs changed since the last stamp
    python scripts/translation_status.py --changed --format markdown >> "$GITHUB_STEP_SUMMARY"

Always exits 0 on a readable knowledge base: an outdated translation is a state, not a failure.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path

import kb
import translation

LANG = "en"  # the terminal and the job summary speak English, like the checker


def text_report(knowledge_base: kb.KnowledgeBase, only: list[str] | None) -> str:
    data = knowledge_base.data
    assert data is not None
    lines = []
    for status in translation.statuses(knowledge_base):
        if only is not None and status.rel not in only:
            continue
        counts = f"{status.counts['zh']} Chinese characters, {status.counts['en']} English words"
        reviewed = translation.reviewed_words(data, status, LANG)
        lines.append(f"{status.rel}: {translation.state_words(data, status, LANG)} (reviewed {reviewed}; {counts})")
        for section in status.outdated:
            item = section.outdated
            assert item is not None
            lines.append(
                f"  {item.stale.display}:{item.stale_line} section '{section.anchor}' is behind "
                f"{item.changed.display}:{item.changed_line}, changed {section.since}. Current text:"
            )
            lines.append(
                textwrap.indent(
                    _section_text(item.changed, section.anchor).strip() or "(empty)", "    | ", lambda line: True
                )
            )
    if not lines:
        lines.append("No page pair changed since the last 'make stamp'." if only is not None else "No page pairs.")
    outdated = sum(len(s.outdated) for s in translation.statuses(knowledge_base) if only is None or s.rel in only)
    lines.append(f"{outdated} outdated section{'s' * (outdated != 1)}.")
    return "\n".join(lines)


def markdown_report(knowledge_base: kb.KnowledgeBase, only: list[str] | None) -> str:
    data = knowledge_base.data
    assert data is not None
    rels = only if only is not None else [s.rel for s in translation.statuses(knowledge_base)]
    heading = "## Translation status" + (" of the changed pages" if only is not None else "")
    if not rels:
        return f"{heading}\n\nNo page pair changed since the last `make stamp`.\n"
    parts = [heading, "", translation.pages_table(data, LANG, knowledge_base, rels, link=False)]
    for status in translation.statuses(knowledge_base):
        if status.rel in rels:
            for section in status.outdated:
                item = section.outdated
                assert item is not None
                parts.append(
                    f"- `{item.stale.display}:{item.stale_line}` section `{section.anchor}` is behind "
                    f"`{item.changed.display}:{item.changed_line}` (changed {section.since})"
                )
    return "\n".join(parts).rstrip() + "\n"


def _section_text(page: kb.Page, anchor: str) -> str:
    if anchor == translation.FRONT_MATTER:
        return "\n".join(f"{k}: {v}" for k, v in page.front_matter.items())
    return page.section_texts().get("" if anchor == translation.INTRO else anchor, "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=kb.ROOT, help="the knowledge base (default: this repository)")
    parser.add_argument("--changed", action="store_true", help="only the page pairs changed since the last stamp")
    parser.add_argument("--format", choices=["text", "markdown"], default="text")
    args = parser.parse_args(argv)
    if not (args.root / "docs").is_dir():
        print(f"error: {args.root / 'docs'} is not a directory", file=sys.stderr)
        return 2
    knowledge_base = kb.load(args.root)
    if knowledge_base.data is None:
        finding = knowledge_base.load_findings[-1]
        print(f"{finding.path}:{finding.line}: {finding.code} {finding.message}", file=sys.stderr)
        return 2
    only = translation.changed_pairs(knowledge_base) if args.changed else None
    report = markdown_report if args.format == "markdown" else text_report
    print(report(knowledge_base, only))
    return 0


if __name__ == "__main__":
    sys.exit(main())
