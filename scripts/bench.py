"""Benchmark the build and the parity checker on synthetic knowledge bases (`make bench`).

    python scripts/bench.py            # the full run: 10, 100 and 1,000 models x 2 languages
    python scripts/bench.py --quick    # smoke run: 10 models, one repetition, results in bench/tmp/
    python scripts/bench.py --profile  # also profile the checker at the largest size

A synthetic knowledge base follows the real page contract: model `b2b-0042` is a copy
of docs/<lang>/models/b2b.md with its id, title, related models and links rewritten,
listed in its own data/models.yml, nav and translations.lock.json (from parity.stamp),
so `mkdocs build --strict` and the checker both pass on it. Every figure is the median
of several runs; bench/results.json and bench/README.md hold the last full run.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import gzip
import hashlib
import json
import os
import platform
import posixpath
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

import kb
import parity

ROOT = kb.ROOT

BENCH_DIR = ROOT / "bench"
SIZES = (10, 100, 1000)
# Repetitions per size: (builds, in-process measurements). Medians are reported.
REPEATS = {10: (5, 9), 100: (5, 9), 1000: (3, 5)}
PDF_TIMEOUT = 900
ANALYSIS_START = "<!-- analysis:start -->"
ANALYSIS_END = "<!-- analysis:end -->"
NAV_LIMIT_KEY = "nav_section_limit"  # extra.nav_section_limit in mkdocs.yml
PAGES_HOOK = ROOT / "scripts" / "bench_pages_hook.py"
RENDERED_DOCS = "rendered-docs"  # beside mkdocs.yml: the pages as our hooks write them
LIGHTHOUSE_MARGIN = 0.02  # how far below the skeleton's performance score a page may be

# `[label](target)`: the inline links the pages use between each other.
_LINK = re.compile(r"\[(?P<label>[^\]\n]*)\]\((?P<target>[^)\s]+)\)")


# --- the generator ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    """Which synthetic model stands for which real one."""

    bases: list[str]  # the real model ids, in data/models.yml order
    count: int

    def model_id(self, index: int) -> str:
        return f"{self.bases[index % len(self.bases)]}-{index:04d}"

    @property
    def ids(self) -> list[str]:
        return [self.model_id(i) for i in range(self.count)]

    def counterpart(self, base: str, index: int) -> str | None:
        """The synthetic model that plays `base` next to model `index`: same block of ten, else the first block."""
        offset = self.bases.index(base)
        for candidate in (index - index % len(self.bases) + offset, offset):
            if candidate < self.count:
                return self.model_id(candidate)
        return None


def _split_page(text: str) -> tuple[dict[str, Any], str]:
    front, body = text.split("\n---\n", 1)
    return yaml.safe_load(front.removeprefix("---\n")), body


def _join_page(front: dict[str, Any], body: str) -> str:
    dumped = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=10_000, default_flow_style=None)
    return f"---\n{dumped}---\n{body}"


def _rewrite_links(body: str, page_rel: str, plan: Plan, index: int) -> str:
    """Point links to real model pages at synthetic ones; drop the link (keep its text) if there is none."""

    def replace(match: re.Match[str]) -> str:
        target = match.group("target")
        path, hash_, anchor = target.partition("#")
        if not path.endswith(".md") or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", path):
            return match.group(0)
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page_rel), path))
        directory, name = posixpath.split(resolved)
        base = name.removesuffix(".md")
        if directory != kb.MODELS_DIR or base not in plan.bases:
            return match.group(0)
        other = plan.counterpart(base, index)
        if other is None:
            return match.group("label")
        new_path = posixpath.join(posixpath.dirname(path), f"{other}.md")
        return f"[{match.group('label')}]({new_path}{hash_}{anchor})"

    return _LINK.sub(replace, body)


def _model_page(text: str, plan: Plan, index: int) -> str:
    front, body = _split_page(text)
    number = f"{index:04d}"
    front["id"] = plan.model_id(index)
    front["title"] = f"{front['title']} {number}"
    related = [plan.counterpart(r, index) for r in front.get("related", [])]
    front["related"] = [r for r in dict.fromkeys(related) if r and r != front["id"]] or [
        plan.model_id((index + 1) % plan.count)
    ]
    # The H1 repeats the title, so search results tell the copies apart.
    body = re.sub(r"^# (.+)$", lambda m: f"# {m.group(1)} {number}", body, count=1, flags=re.MULTILINE)
    rel = f"{kb.MODELS_DIR}/{plan.model_id(index)}.md"
    return _join_page(front, _rewrite_links(body, rel, plan, index))


def _nav_items(plan: Plan) -> list[yaml.Node]:
    return [yaml.ScalarNode("tag:yaml.org,2002:str", f"{kb.MODELS_DIR}/{m}.md") for m in plan.ids]


def _is_model_entry(node: yaml.Node) -> bool:
    if isinstance(node, yaml.ScalarNode):
        return node.value.startswith(kb.MODELS_DIR + "/") and node.value != kb.MODELS_INDEX
    if isinstance(node, yaml.MappingNode) and len(node.value) == 1:
        return _is_model_entry(node.value[0][1])
    return False


def _rewrite_nav(node: yaml.Node, plan: Plan) -> None:
    """Replace the run of model entries in any nav list by the synthetic models."""
    if isinstance(node, yaml.SequenceNode):
        positions = [i for i, item in enumerate(node.value) if _is_model_entry(item)]
        if positions:
            kept = [item for item in node.value if not _is_model_entry(item)]
            node.value = kept[: positions[0]] + _nav_items(plan) + kept[positions[0] :]
        for item in node.value:
            _rewrite_nav(item, plan)
    elif isinstance(node, yaml.MappingNode):
        for _, value in node.value:
            _rewrite_nav(value, plan)


def _mapping_get(node: yaml.MappingNode, key: str) -> yaml.Node | None:
    return next((v for k, v in node.value if k.value == key), None)


def _mapping_set(node: yaml.MappingNode, key: str, value: yaml.Node | None) -> None:
    rest = [(k, v) for k, v in node.value if k.value != key]
    node.value = rest + ([(yaml.ScalarNode("tag:yaml.org,2002:str", key), value)] if value is not None else [])


def config_variants(source_config: Path, plan: Plan) -> dict[str, str]:
    """mkdocs.yml for a synthetic KB: 'full' (our hooks), 'single' (zh only), 'plain' (no hooks),
    and the same two with every model listed on every page ('fullnav', 'plain-fullnav': the
    sidebar as it was before extra.nav_section_limit), so the nav's effect is measured in one run.
    'pages' and 'plain-same' build plain Material over the pages as our hooks write them.

    The config is edited as a YAML node graph, so !ENV and !!python/name tags survive.
    """
    tree = yaml.compose(source_config.read_text(encoding="utf-8"))
    assert isinstance(tree, yaml.MappingNode), "mkdocs.yml is not a mapping"
    nav = _mapping_get(tree, "nav")
    if nav is not None:
        _rewrite_nav(nav, plan)
    hooks = _mapping_get(tree, "hooks")
    if isinstance(hooks, yaml.SequenceNode):
        for item in hooks.value:
            item.value = str((source_config.parent / item.value).resolve())
    variants = {"full": yaml.serialize(tree, allow_unicode=True)}

    single = copy.deepcopy(tree)
    for language in _i18n_languages(single):
        if _scalar(_mapping_get(language, "locale")) != kb.DEFAULT_LANGUAGE:
            _mapping_set(language, "build", yaml.ScalarNode("tag:yaml.org,2002:bool", "false"))
    variants["single"] = yaml.serialize(single, allow_unicode=True)

    plain = copy.deepcopy(tree)
    _mapping_set(plain, "hooks", None)
    variants["plain"] = yaml.serialize(plain, allow_unicode=True)
    for name, base in (("fullnav", tree), ("plain-fullnav", plain)):
        unlimited = copy.deepcopy(base)
        extra = _mapping_get(unlimited, "extra")
        if isinstance(extra, yaml.MappingNode):
            _mapping_set(extra, NAV_LIMIT_KEY, yaml.ScalarNode("tag:yaml.org,2002:int", "0"))
        variants[name] = yaml.serialize(unlimited, allow_unicode=True)

    # 'pages': our build plus a hook that writes each page's final Markdown to RENDERED_DOCS;
    # 'plain-same': plain Material over those pages, the same content without our hooks.
    pages = copy.deepcopy(tree)
    hooks = _mapping_get(pages, "hooks")
    assert isinstance(hooks, yaml.SequenceNode), "mkdocs.yml has no hooks"
    hooks.value.append(yaml.ScalarNode("tag:yaml.org,2002:str", str(PAGES_HOOK)))
    variants["pages"] = yaml.serialize(pages, allow_unicode=True)
    same = copy.deepcopy(plain)
    _mapping_set(same, "docs_dir", yaml.ScalarNode("tag:yaml.org,2002:str", RENDERED_DOCS))
    variants["plain-same"] = yaml.serialize(same, allow_unicode=True)
    return variants


def _scalar(node: yaml.Node | None) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) else None


def _custom_dir(config: Path) -> str | None:
    tree = yaml.compose(config.read_text(encoding="utf-8"))
    theme = _mapping_get(tree, "theme") if isinstance(tree, yaml.MappingNode) else None
    return _scalar(_mapping_get(theme, "custom_dir")) if isinstance(theme, yaml.MappingNode) else None


def _i18n_languages(tree: yaml.MappingNode) -> list[yaml.MappingNode]:
    plugins = _mapping_get(tree, "plugins")
    if not isinstance(plugins, yaml.SequenceNode):
        return []
    for item in plugins.value:
        if isinstance(item, yaml.MappingNode):
            options = _mapping_get(item, "i18n")
            if isinstance(options, yaml.MappingNode):
                languages = _mapping_get(options, "languages")
                if isinstance(languages, yaml.SequenceNode):
                    return [n for n in languages.value if isinstance(n, yaml.MappingNode)]
    return []


def generate(root: Path, count: int, source: Path = ROOT) -> Path:
    """Write a synthetic knowledge base of `count` models x 2 languages into `root` (replaced if present).

    Returns the root. Its data/, docs/, mkdocs.yml (plus mkdocs.single.yml and
    mkdocs.plain.yml) and translations.lock.json follow the real contract.
    """
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    data = kb.load_data(source)
    plan = Plan([m["id"] for m in data.models], count)

    # data/: one entry per synthetic model; platforms limited to those the models use.
    models = []
    for index in range(count):
        model = copy.deepcopy(data.models_by_id[plan.bases[index % len(plan.bases)]])
        model["id"] = plan.model_id(index)
        model["name"] = {lang: f"{name} {index:04d}" for lang, name in model["name"].items()}
        related = [plan.counterpart(r, index) for r in model["related"]]
        model["related"] = [r for r in dict.fromkeys(related) if r and r != model["id"]] or [
            plan.model_id((index + 1) % count)
        ]
        models.append(model)
    used = {p for m in models for p in m["teaching_examples"] + m["platforms"]}
    (root / "data").mkdir()
    for name, rel in kb.DATA_FILES.items():
        if name == "models":
            value: Any = models
        elif name == "platforms":
            value = {k: v for k, v in data.platforms.items() if k in used}
        else:
            shutil.copyfile(source / rel, root / rel)
            continue
        (root / rel).write_text(yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=10_000), "utf-8")

    # docs/: the non-model pages and assets copied with their model links rewritten; model pages per plan.
    for lang in kb.LANGUAGES:
        src, dst = source / "docs" / lang, root / "docs" / lang
        for path in sorted(src.rglob("*")):
            rel = path.relative_to(src).as_posix()
            if path.is_dir() or (
                rel.startswith(kb.MODELS_DIR + "/") and rel.endswith(".md") and rel != kb.MODELS_INDEX
            ):
                continue
            target = dst / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if rel.endswith(".md"):
                target.write_text(_rewrite_links(kb.read_text(path), rel, plan, 0), "utf-8")
            else:
                shutil.copyfile(path, target)
        (dst / kb.MODELS_DIR).mkdir(parents=True, exist_ok=True)
        texts = {base: kb.read_text(src / kb.MODELS_DIR / f"{base}.md") for base in plan.bases}
        for index in range(count):
            page = _model_page(texts[plan.bases[index % len(plan.bases)]], plan, index)
            (dst / kb.MODELS_DIR / f"{plan.model_id(index)}.md").write_text(page, "utf-8")
    # Other docs/ content (shared assets outside the language folders) and the theme overrides.
    for path in (source / "docs").iterdir():
        if path.name not in kb.LANGUAGES:
            (shutil.copytree if path.is_dir() else shutil.copyfile)(path, root / "docs" / path.name)
    custom_dir = _custom_dir(source / "mkdocs.yml")
    if custom_dir and (source / custom_dir).is_dir():
        shutil.copytree(source / custom_dir, root / custom_dir)

    # data/sources.yml: only the sources the synthetic pages and platforms cite (another is W600).
    pages = kb.load(root).pages
    cited = {c.source for lang in kb.LANGUAGES for page in pages[lang].values() for c in page.citations}
    for platform_id in used:
        platform = data.platforms[platform_id]
        cited |= {platform.get("launched_source"), (platform.get("status") or {}).get("source")}
    sources = [entry for entry in data.sources if entry["id"] in cited]
    (root / kb.DATA_FILES["sources"]).write_text(
        yaml.safe_dump(sources, allow_unicode=True, sort_keys=False, width=10_000), "utf-8"
    )

    for variant, text in config_variants(source / "mkdocs.yml", plan).items():
        name = "mkdocs.yml" if variant == "full" else f"mkdocs.{variant}.yml"
        (root / name).write_text(text, "utf-8")
    parity.stamp(kb.load(root))
    return root


# --- measuring -------------------------------------------------------------------------------


class BuildFailed(Exception):
    pass


@dataclass(frozen=True)
class ChildRun:
    seconds: float
    peak_mb: float
    returncode: int
    output: str


GNU_TIME = Path("/usr/bin/time")


def run_child(
    command: list[str], cwd: Path, timeout: float | None = None, env: dict[str, str] | None = None
) -> ChildRun:
    """Run a command; its wall time and peak RSS.

    The peak comes from GNU time (`/usr/bin/time -f %M`) when it is installed: Linux keeps a
    process's RSS high-water mark across exec, so a child forked straight from this process
    (which holds a loaded 1,000-model KB) would report at least our own size. Without GNU time
    it falls back to os.wait4's ru_maxrss, which has that flaw.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    with tempfile.TemporaryFile() as log, tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        wrapped = [str(GNU_TIME), "-f", "%M", "-o", rss.name, *command] if GNU_TIME.exists() else command
        start = time.perf_counter()
        process = subprocess.Popen(
            wrapped, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if timeout is not None and time.perf_counter() - start > timeout:
                os.killpg(process.pid, signal.SIGKILL)
            time.sleep(0.005)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        reported = rss.read().split()
        peak_kb = int(reported[-1]) if GNU_TIME.exists() and reported and reported[-1].isdigit() else usage.ru_maxrss
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
    return ChildRun(seconds, peak_kb / 1024, process.returncode, output)


def mkdocs_build(config: Path, site: Path, strict: bool = True, env: dict[str, str] | None = None) -> ChildRun:
    if site.exists():
        shutil.rmtree(site)
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(config), "--site-dir", str(site)]
    result = run_child(command + (["--strict"] if strict else []), config.parent, env=env)
    if result.returncode != 0:
        raise BuildFailed(f"build failed: {' '.join(command)}\n{result.output[-4000:]}")
    return result


@contextlib.contextmanager
def parse_cache(enabled: bool) -> Iterator[bool]:
    """Turn kb.py's parse cache on or off in this process; yields whether kb.py has one."""
    cache = getattr(kb, "_CACHE", None)
    if cache is None or not hasattr(cache, "enabled"):
        yield False
        return
    saved = cache.enabled
    cache.enabled = enabled
    try:
        yield True
    finally:
        cache.enabled = saved


@contextlib.contextmanager
def restored(directory: Path) -> Iterator[None]:
    """Put a directory's files back as they were: the benchmark's pages must not bloat the repository's caches."""
    before = {p: p.read_bytes() for p in directory.rglob("*") if p.is_file()} if directory.is_dir() else {}
    try:
        yield
    finally:
        if directory.is_dir():
            for path in directory.rglob("*"):
                if path.is_file() and path not in before:
                    path.unlink(missing_ok=True)
        for path, content in before.items():
            if not path.exists() or path.read_bytes() != content:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(content)


def check_in_process(root: Path) -> tuple[float, int]:
    start = time.perf_counter()
    findings = parity.run(kb.load(root))
    return time.perf_counter() - start, len(findings)


def io_floor(root: Path) -> float:
    """Read and decode every Markdown file once: what any checker must pay."""
    start = time.perf_counter()
    for lang in kb.LANGUAGES:
        for path in (root / "docs" / lang).rglob("*.md"):
            path.read_bytes().decode("utf-8-sig")
    return time.perf_counter() - start


def index_sizes(site: Path) -> dict[str, tuple[int, int]]:
    """Each search index the site ships (one per language since hooks/search_i18n.py), raw and gzip level 6.

    Keyed by language: the root index is the default language's, <lang>/search/ holds the others.
    A build without our hooks has a single merged index at the root.
    """
    out = {}
    for lang in kb.LANGUAGES:
        prefix = "" if lang == kb.DEFAULT_LANGUAGE else f"{lang}/"
        path = site / prefix / "search" / "search_index.json"
        if path.exists():
            raw = path.read_bytes()
            out[lang] = (len(raw), len(gzip.compress(raw, compresslevel=6, mtime=0)))
    return out


def median(samples: list[float]) -> float:
    return round(statistics.median(samples), 4)


def page_count(root: Path) -> int:
    return sum(len(kb.markdown_files(root, lang)) for lang in kb.LANGUAGES)


def profile_check(root: Path, out: Path) -> None:
    """pyinstrument profiles of the in-process checker, cold (no parse cache) and warm, as text."""
    from pyinstrument import Profiler

    sections = []
    for label, cached in (("cold: kb.py's parse cache off", False), ("warm: every page in the parse cache", True)):
        with parse_cache(cached):
            profiler = Profiler(interval=0.001)
            profiler.start()
            parity.run(kb.load(root))
            profiler.stop()
        sections.append(f"# {label}\n\n" + profiler.output_text(unicode=True, color=False))
    out.write_text("\n\n".join(sections), "utf-8")


_PDF_LINE = re.compile(r"ecommerce-models-(?P<lang>[a-z]+)\.pdf: (?P<kib>\d+) KiB in (?P<seconds>[\d.]+) s")


def measure_pdf(site: Path, repeats: int, log: Callable[[str], None]) -> dict[str, Any]:
    """Time the `make pdf` recipe (scripts/pdf.py) on a fresh build of the real site; null if there is none.

    `make pdf` itself would first run `make build` when site/ is missing and would write into the
    repository's site/, so the recipe runs here with --site pointing at the benchmark's own build.
    """
    probe = subprocess.run(["make", "-n", "pdf"], cwd=ROOT, capture_output=True, text=True)
    script = ROOT / "scripts" / "pdf.py"
    if probe.returncode != 0 or not script.exists():
        return {"seconds": None, "status": "no `make pdf` target", "detail": probe.stderr.strip()[-500:]}
    samples: list[float] = []
    per_language: dict[str, list[float]] = {}
    sizes: dict[str, int] = {}
    for _ in range(repeats):
        result = run_child([sys.executable, str(script), "--site", str(site)], ROOT, timeout=PDF_TIMEOUT)
        if result.returncode != 0:
            return {
                "seconds": None,
                "status": f"`make pdf` (scripts/pdf.py) failed with exit {result.returncode}",
                "detail": result.output[-1500:],
            }
        samples.append(round(result.seconds, 2))
        for match in _PDF_LINE.finditer(result.output):
            per_language.setdefault(match["lang"], []).append(float(match["seconds"]))
            sizes[match["lang"]] = int(match["kib"])
        log(f"  pdf: {result.seconds:.1f} s ({', '.join(f'{k} {v[-1]} s' for k, v in per_language.items())})")
    return {
        "seconds": median(samples),
        "status": "ok",
        "per_language_seconds": {lang: median(v) for lang, v in per_language.items()},
        "kib": sizes,
        "samples": samples,
    }


def machine_info() -> dict[str, Any]:
    from importlib.metadata import version

    cpu = "unknown"
    with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory_kb = 0
    with open("/proc/meminfo", encoding="utf-8") as meminfo:
        for line in meminfo:
            if line.startswith("MemTotal:"):
                memory_kb = int(line.split()[1])
    packages = ["mkdocs", "mkdocs-material", "mkdocs-static-i18n", "markdown-it-py", "Markdown", "PyYAML", "jieba"]
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "packages": {name: version(name) for name in packages},
        "libyaml": bool(getattr(yaml, "__with_libyaml__", False)),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    } | source_state()


def code_fingerprint() -> str:
    """A hash of the code and configuration a build runs (not docs/: each KB copies those once)."""
    digest = hashlib.sha256()
    paths = [*ROOT.glob("scripts/*.py"), *ROOT.glob("hooks/*.py"), *ROOT.glob("data/*.yml"), ROOT / "mkdocs.yml"]
    paths += [p for p in ROOT.glob("overrides/**/*") if p.is_file()]
    for path in sorted(p for p in paths if p.name != "bench.py" and p.exists()):
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def source_state() -> dict[str, Any]:
    """The commit measured, and the files that differed from it (others edit the tree while this runs)."""

    def git(*args: str) -> str:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout

    code = ["scripts", "hooks", "mkdocs.yml", "data", "docs", "overrides"]
    return {
        "git_commit": git("rev-parse", "--short", "HEAD").strip(),
        "git_modified": [line[3:] for line in git("status", "--porcelain", "--", *code).splitlines() if line],
    }


# --- the run ---------------------------------------------------------------------------------


def render_pages(root: Path, site: Path) -> Path:
    """Build once with our hooks and the bench's page hook: root/RENDERED_DOCS gets the docs
    (assets included) with each page's Markdown as our hooks leave it."""
    rendered = root / RENDERED_DOCS
    if rendered.exists():
        shutil.rmtree(rendered)
    shutil.copytree(root / "docs", rendered)
    mkdocs_build(root / "mkdocs.pages.yml", site, env={"KB_BENCH_PAGES_DIR": str(rendered)})
    return rendered


def bench_size(
    count: int, work: Path, repeats: tuple[int, int], log: Callable[[str], None], warm_up: bool = False
) -> dict[str, Any]:
    builds, inner = repeats
    started = time.perf_counter()
    root = generate(work / f"kb-{count}", count)
    _, problems = check_in_process(root)
    if problems:
        raise SystemExit(f"the synthetic KB of {count} models does not pass the checker: {root}")
    log(f"{count} models: generated {page_count(root)} pages in {time.perf_counter() - started:.1f} s")
    site = work / "site"
    variants = {
        "build": (root / "mkdocs.yml", True),
        "plain_build": (root / "mkdocs.plain.yml", False),
        "single_language_build": (root / "mkdocs.single.yml", True),
        "full_nav_build": (root / "mkdocs.fullnav.yml", True),
        "plain_full_nav_build": (root / "mkdocs.plain-fullnav.yml", False),
        "plain_same_pages_build": (root / "mkdocs.plain-same.yml", False),
    }
    seconds: dict[str, list[float]] = {kind: [] for kind in variants}
    peaks: dict[str, list[float]] = {kind: [] for kind in variants}
    index: dict[str, tuple[int, int]] | None = None
    site_bytes, page_bytes, full_nav_page_bytes = 0, None, None
    render_pages(root, site)  # untimed: the input of plain_same_pages_build
    if warm_up:
        # Untimed: fills the diagram cache, jieba's cache and the page cache once.
        log(f"  warm-up build {mkdocs_build(root / 'mkdocs.yml', site).seconds:.1f} s (not counted)")
    for rep in range(builds):
        # Interleaved, so a slow minute on a shared machine hits every variant alike.
        for kind, (config, strict) in variants.items():
            result = mkdocs_build(config, site, strict)
            seconds[kind].append(round(result.seconds, 3))
            peaks[kind].append(round(result.peak_mb, 1))
            if kind == "build" and index is None:
                index = index_sizes(site)
                site_bytes = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
                page_bytes = _model_page_bytes(root, site)
            if kind == "full_nav_build" and full_nav_page_bytes is None:
                full_nav_page_bytes = _model_page_bytes(root, site)
        log(f"  rep {rep + 1}/{builds}: " + ", ".join(f"{k} {v[-1]:.1f} s" for k, v in seconds.items()))
    shutil.rmtree(site, ignore_errors=True)
    check, cold, floor = [], [], []
    for _ in range(inner):
        check.append(round(check_in_process(root)[0], 4))
        with parse_cache(False):
            cold.append(round(check_in_process(root)[0], 4))
        floor.append(round(io_floor(root), 5))
    command = [sys.executable, str(ROOT / "scripts" / "check_i18n.py"), "--root", str(root)]
    cli = run_child(command, root)
    cli_cold = run_child(command, root, env={"KB_CACHE": "0"})
    log(
        f"  check {median(check):.3f} s, cold {median(cold):.3f} s (CLI {cli.seconds:.2f} s / cold {cli_cold.seconds:.2f} s, "
        f"{cli.peak_mb:.0f} / {cli_cold.peak_mb:.0f} MB), io floor {median(floor):.4f} s"
    )
    assert index is not None
    return {
        "root": root,
        "pages": page_count(root),
        "seconds": {kind: median(v) for kind, v in seconds.items()}
        | {
            "check": median(check),
            "check_cold": median(cold),
            "io_floor": round(statistics.median(floor), 5),
            "check_cli": round(cli.seconds, 3),
            "check_cli_cold": round(cli_cold.seconds, 3),
        },
        "peak_mb": {kind: max(v) for kind, v in peaks.items()}
        | {"check": round(cli.peak_mb, 1), "check_cold": round(cli_cold.peak_mb, 1)},
        "index": index,
        "site_bytes": site_bytes,
        "model_page_bytes": page_bytes,
        "full_nav_model_page_bytes": full_nav_page_bytes,
        "samples": seconds | {"check": check, "check_cold": cold, "io_floor": floor},
    }


def _model_page_bytes(root: Path, site: Path) -> int | None:
    """The HTML size of the first model page (zh): what one model page costs a reader."""
    models = [
        r for r in kb.markdown_files(root, kb.DEFAULT_LANGUAGE) if r.startswith("models/") and r != kb.MODELS_INDEX
    ]
    if not models:
        return None
    html = site / models[0].removesuffix(".md") / "index.html"
    return html.stat().st_size if html.exists() else None


def bench_real_site(work: Path, repeats: tuple[int, int], log: Callable[[str], None]) -> dict[str, Any]:
    builds, inner = repeats
    site = work / "real-site"
    out: dict[str, Any] = {"pages": page_count(ROOT)}
    samples = []
    try:
        for _ in range(builds):
            result = mkdocs_build(ROOT / "mkdocs.yml", site)
            samples.append(round(result.seconds, 3))
        out["build_seconds"] = median(samples)
        indexes = index_sizes(site)
        out["search_index_bytes"], out["search_index_gzip_bytes"] = indexes[kb.DEFAULT_LANGUAGE]
        out["search_index_by_language"] = _by_language(indexes)
    except BuildFailed as error:
        out["build_seconds"] = None
        out["search_index_bytes"] = out["search_index_gzip_bytes"] = out["search_index_by_language"] = None
        out["build_error"] = str(error)[-1500:]
    checks = [check_in_process(ROOT) for _ in range(inner)]
    out["check_seconds"] = median([c[0] for c in checks])
    out["check_findings"] = checks[0][1]
    log(
        f"real site: build {out['build_seconds']} s, check {out['check_seconds']} s, index {out['search_index_gzip_bytes']} B gz"
    )
    return out


def slope(xs: list[float], ys: list[float]) -> float | None:
    """Least-squares slope of log(y) against log(x): 1.0 is linear growth."""
    import numpy

    if len(xs) < 2:
        return None
    return round(float(numpy.polyfit(numpy.log(xs), numpy.log(ys), 1)[0]), 3)


def evaluate(results: dict[str, Any]) -> list[dict[str, Any]]:
    """The targets from the issue, each with the measured value and whether it is met."""
    largest = max(results["sizes"], key=int)
    at = f" ({largest} models)" if largest != "1000" else ""
    check = results["check_seconds"][largest]
    cold = results["check_cold_seconds"][largest]
    ratio_io = results["check_over_io_floor"][largest]
    ratio_cold = results["check_cold_over_io_floor"][largest]
    ratio_plain = results["build_over_plain"][largest]
    ratio_same = (results.get("build_over_plain_same_pages") or {}).get(largest)
    growth = results["build_slope_loglog"]["last_segment"]
    smallest = min(results["sizes"], key=int)
    html = results["page_html_bytes"]
    html_growth = html[largest] / html[smallest] if html.get(largest) and html.get(smallest) else None
    side_by_side = results.get("lighthouse_side_by_side") or {}
    lighthouse_ok = [
        row["ours"] >= row["skeleton"] - LIGHTHOUSE_MARGIN
        for row in side_by_side.values()
        if row.get("ours") is not None
    ]
    pdf = results["pdf_seconds"]
    by_language = results["real_site"]["search_index_by_language"] or {}
    index_gz = max((v["gzip_bytes"] for v in by_language.values()), default=None)

    def row(name: str, value: str, met: bool | None) -> dict[str, Any]:
        return {"target": name, "value": value, "met": met}

    return [
        row(f"Parity check of 1,000 models x 2 languages <= 1 s{at}, parse cache warm", f"{check:.2f} s", check <= 1),
        row(
            f"Parity check of 1,000 models x 2 languages <= 1 s{at}, cold (every page parsed)",
            f"{cold:.2f} s",
            cold <= 1,
        ),
        row(f"Parity check <= 3x the I/O floor{at}, parse cache warm", f"{ratio_io:.0f}x", ratio_io <= 3),
        row(f"Parity check <= 3x the I/O floor{at}, cold", f"{ratio_cold:.0f}x", ratio_cold <= 3),
        row(
            f"Our build <= 1.15x the plain Material build with the same nav{at}",
            f"{ratio_plain:.2f}x",
            ratio_plain <= 1.15,
        ),
        row(
            f"Our build <= 1.15x plain Material over the same pages (as our hooks write them), same nav{at}",
            f"{ratio_same:.2f}x" if ratio_same is not None else "not measured",
            None if ratio_same is None else ratio_same <= 1.15,
        ),
        row(
            f"Build time grows linearly: log-log slope from {results['sizes'][-2] if len(results['sizes']) > 1 else '-'} "
            f"to {largest} models <= 1.05",
            f"{growth}" if growth is not None else "n/a",
            None if growth is None else growth <= 1.05,
        ),
        row(
            f"A model page's HTML at {largest} models <= 1.2x its size at {smallest}",
            f"{html_growth:.2f}x" if html_growth is not None else "n/a",
            None if html_growth is None else html_growth <= 1.2,
        ),
        row(
            f"Lighthouse performance (median of 3) >= the Material skeleton's - {LIGHTHOUSE_MARGIN} on every key page, same run",
            f"{sum(lighthouse_ok)} of {len(lighthouse_ok)} pages" if lighthouse_ok else "not measured",
            all(lighthouse_ok) if lighthouse_ok else None,
        ),
        row(
            "Both PDFs <= 60 s (zh and en together)",
            f"{pdf:.1f} s" if pdf is not None else "not measured",
            None if pdf is None else pdf <= 60,
        ),
        row(
            "Real site's search index <= 150 KiB gzipped (largest per-language index)",
            f"{index_gz / 1024:.1f} KiB" if index_gz is not None else "not measured",
            None if index_gz is None else index_gz <= 150 * 1024,
        ),
    ]


# --- the report ------------------------------------------------------------------------------


def plot(results: dict[str, Any], out: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = sorted(results["sizes"], key=int)
    pages = [results["pages"][s] for s in sizes]
    figure, axes = plt.subplots(figsize=(7.5, 5), dpi=120)
    series = [
        ("build_seconds", "our build (strict, hooks, 2 languages)", "o-"),
        ("plain_build_seconds", "plain Material build (no hooks)", "s--"),
        ("single_language_build_seconds", "our build, zh only", "^:"),
        ("check_seconds", "parity check (in-process, parse cache warm)", "D-"),
        ("check_cold_seconds", "parity check (in-process, cold)", "d--"),
        ("io_floor_seconds", "I/O floor (read + decode every .md)", "v--"),
    ]
    for key, label, style in series:
        axes.plot(pages, [results[key][s] for s in sizes], style, label=label)
    reference = [pages[0], pages[-1]]
    first = results["build_seconds"][sizes[0]]
    axes.plot(reference, [first, first * pages[-1] / pages[0]], color="grey", lw=0.8, label="linear from the smallest")
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xlabel("Markdown pages (both languages)")
    axes.set_ylabel("seconds (median)")
    axes.set_title("Build and check time vs knowledge base size")
    axes.grid(True, which="both", alpha=0.3)
    axes.legend(fontsize=8)
    figure.tight_layout()
    figure.savefig(out)
    plt.close(figure)


def _kib(value: int | None) -> str:
    return "n/a" if value is None else f"{value / 1024:,.0f} KiB"


def _fmt(value: float | None, unit: str = "", digits: int = 2) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}{unit}"


def _index(real: dict[str, Any]) -> str:
    if real["search_index_by_language"] is None:
        return f"not measured (the build failed: {real.get('build_error', '')[:200]})"
    return "; ".join(
        f"{lang} {v['bytes']:,} bytes raw, {v['gzip_bytes']:,} bytes ({v['gzip_bytes'] / 1024:.1f} KiB) gzipped"
        for lang, v in real["search_index_by_language"].items()
    )


def _consistency(results: dict[str, Any]) -> str:
    changed = results["code_changed_during"]
    versions = sorted(set(results["code_fingerprint"].values()))
    if changed:
        return f"**The code changed while {', '.join(changed)} models were measured**: those figures mix two versions."
    if len(versions) > 1:
        return f"**The code changed between sizes** (fingerprints {', '.join(versions)}): compare sizes with care."
    return f"Every size ran the same code and configuration (fingerprint {versions[0]})."


def _pdf(pdf: dict[str, Any]) -> str:
    if pdf["seconds"] is None:
        return ""
    languages = ", ".join(f"{lang} {s:.1f} s" for lang, s in pdf.get("per_language_seconds", {}).items())
    return f", {pdf['seconds']:.1f} s for both languages ({languages}; scripts/pdf.py as a process, on a fresh build)"


def lighthouse_side_by_side() -> dict[str, dict[str, float | None]]:
    """Per key page, our performance score and the Material skeleton's from the same `make lighthouse` run."""
    path = ROOT / "bench" / "lighthouse.json"
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8")).get("side_by_side", {})


def _refreshed(results: dict[str, Any]) -> str:
    when = results.get("lighthouse_refreshed_at")
    return (
        f"\n\nLighthouse figures refreshed on {when} (`bench.py --lighthouse-only`); the build figures are from {results['generated_at']}."
        if when
        else ""
    )


def _lighthouse() -> str:
    """The scores `make lighthouse` recorded (bench/lighthouse.json), as a table."""
    path = ROOT / "bench" / "lighthouse.json"
    if not path.exists():
        return "**Lighthouse**: not run yet (`make lighthouse`)."
    data = json.loads(path.read_text(encoding="utf-8"))
    categories = list(next(iter(data["scores"].values())))
    side_by_side = data.get("side_by_side", {})
    rows = [
        f"**Lighthouse 12** (`make lighthouse`: mobile preset, both sites served with gzip on 127.0.0.1, "
        f"median of {data.get('runs', 1)} runs; each page's runs alternate with runs of a default Material "
        "skeleton, one long page of prose, in the same run):",
        "",
        "| Page | " + " | ".join(categories) + " | skeleton performance | blocking time, ours / skeleton "
        "| main-thread work, ours / skeleton |",
        "| --- |" + " ---: |" * (len(categories) + 3),
    ]
    metrics = data.get("metrics", {})

    def pair(page: str, metric: str) -> str:
        ours = metrics.get(page, {}).get("ours", {}).get(metric)
        skeleton = metrics.get(page, {}).get("skeleton", {}).get(metric)
        return "n/a" if ours is None or skeleton is None else f"{ours:.0f} / {skeleton:.0f} ms"

    for page, row in data["scores"].items():
        skeleton = side_by_side.get(page, {}).get("skeleton")
        rows.append(
            f"| `{page}` | "
            + " | ".join(f"{row[c]:.2f}" for c in categories)
            + f" | {'n/a' if skeleton is None else f'{skeleton:.2f}'} "
            + f"| {pair(page, 'total-blocking-time')} | {pair(page, 'mainthread-work-breakdown')} |"
        )
    return "\n".join(rows)


def report(results: dict[str, Any], previous: str) -> str:
    sizes = sorted(results["sizes"], key=int)
    machine = results["machine"]
    packages = machine["packages"]
    peak = results["peak_memory_mb"]
    rows = [
        "| Models | Pages | Our build | zh-only build | Plain build | Ours / plain | Plain, same pages "
        "| Ours / plain, same pages | Check warm / cold | Check CLI warm / cold | I/O floor | Check / floor warm / cold |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    sizes_rows = [
        "| Models | Index zh raw | Index zh gz | Index en gz | Site on disk | Peak MB: our build | zh-only | plain "
        "| check CLI warm / cold |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for s in sizes:
        rows.append(
            f"| {s} | {results['pages'][s]} | {results['build_seconds'][s]:.2f} s "
            f"| {results['single_language_build_seconds'][s]:.2f} s | {results['plain_build_seconds'][s]:.2f} s "
            f"| {results['build_over_plain'][s]:.2f}x "
            f"| {results['plain_same_pages_build_seconds'][s]:.2f} s | {results['build_over_plain_same_pages'][s]:.2f}x "
            f"| {results['check_seconds'][s]:.3f} / {results['check_cold_seconds'][s]:.3f} s "
            f"| {results['check_cli_seconds'][s]:.2f} / {results['check_cli_cold_seconds'][s]:.2f} s "
            f"| {results['io_floor_seconds'][s] * 1000:.1f} ms "
            f"| {results['check_over_io_floor'][s]:.0f}x / {results['check_cold_over_io_floor'][s]:.0f}x |"
        )
        by_language = results["synthetic_search_index_by_language"][s]
        en = by_language.get("en", {}).get("gzip_bytes")
        sizes_rows.append(
            f"| {s} | {results['synthetic_search_index_bytes'][s] / 1024:,.0f} KiB "
            f"| {results['synthetic_search_index_gzip_bytes'][s] / 1024:,.0f} KiB "
            f"| {'n/a' if en is None else f'{en / 1024:,.0f} KiB'} | {results['site_bytes'][s] / 2**20:,.0f} MiB "
            f"| {peak['build'][s]:.0f} | {peak['single_language_build'][s]:.0f} | {peak['plain_build'][s]:.0f} "
            f"| {peak['check'][s]:.0f} / {peak['check_cold'][s]:.0f} |"
        )
    nav_rows = [
        "| Models | Model page HTML | with every model in the nav | Our build | full nav | Plain build | full nav "
        "| Ours / plain | full nav |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for s in sizes:
        html, full_html = results["page_html_bytes"][s], results["full_nav_page_html_bytes"][s]
        nav_rows.append(
            f"| {s} | {_kib(html)} | {_kib(full_html)} | {results['build_seconds'][s]:.2f} s "
            f"| {results['full_nav_build_seconds'][s]:.2f} s | {results['plain_build_seconds'][s]:.2f} s "
            f"| {results['plain_full_nav_build_seconds'][s]:.2f} s | {results['build_over_plain'][s]:.2f}x "
            f"| {results['full_nav_build_over_plain_full_nav'][s]:.2f}x |"
        )
    targets = ["| Target | Measured | Met |", "| --- | ---: | :---: |"]
    for t in results["targets"]:
        met = {True: "yes", False: "**no**", None: "not measured"}[t["met"]]
        targets.append(f"| {t['target']} | {t['value']} | {met} |")
    real = results["real_site"]
    pdf = results["pdf"]
    slopes = results["build_slope_loglog"]
    analysis = "_Not written yet: run the benchmark, read the numbers and the profiles, then write here._"
    if ANALYSIS_START in previous and ANALYSIS_END in previous:
        analysis = previous.split(ANALYSIS_START, 1)[1].split(ANALYSIS_END, 1)[0].strip()
    return f"""# Benchmark: build and checker at {", ".join(f"{int(s):,}" for s in sizes)} models

`make bench` (`scripts/bench.py`) generates synthetic knowledge bases that follow the real page
contract and times the build and the parity checker on them. It rewrites `bench/results.json`,
this file (except the analysis section, which is kept) and `bench/build-time.png`.
`make bench ARGS=--quick` is a one-minute smoke run (10 models, one repetition) into `bench/tmp/`;
`ARGS=--profile` also writes a pyinstrument profile of the full build at the largest size.

Run on {results["generated_at"]}, {results["total_seconds"] / 60:.1f} minutes in all.

## How it is measured

- **Synthetic knowledge base.** Model `b2b-0042` is docs/<lang>/models/b2b.md with its id, title, H1,
  `related` and links rewritten to models of the same block of ten; data/models.yml has an entry per
  model, platforms/labels/glossary are copied, the other pages are copied with their model links
  pointed at the first block, the nav lists every model, and `translations.lock.json` comes from
  `parity.stamp`. Each KB passes the checker and `mkdocs build --strict` before it is timed.
- **Our build**: `mkdocs build --strict` of both languages with every hook mkdocs.yml lists (by
  absolute path): today render_data (tables, cards, diagrams, abbreviations), search_i18n (jieba
  dictionary, per-language index) and sitemap_i18n.
- **zh-only build**: the same with the `en` language set to `build: false`.
- **Plain build**: the same Markdown and the same Material, i18n, Markdown extensions and nav
  (theme overrides included), with `hooks:` removed, so the ratio is the cost of our hooks and nothing else (the plain site lacks
  the generated tables, and its Mermaid fences stay code blocks). It is built without `--strict`, because links to anchors that only
  the hook generates would warn; strictness changes the exit code, not the work done.
- **Plain build, same pages**: plain Material (as above) over the pages as our hooks write them:
  one untimed build with `scripts/bench_pages_hook.py` added saves each page's final Markdown
  (front matter included) to `rendered-docs/`. Our hooks roughly double what Python-Markdown and
  the search plugin get to read (the platform tables, References, notices, abbreviations), and any
  build of those pages pays for that, hand-written or not. "Ours / plain, same pages" is what the
  hooks themselves cost: rendering, citations, the compare data, the search tags. The `[@id]`
  markers stay text there (our build turns them into links in the HTML).
- **Check**: `parity.run(kb.load(root))` in-process (no interpreter start). kb.py keeps a parse
  cache (`.cache/kb/`, keyed by page text): "warm" is a run after the pages were parsed once, as on a
  developer's machine; "cold" turns the cache off (`kb._CACHE.enabled = False`), as on a fresh CI
  checkout. "Check CLI" is `scripts/check_i18n.py --root` as a process, interpreter, imports and
  cache reads included (cold: `KB_CACHE=0`). The builds run with the cache as it is (warm after the
  first build). The benchmark puts `.cache/kb/` back as it found it, so its synthetic pages do not
  stay in the repository's cache.
- **I/O floor**: `read_bytes()` and UTF-8 decode of every `.md` once, warm page cache.
- **Search index**: `site/search/search_index.json` of our build, raw and gzip level 6 (the `gzip`
  command's default). Since hooks/search_i18n.py splits it, that file holds the Chinese pages and
  `site/en/search/search_index.json` the English ones; results.json has both under `*_by_language`,
  the table shows the Chinese one.
- **Peak memory**: maximum RSS of each child process from GNU time (`/usr/bin/time -f %M`). Not
  `ru_maxrss` from `getrusage`/`wait4` of a child of this script: Linux keeps the RSS high-water mark
  across `exec`, so a child forked from the benchmark (which holds a loaded 1,000-model KB) reports
  at least the benchmark's own size; the first full run recorded 454 MB for both the plain build
  and the checker that way.
- **Full nav**: our build and the plain build again with `extra.nav_section_limit: 0`, every model
  listed on every page, as the site was before the limit.
- Medians of {results["repeats_note"]}. Builds of the six variants are interleaved.

## Machine

- CPU: {machine["cpu"]}, {machine["cores"]} cores; memory {machine["memory_gb"]} GB; {machine["os"]}
- Python {machine["python"]}, MkDocs {packages["mkdocs"]}, Material {packages["mkdocs-material"]},
  mkdocs-static-i18n {packages["mkdocs-static-i18n"]}, markdown-it-py {packages["markdown-it-py"]},
  PyYAML {packages["PyYAML"]} (libyaml {"available" if machine["libyaml"] else "missing"}), jieba {packages["jieba"]}
- Source: commit {machine["git_commit"]}, modified at the start: {", ".join(machine["git_modified"]) or "none"};
  at the end: commit {machine["at_end"]["git_commit"]}, modified: {", ".join(machine["at_end"]["git_modified"]) or "none"}
- {_consistency(results)}
- Load average at start {machine["load_average_at_start"]}, at the end {machine.get("load_average_at_end")}:
  other engineers' builds and tests share this machine, so expect some noise.

## Results

{chr(10).join(rows)}

{chr(10).join(sizes_rows)}

Build time log-log slope: {_fmt(slopes["all_sizes"], digits=2)} over all sizes,
{_fmt(slopes["last_segment"], digits=2)} from {sizes[-2] if len(sizes) > 1 else "-"} to {sizes[-1]} models
(the plain build: {_fmt(results["plain_build_slope_loglog"]["last_segment"], digits=2)}; our build with every model
in the nav: {_fmt(results["full_nav_build_slope_loglog"]["last_segment"], digits=2)}).

**The nav** (`extra.nav_section_limit` in mkdocs.yml): past the limit, a model page's sidebar lists only
itself and the models index lists every model. "Full nav" builds set the limit to 0 (every model on
every page, as before), in the same run:

{chr(10).join(nav_rows)}

![Build and check time against the number of pages](build-time.png)

**Real site** ({real["pages"]} pages): build {_fmt(real["build_seconds"], " s")}, check
{_fmt(real["check_seconds"], " s", 3)}, search index {_index(real)}.

**PDF export** (`make pdf`): {pdf["status"]}{_pdf(pdf)}.

{_lighthouse()}{_refreshed(results)}

## Targets

{chr(10).join(targets)}

## Analysis

{ANALYSIS_START}
{analysis}
{ANALYSIS_END}
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10 models, one repetition, results in bench/tmp/")
    parser.add_argument("--sizes", type=int, nargs="+", help="model counts (default: 10 100 1000)")
    parser.add_argument("--out", type=Path, help="where results.json, README.md and the plot go (default: bench/)")
    parser.add_argument("--keep", action="store_true", help="keep the generated knowledge bases")
    parser.add_argument("--profile", action="store_true", help="also profile the full build at the largest size")
    parser.add_argument(
        "--builds",
        type=int,
        nargs="+",
        help="builds per variant: one number for every size, or one per size (default: 5, 5, 3); fewer for a shorter run",
    )
    parser.add_argument(
        "--lighthouse-only",
        action="store_true",
        help="no builds: put the scores of the last `make lighthouse` into the last results.json and README.md",
    )
    args = parser.parse_args(argv)
    sizes = tuple(args.sizes or ((10,) if args.quick else SIZES))
    out: Path = args.out or (BENCH_DIR / "tmp" if args.quick else BENCH_DIR)
    if args.lighthouse_only:
        return refresh_lighthouse(out)
    out.mkdir(parents=True, exist_ok=True)
    repeats = {s: (1, 1) if args.quick else REPEATS.get(s, (3, 5)) for s in sizes}
    if args.builds:
        if len(args.builds) not in (1, len(sizes)):
            parser.error(f"--builds takes one number or one per size ({len(sizes)})")
        counts = args.builds * len(sizes) if len(args.builds) == 1 else args.builds
        repeats = {s: (count, inner) for (s, (_, inner)), count in zip(repeats.items(), counts, strict=True)}
    begun = time.perf_counter()

    def log(message: str) -> None:
        print(f"[{time.perf_counter() - begun:6.0f} s] {message}", flush=True)

    machine = machine_info()
    with parse_cache(True) as has_cache:
        machine["kb_parse_cache"] = has_cache
    work = Path(tempfile.mkdtemp(prefix="kb-bench-"))
    log(f"working in {work}")
    try:
        with restored(ROOT / ".cache" / "kb"):
            per_size, real, pdf = _run(args, sizes, repeats, work, out, log)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    def per(key: str) -> dict[str, Any]:
        return {s: r["seconds"][key] for s, r in per_size.items()}

    keys = list(per_size)
    pages = [per_size[s]["pages"] for s in keys]
    machine["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    machine["at_end"] = source_state()
    results: dict[str, Any] = {
        "generated_at": time.strftime("%Y-%m-%d %H:%M %Z"),
        "total_seconds": round(time.perf_counter() - begun, 1),
        "sizes": keys,
        "pages": {s: per_size[s]["pages"] for s in keys},
        "check_seconds": per("check"),
        "build_seconds": per("build"),
        "plain_build_seconds": per("plain_build"),
        "single_language_build_seconds": per("single_language_build"),
        "full_nav_build_seconds": per("full_nav_build"),
        "plain_full_nav_build_seconds": per("plain_full_nav_build"),
        "plain_same_pages_build_seconds": per("plain_same_pages_build"),
        "io_floor_seconds": per("io_floor"),
        "check_cli_seconds": per("check_cli"),
        "check_cold_seconds": per("check_cold"),
        "check_cli_cold_seconds": per("check_cli_cold"),
        "check_cold_over_io_floor": {s: round(per("check_cold")[s] / per("io_floor")[s], 1) for s in keys},
        "build_over_plain": {s: round(per("build")[s] / per("plain_build")[s], 3) for s in keys},
        "build_over_plain_same_pages": {s: round(per("build")[s] / per("plain_same_pages_build")[s], 3) for s in keys},
        "full_nav_build_over_plain_full_nav": {
            s: round(per("full_nav_build")[s] / per("plain_full_nav_build")[s], 3) for s in keys
        },
        "check_over_io_floor": {s: round(per("check")[s] / per("io_floor")[s], 1) for s in keys},
        "build_slope_loglog": _slopes(pages, [per("build")[s] for s in keys]),
        "plain_build_slope_loglog": _slopes(pages, [per("plain_build")[s] for s in keys]),
        "full_nav_build_slope_loglog": _slopes(pages, [per("full_nav_build")[s] for s in keys]),
        "check_slope_loglog": _slopes(pages, [per("check")[s] for s in keys]),
        "check_cold_slope_loglog": _slopes(pages, [per("check_cold")[s] for s in keys]),
        "search_index_bytes": real["search_index_bytes"],
        "search_index_gzip_bytes": real["search_index_gzip_bytes"],
        "search_index_by_language": real["search_index_by_language"],
        "site_bytes": {s: per_size[s]["site_bytes"] for s in keys},
        "model_page_html_bytes": {s: per_size[s]["model_page_bytes"] for s in keys},
        "page_html_bytes": {s: per_size[s]["model_page_bytes"] for s in keys},
        "full_nav_page_html_bytes": {s: per_size[s]["full_nav_model_page_bytes"] for s in keys},
        "lighthouse_side_by_side": lighthouse_side_by_side(),
        "synthetic_search_index_bytes": {s: per_size[s]["index"][kb.DEFAULT_LANGUAGE][0] for s in keys},
        "synthetic_search_index_gzip_bytes": {s: per_size[s]["index"][kb.DEFAULT_LANGUAGE][1] for s in keys},
        "synthetic_search_index_by_language": {s: _by_language(per_size[s]["index"]) for s in keys},
        "peak_memory_mb": {
            kind: {s: per_size[s]["peak_mb"][kind] for s in keys}
            for kind in (
                "build",
                "single_language_build",
                "plain_build",
                "full_nav_build",
                "plain_full_nav_build",
                "plain_same_pages_build",
                "check",
                "check_cold",
            )
        },
        "pdf_seconds": pdf["seconds"],
        "pdf": pdf,
        "real_site": real,
        "repeats": {str(s): {"builds": b, "in_process": i} for s, (b, i) in repeats.items()},
        "repeats_note": ", ".join(f"{b} builds / {i} checks at {s}" for s, (b, i) in repeats.items()),
        "samples": {s: per_size[s]["samples"] for s in keys},
        "code_fingerprint": {s: per_size[s]["code"] for s in keys},
        "code_changed_during": [s for s in keys if per_size[s]["code_changed"]],
        "machine": machine,
    }
    results["targets"] = evaluate(results)
    (out / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", "utf-8")
    plot(results, out / "build-time.png")
    readme = out / "README.md"
    previous = readme.read_text("utf-8") if readme.exists() else ""
    readme.write_text(report(results, previous), "utf-8")
    log(f"wrote {out / 'results.json'}, {readme} and {out / 'build-time.png'}")
    for target in results["targets"]:
        log(
            f"  {'MET ' if target['met'] else 'MISS' if target['met'] is False else 'N/A '} {target['target']}: {target['value']}"
        )
    return 0


def refresh_lighthouse(out: Path) -> int:
    """The Lighthouse run takes minutes and the builds most of an hour: after a change on the
    reader side only, `make lighthouse` and this refresh the report without building again."""
    path = out / "results.json"
    if not path.exists():
        print(f"error: {path}: no results to refresh; run `make bench` first", file=sys.stderr)
        return 1
    try:
        results = json.loads(path.read_text("utf-8"))
    except json.JSONDecodeError as error:
        print(f"error: {path}:{error.lineno}: not JSON: {error.msg}", file=sys.stderr)
        return 1
    results["lighthouse_side_by_side"] = lighthouse_side_by_side()
    results["lighthouse_refreshed_at"] = time.strftime("%Y-%m-%d %H:%M %Z")
    results["targets"] = evaluate(results)
    path.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", "utf-8")
    readme = out / "README.md"
    previous = readme.read_text("utf-8") if readme.exists() else ""
    readme.write_text(report(results, previous), "utf-8")
    print(f"refreshed the Lighthouse figures in {path} and {readme}")
    return 0


def _run(
    args: argparse.Namespace,
    sizes: tuple[int, ...],
    repeats: dict[int, tuple[int, int]],
    work: Path,
    out: Path,
    log: Callable[[str], None],
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """Every measurement: the per-size results, the real site's and the PDF's."""
    per_size: dict[str, Any] = {}
    for size in sizes:
        before = code_fingerprint()
        try:
            per_size[str(size)] = bench_size(size, work, repeats[size], log, warm_up=size == sizes[0])
        except BuildFailed as error:
            # Others edit the repository while this runs: a KB generated before a change to the
            # hooks or data/ can fall out of step with them. Generate it again, once.
            log(f"  a build failed, generating the {size}-model KB again: {str(error).splitlines()[0]}")
            per_size[str(size)] = bench_size(size, work, repeats[size], log, warm_up=True)
        per_size[str(size)]["code"] = before
        per_size[str(size)]["code_changed"] = code_fingerprint() != before
        if per_size[str(size)]["code_changed"]:
            log(f"  warning: the code changed while {size} models were measured; the figures mix two versions")
    largest = str(max(sizes))
    profile_check(per_size[largest]["root"], out / "profile-check.txt")
    log(f"checker profile at {largest} models: {out / 'profile-check.txt'}")
    if args.profile:
        root = per_size[largest]["root"]
        command = [sys.executable, "-m", "pyinstrument", "-o", str(out / "profile-build.txt")]
        command += ["-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(work / "site")]
        log(f"build profile at {largest} models: {run_child(command, root).seconds:.0f} s")
    real = bench_real_site(work, repeats[min(sizes)], log)
    if args.quick:
        pdf: dict[str, Any] = {"seconds": None, "status": "skipped (--quick)"}
    elif real["build_seconds"] is None:
        pdf = {"seconds": None, "status": "not measured: the real site did not build"}
    else:
        pdf = measure_pdf(work / "real-site", 3, log)
    log(f"pdf: {pdf['status']}")
    return per_size, real, pdf


def _by_language(indexes: dict[str, tuple[int, int]]) -> dict[str, dict[str, int]]:
    return {lang: {"bytes": raw, "gzip_bytes": gz} for lang, (raw, gz) in indexes.items()}


def _slopes(pages: list[int], seconds: list[float]) -> dict[str, float | None]:
    return {
        "all_sizes": slope(pages, seconds),
        "last_segment": slope(pages[-2:], seconds[-2:]) if len(pages) > 1 else None,
    }


if __name__ == "__main__":
    sys.exit(main())
