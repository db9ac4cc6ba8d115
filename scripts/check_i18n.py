"""Check that both languages cover the same knowledge base.

    python scripts/check_i18n.py [--format text|json|github] [--root DIR]
    python scripts/check_i18n.py --stamp     # record the current pairs as translated
    python scripts/check_i18n.py --strict    # warnings (W-codes) fail the check too

Exit codes: 0 clean or warnings only, 1 errors found (or warnings under --strict),
2 usage or configuration error.

The freshness warnings (W610, W611) measure against the date in KB_TODAY (YYYY-MM-DD) when
it is set, else today.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import kb
import parity
from rules.sources import today


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--format", choices=sorted(parity.RENDERERS), default="text")
    parser.add_argument("--root", type=Path, default=kb.ROOT, help="the knowledge base (default: this repository)")
    parser.add_argument(
        "--stamp", action="store_true", help=f"record every page pair as in sync in {parity.LOCK_FILE}, then check"
    )
    parser.add_argument("--strict", action="store_true", help="treat warnings (W-codes) as errors")
    args = parser.parse_args(argv)
    root: Path = args.root
    if not (root / "docs").is_dir():
        print(f"error: {root / 'docs'} is not a directory", file=sys.stderr)
        return 2
    try:
        today()
    except ValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    knowledge_base = kb.load(root)
    if args.stamp:
        try:
            changed = parity.stamp(knowledge_base)
        except ValueError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        print(f"Recorded {len(changed)} changed page pair(s) in {parity.LOCK_FILE}: {', '.join(changed) or 'none'}")
    findings = parity.run(knowledge_base)
    print(parity.RENDERERS[args.format](findings))
    return 1 if parity.errors(findings, strict=args.strict) else 0


if __name__ == "__main__":
    sys.exit(main())
