"""The parity contract: both languages cover the same pages, sections, facts and links.

The rules live in scripts/rules/, one module per family; each yields Findings.
Codes are stable and documented in CONTRIBUTING.md:

    E1xx structure      E2xx front matter and data      E3xx links
    E4xx unsafe content E5xx translation sync           E6xx sources and citations
    E7xx terms (glossary)                               W5xx warnings (freshness, outdated)
    W6xx warnings (sources, uncited figures elsewhere)  W7xx warnings (terms)

A finding whose code starts with W is a warning: it is printed, but only errors make the
checker exit non-zero (unless --strict).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable

from kb import Finding, KnowledgeBase
from rules import choose, data, links, safety, sources, structure, sync, terms
from rules.sync import LOCK_FILE, stamp

__all__ = ["LOCK_FILE", "RENDERERS", "RULES", "run", "stamp"]

Rule = Callable[[KnowledgeBase], Iterable[Finding]]

RULES: tuple[Rule, ...] = (
    *structure.RULES,
    *data.RULES,
    *choose.RULES,
    *links.RULES,
    *safety.RULES,
    *sync.RULES,
    *sources.RULES,
    *terms.RULES,
)


def run(kb: KnowledgeBase, rules: Iterable[Rule] | None = None) -> list[Finding]:
    findings = list(kb.load_findings)
    for rule in RULES if rules is None else rules:
        findings.extend(rule(kb))
    return sorted(set(findings))


def errors(findings: Iterable[Finding], strict: bool = False) -> list[Finding]:
    """The findings that fail the check: every error, and with strict also every warning."""
    return [f for f in findings if strict or not f.is_warning]


# --- output --------------------------------------------------------------------------------


def render_text(findings: list[Finding]) -> str:
    lines = [f"{f.path}:{f.line}: {f.code} {f.message}" for f in findings]
    problems = [f for f in findings if not f.is_warning]
    warnings = len(findings) - len(problems)
    files = len({f.path for f in findings})
    if findings:
        parts = [f"{len(problems)} problem{'s' * (len(problems) != 1)}"] if problems else []
        if warnings:
            parts.append(f"{warnings} warning{'s' * (warnings != 1)}")
        counts = " and ".join(parts)
        lines.append(f"Found {counts} in {files} file{'s' * (files != 1)}.")
    else:
        lines.append("All checks passed: both languages cover the same pages, sections, facts and links.")
    return "\n".join(lines)


def render_json(findings: list[Finding]) -> str:
    return json.dumps(
        {
            "findings": [f.as_dict() for f in findings],
            "count": len(findings),
            "errors": sum(not f.is_warning for f in findings),
        },
        ensure_ascii=False,
        indent=2,
    )


def render_github(findings: list[Finding]) -> str:
    def escape(value: str) -> str:
        return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    lines = [
        f"::{'warning' if f.is_warning else 'error'} file={f.path},line={f.line},title={f.code}::{escape(f.message)}"
        for f in findings
    ]
    lines.append(render_text(findings).splitlines()[-1])
    return "\n".join(lines)


RENDERERS: dict[str, Callable[[list[Finding]], str]] = {
    "text": render_text,
    "json": render_json,
    "github": render_github,
}
