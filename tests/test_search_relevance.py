"""Search relevance: a query for a platform, a model or a glossary term lands on the page that
owns it, among the top three results, in the reader's language.

Every query and every expected page comes from data/ (and, for "the page that uses a term
most", from the built index), so the test follows the knowledge base as it grows instead of a
hand-written list. The queries are typed into Material's search box in Debian's Chromium.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import kb
import search_terms
from browser import chromium, search, serve

KB = kb.load()
DATA = KB.data
assert DATA is not None
TOP = 3
# Seed platforms and model names must always be found; the rest may miss rarely (reported).
THRESHOLDS = {"seed-platform": 1.0, "model": 1.0, "other": 0.95}
GLOSSARY = "glossary/"
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[^\w]+")


@dataclass(frozen=True)
class Case:
    kind: str  # seed-platform | platform | model | term
    lang: str
    query: str
    expected: frozenset[str]  # page locations relative to the language root, e.g. models/b2c/

    @property
    def group(self) -> str:
        return self.kind if self.kind in THRESHOLDS else "other"


def model_page(model_id: str) -> str:
    return f"{kb.MODELS_DIR}/{model_id}/"


def platform_owners(data: kb.Data) -> dict[str, frozenset[str]]:
    """Platform id -> the model pages that list it as an example (seed or counterpart)."""
    owners: dict[str, set[str]] = {p: set() for p in data.platforms}
    for model in data.models:
        for platform_id in data.model_platforms(model["id"]):
            owners[platform_id].add(model_page(model["id"]))
    return {p: frozenset(pages) for p, pages in owners.items()}


def teaching_examples(data: kb.Data) -> set[str]:
    return {p for model in data.models for p in model["teaching_examples"]}


def page_texts(index: dict) -> dict[str, str]:
    """Page location -> the text a reader's search sees on it (all its sections)."""
    texts: dict[str, list[str]] = {}
    for doc in index["docs"]:
        page = doc["location"].split("#")[0]
        texts.setdefault(page, []).append(_TAG.sub(" ", doc["title"] + " " + doc["text"]).replace("\u200b", ""))
    return {page: " ".join(parts) for page, parts in texts.items()}


def uses(text: str, term: str, lang: str) -> int:
    """How often a text uses a term. Chinese: as written. English: word by word, each word
    as a prefix (pilot zones uses "pilot zone"), the way the search box matches words."""
    if lang == "zh":
        return text.count(term)
    words = [w for w in _WORD.split(term.lower()) if w]
    tokens = [t for t in _WORD.split(text.lower()) if t]
    return sum(
        all(tokens[i + k].startswith(word) for k, word in enumerate(words)) for i in range(len(tokens) - len(words) + 1)
    )


def heaviest_users(texts: dict[str, str], term: str, lang: str) -> frozenset[str]:
    """The pages that use a term most often (all of them on a tie), besides the glossary."""
    counts = Counter({page: uses(text, term, lang) for page, text in texts.items() if page != GLOSSARY})
    most = max(counts.values(), default=0)
    return frozenset(page for page, n in counts.items() if n == most and n > 0)


def named_models(data: kb.Data, term: dict) -> frozenset[str]:
    """The model page a glossary term names (the term for B2B, 垂直电商 / Vertical e-commerce)."""
    return frozenset(
        model_page(m["id"])
        for m in data.models
        if m["id"] == term["id"] or any(m["name"][lang] == term[lang] for lang in kb.LANGUAGES)
    )


def cases(data: kb.Data, indexes: dict[str, dict]) -> list[Case]:
    owners, seeds = platform_owners(data), teaching_examples(data)
    found: list[Case] = []
    for lang in kb.LANGUAGES:
        texts = page_texts(indexes[lang])
        for platform_id, platform in data.platforms.items():
            kind = "seed-platform" if platform_id in seeds else "platform"
            found.append(Case(kind, lang, platform["name"][lang], owners[platform_id]))
        for model in data.models:
            found.append(Case("model", lang, model["name"][lang], frozenset({model_page(model["id"])})))
        for term in data.glossary:
            expected = frozenset({GLOSSARY}) | heaviest_users(texts, term[lang], lang) | named_models(data, term)
            found.append(Case("term", lang, term[lang], expected))
    return found


def index_of(site: Path, lang: str) -> dict:
    prefix = "" if lang == kb.DEFAULT_LANGUAGE else f"{lang}/"
    return json.loads((site / prefix / "search/search_index.json").read_text(encoding="utf-8"))


def test_expectations_come_from_the_data() -> None:
    owners = platform_owners(DATA)
    assert owners["tmall"] == {"models/b2c/", "models/b2b2c/"}
    assert all(owners.values()), "every platform is an example on some model page"
    assert teaching_examples(DATA) >= {"tmall", "jd", "taobao"}
    terms = {term["id"]: term for term in DATA.glossary}
    assert named_models(DATA, terms["b2b"]) == {"models/b2b/"}
    assert named_models(DATA, terms["vertical-ecommerce"]) == {"models/vertical/"}
    assert named_models(DATA, terms["gmv"]) == set()
    texts = {"a/": "直播带货 直播带货", "b/": "直播带货", GLOSSARY: "直播带货 " * 9}
    assert heaviest_users(texts, "直播带货", "zh") == {"a/"}
    assert heaviest_users({"a/": "live selling, Live selling", "b/": "live-selling"}, "live selling", "en") == {"a/"}
    assert uses("third-party sellers and a third party", "Third-party seller", "en") == 1


@pytest.fixture(scope="module")
def relevance(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Type every query once per language into one page of that language; keep the top pages."""
    indexes = {lang: index_of(built_site, lang) for lang in kb.LANGUAGES}
    all_cases = cases(DATA, indexes)
    results: dict[tuple[str, str], list[str]] = {}
    with serve(built_site) as base, chromium() as browser:
        for lang in kb.LANGUAGES:
            prefix = "" if lang == kb.DEFAULT_LANGUAGE else f"{lang}/"
            page = browser.new_page()  # type: ignore[attr-defined]
            page.goto(base + prefix)
            for query in dict.fromkeys(c.query for c in all_cases if c.lang == lang):
                paths = [urlsplit(href).path for href in search(page, query)]
                results[lang, query] = list(dict.fromkeys(paths))
            page.close()
    rows = []
    for case in all_cases:
        prefix = "/" if case.lang == kb.DEFAULT_LANGUAGE else f"/{case.lang}/"
        pages = results[case.lang, case.query]
        top = [p[len(prefix) :] for p in pages[:TOP] if p.startswith(prefix)]
        rows.append(
            {
                "kind": case.kind,
                "group": case.group,
                "lang": case.lang,
                "query": case.query,
                "expected": sorted(case.expected),
                "top": top,
                "other_language": [p for p in pages if not in_language(p, case.lang)],
                "passed": bool(case.expected & set(top)),
            }
        )
    rates = {}
    for group in THRESHOLDS:
        mine = [r for r in rows if r["group"] == group]
        rates[group] = {"passed": sum(r["passed"] for r in mine), "total": len(mine)}
    report = {"rates": rates, "misses": [r for r in rows if not r["passed"]], "cases": rows}
    path = tmp_path_factory.mktemp("search-relevance") / "search_relevance.json"
    path.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"\nsearch relevance ({path}):")
    for group, rate in rates.items():
        print(f"  {group}: {rate['passed']}/{rate['total']} = {rate['passed'] / rate['total']:.1%}")
    for miss in report["misses"]:
        print(f"  miss [{miss['lang']}] {miss['query']!r}: expected {miss['expected']}, top {miss['top']}")
    return report


def in_language(path: str, lang: str) -> bool:
    others = [f"/{o}/" for o in kb.LANGUAGES if o != kb.DEFAULT_LANGUAGE]
    if lang == kb.DEFAULT_LANGUAGE:
        return not path.startswith(tuple(others))
    return path.startswith(f"/{lang}/")


@pytest.mark.browser
@pytest.mark.parametrize("group", list(THRESHOLDS))
def test_queries_land_on_the_owning_page(relevance: dict, group: str) -> None:
    rate = relevance["rates"][group]
    misses = [f"[{m['lang']}] {m['query']}: {m['top']}" for m in relevance["misses"] if m["group"] == group]
    assert rate["total"] > 0
    assert rate["passed"] / rate["total"] >= THRESHOLDS[group], misses


@pytest.mark.browser
def test_results_are_in_the_readers_language(relevance: dict) -> None:
    assert not [(c["lang"], c["query"], c["other_language"]) for c in relevance["cases"] if c["other_language"]]


def _index_text(docs: list[dict]) -> str:
    return " ".join(_TAG.sub(" ", d["title"] + " " + d["text"]).replace("\u200b", "") for d in docs)


@pytest.mark.parametrize("lang", kb.LANGUAGES)
def test_lists_stay_on_the_page_but_out_of_the_index(built_site: Path, lang: str) -> None:
    docs = index_of(built_site, lang)["docs"]
    prefix = "" if lang == kb.DEFAULT_LANGUAGE else f"{lang}/"
    for anchor in search_terms.UNSEARCHED_SECTIONS:
        assert not [d["location"] for d in docs if d["location"].endswith(f"#{anchor}")]
    model_html = (built_site / prefix / "models/b2c/index.html").read_text(encoding="utf-8")
    assert 'id="references"' in model_html  # still on the page
    names = [p["name"][lang] for p in DATA.platforms.values()]
    compare_html = (built_site / prefix / "compare/index.html").read_text(encoding="utf-8")
    matrix = compare_html.split('id="matrix"', 1)[1].split("</table>", 1)[0]
    compare_index = _index_text([d for d in docs if d["location"].startswith("compare/")])
    assert all(name in matrix for name in names)
    prose = KB.pages[lang]["compare.md"].prose_text()  # what the page itself says about platforms
    assert [name for name in names if name in compare_index and name not in prose] == []
    home_index = _index_text([d for d in docs if d["location"].split("#")[0] == ""])
    for model in DATA.models:
        page = KB.pages[lang][f"{kb.MODELS_DIR}/{model['id']}.md"]
        assert page.front_matter["description"] not in home_index  # the cards are not indexed


@pytest.mark.parametrize("lang", kb.LANGUAGES)
def test_platform_tables_stay_searchable(built_site: Path, lang: str) -> None:
    docs = index_of(built_site, lang)["docs"]
    for model in DATA.models:
        section = _index_text([d for d in docs if d["location"] == f"{model_page(model['id'])}#platforms"])
        for platform_id in DATA.model_platforms(model["id"]):
            assert DATA.platforms[platform_id]["name"][lang] in section, (model["id"], platform_id)


@pytest.mark.parametrize("lang", kb.LANGUAGES)
def test_boosts_come_from_front_matter(built_site: Path, lang: str) -> None:
    boosts = {d["location"].split("#")[0]: d.get("boost") for d in index_of(built_site, lang)["docs"]}
    for rel, page in KB.pages[lang].items():
        location = rel.removesuffix(".md").removesuffix("index") + ("/" if not rel.endswith("index.md") else "")
        search_options = page.front_matter.get("search") or {}
        if search_options.get("exclude"):
            assert location not in boosts, rel
        else:
            assert boosts[location] == search_options.get("boost"), rel
    assert boosts[""] is not None and boosts[""] < 1  # the home page only lists the models
