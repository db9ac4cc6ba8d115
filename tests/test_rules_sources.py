"""What counts as a figure that needs a source, how "12 months ago" is counted, and when two URLs
name the same page."""

from __future__ import annotations

import datetime as dt

import pytest

from rules.sources import figure_in, months_before, same_page, today


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("截至2025年", ("a year", "2025")),
        ("in 2025.", ("a year", "2025")),
        ("增长 35%", ("a percentage", "35%")),
        ("增长 35％", ("a percentage", "35％")),
        ("百分之五十", ("a percentage", "百分之")),
        ("¥99 一件", ("an amount", "¥99")),
        ("US$5 billion", ("an amount", "$5")),
        ("5.2 亿元", ("an amount", "5.2 亿")),
        ("300 万用户", ("an amount", "300 万")),
        ("1.2 million users", ("an amount", "1.2 million")),
        ("3 billion", ("an amount", "3 billion")),
        ("1,000 元", ("an amount", "1,000 元")),
        ("11 月 11 日", ("a date", "11 月 11 日")),
        ("on March 3, the", ("a date", "March 3")),
    ],
)
def test_figures_that_need_a_source(text: str, expected: tuple[str, str]) -> None:
    assert figure_in(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "B2B、O2O 和 B2B2C 模式",  # digits inside Latin words are names
        "3C 数码",
        "1688.com",
        "v2025x",
        "a million reasons",
        "Top 10 sellers",
        "30 天无理由退货",
        "万物皆可卖",
        "May be",
    ],
)
def test_names_and_small_numbers_are_not_figures(text: str) -> None:
    assert figure_in(text) is None


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        ("2026-11-28", 12, "2025-11-28"),
        ("2026-11-28", 24, "2024-11-28"),
        ("2024-02-29", 12, "2023-02-28"),  # no 29 February in 2023
        ("2026-03-31", 1, "2026-02-28"),
        ("2026-01-15", 1, "2025-12-15"),
    ],
)
def test_months_before(day: str, months: int, expected: str) -> None:
    assert months_before(dt.date.fromisoformat(day), months).isoformat() == expected


def test_today_comes_from_kb_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KB_TODAY", "2030-01-02")
    assert today() == dt.date(2030, 1, 2)
    monkeypatch.setenv("KB_TODAY", "not a date")
    with pytest.raises(ValueError, match="KB_TODAY='not a date' is not a date"):
        today()
    monkeypatch.delenv("KB_TODAY")
    assert today() == dt.date.today()


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("https://example.com/news/1", "http://www.example.com/news/1/", True),
        ("https://Example.com/news/1#top", "https://example.com/news/1", True),
        ("https://example.com/news?id=1", "https://example.com/news?id=2", False),
        ("https://example.com/news/1", "https://example.com/news/2", False),
        ("https://example.com/", "https://example.com", True),
    ],
)
def test_same_page(a: str, b: str, same: bool) -> None:
    assert (same_page(a) == same_page(b)) is same
