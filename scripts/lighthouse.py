"""Lighthouse 12 (npm, pinned in package.json) on the built site, side by side with plain Material.

    python scripts/lighthouse.py [--site site] [--out bench/lighthouse.json] [--runs 3]
                                 [--throttling simulate|devtools]

An absolute score swings by several points on a shared machine, so every run of one of our
pages is paired with a run of a default Material skeleton (`mkdocs build` with the Material
theme and one long page of prose: the text of our longest model page in the page's language,
since a Chinese page costs the browser more in fonts and line breaking whatever the site does),
built here and served the same way. Both are served on 127.0.0.1 with gzip, as GitHub Pages serves them, and
Lighthouse drives Debian's Chromium (CHROME_PATH). Medians of --runs go to
bench/lighthouse.json and into the benchmark report. Targets: 0.95 in every category on every
page in PAGES, and a performance median no lower than the skeleton's minus MARGIN.

`--throttling devtools` slows the CPU and the network for real while the page loads, instead of
Lighthouse's default simulation, which weighs a task holding any layout at half the weight of
script work (bench/README.md); it writes bench/lighthouse-devtools.json unless --out is given.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

import kb
from local_server import serve

LIGHTHOUSE = kb.ROOT / "node_modules" / ".bin" / "lighthouse"
PAGES = ["", "models/live-streaming/", "compare/", "en/", "en/models/live-streaming/", "en/compare/"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
# What the performance score is made of, and the main-thread work behind it (ms; CLS unitless):
# kept with each run, so a gap to the skeleton can be traced to a metric.
METRICS = [
    "first-contentful-paint",
    "largest-contentful-paint",
    "total-blocking-time",
    "speed-index",
    "cumulative-layout-shift",
    "mainthread-work-breakdown",
    "bootup-time",
]
TARGET = 0.95
MARGIN = 0.02  # how far below the skeleton's performance median a page may be
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run"
)


THROTTLING = ("simulate", "devtools")


def audit(url: str, work: Path, throttling: str = "simulate") -> dict[str, float]:
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
            f"--throttling-method={throttling}",
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
    scores = {c: data["categories"][c]["score"] for c in CATEGORIES}
    audits = data["audits"]
    return scores | {m: round(audits[m]["numericValue"], 3) for m in METRICS if m in audits}


def skeleton_markdown(lang: str, root: Path = kb.ROOT) -> str:
    """One long page of prose: the text of our longest model page in `lang`, without our markup."""
    pages = kb.load(root).pages[lang].values()
    longest = max((p for p in pages if p.is_model), key=lambda p: len(p.prose))
    return "# Skeleton\n\n" + "\n\n".join(line for line in longest.prose.splitlines() if line.strip()) + "\n"


def build_skeleton(work: Path, lang: str) -> Path:
    """A default Material site (no options but the theme and its language) with one long page of
    prose in `lang`; returns its site folder."""
    project = work / f"skeleton-{lang}"
    (project / "docs").mkdir(parents=True)
    config = f"site_name: Skeleton\ntheme:\n  name: material\n  language: {lang}\n"
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    (project / "docs" / "index.md").write_text(skeleton_markdown(lang), encoding="utf-8")
    site = project / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    if result.returncode != 0:
        raise SystemExit(f"error: the Material skeleton did not build: {result.stderr[-1500:]}")
    return site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=kb.ROOT / "site")
    parser.add_argument("--out", type=Path, help="default: bench/lighthouse.json, or lighthouse-devtools.json")
    parser.add_argument("--runs", type=int, default=3, help="runs per page, and of the skeleton beside each")
    parser.add_argument("--pages", nargs="+", default=PAGES, help="paths below the site root (default: the key pages)")
    parser.add_argument("--throttling", choices=THROTTLING, default="simulate", help="Lighthouse's throttling method")
    args = parser.parse_args(argv)
    name = "lighthouse.json" if args.throttling == "simulate" else f"lighthouse-{args.throttling}.json"
    out: Path = args.out or kb.ROOT / "bench" / name
    if not LIGHTHOUSE.exists():
        print("error: lighthouse is not installed: run 'make setup' (npm ci)", file=sys.stderr)
        return 2
    if not (args.site / "index.html").exists():
        print(f"error: {args.site}/index.html is missing: run 'make build' first", file=sys.stderr)
        return 2
    ours: dict[str, list[dict[str, float]]] = {"/" + p: [] for p in args.pages}
    skeleton: dict[str, list[dict[str, float]]] = {"/" + p: [] for p in args.pages}
    with tempfile.TemporaryDirectory() as temporary, ExitStack() as stack:
        work = Path(temporary)
        base = stack.enter_context(serve(args.site, compress=True))
        skeleton_bases = {
            lang: stack.enter_context(serve(build_skeleton(work, lang), compress=True)) for lang in kb.LANGUAGES
        }
        # Rounds over all pages, each run of ours next to a run of the skeleton: a slow minute
        # on the machine lowers both.
        for run in range(args.runs):
            for page in args.pages:
                key = "/" + page
                ours[key].append(audit(base + page, work, args.throttling))
                skeleton[key].append(audit(skeleton_bases[page_language(page)], work, args.throttling))
                print(
                    f"run {run + 1}/{args.runs} {key:<20} ours {ours[key][-1]['performance']:.2f}  "
                    f"skeleton {skeleton[key][-1]['performance']:.2f}",
                    flush=True,
                )
    scores = {page: _medians(runs) for page, runs in ours.items()}
    side_by_side = {
        page: {"ours": scores[page]["performance"], "skeleton": _medians(skeleton[page])["performance"]}
        for page in scores
    }
    metrics = {
        page: {"ours": _medians(ours[page], METRICS), "skeleton": _medians(skeleton[page], METRICS)} for page in scores
    }
    report = {
        "target": TARGET,
        "margin": MARGIN,
        "runs": args.runs,
        "throttling": args.throttling,
        "scores": scores,
        "side_by_side": side_by_side,
        "metrics": metrics,
        "samples": {"ours": ours, "skeleton": skeleton},
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"\n{'page':<22} {'ours':>5} {'skeleton':>9}  (performance, median of {args.runs})")
    for page, row in side_by_side.items():
        ours_metrics, skeleton_metrics = metrics[page]["ours"], metrics[page]["skeleton"]
        detail = "  ".join(
            f"{short} {ours_metrics.get(m, 0):.0f}/{skeleton_metrics.get(m, 0):.0f}"
            for short, m in (
                ("TBT", "total-blocking-time"),
                ("LCP", "largest-contentful-paint"),
                ("main", "mainthread-work-breakdown"),
            )
        )
        print(f"{page:<22} {row['ours']:>5.2f} {row['skeleton']:>9.2f}  ms ours/skeleton: {detail}")
    failures = [f"{p} {c} {s:.2f} < {TARGET}" for p, row in scores.items() for c, s in row.items() if s < TARGET]
    failures += [
        f"{p} performance {row['ours']:.2f} < skeleton {row['skeleton']:.2f} - {MARGIN}"
        for p, row in side_by_side.items()
        if row["ours"] < row["skeleton"] - MARGIN
    ]
    for failure in failures:
        print(f"below target: {failure}")
    return 1 if failures else 0


def page_language(page: str) -> str:
    """The language of a page below the site root: English pages live under en/."""
    first = page.split("/", 1)[0]
    return first if first in kb.LANGUAGES and first != kb.DEFAULT_LANGUAGE else kb.DEFAULT_LANGUAGE


def _medians(runs: list[dict[str, float]], keys: list[str] = CATEGORIES) -> dict[str, float]:
    return {k: round(statistics.median(r[k] for r in runs), 3) for k in keys if all(k in r for r in runs)}


if __name__ == "__main__":
    sys.exit(main())
