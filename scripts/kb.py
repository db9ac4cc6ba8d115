"""Load the knowledge base from disk: pages, front matter, sections, links and data.

This is the only module that reads docs/, data/ and schema/. The checker, the
scaffold, the benchmark and the MkDocs hooks all go through it, so "what a page
is" is defined once. Loading never raises for bad content: a file that cannot be
read becomes a Finding with its path and line.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"
MODELS_DIR = "models"
MODELS_INDEX = f"{MODELS_DIR}/index.md"  # the models overview: in the models folder, not a model

# libyaml's loader when it is there: the same results, several times faster on large data files.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class YamlLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Safe YAML, but dates stay the strings they were written as.

    `reviewed: 2026-11-28` and a source's `date: 2025-04` then load the same way (as text the
    schema checks), an impossible date such as 2026-13-01 is a schema finding instead of a
    ValueError, and parsed pages stay JSON-cacheable.
    """


YamlLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
_ATTR_LIST = re.compile(r"\s*\{:?\s*([^{}]*)\}\s*$")


@dataclass(frozen=True, order=True)
class Finding:
    """One problem: where it is, a stable code, and what was expected."""

    path: str
    line: int
    code: str
    message: str

    @property
    def is_warning(self) -> bool:
        """W-codes are warnings: reported, but they fail the check only under --strict."""
        return self.code.startswith("W")

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "line": self.line,
            "code": self.code,
            "severity": "warning" if self.is_warning else "error",
            "message": self.message,
        }


@dataclass(frozen=True)
class Heading:
    level: int
    title: str
    anchor: str | None
    line: int


@dataclass(frozen=True)
class Fence:
    info: str
    content: str
    start: int  # 0-based first line
    end: int  # 0-based line after the closing fence


@dataclass(frozen=True)
class Link:
    target: str
    line: int
    is_image: bool = False

    @property
    def is_internal(self) -> bool:
        return not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//", self.target)

    def split(self) -> tuple[str, str]:
        path, _, anchor = self.target.partition("#")
        return path, anchor


@dataclass(frozen=True)
class Citation:
    """A `[@id]` marker: which source, on which line, in which H2 section ('' before the first)."""

    source: str
    line: int
    section: str


@dataclass(frozen=True)
class Paragraph:
    """A Markdown paragraph (also each list item's): its visible text without citation markers
    or code, and the sources it cites."""

    line: int
    text: str
    section: str
    citations: tuple[str, ...]


@dataclass(frozen=True)
class RawHtml:
    html: str
    line: int


@dataclass
class Page:
    """A Markdown page in one language. `rel` is its path below docs/<lang>/."""

    lang: str
    rel: str
    path: Path
    text: str
    front_matter: dict[str, Any]
    body_line: int  # first line of the body (1-based), after the front matter
    headings: list[Heading] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    html: list[RawHtml] = field(default_factory=list)
    prose: str = field(default="", repr=False)  # visible text outside tables and code
    fences: list[Fence] = field(default_factory=list, repr=False)  # code fences, lines of the file
    citations: list[Citation] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list, repr=False)

    @property
    def display(self) -> str:
        return display_path(self.path)

    @property
    def is_model(self) -> bool:
        return self.rel.startswith(MODELS_DIR + "/") and self.rel != MODELS_INDEX

    @property
    def model_id(self) -> str | None:
        return Path(self.rel).stem if self.is_model else None

    @property
    def sections(self) -> list[Heading]:
        return [h for h in self.headings if h.level == 2]

    def line_of_key(self, key: str) -> int:
        """The line of a front matter key, or the first line of the file."""
        for number, line in enumerate(self.text.splitlines(), start=1):
            if number >= self.body_line:
                break
            if line.startswith(f"{key}:"):
                return number
        return 1

    def section_texts(self) -> dict[str, str]:
        """The Markdown of each H2 section keyed by anchor; '' holds the part before the first H2."""
        lines = self.text.splitlines()
        parts: dict[str, str] = {}
        bounds = [("", self.body_line)] + [(h.anchor or h.title, h.line) for h in self.sections]
        for index, (key, start) in enumerate(bounds):
            end = bounds[index + 1][1] if index + 1 < len(bounds) else len(lines) + 1
            parts[key] = "\n".join(lines[start - 1 : end - 1])
        return parts

    def prose_text(self) -> str:
        """The visible prose: text of inline tokens outside tables and code."""
        return self.prose


class PageError(Exception):
    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding


def display_path(path: Path) -> str:
    """The path relative to the working directory when it is below it, else absolute."""
    absolute, cwd = os.path.abspath(path), os.getcwd()
    if absolute.startswith(cwd.rstrip(os.sep) + os.sep):
        return Path(absolute[len(cwd.rstrip(os.sep)) + 1 :]).as_posix()
    return Path(absolute).as_posix()


def markdown_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable("table").use(front_matter_plugin)
    # Keep every URL as a link token, so the checker sees javascript: links instead
    # of markdown-it silently turning them into text.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


_MD = markdown_parser()


def read_text(path: Path) -> str:
    """Read a UTF-8 text file; accept a BOM and CRLF line endings, reject the rest."""
    shown = display_path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise PageError(Finding(shown, 1, "E100", f"cannot read file: {error.strerror}")) from None
    if not raw.strip():
        raise PageError(Finding(shown, 1, "E100", "file is empty"))
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        raise PageError(Finding(shown, line, "E100", "file is binary (contains a NUL byte), expected UTF-8 text"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise PageError(
            Finding(shown, line, "E100", f"not valid UTF-8 (byte 0x{raw[error.start]:02x} at offset {error.start})")
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_front_matter(text: str, shown: str) -> tuple[dict[str, Any], int]:
    """Return the front matter mapping and the 1-based line where the body starts."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise PageError(Finding(shown, 1, "E200", "no front matter: the page must start with a '---' line"))
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            block = "\n".join(lines[1:index])
            break
    else:
        raise PageError(Finding(shown, 1, "E200", "front matter is not closed: no second '---' line"))
    try:
        data = yaml.load(block, Loader=YamlLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        # libyaml may point just past the end of the block; name its last line instead.
        line = min(mark.line + 2, max(index, 2)) if mark is not None else 2
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise PageError(Finding(shown, line, "E200", f"front matter is not valid YAML: {problem}")) from None
    if not isinstance(data, dict):
        raise PageError(Finding(shown, 2, "E200", f"front matter must be a mapping of keys, got {type(data).__name__}"))
    return data, index + 2


def _split_attr_list(content: str) -> tuple[str, str | None]:
    match = _ATTR_LIST.search(content)
    if not match:
        return content.strip(), None
    anchor = None
    for part in match.group(1).split():
        if part.startswith("#"):
            anchor = part[1:]
    return content[: match.start()].strip(), anchor


def _inline_line(token: Token, child_index: int) -> int:
    start = token.map[0] + 1 if token.map else 1
    breaks = sum(1 for c in (token.children or [])[:child_index] if c.type in {"softbreak", "hardbreak"})
    return start + breaks


# A citation marker inside the text of an inline token: `[@id]` or `[@id-a; @id-b]`.
CITATION_MARKER = re.compile(r"\[@[A-Za-z0-9_.:-]+(?:\s*;\s*@[A-Za-z0-9_.:-]+)*\]")


def marker_ids(marker: str) -> list[str]:
    """The source ids of one citation marker, in order."""
    return [part.strip().removeprefix("@") for part in marker[1:-1].split(";")]


def _text_runs(token: Token) -> list[tuple[int, str, bool]]:
    """(line, text, inside a link) of each run of plain text in an inline token. Line breaks,
    code spans, links and raw HTML end a run (they are children of their own), so a run sits on
    one line and a marker inside code is not a citation; nor is one in a link's text, which the
    build leaves as written."""
    runs: list[tuple[int, str, bool]] = []
    current: list[str] = []
    start, links = 0, 0
    for child_index, child in enumerate(token.children or []):
        if child.type == "text":
            if not current:
                start = _inline_line(token, child_index)
            current.append(child.content)
            continue
        if current:
            runs.append((start, "".join(current), links > 0))
            current = []
        links += {"link_open": 1, "link_close": -1}.get(child.type, 0)
    if current:
        runs.append((start, "".join(current), links > 0))
    return runs


def _extract(text: str) -> dict[str, Any]:
    """Everything the checker and the hooks need from a page's Markdown, as plain data."""
    tokens = _MD.parse(text)
    headings, links, html, prose, fences = [], [], [], [], []
    citations: list[list[Any]] = []
    paragraphs: list[list[Any]] = []
    in_table = 0
    section = ""
    for index, token in enumerate(tokens):
        line = token.map[0] + 1 if token.map else 1
        if token.type == "heading_open":
            title, anchor = _split_attr_list(tokens[index + 1].content)
            headings.append([int(token.tag[1]), title, anchor, line])
            if token.tag == "h2":
                section = anchor or title
        elif token.type == "html_block":
            html.append([token.content, line])
        elif token.type == "fence" and token.map:
            fences.append([token.info.strip(), token.content, token.map[0], token.map[1]])
        elif token.type == "table_open":
            in_table += 1
        elif token.type == "table_close":
            in_table -= 1
        elif token.type == "inline":
            if not in_table:
                prose.append("".join(c.content for c in token.children or [] if c.type in {"text", "code_inline"}))
            cited: list[str] = []
            visible: list[str] = []
            for run_line, run, in_link in _text_runs(token):
                for marker in [] if in_link else CITATION_MARKER.finditer(run):
                    for source in marker_ids(marker.group()):
                        citations.append([source, run_line, section])
                        cited.append(source)
                visible.append(CITATION_MARKER.sub("", run))
            if index > 0 and tokens[index - 1].type == "paragraph_open":
                paragraphs.append([line, " ".join(visible), section, list(dict.fromkeys(cited))])
            for child_index, child in enumerate(token.children or []):
                child_line = _inline_line(token, child_index)
                if child.type == "link_open":
                    links.append([str(child.attrs.get("href", "")), child_line, False])
                elif child.type == "image":
                    links.append([str(child.attrs.get("src", "")), child_line, True])
                elif child.type == "html_inline":
                    html.append([child.content, child_line])
    return {
        "headings": headings,
        "links": links,
        "html": html,
        "prose": "\n".join(prose),
        "fences": fences,
        "citations": citations,
        "paragraphs": paragraphs,
    }


def _parse(text: str, shown: str) -> dict[str, Any]:
    front_matter, body_line = parse_front_matter(text, shown)
    return {"front_matter": front_matter, "body_line": body_line, **_extract(text)}


class _ParseCache:
    """Parsed text keyed by its hash, so an unchanged page or data file is parsed once.

    One small JSON file per entry under .cache/kb/<version>/ of the repository, where the
    version is the hash of this module's source: a change to the parsing code starts afresh.
    Only results that survive JSON unchanged are stored, and errors never are.
    KB_CACHE=0 turns the cache off.
    """

    def __init__(self) -> None:
        version = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]
        self.folder = ROOT / ".cache" / "kb" / version
        self.enabled = os.environ.get("KB_CACHE", "1") != "0"

    def get(self, kind: str, text: str, parse: Callable[[str], Any]) -> Any:
        """parse(text), from the cache when the same kind of text was parsed before."""
        if not self.enabled:
            return parse(text)
        key = hashlib.sha256(f"{kind}\0{text}".encode()).hexdigest()
        path = self.folder / key[:2] / f"{key}.json"
        try:
            return json.loads(path.read_bytes())
        except (OSError, ValueError):
            pass
        value = parse(text)
        encoded = json.dumps(value, ensure_ascii=False, default=str)
        if json.loads(encoded) == value:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                partial = path.with_suffix(f".{os.getpid()}.tmp")
                partial.write_text(encoded, encoding="utf-8")
                partial.replace(path)
            except OSError:
                pass  # a read-only checkout still checks, only more slowly
        return value


_CACHE = _ParseCache()


def cached(kind: str, text: str, parse: Callable[[str], Any]) -> Any:
    """parse(text) through the parse cache, for rule modules that read more from a page."""
    return _CACHE.get(kind, text, parse)


def load_page(path: Path, lang: str, rel: str) -> Page:
    shown = display_path(path)
    text = read_text(path)
    parts = _CACHE.get("page", text, lambda source: _parse(source, shown))
    return Page(
        lang,
        rel,
        path,
        text,
        parts["front_matter"],
        parts["body_line"],
        headings=[Heading(*h) for h in parts["headings"]],
        links=[Link(*link) for link in parts["links"]],
        html=[RawHtml(*chunk) for chunk in parts["html"]],
        prose=parts["prose"],
        fences=[Fence(*fence) for fence in parts["fences"]],
        citations=[Citation(*c) for c in parts["citations"]],
        paragraphs=[Paragraph(line, text, section, tuple(ids)) for line, text, section, ids in parts["paragraphs"]],
    )


def page_fingerprints(page: Page) -> dict[str, str]:
    """A short hash of each section, to tell which part of a page changed since the last sync."""
    return {
        (key or "_intro"): hashlib.sha256(body.strip().encode()).hexdigest()[:16]
        for key, body in page.section_texts().items()
    } | {
        "_front_matter": hashlib.sha256(
            json.dumps(page.front_matter, sort_keys=True, default=str).encode()
        ).hexdigest()[:16]
    }


# --- mkdocs.yml ------------------------------------------------------------------


class MkDocsConfigLoader(yaml.SafeLoader):
    """mkdocs.yml uses !!python/name and !ENV tags; we only read plain values such as the nav."""


MkDocsConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def nav_entries(text: str) -> list[str]:
    """Every string in the nav of an mkdocs.yml text, in order."""
    return list(_CACHE.get("nav", text, _nav_entries))


def _nav_entries(text: str) -> list[str]:
    config = yaml.load(text, Loader=MkDocsConfigLoader) or {}
    found: list[str] = []

    def walk(item: Any) -> None:
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(config.get("nav", []))
    return found


def nav_files(root: Path) -> list[str]:
    """The pages the nav lists, relative to docs/<lang>/."""
    return [entry for entry in nav_entries((root / "mkdocs.yml").read_text(encoding="utf-8")) if entry.endswith(".md")]


# --- data -----------------------------------------------------------------------


def load_yaml(path: Path) -> Any:
    shown = display_path(path)
    text = read_text(path)
    try:
        return _CACHE.get("yaml", text, _yaml_value)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise PageError(Finding(shown, line, "E209", f"not valid YAML: {problem}")) from None


def _yaml_value(text: str) -> Any:
    return yaml.load(text, Loader=YamlLoader)


def load_json(path: Path) -> Any:
    shown = display_path(path)
    try:
        return json.loads(read_text(path))
    except json.JSONDecodeError as error:
        raise PageError(Finding(shown, error.lineno, "E209", f"not valid JSON: {error.msg}")) from None


@dataclass
class Data:
    """The language-neutral facts under data/ and the page contract under schema/."""

    models: list[dict[str, Any]]
    platforms: dict[str, dict[str, Any]]
    labels: dict[str, dict[str, dict[str, str]]]
    glossary: list[dict[str, Any]]
    sources: list[dict[str, Any]]
    model_schema: dict[str, Any]
    page_schema: dict[str, Any]
    data_schema: dict[str, Any]

    @cached_property
    def model_ids(self) -> list[str]:
        return [m["id"] for m in self.models]

    @cached_property
    def models_by_id(self) -> dict[str, dict[str, Any]]:
        return {m["id"]: m for m in self.models}

    @property
    def sections(self) -> list[dict[str, str]]:
        return list(self.model_schema["x-sections"])

    def neutral_keys(self, schema: dict[str, Any]) -> list[str]:
        return [key for key, spec in schema["properties"].items() if spec.get("x-neutral")]

    def label(self, group: str, key: str, lang: str) -> str:
        return self.labels[group][key][lang]

    def model_platforms(self, model_id: str) -> list[str]:
        model = self.models_by_id[model_id]
        return list(model.get("teaching_examples", [])) + list(model.get("platforms", []))

    @cached_property
    def sources_by_id(self) -> dict[str, dict[str, Any]]:
        """The first entry of each source id (a duplicate is a checker finding)."""
        found: dict[str, dict[str, Any]] = {}
        for source in self.sources:
            if isinstance(source, dict) and isinstance(source.get("id"), str):
                found.setdefault(source["id"], source)
        return found

    def platform_sources(self, platform_id: str) -> list[str]:
        """The sources a platform's table row cites: its launch year's, then its status's."""
        platform = self.platforms.get(platform_id, {})
        cited = []
        if platform.get("launched") and platform.get("launched_source"):
            cited.append(platform["launched_source"])
        status = platform.get("status")
        if isinstance(status, dict) and status.get("source"):
            cited.append(status["source"])
        return cited


DATA_FILES = {
    "models": "data/models.yml",
    "platforms": "data/platforms.yml",
    "labels": "data/labels.yml",
    "glossary": "data/glossary.yml",
    "sources": "data/sources.yml",
}
# Keys of a source entry that hold dates: YAML reads a bare year as a number; they are text.
SOURCE_DATE_KEYS = ("date", "adopted", "in_force", "checked")
SCHEMA_FILES = {
    "model_schema": "schema/model-page.schema.json",
    "page_schema": "schema/page.schema.json",
    "data_schema": "schema/data.schema.json",
}


def load_data(root: Path = ROOT) -> Data:
    values: dict[str, Any] = {}
    for name, rel in DATA_FILES.items():
        values[name] = load_yaml(root / rel)
    values["sources"] = _normalise_sources(values["sources"])
    for name, rel in SCHEMA_FILES.items():
        # The contract is the repository's, also for a fixture tree or a benchmark copy.
        values[name] = load_json(ROOT / rel)
    return Data(**values)


def _normalise_sources(sources: Any) -> Any:
    """A bibliography of comments only is an empty list; `date: 2025` is the text '2025'.
    Anything else is left as it is, for the schema to report."""
    if sources is None:
        return []
    if isinstance(sources, list):
        for entry in sources:
            if isinstance(entry, dict):
                for key in SOURCE_DATE_KEYS:
                    if isinstance(entry.get(key), int) and not isinstance(entry.get(key), bool):
                        entry[key] = str(entry[key])
    return sources


# --- the whole knowledge base ------------------------------------------------------


@dataclass
class KnowledgeBase:
    root: Path
    pages: dict[str, dict[str, Page]]  # lang -> rel -> page
    data: Data | None
    load_findings: list[Finding]

    def pair(self, rel: str) -> tuple[Page | None, Page | None]:
        return self.pages[LANGUAGES[0]].get(rel), self.pages[LANGUAGES[1]].get(rel)

    def all_rels(self) -> list[str]:
        return sorted(set().union(*(set(p) for p in self.pages.values())))

    def docs_dir(self, lang: str) -> Path:
        return self.root / "docs" / lang


def markdown_files(root: Path, lang: str) -> list[str]:
    base = root / "docs" / lang
    return sorted(p.relative_to(base).as_posix() for p in base.rglob("*.md") if p.is_file())


def load(root: Path = ROOT) -> KnowledgeBase:
    findings: list[Finding] = []
    pages: dict[str, dict[str, Page]] = {lang: {} for lang in LANGUAGES}
    for lang in LANGUAGES:
        for rel in markdown_files(root, lang):
            try:
                pages[lang][rel] = load_page(root / "docs" / lang / rel, lang, rel)
            except PageError as error:
                findings.append(error.finding)
    data: Data | None
    try:
        data = load_data(root)
    except PageError as error:
        findings.append(error.finding)
        data = None
    return KnowledgeBase(root, pages, data, findings)


_LOADED: dict[Path, tuple[tuple[tuple[str, int, int], ...], KnowledgeBase]] = {}


def _inputs(root: Path) -> tuple[tuple[str, int, int], ...]:
    """Path, mtime and size of every file load() reads."""
    paths = [root / rel for rel in DATA_FILES.values()]
    paths += [path for lang in LANGUAGES for path in sorted((root / "docs" / lang).rglob("*.md"))]
    stats = []
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            continue
        stats.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(stats)


def load_once(root: Path) -> KnowledgeBase:
    """load(root), shared by every caller in this process until a file changes.

    A build calls it from several hooks, and mkdocs-static-i18n runs on_config once per
    language; each load of the real site took about 0.2 s. `mkdocs serve` sees an edit as a
    new mtime and loads again. Callers must not change what they get."""
    root = root.resolve()
    inputs = _inputs(root)
    known = _LOADED.get(root)
    if known is None or known[0] != inputs:
        known = _LOADED[root] = (inputs, load(root))
    return known[1]


# Block structure only (no inline parsing): enough for headings and fences, several times faster.
_BLOCK_MD = MarkdownIt("commonmark").enable("table").disable("inline")


def block_structure(markdown: str) -> tuple[list[Heading], list[Fence]]:
    """Headings (1-based lines) and code fences of a Markdown string without front matter."""
    tokens = _BLOCK_MD.parse(markdown)
    headings, fences = [], []
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            title, anchor = _split_attr_list(tokens[index + 1].content)
            headings.append(Heading(int(token.tag[1]), title, anchor, (token.map[0] + 1) if token.map else 1))
        elif token.type == "fence" and token.map:
            fences.append(Fence(token.info.strip(), token.content, token.map[0], token.map[1]))
    return headings, fences


def page_block_structure(page: Page | None, markdown: str) -> tuple[list[Heading], list[Fence]]:
    """block_structure(markdown), taken from the page's own parse when `markdown` is the page's
    body as written (what MkDocs hands to on_page_markdown: the text after the front matter).
    A build then parses each page once, in load(), or not at all when the parse cache has it."""
    text = page.text if page is not None else ""
    if markdown and not text.endswith(markdown):
        text = text.rstrip("\n")  # mkdocs-static-i18n rejoins the lines without the last newline
    if not markdown or not text.endswith(markdown):
        return block_structure(markdown)
    assert page is not None
    offset = text[: len(text) - len(markdown)].count("\n")
    headings = [Heading(h.level, h.title, h.anchor, h.line - offset) for h in page.headings if h.line > offset]
    fences = [Fence(f.info, f.content, f.start - offset, f.end - offset) for f in page.fences if f.start >= offset]
    return headings, fences
