"""The corpus of broken inputs: each mutates a copy of tests/fixtures/kb in one way."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

Mutation = Callable[[Path], None]

EN_B2B = "docs/en/models/b2b.md"
ZH_B2B = "docs/zh/models/b2b.md"
EN_B2C = "docs/en/models/b2c.md"
EN_INDEX = "docs/en/index.md"


def replace(rel: str, old: str, new: str) -> Mutation:
    def mutate(root: Path) -> None:
        path = root / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return mutate


def write_bytes(rel: str, content: bytes) -> Mutation:
    def mutate(root: Path) -> None:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(content)

    return mutate


def delete(rel: str) -> Mutation:
    return lambda root: (root / rel).unlink()


def move_section(rel: str, anchor: str, before: str) -> Mutation:
    """Move the H2 section `anchor` (heading and body) in front of the section `before`."""

    def mutate(root: Path) -> None:
        path = root / rel
        blocks = path.read_text(encoding="utf-8").split("\n## ")
        moving = next(b for b in blocks if f"{{#{anchor}}}" in b.splitlines()[0])
        blocks.remove(moving)
        index = next(i for i, b in enumerate(blocks) if f"{{#{before}}}" in b.splitlines()[0])
        blocks.insert(index, moving)
        path.write_text("\n## ".join(blocks), encoding="utf-8")

    return mutate


def remove_section(rel: str, anchor: str) -> Mutation:
    def mutate(root: Path) -> None:
        path = root / rel
        blocks = path.read_text(encoding="utf-8").split("\n## ")
        blocks = [b for b in blocks if f"{{#{anchor}}}" not in b.splitlines()[0]]
        path.write_text("\n## ".join(blocks), encoding="utf-8")

    return mutate


def both(*mutations: Mutation) -> Mutation:
    def mutate(root: Path) -> None:
        for mutation in mutations:
            mutation(root)

    return mutate


# name -> (mutation, the exact findings as (path, line, code))
BROKEN: dict[str, tuple[Mutation, set[tuple[str, int, str]]]] = {
    "missing page": (
        delete(EN_B2B),
        {
            ("data/models.yml", 1, "E206"),
            ("docs/en/index.md", 11, "E300"),
            ("docs/en/models/b2c.md", 41, "E300"),
            ("docs/zh/models/b2b.md", 1, "E101"),
        },
    ),
    "extra page": (
        write_bytes(
            "docs/zh/extra.md",
            "---\ntitle: 额外\ndescription: 只有中文的页面。\n---\n\n# 额外\n".encode(),
        ),
        {
            ("docs/zh/extra.md", 1, "E101"),
            ("docs/zh/extra.md", 1, "E110"),
            ("docs/zh/extra.md", 1, "E201"),  # no `reviewed`
            ("docs/zh/extra.md", 3, "E201"),
        },
    ),
    "section removed": (
        remove_section(EN_B2B, "revenue-model"),
        {("docs/en/models/b2b.md", 19, "E102"), ("docs/en/models/b2b.md", 19, "E104")},
    ),
    "section reordered": (
        move_section(EN_B2B, "metrics", "definition"),
        {("docs/en/models/b2b.md", 11, "E102"), ("docs/en/models/b2b.md", 11, "E105")},
    ),
    "anchor renamed": (
        replace(EN_B2C, "{#revenue-model}", "{#revenue}"),
        {("docs/en/models/b2c.md", 19, "E102"), ("docs/en/models/b2c.md", 23, "E104")},
    ),
    "heading without anchor": (
        replace(EN_B2C, " {#pros-cons}", ""),
        {
            ("docs/en/models/b2c.md", 27, "E103"),
            ("docs/en/models/b2c.md", 31, "E104"),
            ("docs/en/models/b2c.md", 43, "E102"),
        },
    ),
    "malformed yaml": (
        replace(EN_B2B, "title: B2B e-commerce", "title: [B2B e-commerce"),
        {("docs/en/models/b2b.md", 4, "E200")},
    ),
    "not a mapping": (
        write_bytes(EN_B2B, b"---\n- id\n- b2b\n---\n\n# B2B\n"),
        {("docs/en/models/b2b.md", 2, "E200")},
    ),
    "unclosed": (
        write_bytes(EN_B2B, b"---\nid: b2b\ntitle: B2B\n\n# B2B\n"),
        {("docs/en/models/b2b.md", 1, "E200")},
    ),
    "missing id": (
        replace(EN_B2B, "id: b2b\n", ""),
        {
            ("docs/en/models/b2b.md", 1, "E201"),
            ("docs/en/models/b2b.md", 1, "E202"),
            ("docs/en/models/b2b.md", 1, "W500"),
        },
    ),
    "mismatched id": (
        replace(EN_B2B, "id: b2b", "id: b2c"),
        {
            ("docs/en/models/b2b.md", 2, "E202"),
            ("docs/en/models/b2b.md", 2, "E203"),
            ("docs/en/models/b2c.md", 2, "E204"),
            ("docs/en/models/b2b.md", 1, "W500"),
        },
    ),
    "unknown key": (
        replace(EN_B2B, "id: b2b", "id: b2b\nauthor: someone"),
        {("docs/en/models/b2b.md", 3, "E201"), ("docs/en/models/b2b.md", 1, "W500")},
    ),
    "search option misspelt": (
        both(
            replace(EN_INDEX, "description:", "search:\n  bost: 2\ndescription:"),
            replace("docs/zh/index.md", "description:", "search:\n  bost: 2\ndescription:"),
        ),
        {("docs/en/index.md", 3, "E201"), ("docs/zh/index.md", 3, "E201")},
    ),
    "search boost not positive": (
        both(
            replace(EN_INDEX, "description:", "search:\n  boost: 0\ndescription:"),
            replace("docs/zh/index.md", "description:", "search:\n  boost: 0\ndescription:"),
        ),
        {("docs/en/index.md", 3, "E201"), ("docs/zh/index.md", 3, "E201")},
    ),
    "search boost differs": (
        both(
            replace(EN_INDEX, "description:", "search:\n  boost: 0.5\ndescription:"),
            replace("docs/zh/index.md", "description:", "search:\n  boost: 2\ndescription:"),
        ),
        {("docs/en/index.md", 3, "E202")},
    ),
    "unknown related": (
        both(
            replace(EN_B2B, "related: [b2c]", "related: [c2c]"),
            replace(ZH_B2B, "related: [b2c]", "related: [c2c]"),
        ),
        {
            ("docs/en/models/b2b.md", 5, "E205"),
            ("docs/en/models/b2b.md", 5, "E207"),
            ("docs/zh/models/b2b.md", 5, "E205"),
            ("docs/zh/models/b2b.md", 5, "E207"),
        },
    ),
    "unknown platform": (
        replace("data/models.yml", "teaching_examples: [jd]", "teaching_examples: [jd, amazon]"),
        {("data/models.yml", 12, "E208")},
    ),
    "broken data yaml": (
        replace(
            "data/platforms.yml",
            "market: cn\n  launched: 2004",
            "market: cn\n  launched: [2004",
        ),
        {("data/platforms.yml", 13, "E209")},
    ),
    "broken link": (
        both(
            replace(EN_INDEX, "models/b2b.md", "models/b2x.md"),
            replace("docs/zh/index.md", "models/b2b.md", "models/b2x.md"),
        ),
        {("docs/en/index.md", 11, "E300"), ("docs/zh/index.md", 11, "E300")},
    ),
    "link differs": (
        replace(EN_INDEX, "models/b2c.md#definition", "models/b2c.md#metrics"),
        {
            ("docs/en/index.md", 1, "E302"),
            ("docs/en/index.md", 12, "E302"),
            ("docs/en/index.md", 9, "W500"),
        },
    ),
    "broken anchor": (
        both(
            replace(EN_INDEX, "#definition", "#nowhere"),
            replace("docs/zh/index.md", "#definition", "#nowhere"),
        ),
        {("docs/en/index.md", 12, "E301"), ("docs/zh/index.md", 12, "E301")},
    ),
    "missing image": (
        both(
            replace(EN_B2B, "Body text.\n\n## How", "![flow](flow.png)\n\n## How"),
            replace(ZH_B2B, "正文。\n\n## 运作", "![flow](flow.png)\n\n## 运作"),
        ),
        {("docs/en/models/b2b.md", 13, "E303"), ("docs/zh/models/b2b.md", 13, "E303")},
    ),
    "non-utf8": (
        write_bytes(EN_B2C, "---\nid: b2c\n---\n\ncaf\xe9\n".encode("latin-1")),
        {("docs/en/models/b2c.md", 5, "E100")},
    ),
    "binary": (
        write_bytes(EN_B2C, b"\x89PNG\r\n\x1a\n\x00\x00\x00"),
        {("docs/en/models/b2c.md", 3, "E100")},
    ),
    "empty": (
        write_bytes(EN_B2C, b""),
        {("docs/en/models/b2c.md", 1, "E100")},
    ),
    "script": (
        replace(EN_B2B, "Body text.\n\n## How", "<script>alert(1)</script>\n\n## How"),
        {("docs/en/models/b2b.md", 13, "E400"), ("docs/en/models/b2b.md", 11, "W500")},
    ),
    "iframe": (
        replace(
            EN_B2B,
            "Body text.\n\n## How",
            '<iframe src="https://example.com"></iframe>\n\n## How',
        ),
        {("docs/en/models/b2b.md", 13, "E400"), ("docs/en/models/b2b.md", 11, "W500")},
    ),
    "object": (
        replace(EN_B2B, "Body text.\n\n## How", '<object data="x.swf"></object>\n\n## How'),
        {("docs/en/models/b2b.md", 13, "E400"), ("docs/en/models/b2b.md", 11, "W500")},
    ),
    "event handler": (
        replace(
            EN_B2B,
            "Body text.\n\n## How",
            'Body <span onclick="steal()">text</span>.\n\n## How',
        ),
        {("docs/en/models/b2b.md", 13, "E401"), ("docs/en/models/b2b.md", 11, "W500")},
    ),
    "javascript link": (
        replace(EN_B2B, "Body text.\n\n## How", "[click](javascript:alert(1))\n\n## How"),
        {("docs/en/models/b2b.md", 13, "E402"), ("docs/en/models/b2b.md", 11, "W500")},
    ),
    "javascript href": (
        replace(
            EN_B2B,
            "Body text.\n\n## How",
            '<a href="JavaScript:alert(1)">x</a>\n\n## How',
        ),
        {("docs/en/models/b2b.md", 13, "E402"), ("docs/en/models/b2b.md", 11, "W500")},
    ),
    "draft": (
        both(
            replace(EN_B2B, "id: b2b", "id: b2b\ndraft: true"),
            replace(ZH_B2B, "id: b2b", "id: b2b\ndraft: true"),
        ),
        {("docs/en/models/b2b.md", 3, "E108"), ("docs/zh/models/b2b.md", 3, "E108")},
    ),
    "seed missing": (
        replace(EN_B2B, "Alibaba (1688.com).", "A wholesale marketplace."),
        {("docs/en/models/b2b.md", 23, "E211"), ("docs/en/models/b2b.md", 23, "W500")},
    ),
    # A variant the glossary says to avoid (data/glossary.yml), written on both sides so the
    # section is in sync: the variant is E700, and the English side then lacks the canonical
    # counterpart of 商品交易总额, which is W700.
    "term to avoid": (
        both(
            replace(EN_B2B, "Body text.", "Sales are measured as gross merchandise volume."),
            replace(ZH_B2B, "正文。", "销售额按商品交易总额计算。"),
        ),
        {("docs/en/models/b2b.md", 13, "E700"), ("docs/en/models/b2b.md", 11, "W700")},
    ),
}

BROKEN["nav entry without a page"] = (
    replace("mkdocs.yml", "  - models/b2c.md\n", "  - models/b2c.md\n  - models/c2c.md\n"),
    {("mkdocs.yml", 6, "E111")},
)

# Sources and citations (scripts/rules/sources.py).
ZH_B2C = "docs/zh/models/b2c.md"
SOURCES = "data/sources.yml"
PLATFORMS = "data/platforms.yml"
LAW_EN = "since 2019 [@example-ecommerce-law]."
LAW_ZH = "2019 年起施行[@example-ecommerce-law]。"
JD_STATUS = "status: {state: active, source: example-jd-report}"
JD_REPORT = """
- id: example-jd-report
  kind: filing
  lang: zh
  title: 京东年度报告
  translated: {en: JD.com annual report}
  publisher: {zh: 京东, en: JD.com}
  date: 2025
  checked: 2026-11-28
"""


def append(rel: str, text: str) -> Mutation:
    def mutate(root: Path) -> None:
        with (root / rel).open("a", encoding="utf-8") as file:
            file.write(text)

    return mutate


BROKEN |= {
    "unknown source": (
        both(
            replace(EN_B2B, LAW_EN, "since 2019 [@nowhere]."),
            replace(ZH_B2B, LAW_ZH, "2019 年起施行[@nowhere]。"),
        ),
        # The law is now cited by nothing: a warning beside the error.
        {("docs/en/models/b2b.md", 29, "E600"), ("docs/zh/models/b2b.md", 29, "E600"), (SOURCES, 22, "W600")},
    ),
    "unknown platform source": (
        replace(PLATFORMS, "source: example-1688-launch}", "source: nowhere}"),
        {(PLATFORMS, 8, "E600")},
    ),
    "one-sided citation": (
        replace(EN_B2B, LAW_EN, "since 2019 [@example-ecommerce-law; @example-jd-report]."),
        {("docs/en/models/b2b.md", 29, "E601"), ("docs/en/models/b2b.md", 27, "W500")},
    ),
    "citation moved to another section": (
        both(
            replace(EN_B2B, LAW_EN, "since 2019."),
            replace(EN_B2B, "Body text.\n\n## How", "The law [@example-ecommerce-law].\n\n## How"),
        ),
        {
            ("docs/en/models/b2b.md", 13, "E601"),
            ("docs/en/models/b2b.md", 29, "E602"),
            ("docs/zh/models/b2b.md", 29, "E601"),
            ("docs/en/models/b2b.md", 11, "W500"),
            ("docs/en/models/b2b.md", 27, "W500"),
        },
    ),
    "uncited year": (
        both(
            replace(EN_B2B, "Body text.\n\n## How", "Founded in 1999.\n\n## How"),
            replace(ZH_B2B, "正文。\n\n## 运作", "成立于 1999 年。\n\n## 运作"),
        ),
        {("docs/en/models/b2b.md", 13, "E602"), ("docs/zh/models/b2b.md", 13, "E602")},
    ),
    "uncited percentage in a list item": (
        both(
            replace(EN_B2C, "Body text.\n\n## How", "- Margins near 5%.\n\n## How"),
            replace(ZH_B2C, "正文。\n\n## 运作", "- 毛利约 5%。\n\n## 运作"),
        ),
        {("docs/en/models/b2c.md", 13, "E602"), ("docs/zh/models/b2c.md", 13, "E602")},
    ),
    "launch year without source": (
        replace(PLATFORMS, "  launched_source: example-jd-report\n", ""),
        {(PLATFORMS, 12, "E603")},
    ),
    "platform without status": (
        replace(PLATFORMS, f"  {JD_STATUS}\n", ""),
        {(PLATFORMS, 9, "E603")},
    ),
    "status without source": (
        replace(PLATFORMS, JD_STATUS, "status: {state: active}"),
        {(PLATFORMS, 16, "E603")},
    ),
    "duplicate source id": (append(SOURCES, JD_REPORT), {(SOURCES, 32, "E204")}),
    "one article entered twice": (
        append(
            SOURCES,
            "\n- id: example-1688-again\n  kind: news\n  lang: en\n  title: Alibaba opens 1688.com\n"
            "  translated: {zh: 阿里巴巴上线 1688}\n  publisher: {zh: 示例新闻, en: Example News}\n  date: 2010-03\n"
            "  url: http://www.example.com/1688/\n  checked: 2026-11-28\n",
        ),
        # Also cited by nothing, which is how the copy usually shows.
        {(SOURCES, 39, "E604"), (SOURCES, 32, "W600")},
    ),
    "source without date": (replace(SOURCES, "  date: 2025\n", ""), {(SOURCES, 13, "E209")}),
    "source date that does not exist": (
        replace(SOURCES, "in_force: 2019-01-01\n  checked: 2026-11-28", "in_force: 2019-01-01\n  checked: 2026-02-30"),
        {(SOURCES, 30, "E209")},
    ),
    "missing reviewed": (
        replace(EN_B2B, "reviewed: 2026-11-28\n", ""),
        {("docs/en/models/b2b.md", 1, "E201"), ("docs/en/models/b2b.md", 1, "W500")},
    ),
}

# Inputs the checker warns about (W-codes): reported, exit 0, exit 1 only under --strict.
WARNED: dict[str, tuple[Mutation, set[tuple[str, int, str]]]] = {
    "unused source": (
        append(SOURCES, JD_REPORT.replace("example-jd-report", "example-unused")),
        {(SOURCES, 32, "W600")},
    ),
    "uncited year on another page": (
        both(
            replace(EN_INDEX, "## Models {#models}\n", "## Models {#models}\n\nUpdated in 2026.\n"),
            replace("docs/zh/index.md", "## Models {#models}\n", "## Models {#models}\n\n2026 年更新。\n"),
        ),
        {("docs/en/index.md", 11, "W602"), ("docs/zh/index.md", 11, "W602")},
    ),
    "review older than 12 months": (
        both(
            replace(EN_B2C, "reviewed: 2026-11-28", "reviewed: 2025-11-27"),
            replace(ZH_B2C, "reviewed: 2026-11-28", "reviewed: 2025-11-27"),
        ),
        {("docs/en/models/b2c.md", 6, "W610"), ("docs/zh/models/b2c.md", 6, "W610")},
    ),
    "source checked more than 24 months ago": (
        replace(SOURCES, "in_force: 2019-01-01\n  checked: 2026-11-28", "in_force: 2019-01-01\n  checked: 2024-11-27"),
        {(SOURCES, 30, "W611")},
    ),
}

# Inputs that look unusual but are fine: the checker must accept them.
ACCEPTED: dict[str, tuple[Mutation, set[tuple[str, int, str]]]] = {
    "safe html": (
        replace(EN_B2B, "Body text.\n\n## How", "Press <kbd>Ctrl</kbd><br>now.\n\n## How"),
        # The one-sided edit is reported as an outdated translation, and nothing else.
        {("docs/en/models/b2b.md", 11, "W500")},
    ),
    "marker in code is not a citation": (
        both(
            replace(EN_B2B, "Body text.\n\n## How", "Write `[@nowhere]` to cite.\n\n## How"),
            replace(ZH_B2B, "正文。\n\n## 运作", "引用时写 `[@nowhere]`。\n\n## 运作"),
        ),
        set(),
    ),
    "review exactly 12 months old": (
        both(
            replace(EN_B2C, "reviewed: 2026-11-28", "reviewed: 2025-11-28"),
            replace(ZH_B2C, "reviewed: 2026-11-28", "reviewed: 2025-11-28"),
        ),
        set(),
    ),
    # An outdated translation is a state, not a failure: a warning on the changed section.
    "outdated": (
        replace(ZH_B2B, "正文。\n\n## 盈利", "改过的正文。\n\n## 盈利"),
        {("docs/zh/models/b2b.md", 15, "W500")},
    ),
    "search boost": (
        both(
            replace(EN_INDEX, "description:", "search:\n  boost: 0.5\ndescription:"),
            replace("docs/zh/index.md", "description:", "search:\n  boost: 0.5\ndescription:"),
        ),
        set(),
    ),
    "bom crlf": (
        lambda root: (root / EN_B2B).write_bytes(
            b"\xef\xbb\xbf" + (root / EN_B2B).read_bytes().replace(b"\n", b"\r\n")
        ),
        set(),
    ),
}
