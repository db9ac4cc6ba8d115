"""The Material skeleton that `make lighthouse` measures beside our pages (no Lighthouse run here)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

import lighthouse


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_skeleton_is_one_long_page_of_plain_material(tmp_path: Path, lang: str) -> None:
    markdown = lighthouse.skeleton_markdown(lang)
    assert len(markdown) > 3_000
    assert "```" not in markdown and "|" not in markdown
    site = lighthouse.build_skeleton(tmp_path, lang)
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert pages == ["404.html", "index.html"]
    html = (site / "index.html").read_text(encoding="utf-8")
    assert 'name="generator" content="mkdocs-' in html and "material" in html
    assert f'<html lang="{lang}"' in html


def test_each_page_is_measured_beside_a_skeleton_in_its_language() -> None:
    assert [lighthouse.page_language(p) for p in lighthouse.PAGES] == ["zh", "zh", "zh", "en", "en", "en"]


@pytest.mark.parametrize("throttling", lighthouse.THROTTLING)
def test_audit_asks_lighthouse_for_the_throttling_method(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, throttling: str
) -> None:
    calls: list[list[str]] = []

    def fake_run(command: list[str], **_: object) -> subprocess.CompletedProcess[str]:
        calls.append(command)
        audits = {metric: {"numericValue": 1.0} for metric in lighthouse.METRICS}
        report = {"categories": {c: {"score": 1.0} for c in lighthouse.CATEGORIES}, "audits": audits}
        (tmp_path / "report.json").write_text(json.dumps(report), encoding="utf-8")
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr(lighthouse.subprocess, "run", fake_run)
    scores = lighthouse.audit("http://127.0.0.1:1/", tmp_path, throttling)
    assert scores["performance"] == 1.0
    assert [arg for arg in calls[0] if arg.startswith("--throttling-method=")] == [f"--throttling-method={throttling}"]
