"""Scaffold a new model: a draft page in both languages, an entry in data/models.yml, a nav line.

    python scripts/new_model.py <id> --name-zh 名称 --name-en Name --dimension DIMENSION \\
        --related ID,ID --trade KEY --channel KEY --revenue KEY,KEY \\
        --capital LEVEL --logistics LEVEL --categories KEY,KEY [--root DIR]
    make new-model ID=<id> ARGS='--name-zh ... --name-en ...'

The sections and their titles come from schema/model-page.schema.json, the allowed
keys from data/labels.yml and the known models from data/models.yml, all through
kb.load_data(). Everything is checked before anything is written: a bad or taken id,
an unknown key or any other problem prints every reason, exits 1 and changes nothing.

Exit codes: 0 scaffolded, 1 refused (nothing changed), 2 usage error.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import autocorrect_py
import jsonschema
import yaml

import kb
from rules.sources import today

MODELS_FILE = kb.DATA_FILES["models"]
NAV_FILE = "mkdocs.yml"
RESERVED_IDS = {"index"}  # models/index.md would become the section's index page

# Which data/labels.yml group holds the words for each --option (the same pairing
# the checker's E210 uses).
LABEL_GROUPS = {
    "dimension": "dimension",
    "trade": "trade",
    "channel": "channel",
    "capital": "level",
    "logistics": "level",
    "revenue": "revenue",
    "categories": "categories",
}
LIST_OPTIONS = ("revenue", "categories")

# What belongs in each section, shown as an HTML comment under its heading. Keyed
# by the schema's anchors; a section the schema adds later gets GENERIC_HINT.
HINTS: dict[str, dict[str, str]] = {
    "_intro": {
        "zh": "导言：用一段话说明读者能从本页了解什么，以及这种模式属于哪个划分维度（{dimension}）。",
        "en": "Introduction: one paragraph on what the reader will learn here and which dimension "
        "the model belongs to ({dimension}).",
    },
    "definition": {
        "zh": "是什么、谁和谁交易、与最接近的模式有什么区别；说明真实企业往往同时属于多种模式。",
        "en": "What it is, who trades with whom and how it differs from its nearest neighbours; "
        "say that real businesses often combine several models.",
    },
    "how-it-works": {
        "zh": "参与方，以及商品、资金和信息怎样流动：先用文字说明，再画一张 Mermaid 流程图"
        "（flowchart LR 或 TB，每个标签加双引号，用本页的语言）。",
        "en": "The parties and the flows of goods, money and information: prose, then one Mermaid "
        "flowchart (LR or TB, every label in double quotes, in this page's language).",
    },
    "revenue-model": {
        "zh": "平台和商家怎样赚钱：佣金、广告、会员费、技术服务费、自营差价、配送费等。",
        "en": "How the platform and its sellers make money: commission, advertising, membership, "
        "service fees, retail margin, delivery fees and so on.",
    },
    "platforms": {
        "zh": "构建时会在这个标题下插入平台表格（来自 data/platforms.yml），这里不写表格，也不重复上线年份。"
        "用两三段文字讨论种子例子和对照平台，每个 teaching_examples 的名称与 data/platforms.yml 中的写法完全一致。",
        "en": "The build inserts the platform table (from data/platforms.yml) under this heading: write no "
        "table and repeat no launch year. Write two or three paragraphs on the teaching examples and their "
        "counterparts, naming each of teaching_examples exactly as data/platforms.yml does.",
    },
    "pros-cons": {
        "zh": "平台、商家和买家各自的优势与挑战，可以用三级标题、加粗的引导语或列表。",
        "en": "Strengths and challenges for each party (platform, sellers, buyers); use H3 headings, "
        "bold lead-ins or lists.",
    },
    "when-to-use": {
        "zh": "适合和不适合这种模式的行业特点、产品定位和目标消费群体。",
        "en": "Which industry characteristics, product positioning and target consumers the model "
        "suits, and which it does not.",
    },
    "metrics": {
        "zh": "对这种模式真正重要的指标，每个用一两句话定义，并说明为什么重要。",
        "en": "The metrics that really matter for this model, each defined in a sentence or two, with why it matters.",
    },
    "related": {
        "zh": "每个相关模式一条：链接已按 data/models.yml 的 related 生成，再补一两句话说明区别或怎样组合。",
        "en": "One bullet per related model: the links come from related in data/models.yml; add a "
        "sentence or two on how they differ or combine.",
    },
    "references": {
        "zh": "三到六个真实存在的公开来源：官方网站、公司年报、法律法规、行业报告。",
        "en": "Three to six real public sources: official sites, annual reports, laws, industry reports.",
    },
}
GENERIC_HINT = {
    "zh": "按本节标题写作，中英文两个版本内容一致。",
    "en": "Write what the heading says; both languages say the same.",
}


class Refused(Exception):
    """The scaffold cannot run; the message says why."""


@dataclass
class Plan:
    """Every file the scaffold writes, with its complete new text."""

    creates: dict[Path, str]
    updates: dict[Path, str]


# --- small helpers ---------------------------------------------------------------------------


def split_list(value: str) -> list[str]:
    return [item.strip() for item in value.split(",") if item.strip()]


def yaml_scalar(value: str) -> str:
    """`value` as a YAML scalar that reads back unchanged inside a flow mapping, quoted only if needed."""
    try:
        if yaml.safe_load(f"{{k: {value}}}") == {"k": value} and value == value.strip():
            return value
    except yaml.YAMLError:
        pass
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def flow_list(values: list[str]) -> str:
    return "[" + ", ".join(values) + "]"


# --- what to write ---------------------------------------------------------------------------


def page_text(data: kb.Data, lang: str, model: dict[str, Any]) -> str:
    front = [
        "---",
        f"id: {model['id']}",
        f"title: {yaml_scalar(model['title'][lang])}",
        f"description: {yaml_scalar(model['description'][lang])}",
        f"related: {flow_list(model['related'])}",
        f"reviewed: {model['reviewed']}",
        "draft: true",
        "---",
    ]
    dimension = data.label("dimension", model["dimension"], lang)
    lines = [*front, "", f"# {model['title'][lang]}", "", comment(HINTS["_intro"][lang].format(dimension=dimension))]
    for section in data.sections:
        hint = HINTS.get(section["anchor"], GENERIC_HINT)[lang]
        lines += ["", f"## {section[lang]} {{#{section['anchor']}}}", "", comment(hint)]
        if section["anchor"] == "related":
            lines.append("")
            lines += [f"- [{data.models_by_id[other]['name'][lang]}]({other}.md)" for other in model["related"]]
    return "\n".join(lines) + "\n"


def comment(text: str) -> str:
    assert "--" not in text, "an HTML comment cannot contain '--'"
    return f"<!-- {text} -->"


def description(lang: str, name: str) -> str:
    if lang == "zh":
        return autocorrect_py.format(f"{name}的定义、运作方式、盈利模式、代表平台、适用场景和关键指标。")
    return f"{name}: what it is, how it works and makes money, its platforms, when to use it and its key metrics."


def data_entry_text(model: dict[str, Any]) -> str:
    matrix = model["matrix"]
    return "\n".join(
        [
            f"- id: {model['id']}",
            f"  name: {{zh: {yaml_scalar(model['name']['zh'])}, en: {yaml_scalar(model['name']['en'])}}}",
            f"  dimension: {model['dimension']}",
            f"  related: {flow_list(model['related'])}",
            "  teaching_examples: []",
            "  platforms: []",
            "  matrix:",
            f"    trade: {matrix['trade']}",
            f"    channel: {matrix['channel']}",
            f"    revenue: {flow_list(matrix['revenue'])}",
            f"    capital: {matrix['capital']}",
            f"    logistics: {matrix['logistics']}",
            f"    categories: {flow_list(matrix['categories'])}",
        ]
    )


def insert_nav_line(text: str, rel: str) -> str:
    """Add `- <rel>` after the last `models/` entry of the nav, with that entry's indentation."""
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if re.match(r"^nav:\s*(#.*)?$", line)), None)
    if start is None:
        raise Refused(f"{NAV_FILE} has no top-level 'nav:' to add the page to")
    last = None
    for index in range(start + 1, len(lines)):
        line = lines[index]
        if line.strip() and not line[0].isspace() and not line.startswith("#"):
            break  # the next top-level key: the nav is over
        if re.match(r"^\s*-\s+(?:[^:#]+:\s*)?models/\S+\.md\s*$", line):
            last = index
    if last is None:
        raise Refused(f"{NAV_FILE}: the nav lists no models/*.md page to add the new one after")
    indent = re.match(r"^(\s*)", lines[last]).group(1)  # type: ignore[union-attr]
    lines.insert(last + 1, f"{indent}- {rel}")
    return "\n".join(lines)


# --- the plan: check everything, write nothing ---------------------------------------------


def plan(root: Path, args: argparse.Namespace) -> Plan:
    """Check every input and return the complete new text of each file; raise Refused with all reasons."""
    try:
        data = kb.load_data(root)
    except kb.PageError as error:
        finding = error.finding
        raise Refused(f"{finding.path}:{finding.line}: {finding.code} {finding.message}") from None
    problems: list[str] = []
    model_id: str = args.id
    rel = f"{kb.MODELS_DIR}/{model_id}.md"

    pattern = data.model_schema["properties"]["id"]["pattern"]
    if not re.fullmatch(pattern, model_id):
        problems.append(f"id '{model_id}' is not valid: use lowercase letters, digits and single hyphens ({pattern})")
    elif model_id in RESERVED_IDS:
        problems.append(f"id '{model_id}' is reserved")
    if model_id in data.model_ids:
        problems.append(f"model '{model_id}' already exists in {MODELS_FILE}")
    for lang in kb.LANGUAGES:
        page = root / "docs" / lang / rel
        if page.exists():
            problems.append(f"page docs/{lang}/{rel} already exists")

    names = {"zh": args.name_zh.strip(), "en": args.name_en.strip()}
    fixed = autocorrect_py.format(names["zh"])
    if fixed != names["zh"]:
        problems.append(f"--name-zh '{names['zh']}' breaks the Chinese copywriting rules: write '{fixed}'")

    values: dict[str, Any] = {}
    for option, group in LABEL_GROUPS.items():
        raw = getattr(args, option)
        keys = split_list(raw) if option in LIST_OPTIONS else [raw.strip()]
        known = list(data.labels.get(group, {}))
        for key in keys:
            if key not in known:
                problems.append(
                    f"--{option} '{key}' has no words in data/labels.yml under '{group}' (known: {', '.join(known)})"
                )
        if option in LIST_OPTIONS and not keys:
            problems.append(f"--{option} needs at least one key (known: {', '.join(known)})")
        values[option] = keys if option in LIST_OPTIONS else keys[0]

    related = split_list(args.related)
    for other in related:
        if other == model_id:
            problems.append("--related cannot name the new model itself")
        elif other not in data.model_ids:
            problems.append(f"--related '{other}' is not a model (known: {', '.join(data.model_ids)})")
    if len(set(related)) != len(related):
        problems.append("--related names a model more than once")
    if not related:
        problems.append("--related needs at least one existing model id")

    model = {
        "id": model_id,
        "name": names,
        "dimension": values["dimension"],
        "related": related,
        "teaching_examples": [],
        "platforms": [],
        "matrix": {key: values[key] for key in ("trade", "channel", "revenue", "capital", "logistics", "categories")},
    }
    try:
        reviewed = today().isoformat()  # KB_TODAY when set, as for the checker
    except ValueError as error:
        problems.append(str(error))
        reviewed = ""
    front = {
        lang: {
            "id": model_id,
            "title": names[lang],
            "description": description(lang, names[lang]),
            "reviewed": reviewed,
        }
        for lang in names
    }
    if not problems:
        # The contract itself, as a last net: what passes here is what the checker will accept.
        problems += schema_problems(data, model, front)

    nav_path = root / NAV_FILE
    new_nav = None
    try:
        nav_text = kb.read_text(nav_path)
        if rel in kb.nav_entries(nav_text):
            problems.append(f"{NAV_FILE} already lists {rel}")
        else:
            new_nav = insert_nav_line(nav_text, rel)
            if kb.nav_entries(new_nav) != _with_after(kb.nav_entries(nav_text), rel):
                problems.append(f"could not add {rel} to the nav of {NAV_FILE} safely")
    except kb.PageError as error:
        problems.append(f"{error.finding.path}: {error.finding.message}")
    except (Refused, yaml.YAMLError) as error:
        problems.append(str(error).splitlines()[0])

    if problems:
        raise Refused("\n".join(problems))

    models_path = root / MODELS_FILE
    models_text = kb.read_text(models_path)
    new_models = models_text.rstrip("\n") + "\n\n" + data_entry_text(model) + "\n"
    if yaml.safe_load(new_models) != [*data.models, model]:
        raise Refused(f"appending to {MODELS_FILE} would not read back as the new entry; add it by hand")

    page_model = {
        **model,
        "title": names,
        "description": {lang: front[lang]["description"] for lang in names},
        "reviewed": reviewed,
    }
    assert new_nav is not None
    return Plan(
        creates={root / "docs" / lang / rel: page_text(data, lang, page_model) for lang in kb.LANGUAGES},
        updates={models_path: new_models, nav_path: new_nav},
    )


def schema_problems(data: kb.Data, model: dict[str, Any], front: dict[str, dict[str, Any]]) -> list[str]:
    problems = []
    validator = jsonschema.Draft202012Validator(data.model_schema)
    for lang, values in front.items():
        for error in validator.iter_errors({**values, "related": model["related"], "draft": True}):
            where = "/".join(map(str, error.path)) or "front matter"
            problems.append(f"the {lang} page's front matter would be invalid: {where}: {error.message}")
    document = {"models": [*data.models, model], "platforms": data.platforms, "labels": data.labels}
    document["glossary"] = data.glossary
    document["sources"] = data.sources
    for error in jsonschema.Draft202012Validator(data.data_schema).iter_errors(document):
        path = list(error.path)
        if path[:2] == ["models", len(data.models)]:
            where = "/".join(map(str, path[2:])) or "entry"
            problems.append(f"the new {MODELS_FILE} entry would be invalid: {where}: {error.message}")
    return problems


def _with_after(entries: list[str], rel: str) -> list[str]:
    """The nav entries with `rel` right after the last models/ page."""
    last = max(i for i, entry in enumerate(entries) if entry.startswith(f"{kb.MODELS_DIR}/"))
    return [*entries[: last + 1], rel, *entries[last + 1 :]]


def apply(plan_: Plan) -> None:
    """Write the plan; if a write fails, put back what was already written."""
    originals = {path: path.read_bytes() for path in plan_.updates}
    created: list[Path] = []
    try:
        for path, text in plan_.creates.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("x", encoding="utf-8", newline="\n") as handle:
                created.append(path)
                handle.write(text)
        for path, text in plan_.updates.items():
            path.write_text(text, encoding="utf-8", newline="\n")
    except OSError:
        for path in created:
            path.unlink(missing_ok=True)
        for path, raw in originals.items():
            path.write_bytes(raw)
        raise


# --- command line ----------------------------------------------------------------------------


def parser() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(
        description=__doc__.splitlines()[0],
        epilog="The allowed keys of each option are the ones in data/labels.yml; a wrong key is refused with the list.",
    )
    cli.add_argument(
        "id", help="the model id and file name: lowercase letters, digits and hyphens (e.g. 'subscription')"
    )
    cli.add_argument("--name-zh", required=True, help="the Chinese name, e.g. '订阅电商'")
    cli.add_argument("--name-en", required=True, help="the English name, e.g. 'Subscription e-commerce'")
    cli.add_argument("--dimension", required=True, help="a key of 'dimension' in data/labels.yml")
    cli.add_argument("--related", required=True, help="existing model ids, comma-separated (at least one)")
    cli.add_argument("--trade", required=True, help="matrix: a key of 'trade' in data/labels.yml")
    cli.add_argument("--channel", required=True, help="matrix: a key of 'channel' in data/labels.yml")
    cli.add_argument("--revenue", required=True, help="matrix: keys of 'revenue', comma-separated")
    cli.add_argument("--capital", required=True, help="matrix: a key of 'level' (low, medium, high)")
    cli.add_argument("--logistics", required=True, help="matrix: a key of 'level' (low, medium, high)")
    cli.add_argument("--categories", required=True, help="matrix: keys of 'categories', comma-separated")
    cli.add_argument("--root", type=Path, default=kb.ROOT, help="the knowledge base (default: this repository)")
    return cli


def next_steps(model_id: str) -> str:
    return f"""
Next steps:
  1. Write every section of docs/zh/models/{model_id}.md and docs/en/models/{model_id}.md
     (the comment under each heading says what belongs there; delete the comments when done).
  2. Add the model's platforms to data/platforms.yml and list their ids under
     teaching_examples / platforms of '{model_id}' in data/models.yml.
  3. Check that the matrix position in data/models.yml is right.
  4. Give '{model_id}' a weight, with a reason in both languages, under the options of
     data/choose.yml that point to it (the chooser; the checker reports E214 otherwise).
  5. Remove 'draft: true' from both pages (the checker reports drafts as E108).
  6. Run 'make stamp' to record the translated pair, then 'make check' and 'make test'."""


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    root: Path = args.root
    for required in ("docs", MODELS_FILE, NAV_FILE):
        if not (root / required).exists():
            print(f"error: {root / required} does not exist (is --root a knowledge base?)", file=sys.stderr)
            return 2
    try:
        plan_ = plan(root, args)
    except Refused as refusal:
        for reason in str(refusal).splitlines():
            print(f"error: {reason}", file=sys.stderr)
        print("Refused: nothing was changed.", file=sys.stderr)
        return 1
    apply(plan_)
    for path in plan_.creates:
        print(f"created {kb.display_path(path)}")
    for path in plan_.updates:
        print(f"updated {kb.display_path(path)}")
    print(next_steps(args.id))
    return 0


if __name__ == "__main__":
    sys.exit(main())
