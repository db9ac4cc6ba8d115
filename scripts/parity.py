"""The parity contract: both languages cover the same pages, sections, facts and links.

Each rule takes the loaded knowledge base and yields Findings. Codes are stable and
documented in CONTRIBUTING.md:

    E1xx structure      E2xx front matter and data      E3xx links
    E4xx unsafe content E5xx translation sync
"""

from __future__ import annotations

import functools
import json
import posixpath
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import fastjsonschema
import jsonschema
import yaml
from markdown.extensions.toc import slugify_unicode

from kb import (
    DATA_FILES,
    LANGUAGES,
    Data,
    Finding,
    KnowledgeBase,
    Page,
    display_path,
    nav_files,
    page_fingerprints,
)

LOCK_FILE = "translations.lock.json"
UNSAFE_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}
UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:text/html")

Rule = Callable[[KnowledgeBase], Iterable[Finding]]


# --- coverage and structure ------------------------------------------------------------


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
                if error.validator == "additionalProperties":
                    extra = sorted(set(page.front_matter) - set(error.schema.get("properties", {})))
                    key = extra[0] if extra else key
                    message = f"unknown key(s) {', '.join(map(repr, extra))}; allowed: {', '.join(error.schema['properties'])}"
                    where = "front matter"
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


# --- ids and data ------------------------------------------------------------------------


def check_ids(kb: KnowledgeBase) -> Iterator[Finding]:
    for lang in LANGUAGES:
        seen: dict[str, Page] = {}
        for page in kb.pages[lang].values():
            page_id = page.front_matter.get("id")
            if not isinstance(page_id, str):
                continue
            if page_id in seen:
                yield Finding(
                    page.display,
                    page.line_of_key("id"),
                    "E204",
                    f"id '{page_id}' is already used by {seen[page_id].display}",
                )
            else:
                seen[page_id] = page
    if kb.data is None:
        return
    known = set(kb.data.model_ids)
    for lang in LANGUAGES:
        for page in kb.pages[lang].values():
            related = page.front_matter.get("related")
            if isinstance(related, list):
                for other in related:
                    if other not in known:
                        yield Finding(
                            page.display,
                            page.line_of_key("related"),
                            "E205",
                            f"related model '{other}' does not exist (known: {', '.join(kb.data.model_ids)})",
                        )
            if page.is_model and page.model_id not in known and not page.front_matter.get("draft"):
                yield Finding(
                    page.display,
                    1,
                    "E206",
                    f"model '{page.model_id}' has a page but no entry in {DATA_FILES['models']}",
                )
            if page.is_model and page.model_id in known and isinstance(related, list):
                expected = kb.data.models_by_id[page.model_id]["related"]
                if related != expected:
                    yield Finding(
                        page.display,
                        page.line_of_key("related"),
                        "E207",
                        f"related {related} differs from {DATA_FILES['models']} ({expected})",
                    )
    for model_id in kb.data.model_ids:
        for lang in LANGUAGES:
            rel = f"models/{model_id}.md"
            if rel not in kb.pages[lang] and not (kb.docs_dir(lang) / rel).exists():
                yield Finding(
                    DATA_FILES["models"],
                    _data_line(kb, "models", [kb.data.model_ids.index(model_id)]),
                    "E206",
                    f"model '{model_id}' has no page docs/{lang}/{rel}",
                )


def _data_line(kb: KnowledgeBase, name: str, path: list[Any]) -> int:
    """The 1-based line of a value inside a data file, found by walking YAML nodes."""
    try:
        node = yaml.compose((kb.root / DATA_FILES[name]).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return 1
    for step in path:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if k.value == step), None)
            if match is None:
                break
            node = match
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            node = node.value[step]
        else:
            break
    return node.start_mark.line + 1 if node is not None else 1


def check_data(kb: KnowledgeBase) -> Iterator[Finding]:
    data = kb.data
    if data is None:
        return
    document = {"models": data.models, "platforms": data.platforms, "labels": data.labels, "glossary": data.glossary}
    errors = schema_errors(data.data_schema, document)
    for error in errors:
        name, *rest = list(error.path) or ["models"]
        yield Finding(
            DATA_FILES[str(name)],
            _data_line(kb, str(name), rest),
            "E209",
            f"{'/'.join(map(str, rest)) or name}: {error.message}",
        )
    if errors:
        return  # cross-references are meaningless on malformed data
    yield from _check_data_references(kb, data)


def _check_data_references(kb: KnowledgeBase, data: Data) -> Iterator[Finding]:
    models_file = DATA_FILES["models"]
    for dupe in [i for i, n in Counter(data.model_ids).items() if n > 1]:
        yield Finding(
            models_file,
            _data_line(kb, "models", [data.model_ids.index(dupe)]),
            "E204",
            f"model id '{dupe}' appears more than once",
        )
    used: set[str] = set()
    for index, model in enumerate(data.models):
        for key in ("seed_platforms", "platforms"):
            for platform in model[key]:
                used.add(platform)
                if platform not in data.platforms:
                    yield Finding(
                        models_file,
                        _data_line(kb, "models", [index, key]),
                        "E208",
                        f"{model['id']}: platform '{platform}' is not in {DATA_FILES['platforms']}",
                    )
        for other in model["related"]:
            if other not in data.model_ids:
                yield Finding(
                    models_file,
                    _data_line(kb, "models", [index, "related"]),
                    "E205",
                    f"{model['id']}: related model '{other}' does not exist",
                )
        matrix = model["matrix"]
        wanted = [
            ("dimension", model["dimension"]),
            ("trade", matrix["trade"]),
            ("channel", matrix["channel"]),
            ("level", matrix["capital"]),
            ("level", matrix["logistics"]),
        ]
        wanted += [("revenue", r) for r in matrix["revenue"]] + [("categories", c) for c in matrix["categories"]]
        for group, key in wanted:
            if key not in data.labels.get(group, {}):
                yield Finding(
                    models_file,
                    _data_line(kb, "models", [index]),
                    "E210",
                    f"{model['id']}: '{key}' has no words in data/labels.yml under '{group}'",
                )
    for platform_id, platform in data.platforms.items():
        if platform_id not in used:
            yield Finding(
                DATA_FILES["platforms"],
                _data_line(kb, "platforms", [platform_id]),
                "E208",
                f"platform '{platform_id}' is not used by any model",
            )
        if platform["market"] not in data.labels.get("markets", {}):
            yield Finding(
                DATA_FILES["platforms"],
                _data_line(kb, "platforms", [platform_id, "market"]),
                "E210",
                f"market '{platform['market']}' has no words in data/labels.yml under 'markets'",
            )
    glossary_ids = [t["id"] for t in data.glossary]
    for dupe in [i for i, n in Counter(glossary_ids).items() if n > 1]:
        yield Finding(
            DATA_FILES["glossary"],
            _data_line(kb, "glossary", [glossary_ids.index(dupe)]),
            "E204",
            f"glossary id '{dupe}' appears more than once",
        )


def check_seed_platforms(kb: KnowledgeBase) -> Iterator[Finding]:
    """Every example the seed names for a model is named in that page's prose, in both languages."""
    if kb.data is None:
        return
    for lang in LANGUAGES:
        for page in kb.pages[lang].values():
            if page.model_id not in kb.data.models_by_id or page.front_matter.get("draft"):
                continue
            prose = page.prose_text()
            heading = next((h for h in page.sections if h.anchor == "platforms"), None)
            for platform_id in kb.data.models_by_id[page.model_id]["seed_platforms"]:
                name = kb.data.platforms.get(platform_id, {}).get("name", {}).get(lang)
                if name and name not in prose:
                    yield Finding(
                        page.display,
                        heading.line if heading else 1,
                        "E211",
                        f"seed example '{name}' ({platform_id}) is not named in this page's prose",
                    )


# --- links ---------------------------------------------------------------------------------


def _anchors(kb: KnowledgeBase, page: Page) -> set[str]:
    anchors = {h.anchor or slugify_unicode(h.title, "-") for h in page.headings}
    if kb.data is not None and page.rel == "glossary.md":
        anchors |= {t["id"] for t in kb.data.glossary}
    return anchors


def _resolve(page: Page, target: str) -> str:
    path, _, _ = target.partition("#")
    if not path:
        return page.rel
    return posixpath.normpath(posixpath.join(posixpath.dirname(page.rel), path))


def check_links(kb: KnowledgeBase) -> Iterator[Finding]:
    for lang in LANGUAGES:
        for page in kb.pages[lang].values():
            for link in page.links:
                if not link.is_internal or link.target.startswith("/"):
                    continue
                rel = _resolve(page, link.target)
                _, anchor = link.split()
                if rel in kb.pages[lang]:
                    if anchor and anchor not in _anchors(kb, kb.pages[lang][rel]):
                        yield Finding(
                            page.display,
                            link.line,
                            "E301",
                            f"link '{link.target}': no anchor '#{anchor}' in {kb.pages[lang][rel].display}",
                        )
                elif not (kb.docs_dir(lang) / rel).exists():
                    code, what = ("E303", "image") if link.is_image else ("E300", "link")
                    yield Finding(
                        page.display,
                        link.line,
                        code,
                        f"{what} '{link.target}' points to a missing file (docs/{lang}/{rel})",
                    )
    for rel in kb.all_rels():
        a, b = kb.pair(rel)
        if a is None or b is None:
            continue
        targets_a = [(_resolve(a, x.target), x.split()[1]) for x in a.links if x.is_internal]
        targets_b = [(_resolve(b, x.target), x.split()[1]) for x in b.links if x.is_internal]
        links_b = [x for x in b.links if x.is_internal]
        if Counter(targets_a) == Counter(targets_b):
            continue
        missing = Counter(targets_a) - Counter(targets_b)
        extra = Counter(targets_b) - Counter(targets_a)
        for target in extra:
            line = next(x.line for x, t in zip(links_b, targets_b, strict=False) if t == target)
            shown = target[0] + (f"#{target[1]}" if target[1] else "")
            yield Finding(b.display, line, "E302", f"link to '{shown}' has no counterpart in {a.display}")
        for target in missing:
            link = next(
                x for x, t in zip([x for x in a.links if x.is_internal], targets_a, strict=False) if t == target
            )
            shown = target[0] + (f"#{target[1]}" if target[1] else "")
            yield Finding(b.display, 1, "E302", f"link to '{shown}' in {a.display}:{link.line} has no counterpart here")


# --- unsafe content ------------------------------------------------------------------------


class _TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]], int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs, self.getpos()[0]))

    handle_startendtag = handle_starttag


def _unsafe_url(value: str | None) -> bool:
    cleaned = "".join((value or "").split()).lower()
    return cleaned.startswith(UNSAFE_SCHEMES)


def check_html(kb: KnowledgeBase) -> Iterator[Finding]:
    for lang in LANGUAGES:
        for page in kb.pages[lang].values():
            for chunk in page.html:
                collector = _TagCollector()
                collector.feed(chunk.html)
                collector.close()
                for tag, attrs, offset in collector.tags:
                    line = chunk.line + offset - 1
                    if tag in UNSAFE_TAGS:
                        yield Finding(page.display, line, "E400", f"raw HTML <{tag}> is not allowed (it can run code)")
                    for name, value in attrs:
                        if name.startswith("on"):
                            yield Finding(
                                page.display,
                                line,
                                "E401",
                                f"event handler attribute '{name}' on <{tag}> is not allowed",
                            )
                        elif name in URL_ATTRIBUTES and _unsafe_url(value):
                            yield Finding(
                                page.display,
                                line,
                                "E402",
                                f"<{tag} {name}=...> uses a script URL, which is not allowed",
                            )
            for link in page.links:
                if _unsafe_url(link.target):
                    yield Finding(
                        page.display,
                        link.line,
                        "E402",
                        f"link '{link.target[:40]}' uses a script URL, which is not allowed",
                    )


# --- translation sync --------------------------------------------------------------------


def load_lock(root: Path) -> dict[str, Any]:
    path = root / LOCK_FILE
    if not path.exists():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ValueError(f"{LOCK_FILE}: not valid JSON ({error})") from None


def fingerprints(kb: KnowledgeBase) -> dict[str, dict[str, dict[str, str]]]:
    out: dict[str, dict[str, dict[str, str]]] = {}
    for rel in kb.all_rels():
        a, b = kb.pair(rel)
        if a is not None and b is not None:
            out[rel] = {a.lang: page_fingerprints(a), b.lang: page_fingerprints(b)}
    return out


def check_sync(kb: KnowledgeBase) -> Iterator[Finding]:
    try:
        lock = load_lock(kb.root)
    except ValueError as error:
        yield Finding(LOCK_FILE, 1, "E501", str(error))
        return
    for rel, current in fingerprints(kb).items():
        a, b = kb.pair(rel)
        assert a is not None and b is not None
        if a.front_matter.get("draft"):
            continue
        recorded = lock.get(rel)
        if recorded is None:
            yield Finding(
                b.display,
                1,
                "E501",
                "no translation sync record for this page pair: translate it, then run 'make stamp'",
            )
            continue
        for changed, stale in ((a, b), (b, a)):
            now, then = current[changed.lang], recorded.get(changed.lang, {})
            stale_now, stale_then = current[stale.lang], recorded.get(stale.lang, {})
            for section, digest in now.items():
                if then.get(section) == digest or stale_now.get(section) != stale_then.get(section):
                    continue
                if section not in stale_now:
                    continue  # a structural difference, reported by check_pairs
                where = _section_line(changed, section)
                yield Finding(
                    stale.display,
                    _section_line(stale, section),
                    "E500",
                    f"outdated translation: {changed.display}:{where} (section '{section}') changed "
                    f"since the last sync and this side did not; update it, then run 'make stamp'",
                )


def _section_line(page: Page, section: str) -> int:
    if section == "_front_matter":
        return 1
    if section == "_intro":
        return page.body_line
    return next((h.line for h in page.sections if (h.anchor or h.title) == section), 1)


def stamp(kb: KnowledgeBase) -> list[str]:
    """Record the current state of every pair as in sync. Returns the pairs whose record changed."""
    lock_path = kb.root / LOCK_FILE
    old = load_lock(kb.root)
    new = fingerprints(kb)
    lock_path.write_text(json.dumps(new, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return sorted(rel for rel in set(old) | set(new) if old.get(rel) != new.get(rel))


# --- navigation ------------------------------------------------------------------------------


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


RULES: tuple[Rule, ...] = (
    check_coverage,
    check_front_matter,
    check_sections,
    check_pairs,
    check_ids,
    check_data,
    check_seed_platforms,
    check_links,
    check_html,
    check_nav,
    check_sync,
)


def run(kb: KnowledgeBase, rules: Iterable[Rule] = RULES) -> list[Finding]:
    findings = list(kb.load_findings)
    for rule in rules:
        findings.extend(rule(kb))
    return sorted(set(findings))


# --- output --------------------------------------------------------------------------------


def render_text(findings: list[Finding]) -> str:
    lines = [f"{f.path}:{f.line}: {f.code} {f.message}" for f in findings]
    files = len({f.path for f in findings})
    if findings:
        lines.append(f"Found {len(findings)} problem{'s' * (len(findings) != 1)} in {files} file{'s' * (files != 1)}.")
    else:
        lines.append("All checks passed: both languages cover the same pages, sections, facts and links.")
    return "\n".join(lines)


def render_json(findings: list[Finding]) -> str:
    return json.dumps(
        {"findings": [f.as_dict() for f in findings], "count": len(findings)}, ensure_ascii=False, indent=2
    )


def render_github(findings: list[Finding]) -> str:
    def escape(value: str) -> str:
        return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    lines = [f"::error file={f.path},line={f.line},title={f.code}::{escape(f.message)}" for f in findings]
    lines.append(render_text(findings).splitlines()[-1])
    return "\n".join(lines)


RENDERERS: dict[str, Callable[[list[Finding]], str]] = {
    "text": render_text,
    "json": render_json,
    "github": render_github,
}
