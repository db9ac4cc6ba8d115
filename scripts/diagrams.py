"""Render Mermaid diagrams to SVG at build time, so no page loads Mermaid from a CDN and
the PDF (WeasyPrint runs no JavaScript) shows real diagrams.

mermaid-cli (npm, see package.json) drives Debian's Chromium through tools/puppeteer.json.
Labels are SVG text (`htmlLabels: false` in tools/mermaid.json), because WeasyPrint does
not draw <foreignObject>. Every diagram is cached by the hash of its source under
.cache/diagrams/, and all missing ones are rendered in one browser session.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from kb import ROOT, KnowledgeBase

CACHE = ROOT / ".cache" / "diagrams"
MMDC = ROOT / "node_modules" / ".bin" / "mmdc"
PUPPETEER_CONFIG = ROOT / "tools" / "puppeteer.json"
MERMAID_CONFIG = ROOT / "tools" / "mermaid.json"
_LABEL = re.compile(r'"([^"]+)"')


class DiagramError(Exception):
    pass


def digest(source: str) -> str:
    config = MERMAID_CONFIG.read_bytes()
    return hashlib.sha256(config + source.strip().encode()).hexdigest()[:20]


def sources(knowledge_base: KnowledgeBase) -> dict[str, str]:
    """Every Mermaid fence in the knowledge base, keyed by digest."""
    found: dict[str, str] = {}
    for pages in knowledge_base.pages.values():
        for page in pages.values():
            for fence in page.fences:
                if fence.info == "mermaid":
                    found[digest(fence.content)] = fence.content
    return found


def svg_path(key: str) -> Path:
    return CACHE / f"{key}.svg"


def render_missing(diagrams: dict[str, str]) -> list[str]:
    """Render the diagrams that are not cached yet; returns their digests."""
    missing = {key: source for key, source in diagrams.items() if not svg_path(key).exists()}
    if not missing:
        return []
    if not MMDC.exists():
        raise DiagramError(f"{len(missing)} diagram(s) need mermaid-cli, which is not installed: run 'make setup'")
    if not Path("/usr/bin/chromium").exists():
        raise DiagramError(
            "diagrams are rendered with Debian's Chromium: run 'make system-deps' (apt-get install chromium)"
        )
    CACHE.mkdir(parents=True, exist_ok=True)
    keys = list(missing)
    with tempfile.TemporaryDirectory() as work:
        document = Path(work) / "diagrams.md"
        document.write_text("".join(f"```mermaid\n{missing[k].strip()}\n```\n\n" for k in keys), encoding="utf-8")
        command = [str(MMDC), "-q", "-p", str(PUPPETEER_CONFIG), "-c", str(MERMAID_CONFIG)]
        result = subprocess.run(
            [*command, "-i", str(document), "-o", str(Path(work) / "out.md")], capture_output=True, text=True
        )
        if result.returncode != 0:
            raise DiagramError(f"mermaid-cli failed: {(result.stderr or result.stdout).strip()[-800:]}")
        for index, key in enumerate(keys, start=1):
            shutil.move(Path(work) / f"out-{index}.svg", svg_path(key))
    return keys


def alt_text(source: str, lang: str) -> str:
    """A text alternative: the diagram's labels, in order of first appearance."""
    labels = list(dict.fromkeys(_LABEL.findall(source)))
    lead = "流程图：" if lang == "zh" else "Diagram: "
    return lead + ("、" if lang == "zh" else ", ").join(labels)


def size(key: str) -> tuple[int, int]:
    """The diagram's natural width and height, from its viewBox."""
    match = re.search(r'viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"', svg_path(key).read_text(encoding="utf-8"))
    if not match:
        raise DiagramError(f"{svg_path(key)}: no viewBox")
    return round(float(match.group(1))), round(float(match.group(2)))
