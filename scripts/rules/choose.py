"""The chooser's decision data (data/choose.yml): its shape, its model ids, both languages, and
that every model can come out of some answer. Codes E212-E216."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

import chooser
from kb import LANGUAGES, Finding, KnowledgeBase, PageError, display_path
from rules.structure import schema_errors


def _line_finder(path: Path) -> Any:
    """line(path-of-keys) -> the 1-based line of that value in the YAML file."""
    try:
        root = yaml.compose(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        root = None

    def line(steps: list[Any]) -> int:
        node = root
        for step in steps:
            if isinstance(node, yaml.MappingNode):
                match = next(((k, v) for k, v in node.value if k.value == step), None)
                if match is None:
                    break
                # A key holding a block (a model's point, the question list) is reported on its own line.
                block = isinstance(match[1], (yaml.MappingNode, yaml.SequenceNode))
                node = match[0] if step is steps[-1] and block else match[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
                node = node.value[step]
            else:
                break
        return node.start_mark.line + 1 if node is not None else 1

    return line


def _texts(choose: dict[str, Any]) -> Iterator[tuple[list[Any], dict[str, Any], str]]:
    """Every piece of reader-facing text: (where, the mapping holding the languages, what it is)."""
    for q_index, question in enumerate(choose["questions"]):
        yield ["questions", q_index, "legend"], question["legend"], f"question '{question['id']}' legend"
        for o_index, option in enumerate(question["options"]):
            where = ["questions", q_index, "options", o_index]
            yield [*where, "text"], option["text"], f"option '{question['id']}/{option['id']}' text"
            for model_id, point in option["points"].items():
                what = f"option '{question['id']}/{option['id']}' reason for '{model_id}'"
                yield [*where, "points", model_id], point, what
    for key, words in choose.get("ui", {}).items():
        yield ["ui", key], words, f"ui word '{key}'"


def check_choose(kb: KnowledgeBase) -> Iterator[Finding]:
    path = kb.root / chooser.CHOOSE_FILE
    shown = display_path(path)
    try:
        choose = chooser.load(kb.root)
    except PageError as error:
        yield error.finding
        return
    if choose is None or kb.data is None:
        return
    line = _line_finder(path)
    errors = schema_errors(chooser.schema(), choose)
    for error in errors:
        where = "/".join(map(str, error.path)) or "top level"
        yield Finding(shown, line(list(error.path)), "E212", f"{where}: {error.message}")
    if errors:
        return  # the other checks need the shape

    for where, words, what in _texts(choose):
        for lang in LANGUAGES:
            if not str(words.get(lang, "")).strip():
                yield Finding(shown, line(where), "E215", f"{what} has no {lang} text")

    question_ids = [q["id"] for q in choose["questions"]]
    for dupe in [i for i, n in Counter(question_ids).items() if n > 1]:
        index = len(question_ids) - 1 - question_ids[::-1].index(dupe)
        yield Finding(shown, line(["questions", index, "id"]), "E216", f"question id '{dupe}' appears more than once")
    for q_index, question in enumerate(choose["questions"]):
        option_ids = [o["id"] for o in question["options"]]
        for dupe in [i for i, n in Counter(option_ids).items() if n > 1]:
            index = len(option_ids) - 1 - option_ids[::-1].index(dupe)
            yield Finding(
                shown,
                line(["questions", q_index, "options", index, "id"]),
                "E216",
                f"option id '{dupe}' appears more than once in question '{question['id']}'",
            )

    known = set(kb.data.model_ids)
    reachable: set[str] = set()
    for q_index, question in enumerate(choose["questions"]):
        for o_index, option in enumerate(question["options"]):
            for model_id, point in option["points"].items():
                if model_id not in known:
                    yield Finding(
                        shown,
                        line(["questions", q_index, "options", o_index, "points", model_id]),
                        "E213",
                        f"option '{question['id']}/{option['id']}': unknown model '{model_id}' "
                        f"(known: {', '.join(kb.data.model_ids)})",
                    )
                elif point["weight"] > 0:
                    reachable.add(model_id)
    for model_id in kb.data.model_ids:
        if model_id not in reachable and not _is_draft(kb, model_id):
            yield Finding(
                shown,
                line(["questions"]),
                "E214",
                f"model '{model_id}' is reachable from no answer: give some option a positive weight for it",
            )


def _is_draft(kb: KnowledgeBase, model_id: str) -> bool:
    """A model still being written (draft: true) need not be in the chooser yet."""
    return any(
        page.front_matter.get("draft")
        for lang in LANGUAGES
        if (page := kb.pages[lang].get(f"models/{model_id}.md")) is not None
    )


RULES = (check_choose,)
