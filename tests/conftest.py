from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "kb"
FIXTURE_TODAY = "2026-11-28"  # the fixture's pages were reviewed and its sources checked on this day
sys.path.insert(0, str(ROOT / "scripts"))


def snapshot(root: Path) -> dict[str, str]:
    """Every file below root with the hash of its bytes, to prove a command changed nothing."""
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def fixture_kb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A writable copy of the tiny fixture knowledge base; paths in findings are relative to it.
    "Today" is pinned (KB_TODAY, also for the CLI in a subprocess) so the freshness warnings
    do not appear as the fixture's dates age."""
    root = tmp_path / "kb"
    shutil.copytree(FIXTURE, root)
    monkeypatch.chdir(root)
    monkeypatch.setenv("KB_TODAY", FIXTURE_TODAY)
    return root


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built strictly once per test session."""
    site = tmp_path_factory.mktemp("site")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**__import__("os").environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return site
