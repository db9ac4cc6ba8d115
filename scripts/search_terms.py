"""What search indexes, beyond Material's defaults.

1. The Chinese dictionary: every name and term the knowledge base uses, from data/. jieba
   segments Chinese at build time (Material's search plugin calls jieba.cut). Without these
   words it splits names such as 快手电商 into 快 / 手电 / 商 and no reader finds them.
2. The sections left out of the index: generated lists that would outrank the page that owns
   a name (hooks/render_data.py marks them on every page, as it writes the generated blocks).
3. The search tags of a model page: the names of the platforms it lists, in the page's language.
"""

from __future__ import annotations

import re

from kb import LANGUAGES, MODELS_DIR, Data, Heading
from render import SEARCH_EXCLUDE

# Parts of names that readers type on their own (快手 for 快手电商, 惠农网 for 中国惠农网).
_SUFFIXES = ("电商", "社区团购", "全球购", "国际站")
_PREFIXES = ("中国",)
_FORMERLY = re.compile(r"（原(?=[\u4e00-\u9fff])")
_NOT_CHINESE = re.compile(r"[^\u4e00-\u9fff]+")
# H2 anchors whose whole section is generated listing or decision data: the numbered
# References of the model pages, and the chooser form on choose.md (its options name every
# model; the prose below it explains them and stays searchable).
UNSEARCHED_SECTIONS = frozenset({"references", "chooser"})


def _variants(name: str) -> list[str]:
    # A renamed platform keeps its old name in brackets: 京东国际（原京东全球购）. "原" means
    # "formerly"; the word a reader types is the old name itself.
    name = _FORMERLY.sub("（", name)
    # jieba words cannot contain spaces or punctuation; Latin parts are split by the separator anyway.
    words = [run for run in _NOT_CHINESE.split(name) if len(run) >= 2]
    for word in list(words):
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) > len(suffix) + 1:
                words.append(word[: -len(suffix)])
        for prefix in _PREFIXES:
            if word.startswith(prefix) and len(word) > len(prefix) + 1:
                # Indexed as 中国 + 惠农网: the search box matches words by prefix only, so
                # a reader typing 惠农网 would miss a single token 中国惠农网.
                words.remove(word)
                words.append(word[len(prefix) :])
    return words


def chinese_terms(data: Data) -> list[str]:
    """Chinese words to add to jieba's dictionary, longest first."""
    names = [p["name"]["zh"] for p in data.platforms.values()]
    names += [m["name"]["zh"] for m in data.models]
    names += [t["zh"] for t in data.glossary]
    names += [v["zh"] for v in data.labels["categories"].values()]
    terms = {word for name in names for word in _variants(name)}
    return sorted(terms, key=lambda t: (-len(t), t))


def unsearched_heading(line: str) -> str:
    """`## 参考资料 {#references}` -> `## 参考资料 {#references data-search-exclude}`."""
    head, brace, tail = line.rstrip().rpartition("}")
    return f"{head} {SEARCH_EXCLUDE}{brace}{tail}" if brace else line


def unsearched_sections(markdown: str, headings: list[Heading]) -> str:
    """Mark the H2 headings of UNSEARCHED_SECTIONS, so search skips those whole sections.
    `headings` are the Markdown's own (kb.block_structure or kb.page_block_structure)."""
    lines = markdown.split("\n")
    for heading in headings:
        if heading.level == 2 and heading.anchor in UNSEARCHED_SECTIONS:
            lines[heading.line - 1] = unsearched_heading(lines[heading.line - 1])
    return "\n".join(lines)


def platform_tags(data: Data, lang: str, rel: str, separator: str) -> list[str]:
    """The platform names a model page owns ([] for other pages), each of them one search word.

    Material indexes a page's `tags` in a field weighted far above title and text, and this
    theme shows no tags on the page itself (that takes the tags plugin), so they only steer
    search. A name of several words (Douyin e-commerce, Amazon Business) is left out: its
    common words would lend every query for "e-commerce" or "business" the tags' weight."""
    model_id = rel.removeprefix(f"{MODELS_DIR}/").removesuffix(".md")
    if lang not in LANGUAGES or rel != f"{MODELS_DIR}/{model_id}.md" or model_id not in data.models_by_id:
        return []
    names = [data.platforms[p]["name"][lang] for p in data.model_platforms(model_id)]
    return [name for name in names if len([w for w in re.split(separator, name) if w]) == 1]
