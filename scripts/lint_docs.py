"""Lint the prose: Chinese copywriting (autocorrect) and Markdown style (pymarkdown).

    python scripts/lint_docs.py          # report, exit 1 on problems
    python scripts/lint_docs.py --fix    # apply autocorrect's fixes to docs/zh and data/

Both tools are libraries from PyPI (autocorrect-py, pymarkdownlnt); this file only
points them at the right files and prints `path:line: CODE message` like the checker.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import autocorrect_py
import yaml

import kb


def chinese_data_values(path: Path) -> list[tuple[int, str]]:
    """(line, text) of every `zh:` value in a data file, found through the YAML node tree."""
    found: list[tuple[int, str]] = []

    def walk(node: yaml.Node) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if key.value == "zh" and isinstance(value, yaml.ScalarNode):
                    found.append((value.start_mark.line + 1, value.value))
                walk(value)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                walk(item)

    walk(yaml.compose(kb.read_text(path)))
    return found


def copywriting_findings(root: Path, fix: bool) -> list[kb.Finding]:
    findings = []
    for path in sorted(root.glob("data/*.yml")):
        for line, text in chinese_data_values(path):
            fixed = autocorrect_py.format(text)
            if fixed != text:
                findings.append(
                    kb.Finding(kb.display_path(path), line, "L100", f"Chinese copywriting: {text!r} -> {fixed!r}")
                )
    for pattern in ("docs/zh/**/*.md",):
        for path in sorted(root.glob(pattern)):
            try:
                text = kb.read_text(path)
            except kb.PageError as error:
                findings.append(error.finding)
                continue
            if fix:
                fixed = autocorrect_py.format_for(text, path.name)
                if fixed != text:
                    path.write_text(fixed, encoding="utf-8")
                    print(f"fixed {kb.display_path(path)}")
                continue
            for line in autocorrect_py.lint_for(text, path.name).lines:
                findings.append(
                    kb.Finding(
                        kb.display_path(path),
                        line.line,
                        "L100",
                        f"Chinese copywriting: {line.old.strip()!r} -> {line.new.strip()!r}",
                    )
                )
    return findings


def markdown_findings(root: Path) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-m", "pymarkdown", "--config", str(root / ".pymarkdown.json"), "scan", "-r", "docs"],
        cwd=root,
        capture_output=True,
        text=True,
    )
    return [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fix", action="store_true", help="apply the Chinese copywriting fixes")
    args = parser.parse_args(argv)
    findings = copywriting_findings(kb.ROOT, args.fix)
    for finding in findings:
        print(f"{finding.path}:{finding.line}: {finding.code} {finding.message}")
    markdown = markdown_findings(kb.ROOT)
    for line in markdown:
        print(line.replace(str(kb.ROOT) + "/", ""))
    total = len(findings) + len(markdown)
    print(f"Prose lint: {total} problem{'s' * (total != 1)}." if total else "Prose lint passed.")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main())
