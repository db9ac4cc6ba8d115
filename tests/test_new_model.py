"""The scaffold: a new id gives two drafts the checker flags (and nothing else); a refusal changes nothing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import kb
from conftest import FIXTURE_TODAY, ROOT, snapshot

SCAFFOLD = ROOT / "scripts" / "new_model.py"
CHECKER = ROOT / "scripts" / "check_i18n.py"
DATA = kb.load_data()

# Valid options for the fixture knowledge base (tests/fixtures/kb/data/labels.yml).
FIXTURE_OPTIONS = {
    "--name-zh": "订阅电商",
    "--name-en": "Subscription e-commerce",
    "--dimension": "parties",
    "--related": "b2c,b2b",
    "--trade": "b2c",
    "--channel": "web-app-store",
    "--revenue": "membership,retail-margin",
    "--capital": "medium",
    "--logistics": "low",
    "--categories": "electronics",
}


def scaffold(root: Path, model_id: str, **overrides: str) -> subprocess.CompletedProcess[str]:
    options = {**FIXTURE_OPTIONS, **{f"--{k.replace('_', '-')}": v for k, v in overrides.items()}}
    args = [item for pair in options.items() for item in pair]
    return subprocess.run(
        # The id after '--', so that an id like '-x' reaches the scaffold's own check.
        [sys.executable, str(SCAFFOLD), *args, "--root", str(root), "--", model_id],
        cwd=root,
        capture_output=True,
        text=True,
    )


def check(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(CHECKER), "--root", "."], cwd=root, capture_output=True, text=True)


def findings(output: str) -> list[str]:
    """`path:line: CODE` of every finding line in the checker's text output."""
    return [line.split(" ", 2)[0] + " " + line.split(" ", 2)[1] for line in output.splitlines() if ": E" in line]


# --- a new model ---------------------------------------------------------------------------


def test_new_id_gives_two_drafts_that_the_checker_flags(fixture_kb: Path) -> None:
    result = scaffold(fixture_kb, "subscription")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stdout + result.stderr

    report = check(fixture_kb)
    assert "Traceback" not in report.stdout + report.stderr
    assert report.returncode == 1
    assert findings(report.stdout) == [
        "docs/en/models/subscription.md:7: E108",
        "docs/zh/models/subscription.md:7: E108",
    ]


@pytest.mark.parametrize("lang", kb.LANGUAGES)
def test_pages_follow_the_contract_in_the_schema(fixture_kb: Path, lang: str) -> None:
    assert scaffold(fixture_kb, "subscription").returncode == 0
    path = fixture_kb / "docs" / lang / "models" / "subscription.md"
    page = kb.load_page(path, lang, "models/subscription.md")
    assert page.front_matter == {
        "id": "subscription",
        "title": FIXTURE_OPTIONS[f"--name-{lang}"],
        "description": page.front_matter["description"],
        "related": ["b2c", "b2b"],
        "reviewed": FIXTURE_TODAY,  # the scaffold dates the review with KB_TODAY, as the checker does
        "draft": True,
    }
    assert 10 <= len(page.front_matter["description"]) <= 200
    assert [(h.title, h.anchor) for h in page.sections] == [(s[lang], s["anchor"]) for s in DATA.sections]
    # Every section says what belongs there, in a comment, and nothing reads as unfinished work.
    sections = page.section_texts()
    for section in DATA.sections:
        assert "<!-- " in sections[section["anchor"]], section["anchor"]
    assert "TODO" not in page.text.upper()
    # The related section already links the related models, the same targets in both languages.
    assert [link.target for link in page.links] == ["b2c.md", "b2b.md"]


def test_an_unreadable_kb_today_is_refused(fixture_kb: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KB_TODAY", "28.11.2026")
    before = snapshot(fixture_kb)
    result = scaffold(fixture_kb, "subscription")
    assert result.returncode == 1
    assert "error: KB_TODAY='28.11.2026' is not a date (expected YYYY-MM-DD)" in result.stderr
    assert snapshot(fixture_kb) == before


def test_data_entry_is_appended_and_valid(fixture_kb: Path) -> None:
    before = (fixture_kb / "data/models.yml").read_text(encoding="utf-8")
    assert scaffold(fixture_kb, "subscription").returncode == 0
    after = (fixture_kb / "data/models.yml").read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n"))  # appended as text: comments and layout stay
    entry = yaml.safe_load(after)[-1]
    assert entry == {
        "id": "subscription",
        "name": {"zh": "订阅电商", "en": "Subscription e-commerce"},
        "dimension": "parties",
        "related": ["b2c", "b2b"],
        "teaching_examples": [],
        "platforms": [],
        "matrix": {
            "trade": "b2c",
            "channel": "web-app-store",
            "revenue": ["membership", "retail-margin"],
            "capital": "medium",
            "logistics": "low",
            "categories": ["electronics"],
        },
    }
    assert (fixture_kb / "mkdocs.yml").read_text(encoding="utf-8").splitlines()[-2:] == [
        "  - models/b2c.md",
        "  - models/subscription.md",
    ]


def test_names_that_need_quoting_read_back_unchanged(fixture_kb: Path) -> None:
    result = scaffold(fixture_kb, "odd", name_en='Odd: "quoted", {braced} #1')
    assert result.returncode == 0, result.stderr
    assert yaml.safe_load((fixture_kb / "data/models.yml").read_text(encoding="utf-8"))[-1]["name"]["en"] == (
        'Odd: "quoted", {braced} #1'
    )
    page = kb.load_page(fixture_kb / "docs/en/models/odd.md", "en", "models/odd.md")
    assert page.front_matter["title"] == 'Odd: "quoted", {braced} #1'
    assert findings(check(fixture_kb).stdout) == ["docs/en/models/odd.md:7: E108", "docs/zh/models/odd.md:7: E108"]


def test_prints_the_next_steps(fixture_kb: Path) -> None:
    out = scaffold(fixture_kb, "subscription").stdout
    assert "created docs/zh/models/subscription.md" in out
    for step in ("data/platforms.yml", "draft: true", "make stamp", "make check"):
        assert step in out


# --- refusals change nothing ----------------------------------------------------------------


def test_second_run_refuses_and_changes_nothing(fixture_kb: Path) -> None:
    assert scaffold(fixture_kb, "subscription").returncode == 0
    before = snapshot(fixture_kb)
    result = scaffold(fixture_kb, "subscription")
    assert result.returncode == 1
    assert "model 'subscription' already exists in data/models.yml" in result.stderr
    assert "page docs/zh/models/subscription.md already exists" in result.stderr
    assert "nothing was changed" in result.stderr
    assert snapshot(fixture_kb) == before


def test_existing_model_is_refused(fixture_kb: Path) -> None:
    before = snapshot(fixture_kb)
    result = scaffold(fixture_kb, "b2c", related="b2b")
    assert result.returncode == 1
    assert "already exists" in result.stderr
    assert snapshot(fixture_kb) == before


def test_a_page_in_one_language_is_enough_to_refuse(fixture_kb: Path) -> None:
    (fixture_kb / "docs/en/models/subscription.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    before = snapshot(fixture_kb)
    result = scaffold(fixture_kb, "subscription")
    assert result.returncode == 1
    assert "page docs/en/models/subscription.md already exists" in result.stderr
    assert snapshot(fixture_kb) == before


@pytest.mark.parametrize("bad_id", ["B2C", "bad_id", "-lead", "trail-", "double--hyphen", "中文", "a b", "index"])
def test_bad_id_is_refused(fixture_kb: Path, bad_id: str) -> None:
    before = snapshot(fixture_kb)
    result = scaffold(fixture_kb, bad_id)
    assert result.returncode == 1
    assert f"id '{bad_id}' is" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(fixture_kb) == before


def test_every_problem_is_reported_at_once(fixture_kb: Path) -> None:
    before = snapshot(fixture_kb)
    result = scaffold(
        fixture_kb,
        "subscription",
        name_zh="订阅电商ABC",
        dimension="nowhere",
        related="b2b,missing",
        revenue="membership,bribes",
        capital="huge",
    )
    assert result.returncode == 1
    for reason in (
        "--name-zh '订阅电商ABC' breaks the Chinese copywriting rules: write '订阅电商 ABC'",
        "--dimension 'nowhere' has no words in data/labels.yml under 'dimension' (known: parties)",
        "--related 'missing' is not a model (known: b2b, b2c)",
        "--revenue 'bribes' has no words",
        "--capital 'huge' has no words in data/labels.yml under 'level' (known: low, medium, high)",
    ):
        assert reason in result.stderr
    assert snapshot(fixture_kb) == before


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"related": ""}, "--related needs at least one existing model id"),
        ({"related": "subscription"}, "--related cannot name the new model itself"),
        ({"categories": ","}, "--categories needs at least one key"),
        ({"name_en": "E"}, "the en page's front matter would be invalid: title"),
    ],
)
def test_other_invalid_options_are_refused(fixture_kb: Path, overrides: dict[str, str], reason: str) -> None:
    before = snapshot(fixture_kb)
    result = scaffold(fixture_kb, "subscription", **overrides)
    assert result.returncode == 1
    assert reason in result.stderr
    assert snapshot(fixture_kb) == before


def test_nav_without_model_pages_is_refused(fixture_kb: Path) -> None:
    (fixture_kb / "mkdocs.yml").write_text("site_name: fixture\nnav:\n  - index.md\n", encoding="utf-8")
    before = snapshot(fixture_kb)
    result = scaffold(fixture_kb, "subscription")
    assert result.returncode == 1
    assert "the nav lists no models/*.md page" in result.stderr
    assert snapshot(fixture_kb) == before


def test_missing_option_is_a_usage_error(fixture_kb: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(SCAFFOLD), "subscription", "--root", str(fixture_kb)], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "--name-zh" in result.stderr


def test_make_target_passes_the_arguments() -> None:
    result = subprocess.run(
        ["make", "-n", "new-model", "ID=subscription", "ARGS=--name-zh 订阅电商 --related b2c"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "scripts/new_model.py subscription --name-zh 订阅电商 --related b2c" in result.stdout


# --- on a copy of the real repository --------------------------------------------------------


def run_script(root: Path, script: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, f"scripts/{script}", *args], cwd=root, capture_output=True, text=True)


@pytest.fixture
def repo_copy(tmp_path: Path) -> Path:
    """The repository without its history, environment and build output; scripts there read this copy.

    node_modules and the diagram cache are shared with the repository (links), so the copy's build
    renders no diagram the real build has not rendered, or will not reuse.
    """
    root = tmp_path / "repo"
    ignore = shutil.ignore_patterns(
        ".git", ".venv", "site", "node_modules", ".cache", ".pytest_cache", ".ruff_cache", "tests"
    )
    shutil.copytree(ROOT, root, ignore=ignore)
    (ROOT / ".cache").mkdir(exist_ok=True)
    (root / ".cache").symlink_to(ROOT / ".cache")
    if (ROOT / "node_modules").is_dir():
        (root / "node_modules").symlink_to(ROOT / "node_modules")
    return root


def test_scaffold_in_the_real_repository_passes_lint_and_builds(repo_copy: Path) -> None:
    data = kb.load_data(repo_copy)
    related = ",".join(data.model_ids[:2])
    models_before = (repo_copy / "data/models.yml").read_text(encoding="utf-8")
    checked_before = run_script(repo_copy, "check_i18n.py")
    linted_before = run_script(repo_copy, "lint_docs.py")
    result = run_script(
        repo_copy,
        "new_model.py",
        "subscription",
        *("--name-zh", "订阅电商", "--name-en", "Subscription e-commerce"),
        *("--dimension", next(iter(data.labels["dimension"])), "--related", related),
        *("--trade", next(iter(data.labels["trade"])), "--channel", next(iter(data.labels["channel"]))),
        *("--revenue", next(iter(data.labels["revenue"])), "--categories", next(iter(data.labels["categories"]))),
        *("--capital", "low", "--logistics", "high"),
    )
    assert result.returncode == 0, result.stderr
    # The data file keeps its comments; the nav gets the page after the last model.
    assert (repo_copy / "data/models.yml").read_text(encoding="utf-8").startswith(models_before.rstrip("\n"))
    nav = (repo_copy / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    last_model = f"      - models/{data.model_ids[-1]}.md"
    assert nav[nav.index(last_model) + 1] == "      - models/subscription.md"

    # Exactly two new findings, whatever else the working tree holds: the drafts.
    checked = run_script(repo_copy, "check_i18n.py")
    assert "Traceback" not in checked.stdout + checked.stderr
    assert sorted(findings(checked.stdout)) == sorted(
        [
            *findings(checked_before.stdout),
            "docs/en/models/subscription.md:7: E108",
            "docs/zh/models/subscription.md:7: E108",
        ]
    ), checked.stdout
    # The Chinese copywriting and Markdown lint find nothing new.
    assert run_script(repo_copy, "lint_docs.py").stdout == linted_before.stdout

    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"],
        cwd=repo_copy,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert build.returncode == 0, build.stderr[-4000:]
    html = (repo_copy / "site/models/subscription/index.html").read_text(encoding="utf-8")
    for section in DATA.sections:
        assert f'id="{section["anchor"]}"' in html
