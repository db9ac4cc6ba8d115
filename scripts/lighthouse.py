"""Lighthouse 12 (npm, pinned in package.json) on the built site, mobile preset.

    python scripts/lighthouse.py [--site site] [--out bench/lighthouse.json]

The site is served on 127.0.0.1 with gzip, as GitHub Pages serves it, and Lighthouse drives
Debian's Chromium (CHROME_PATH). Scores go to bench/lighthouse.json and into the benchmark
report; the target is 0.95 in every category on every page listed in PAGES.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import kb
from local_server import serve

LIGHTHOUSE = kb.ROOT / "node_modules" / ".bin" / "lighthouse"
PAGES = ["", "models/b2b/", "compare/", "en/", "en/models/b2b/", "en/compare/"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGET = 0.95
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)


def audit(url: str, work: Path) -> dict[str, float]:
    report = work / "report.json"
    result = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--chrome-flags={CHROME_FLAGS}",
            "--form-factor=mobile",
            f"--only-categories={','.join(CATEGORIES)}",
        ],
        env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    if result.returncode != 0 or not report.exists():
        raise SystemExit(f"error: lighthouse failed on {url}: {result.stderr[-1500:]}")
    data = json.loads(report.read_text(encoding="utf-8"))
    return {c: data["categories"][c]["score"] for c in CATEGORIES}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=kb.ROOT / "site")
    parser.add_argument("--out", type=Path, default=kb.ROOT / "bench" / "lighthouse.json")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print("error: lighthouse is not installed: run 'make setup' (npm ci)", file=sys.stderr)
        return 2
    scores: dict[str, dict[str, float]] = {}
    with serve(args.site, compress=True) as base, tempfile.TemporaryDirectory() as work:
        for page in PAGES:
            scores["/" + page] = audit(base + page, Path(work))
            print(f"/{page:<18} " + "  ".join(f"{c} {s:.2f}" for c, s in scores["/" + page].items()), flush=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"target": TARGET, "scores": scores}, indent=2) + "\n", encoding="utf-8")
    below = [(p, c, s) for p, row in scores.items() for c, s in row.items() if s < TARGET]
    for page, category, score in below:
        print(f"below target: {page} {category} {score:.2f} < {TARGET}")
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
