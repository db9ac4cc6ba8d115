"""The parity rules on the fixture tree: each broken input gives exactly the expected findings."""

from __future__ import annotations

from pathlib import Path

import pytest

import kb
import parity
from mutations import ACCEPTED, BROKEN, WARNED


def findings_of(root: Path) -> set[tuple[str, int, str]]:
    return {(f.path, f.line, f.code) for f in parity.run(kb.load(root))}


def test_fixture_is_clean(fixture_kb: Path) -> None:
    assert findings_of(fixture_kb) == set()


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_input_gives_exact_findings(fixture_kb: Path, name: str) -> None:
    mutate, expected = BROKEN[name]
    mutate(fixture_kb)
    assert findings_of(fixture_kb) == expected


@pytest.mark.parametrize("name", sorted(WARNED))
def test_warned_input_gives_exact_warnings(fixture_kb: Path, name: str) -> None:
    mutate, expected = WARNED[name]
    mutate(fixture_kb)
    findings = parity.run(kb.load(fixture_kb))
    assert {(f.path, f.line, f.code) for f in findings} == expected
    assert all(f.is_warning for f in findings)


@pytest.mark.parametrize("name", sorted(ACCEPTED))
def test_unusual_but_valid_input_is_accepted(fixture_kb: Path, name: str) -> None:
    mutate, expected = ACCEPTED[name]
    mutate(fixture_kb)
    assert findings_of(fixture_kb) == expected


def test_messages_name_what_was_expected(fixture_kb: Path) -> None:
    mutate, _ = BROKEN["anchor renamed"]
    mutate(fixture_kb)
    messages = {f.code: f.message for f in parity.run(kb.load(fixture_kb))}
    assert messages["E102"] == (
        "section anchor 'revenue' does not match docs/zh/models/b2c.md (expected 'revenue-model')"
    )


# --- translation sync ---------------------------------------------------------------------


def edit(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def test_one_sided_edit_reports_the_other_side_and_where(fixture_kb: Path) -> None:
    edit(fixture_kb / "docs/zh/models/b2c.md", "正文。\n\n## 关键指标", "新的正文。\n\n## 关键指标")
    (finding,) = parity.run(kb.load(fixture_kb))
    # On the changed side's heading (the lines a pull request touched), naming the stale side.
    assert (finding.path, finding.line, finding.code) == ("docs/zh/models/b2c.md", 31, "W500")
    assert finding.is_warning
    assert finding.message.startswith("section 'when-to-use' changed since the last sync")
    assert "docs/en/models/b2c.md:31 is outdated" in finding.message
    assert parity.errors([finding]) == [] and parity.errors([finding], strict=True) == [finding]


def test_stamp_records_the_sync(fixture_kb: Path) -> None:
    edit(fixture_kb / "docs/zh/models/b2c.md", "正文。", "新的正文。")
    assert parity.run(kb.load(fixture_kb))
    assert parity.stamp(kb.load(fixture_kb)) == ["models/b2c.md"]
    assert parity.run(kb.load(fixture_kb)) == []


def test_editing_both_sides_then_stamping_is_clean(fixture_kb: Path) -> None:
    edit(fixture_kb / "docs/zh/models/b2c.md", "正文。", "新的正文。")
    edit(fixture_kb / "docs/en/models/b2c.md", "Body text.", "New body text.")
    assert parity.run(kb.load(fixture_kb)) == []  # both sides moved: nothing is outdated
    parity.stamp(kb.load(fixture_kb))
    assert parity.run(kb.load(fixture_kb)) == []


def test_pair_without_a_sync_record_is_reported(fixture_kb: Path) -> None:
    (fixture_kb / parity.LOCK_FILE).write_text("{}", encoding="utf-8")
    codes = {(f.path, f.code) for f in parity.run(kb.load(fixture_kb))}
    assert ("docs/en/models/b2b.md", "E501") in codes
    assert len(codes) == 3


def test_sync_works_without_git(fixture_kb: Path) -> None:
    assert not (fixture_kb / ".git").exists()
    edit(fixture_kb / "docs/en/index.md", "# Home", "# Home page")
    assert {f.code for f in parity.run(kb.load(fixture_kb))} == {"W500"}


# --- renderers ------------------------------------------------------------------------------


def test_renderers() -> None:
    finding = kb.Finding("docs/en/a.md", 3, "E300", "link 'x.md' points to a missing file")
    assert parity.render_text([finding]).splitlines() == [
        "docs/en/a.md:3: E300 link 'x.md' points to a missing file",
        "Found 1 problem in 1 file.",
    ]
    assert parity.render_github([finding]).splitlines()[0] == (
        "::error file=docs/en/a.md,line=3,title=E300::link 'x.md' points to a missing file"
    )
    assert '"line": 3' in parity.render_json([finding])


def test_a_misspelt_search_option_is_named(fixture_kb: Path) -> None:
    mutate, _ = BROKEN["search option misspelt"]
    mutate(fixture_kb)
    messages = {f.message for f in parity.run(kb.load(fixture_kb)) if f.code == "E201"}
    assert messages == {"front matter key 'search': unknown key(s) 'bost'; allowed: exclude, boost"}
