"""No broken links: a crawler (LinkChecker, with its anchor check) over the built site in both
languages, with the PDFs and the offline zip in place, following every link on every page,
the language switcher included."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import pdf
from browser import serve

CONFIG = "[AnchorCheck]\n"


@pytest.fixture(scope="module")
def complete_site(built_site: Path) -> Path:
    for lang in ("zh", "en"):
        if not (built_site / pdf.OUTPUT.format(lang=lang)).exists():
            pdf.export(built_site, lang)
    zip_path = built_site / "downloads/ecommerce-models-offline.zip"
    if not zip_path.exists():  # the zip itself is tested in test_offline.py; here its link must resolve
        zip_path.write_bytes(b"PK\x05\x06" + b"\x00" * 18)
    return built_site


def crawl(base: str, work: Path) -> str:
    linkchecker = shutil.which("linkchecker", path=str(Path(sys.executable).parent))
    assert linkchecker, "linkchecker is not installed in the virtual environment"
    (work / "linkcheckerrc").write_text(CONFIG, encoding="utf-8")
    result = subprocess.run(
        [
            linkchecker,
            "-f",
            str(work / "linkcheckerrc"),
            "--no-status",
            "-t",
            "8",
            r"--ignore-url=^https?://(?!127\.0\.0\.1)",
            base,
        ],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=work,
    )
    return result.stdout + result.stderr


@pytest.mark.browser
def test_crawler_finds_no_broken_link_or_anchor(complete_site: Path, tmp_path: Path) -> None:
    with serve(complete_site) as base:
        report = crawl(base, tmp_path)
    summary = re.search(r"(\d+) links in (\d+) URLs checked\. (\d+) warnings? found\. (\d+) errors? found", report)
    assert summary, report[-3000:]
    links, _, warnings, errors = map(int, summary.groups())
    assert (warnings, errors) == (0, 0), report[-6000:]
    assert links > 400  # every page of both languages, their switchers, assets and downloads


def test_crawler_reports_a_broken_anchor(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text('<a href="b.html#nowhere">b</a> <a href="c.html">c</a>', encoding="utf-8")
    (site / "b.html").write_text('<h1 id="here">b</h1>', encoding="utf-8")
    with serve(site) as base:
        report = crawl(base, tmp_path)
    assert "1 warning found. 1 error found" in report
