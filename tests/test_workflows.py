"""GitHub workflows, issue forms and the pre-commit hooks: valid by the vendored schemas, and doing what CI must."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

import kb
from conftest import ROOT

CHECK_JSONSCHEMA = ROOT / ".venv" / "bin" / "check-jsonschema"
GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
ISSUE_FORMS = sorted(p for p in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml")
# Any attempt to reach the network fails fast: the schemas must come from the package itself.
OFFLINE = {**os.environ, "HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9", "NO_PROXY": ""}


def validate(schema: str, *paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--no-cache", "--builtin-schema", schema, *map(str, paths)],
        capture_output=True,
        text=True,
        env=OFFLINE,
        timeout=120,
    )


def load(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def triggers(workflow: dict[str, Any]) -> dict[str, Any]:
    # YAML 1.1 reads the key `on` as the boolean True.
    value = workflow.get("on", workflow.get(True))
    return value if isinstance(value, dict) else {name: None for name in ([value] if isinstance(value, str) else value)}


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def runs(workflow: dict[str, Any]) -> list[str]:
    return [step["run"].strip() for step in steps(workflow) if "run" in step]


def uses(workflow: dict[str, Any], action: str) -> list[dict[str, Any]]:
    return [step for step in steps(workflow) if step.get("uses", "").split("@")[0] == action]


# --- schema validation -----------------------------------------------------------------------


def test_the_files_exist() -> None:
    assert [p.name for p in WORKFLOWS] == ["deploy.yml", "pr.yml"]
    assert [p.name for p in ISSUE_FORMS] == ["content-error.yml", "new-model.yml", "translation-problem.yml"]
    assert (GITHUB / "PULL_REQUEST_TEMPLATE.md").is_file()


@pytest.mark.parametrize("schema", ["vendor.github-workflows", "custom.github-workflows-require-timeout"])
def test_workflows_are_valid(schema: str) -> None:
    result = validate(schema, *WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_issue_forms_are_valid() -> None:
    result = validate("vendor.github-issue-forms", *ISSUE_FORMS)
    assert result.returncode == 0, result.stdout + result.stderr
    result = validate("vendor.github-issue-config", GITHUB / "ISSUE_TEMPLATE" / "config.yml")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_validator_rejects_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on: pull_request\njobs:\n  test:\n    steps:\n      - run: make test\n", encoding="utf-8")
    result = validate("vendor.github-workflows", broken)
    assert result.returncode == 1
    assert "runs-on" in result.stdout


def test_the_validator_rejects_a_broken_issue_form(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("name: x\ndescription: y\nbody:\n  - type: input\n", encoding="utf-8")
    assert validate("vendor.github-issue-forms", broken).returncode == 1


# --- what the workflows do ----------------------------------------------------------------------


def test_pull_requests_run_the_test_command_build_checker_and_keep_the_site() -> None:
    workflow = load(GITHUB / "workflows" / "pr.yml")
    assert "pull_request" in triggers(workflow)
    commands = runs(workflow)
    assert "make test" in commands  # the README's test command, same set-up as on a dev machine
    assert "make build" in commands
    assert any("scripts/check_i18n.py --format github" in c for c in commands)
    assert uses(workflow, "actions/checkout")
    (job,) = workflow["jobs"].values()
    assert "3.11" in str(job.get("container", "")) or any(
        str(s.get("with", {}).get("python-version")) == "3.11" for s in uses(workflow, "actions/setup-python")
    )
    artifacts = uses(workflow, "actions/upload-artifact")
    paths = [str(step["with"]["path"]) for step in artifacts]
    assert any(p.rstrip("/") == "site" for p in paths)
    assert any("site/downloads/*.pdf" in p for p in paths)
    # The checker runs before the tests, so its annotations appear even when a later step fails.
    assert commands.index("make test") > next(i for i, c in enumerate(commands) if "--format github" in c)


def test_deploy_builds_everything_and_publishes_to_pages() -> None:
    workflow = load(GITHUB / "workflows" / "deploy.yml")
    assert triggers(workflow)["push"]["branches"] == ["main"]
    commands = runs(workflow)
    for command in ("make build", "make pdf", "make offline"):
        assert command in commands

    (configure,) = uses(workflow, "actions/configure-pages")
    (upload,) = uses(workflow, "actions/upload-pages-artifact")
    assert upload["with"]["path"] == "site"
    assert uses(workflow, "actions/deploy-pages")
    # SITE_URL (read by mkdocs.yml through !ENV) comes from configure-pages and is set before the build.
    site_url_step = next(s for s in steps(workflow) if "SITE_URL" in s.get("run", ""))
    assert f"steps.{configure['id']}.outputs.base_url" in str(site_url_step.get("env", {}))
    assert "GITHUB_ENV" in site_url_step["run"]
    order = [s.get("run", s.get("uses", "")) for s in steps(workflow)]
    assert order.index(site_url_step["run"]) < order.index("make build")
    assert "SITE_URL" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")

    deploy = next(
        job for job in workflow["jobs"].values() if any("deploy-pages" in s.get("uses", "") for s in job["steps"])
    )
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["needs"] == "build"


def test_make_targets_in_ci_exist_or_are_announced() -> None:
    """Every `make` target the workflows call is in the Makefile (pdf and offline arrive with their issues)."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    announced = {"pdf", "offline"}
    for path in WORKFLOWS:
        for command in runs(load(path)):
            if command.startswith("make "):
                for target in command.split()[1:]:
                    assert f"\n{target}:" in makefile or target in announced, f"{path.name}: make {target}"


# --- pre-commit -----------------------------------------------------------------------------------


def test_pre_commit_runs_the_project_tools_locally() -> None:
    config = load(ROOT / ".pre-commit-config.yaml")
    (repo,) = config["repos"]
    assert repo["repo"] == "local"
    hooks = {hook["id"]: hook for hook in repo["hooks"]}
    assert set(hooks) == {"ruff", "ruff-format", "lint-docs", "check-i18n"}
    for hook in hooks.values():
        assert hook["language"] == "system"
        executable, *args = hook["entry"].split()
        assert (ROOT / executable).name in {"ruff", "python"}
        assert all((ROOT / arg).is_file() for arg in args if arg.endswith(".py")), hook["entry"]
    assert hooks["ruff"]["entry"].split()[1] == "check"
    assert hooks["ruff-format"]["entry"].split()[1] == "format"
    assert hooks["lint-docs"]["entry"].endswith("scripts/lint_docs.py")
    assert hooks["check-i18n"]["entry"].endswith("scripts/check_i18n.py")
    # The two whole-repository checks take no file names and run when docs or data change.
    for name in ("lint-docs", "check-i18n"):
        assert hooks[name]["pass_filenames"] is False
        assert "docs/" in hooks[name]["files"] and "data/" in hooks[name]["files"]


# --- the translation summary of a pull request --------------------------------------------------


def test_pull_requests_get_a_translation_summary_and_outdated_alone_does_not_fail() -> None:
    workflow = load(GITHUB / "workflows" / "pr.yml")
    (summary,) = [s for s in steps(workflow) if "GITHUB_STEP_SUMMARY" in s.get("run", "")]
    assert "scripts/translation_status.py --changed --format markdown" in summary["run"]
    assert summary["run"].rstrip().endswith('>> "$GITHUB_STEP_SUMMARY"')
    # It runs whatever happened to the checker before it, once the set-up has worked.
    assert "!cancelled()" in summary["if"] and "steps.setup.outcome == 'success'" in summary["if"]
    checker = next(s for s in steps(workflow) if "--format github" in s.get("run", ""))
    assert "--strict" not in checker["run"]  # an outdated translation is a warning: the job goes on
    assert "continue-on-error" not in checker


def test_the_summary_step_writes_the_changed_pairs(tmp_path: Path) -> None:
    """Run the step's own command, as CI would, on a copy of the fixture with one Chinese section edited."""
    from conftest import FIXTURE
    from mutations import ACCEPTED

    workflow = load(GITHUB / "workflows" / "pr.yml")
    (summary,) = [s for s in steps(workflow) if "GITHUB_STEP_SUMMARY" in s.get("run", "")]
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURE, repo)
    ACCEPTED["outdated"][0](repo)
    # The same command, pointed at the copy (the step runs at the root of the checkout).
    command = (
        summary["run"]
        .replace(".venv/bin/python", sys.executable)
        .replace("scripts/translation_status.py", f"{ROOT / 'scripts' / 'translation_status.py'} --root .")
    )
    report = tmp_path / "step-summary.md"
    report.write_text("earlier steps' summary\n", encoding="utf-8")
    result = subprocess.run(
        ["bash", "-e", "-c", command],
        cwd=repo,
        env={**os.environ, "GITHUB_STEP_SUMMARY": str(report)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    text = report.read_text(encoding="utf-8")
    assert text.startswith("earlier steps' summary\n## Translation status of the changed pages\n")  # appended
    assert "| B2B e-commerce (`models/b2b.md`) | **English behind in 1 section(s)** |" in text
    line = next(h.line for h in kb.load(repo).pages["en"]["models/b2b.md"].sections if h.anchor == "how-it-works")
    assert f"`docs/en/models/b2b.md:{line}` section `how-it-works` is behind `docs/zh/models/b2b.md:{line}`" in text
    assert "models/b2c.md" not in text
