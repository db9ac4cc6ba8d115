"""The contributing guide stays true: every checker code, the sections of the contract, the scaffold command."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import kb
from conftest import ROOT

GUIDES = {
    "zh": ROOT / "docs" / "zh" / "contributing.md",
    "en": ROOT / "docs" / "en" / "contributing.md",
    "root": ROOT / "CONTRIBUTING.md",
}
CODE = re.compile(r'"([ELW]\d{3})"')


def emitted_codes() -> set[str]:
    """Every finding code the checker and the prose lint can report, read from their source."""
    scripts = ROOT / "scripts"
    sources = [scripts / "kb.py", scripts / "lint_docs.py", *sorted((scripts / "rules").glob("*.py"))]
    return {code for path in sources for code in CODE.findall(path.read_text(encoding="utf-8"))}


def documented_codes(path: Path) -> list[str]:
    return re.findall(r"^\| ([ELW]\d{3}) \|", path.read_text(encoding="utf-8"), flags=re.M)


def test_the_code_list_is_read_from_the_source() -> None:
    assert {"E100", "E108", "E209", "E501", "L100", "W500"} <= emitted_codes()


@pytest.mark.parametrize("guide", sorted(GUIDES))
def test_every_code_is_documented_once_in_order(guide: str) -> None:
    documented = documented_codes(GUIDES[guide])
    assert documented == sorted(emitted_codes())


@pytest.mark.parametrize("lang", kb.LANGUAGES)
def test_section_table_matches_the_schema(lang: str) -> None:
    text = GUIDES[lang].read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([a-z-]+)` \| ([^|]+) \| ([^|]+) \|$", text, flags=re.M)
    sections = kb.load_data().sections
    assert [(anchor, zh.strip(), en.strip()) for anchor, zh, en in rows] == [
        (s["anchor"], s["zh"], s["en"]) for s in sections
    ]


def scaffold_command(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    block = next(b for b in re.findall(r"```bash\n(.*?)```", text, flags=re.S) if "scripts/new_model.py" in b)
    command = block.replace("\\\n", " ").splitlines()[0]
    return shlex.split(command)


@pytest.mark.parametrize("guide", sorted(GUIDES))
def test_the_documented_scaffold_command_works(tmp_path: Path, guide: str) -> None:
    root = tmp_path / "repo"
    for name in ("docs", "data"):
        shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    python, script, *args = scaffold_command(GUIDES[guide])
    assert (python, script) == (".venv/bin/python", "scripts/new_model.py")
    result = subprocess.run(
        [sys.executable, str(ROOT / script), *args, "--root", str(root)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    model_id = args[0]
    assert (root / "docs" / "zh" / "models" / f"{model_id}.md").is_file()
