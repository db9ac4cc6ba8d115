"""Structure: both languages have the same pages, sections and language-neutral front matter;
the nav lists every page. Codes E1xx, and E201-E203 for front matter."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator
from typing import Any

import fastjsonschema
import jsonschema

from kb import LANGUAGES, Finding, KnowledgeBase, Page, display_path, nav_files


def check_coverage(kb: KnowledgeBase) -> Iterator[Finding]:
    for rel in kb.all_rels():
        for lang in LANGUAGES:
            if rel not in kb.pages[lang] and (kb.docs_dir(lang) / rel).exists():
                continue  # present but unreadable: reported by the loader
            if rel not in kb.pages[lang]:
                other = next(o for o in LANGUAGES if o != lang and rel in kb.pages[o])
                missing = display_path(kb.docs_dir(lang) / rel)
                yield Finding(
                    kb.pages[other][rel].display,
                    1,
                    "E101",
                    f"page exists only in '{other}': {missing} is missing",
                )


def _schema_for(kb: KnowledgeBase, page: Page) -> dict[str, Any]:
    assert kb.data is not None
    return kb.data.model_schema if page.is_model else kb.data.page_schema


@functools.cache
def _fast_validator(schema_json: str) -> Callable[[Any], Any]:
    return fastjsonschema.compile(json.loads(schema_json))


def schema_errors(schema: dict[str, Any], instance: Any) -> list[jsonschema.ValidationError]:
    """fastjsonschema answers "valid?" in compiled code; only an invalid instance pays for
    jsonschema's detailed errors, which the findings quote."""
    try:
        _fast_validator(json.dumps(schema, sort_keys=True))(instance)
        return []
    except fastjsonschema.JsonSchemaException:
        errors = jsonschema.Draft202012Validator(schema).iter_errors(instance)
        return sorted(errors, key=lambda e: [str(p) for p in e.path])


def check_front_matter(kb: KnowledgeBase) -> Iterator[Finding]:
    if kb.data is None:
        return
    for lang in LANGUAGES:
        for page in kb.pages[lang].values():
            for error in schema_errors(_schema_for(kb, page), page.front_matter):
                key = str(error.path[0]) if error.path else ""
                where = f"front matter key '{key}'" if key else "front matter"
                message = error.message
                if error.path:  # a nested key (search.boost) is reported on its top-level key's line
                    where = f"front matter key '{'.'.join(map(str, error.path))}'"
                if error.validator == "additionalProperties":
                    # error.instance is the mapping with the stray key: the page's or a nested one (search:)
                    extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
                    if not error.path:
                        key = extra[0] if extra else key
                        where = "front matter"
                    message = f"unknown key(s) {', '.join(map(repr, extra))}; allowed: {', '.join(error.schema['properties'])}"
                yield Finding(page.display, page.line_of_key(key) if key else 1, "E201", f"{where}: {message}")
            if page.is_model and page.front_matter.get("id") not in (None, page.model_id):
                yield Finding(
                    page.display,
                    page.line_of_key("id"),
                    "E203",
                    f"id '{page.front_matter.get('id')}' does not match the file name (expected '{page.model_id}')",
                )
            if page.front_matter.get("draft"):
                yield Finding(
                    page.display,
                    page.line_of_key("draft"),
                    "E108",
                    "page is a draft: write every section, then remove 'draft: true'",
                )


def check_sections(kb: KnowledgeBase) -> Iterator[Finding]:
    required = [s["anchor"] for s in kb.data.sections] if kb.data else []
    for lang in LANGUAGES:
        for page in kb.pages[lang].values():
            for heading in page.sections:
                if not heading.anchor:
                    yield Finding(
                        page.display,
                        heading.line,
                        "E103",
                        f"H2 '{heading.title}' has no explicit English anchor (write '## {heading.title} {{#some-anchor}}')",
                    )
            if not page.is_model or not required:
                continue
            anchors = [h.anchor for h in page.sections]
            for anchor in required:
                if anchor not in anchors:
                    yield Finding(
                        page.display,
                        _nearest_line(page, anchor, required),
                        "E104",
                        f"required section '{anchor}' is missing (sections in order: {', '.join(required)})",
                    )
            present = [a for a in anchors if a in required]
            expected = [a for a in required if a in present]
            if present != expected:
                index = next(i for i, (a, b) in enumerate(zip(present, expected, strict=False)) if a != b)
                heading = next(h for h in page.sections if h.anchor == present[index])
                yield Finding(
                    page.display,
                    heading.line,
                    "E105",
                    f"section '{present[index]}' is out of order (expected '{expected[index]}' here)",
                )


def _nearest_line(page: Page, anchor: str, order: list[str]) -> int:
    """Where a missing section should have been: the line of the next section that exists."""
    later = order[order.index(anchor) + 1 :]
    for heading in page.sections:
        if heading.anchor in later:
            return heading.line
    return len(page.text.splitlines()) or 1


def check_pairs(kb: KnowledgeBase) -> Iterator[Finding]:
    """The language-neutral keys and the H2 anchors are equal across a pair."""
    for rel in kb.all_rels():
        a, b = kb.pair(rel)
        if a is None or b is None or kb.data is None:
            continue
        for key in kb.data.neutral_keys(_schema_for(kb, a)):
            if a.front_matter.get(key) != b.front_matter.get(key):
                yield Finding(
                    b.display,
                    b.line_of_key(key),
                    "E202",
                    f"language-neutral key '{key}' is {b.front_matter.get(key)!r} here but "
                    f"{a.front_matter.get(key)!r} in {a.display}",
                )
        anchors_a = [h.anchor for h in a.sections]
        anchors_b = [h.anchor for h in b.sections]
        if anchors_a == anchors_b:
            continue
        for index in range(max(len(anchors_a), len(anchors_b))):
            left = anchors_a[index] if index < len(anchors_a) else None
            right = anchors_b[index] if index < len(anchors_b) else None
            if left == right:
                continue
            if right is None:
                line = b.sections[-1].line if b.sections else 1
                yield Finding(b.display, line, "E102", f"section anchor '{left}' of {a.display} is missing here")
            else:
                expected = f"expected '{left}'" if left else "it has no section here"
                yield Finding(
                    b.display,
                    b.sections[index].line,
                    "E102",
                    f"section anchor '{right}' does not match {a.display} ({expected})",
                )
            break


def check_nav(kb: KnowledgeBase) -> Iterator[Finding]:
    if not (kb.root / "mkdocs.yml").exists():
        return
    listed = nav_files(kb.root)
    listed_set, pages = set(listed), set(kb.all_rels())
    for rel in sorted(pages - listed_set - {"404.md"}):
        page = next(p for p in (kb.pair(rel)) if p is not None)
        yield Finding(page.display, 1, "E110", f"page '{rel}' is not in the nav of mkdocs.yml")
    lines = (kb.root / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    for rel in listed:
        if rel not in pages:
            line = next((n for n, text in enumerate(lines, start=1) if text.rstrip().endswith(rel)), 1)
            yield Finding("mkdocs.yml", line, "E111", f"nav entry '{rel}' has no page under docs/<lang>/")


RULES = (check_coverage, check_front_matter, check_sections, check_pairs, check_nav)
