"""The benchmark's generator keeps to the page contract (no timing here: `make bench` does that)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

import bench
import kb
import parity


def test_synthetic_knowledge_base_passes_the_checker(tmp_path: Path) -> None:
    root = bench.generate(tmp_path / "kb", 3)
    knowledge_base = kb.load(root)
    assert parity.run(knowledge_base) == []
    models = [f"models/{m}.md" for m in ("b2b-0000", "b2c-0001", "c2c-0002")]
    for lang in kb.LANGUAGES:
        assert sorted(r for r in knowledge_base.pages[lang] if r.startswith("models/")) == sorted(
            [*models, kb.MODELS_INDEX]
        )
    assert knowledge_base.data is not None
    assert knowledge_base.data.model_ids == ["b2b-0000", "b2c-0001", "c2c-0002"]
    assert (root / parity.LOCK_FILE).is_file()


def test_config_variants(tmp_path: Path) -> None:
    root = bench.generate(tmp_path / "kb", 3)
    models = [f"models/{m}.md" for m in ("b2b-0000", "b2c-0001", "c2c-0002")]
    assert [f for f in kb.nav_files(root) if f.startswith("models/")] == [kb.MODELS_INDEX, *models]
    full = yaml.load((root / "mkdocs.yml").read_text("utf-8"), Loader=kb.MkDocsConfigLoader)
    plain = yaml.load((root / "mkdocs.plain.yml").read_text("utf-8"), Loader=kb.MkDocsConfigLoader)
    single = yaml.load((root / "mkdocs.single.yml").read_text("utf-8"), Loader=kb.MkDocsConfigLoader)
    assert full["hooks"] and all(Path(h).is_absolute() and Path(h).is_file() for h in full["hooks"])
    assert "hooks" not in plain
    assert plain["nav"] == full["nav"] == single["nav"]
    (i18n,) = [p["i18n"] for p in single["plugins"] if isinstance(p, dict) and "i18n" in p]
    builds = {lang["locale"]: lang.get("build", True) for lang in i18n["languages"]}
    assert builds == {"zh": True, "en": False}


def test_full_nav_variants_lift_the_nav_limit(tmp_path: Path) -> None:
    root = bench.generate(tmp_path / "kb", 3)
    limited = yaml.load((root / "mkdocs.yml").read_text("utf-8"), Loader=kb.MkDocsConfigLoader)
    assert limited["extra"][bench.NAV_LIMIT_KEY] > 0
    for name, has_hooks in (("mkdocs.fullnav.yml", True), ("mkdocs.plain-fullnav.yml", False)):
        config = yaml.load((root / name).read_text("utf-8"), Loader=kb.MkDocsConfigLoader)
        assert config["extra"][bench.NAV_LIMIT_KEY] == 0
        assert config["nav"] == limited["nav"]
        assert ("hooks" in config) is has_hooks


def test_same_pages_variant_builds_our_pages_without_hooks(tmp_path: Path) -> None:
    root = bench.generate(tmp_path / "kb", 3)
    pages = yaml.load((root / "mkdocs.pages.yml").read_text("utf-8"), Loader=kb.MkDocsConfigLoader)
    same = yaml.load((root / "mkdocs.plain-same.yml").read_text("utf-8"), Loader=kb.MkDocsConfigLoader)
    assert pages["hooks"][-1] == str(bench.PAGES_HOOK)
    assert "hooks" not in same and same["docs_dir"] == bench.RENDERED_DOCS
    rendered = bench.render_pages(root, tmp_path / "site")
    page = (rendered / "zh/models/b2b-0000.md").read_text("utf-8")
    source = (root / "docs/zh/models/b2b-0000.md").read_text("utf-8")
    # What our hooks add is in the page: the platform table, the References, the review line.
    assert 'class="references"' in page and "page-reviewed" in page and 'class="references"' not in source
    assert page.startswith("---\n") and "reviewed:" in page.split("---\n")[1]
    assert (rendered / "zh/index.md").is_file() and (rendered / "en/models/b2b-0000.md").is_file()
    bench.mkdocs_build(root / "mkdocs.plain-same.yml", tmp_path / "site", strict=False)
    assert (tmp_path / "site/models/b2b-0000/index.html").is_file()


def test_lighthouse_only_refreshes_the_scores_and_keeps_the_build_figures(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "bench").mkdir()
    (tmp_path / "bench" / "lighthouse.json").write_text(
        json.dumps({"side_by_side": {"/": {"ours": 0.99, "skeleton": 1.0}}}), encoding="utf-8"
    )
    monkeypatch.setattr(bench, "ROOT", tmp_path)
    monkeypatch.setattr(bench, "evaluate", lambda results: [{"target": "t", "value": "v", "met": True}])
    monkeypatch.setattr(bench, "report", lambda results, previous: f"report of {results['generated_at']}\n")
    out = tmp_path / "out"
    out.mkdir()
    assert bench.main(["--out", str(out), "--lighthouse-only"]) == 1  # nothing to refresh yet
    assert "run `make bench` first" in capsys.readouterr().err
    (out / "results.json").write_text('{"generated_at": "then",\n "build_seconds": {"10": 4.2},\n}', "utf-8")
    assert bench.main(["--out", str(out), "--lighthouse-only"]) == 1  # bad JSON: file and line, no traceback
    assert f"{out / 'results.json'}:3: not JSON" in capsys.readouterr().err
    (out / "results.json").write_text('{"generated_at": "then", "build_seconds": {"10": 4.2}}', "utf-8")
    assert bench.main(["--out", str(out), "--lighthouse-only"]) == 0
    results = json.loads((out / "results.json").read_text("utf-8"))
    assert results["build_seconds"] == {"10": 4.2}
    assert results["lighthouse_side_by_side"] == {"/": {"ours": 0.99, "skeleton": 1.0}}
    assert results["targets"] == [{"target": "t", "value": "v", "met": True}]
    assert (out / "README.md").read_text("utf-8") == "report of then\n"
