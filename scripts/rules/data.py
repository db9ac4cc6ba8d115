"""Data: ids, related models, platforms, labels, the glossary and the bibliography agree with
each other and with the pages. Codes E204-E211."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import yaml

from kb import DATA_FILES, LANGUAGES, Data, Finding, KnowledgeBase, Page
from rules.structure import schema_errors


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
    document = {
        "models": data.models,
        "platforms": data.platforms,
        "labels": data.labels,
        "glossary": data.glossary,
        "sources": data.sources,
    }
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
        for key in ("teaching_examples", "platforms"):
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
        status = platform.get("status")
        if status:
            group = "platform-status-successor" if status.get("successor") else "platform-status"
            if status["state"] not in data.labels.get(group, {}):
                yield Finding(
                    DATA_FILES["platforms"],
                    _data_line(kb, "platforms", [platform_id, "status", "state"]),
                    "E210",
                    f"status '{status['state']}' has no words in data/labels.yml under '{group}'",
                )
    glossary_ids = [t["id"] for t in data.glossary]
    for dupe in [i for i, n in Counter(glossary_ids).items() if n > 1]:
        yield Finding(
            DATA_FILES["glossary"],
            _data_line(kb, "glossary", [glossary_ids.index(dupe)]),
            "E204",
            f"glossary id '{dupe}' appears more than once",
        )
    first_seen: dict[str, int] = {}
    for index, source in enumerate(data.sources):
        if source["id"] not in first_seen:
            first_seen[source["id"]] = index
            continue
        yield Finding(
            DATA_FILES["sources"],
            _data_line(kb, "sources", [index]),
            "E204",
            f"source id '{source['id']}' appears more than once "
            f"(first at line {_data_line(kb, 'sources', [first_seen[source['id']]])})",
        )


def check_teaching_examples(kb: KnowledgeBase) -> Iterator[Finding]:
    """Every example commonly cited for a model in Chinese e-commerce teaching is named in its page's prose, in both languages."""
    if kb.data is None:
        return
    for lang in LANGUAGES:
        for page in kb.pages[lang].values():
            if page.model_id not in kb.data.models_by_id or page.front_matter.get("draft"):
                continue
            prose = page.prose_text()
            heading = next((h for h in page.sections if h.anchor == "platforms"), None)
            for platform_id in kb.data.models_by_id[page.model_id]["teaching_examples"]:
                name = kb.data.platforms.get(platform_id, {}).get("name", {}).get(lang)
                if name and name not in prose:
                    yield Finding(
                        page.display,
                        heading.line if heading else 1,
                        "E211",
                        f"teaching example '{name}' ({platform_id}) is not named in this page's prose",
                    )


RULES = (
    check_ids,
    check_data,
    check_teaching_examples,
)
