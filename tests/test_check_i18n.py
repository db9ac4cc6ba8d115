"""The checker's command line: exit codes, formats, and the corpus of broken inputs end to end."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import check_i18n
import parity
from conftest import ROOT, snapshot
from kb import Finding
from mutations import ACCEPTED, BROKEN

CLI = ROOT / "scripts" / "check_i18n.py"


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(CLI), *args], cwd=cwd, capture_output=True, text=True)


def test_real_docs_pass() -> None:
    result = run()
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().endswith("both languages cover the same pages, sections, facts and links.")


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_input_exits_1_with_file_and_line_and_changes_nothing(fixture_kb: Path, name: str) -> None:
    mutate, expected = BROKEN[name]
    mutate(fixture_kb)
    before = snapshot(fixture_kb)
    result = run("--root", ".", cwd=fixture_kb)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    for path, line, code in expected:
        assert f"{path}:{line}: {code} " in result.stdout
    assert snapshot(fixture_kb) == before


def test_json_format(fixture_kb: Path) -> None:
    BROKEN["broken anchor"][0](fixture_kb)
    result = run("--root", ".", "--format", "json", cwd=fixture_kb)
    report = json.loads(result.stdout)
    assert result.returncode == 1
    assert report["count"] == 2
    assert report["findings"][0] == {
        "path": "docs/en/index.md",
        "line": 11,
        "code": "E301",
        "severity": "error",
        "message": "link 'models/b2c.md#nowhere': no anchor '#nowhere' in docs/en/models/b2c.md",
    }


def test_github_format(fixture_kb: Path) -> None:
    BROKEN["script"][0](fixture_kb)
    result = run("--root", ".", "--format", "github", cwd=fixture_kb)
    assert "::error file=docs/en/models/b2b.md,line=12,title=E400::" in result.stdout


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run("--format", "xml").returncode == 2
    result = run("--root", str(tmp_path))
    assert result.returncode == 2
    assert "is not a directory" in result.stderr


def test_deleting_a_page_names_it(fixture_kb: Path) -> None:
    (fixture_kb / "docs/en/models/b2c.md").unlink()
    result = run("--root", ".", cwd=fixture_kb)
    assert result.returncode == 1
    assert "docs/en/models/b2c.md is missing" in result.stdout


def test_warnings_alone_exit_0_and_fail_under_strict(fixture_kb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    warning = Finding("docs/en/index.md", 3, "W599", "a warning")
    monkeypatch.setattr(parity, "RULES", (lambda kb: iter([warning]),))
    assert check_i18n.main(["--root", "."]) == 0
    assert check_i18n.main(["--root", ".", "--strict"]) == 1


def test_an_outdated_translation_warns_and_exits_0_unless_strict(fixture_kb: Path) -> None:
    ACCEPTED["outdated"][0](fixture_kb)
    result = run("--root", ".", cwd=fixture_kb)
    assert result.returncode == 0, result.stdout
    assert "docs/zh/models/b2b.md:14: W500 section 'how-it-works' changed since the last sync" in result.stdout
    assert "docs/en/models/b2b.md:14 is outdated" in result.stdout
    assert run("--root", ".", "--strict", cwd=fixture_kb).returncode == 1
    github = run("--root", ".", "--format", "github", cwd=fixture_kb)
    assert github.returncode == 0
    assert "::warning file=docs/zh/models/b2b.md,line=14,title=W500::" in github.stdout


def test_renderers_mark_warnings() -> None:
    findings = [Finding("a.md", 1, "E100", "broken"), Finding("b.md", 2, "W501", "stale")]
    assert parity.render_text(findings).splitlines()[-1] == "Found 1 problem and 1 warning in 2 files."
    assert "::warning file=b.md,line=2,title=W501::stale" in parity.render_github(findings)
    assert json.loads(parity.render_json(findings))["errors"] == 1
