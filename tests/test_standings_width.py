"""The standings table fits the terminal: columns drop in priority order, name, rank, the rating
it is sorted by and W-L-D stay whole; `--wide` and a file or pipe show every column, unwrapped.

Snapshots: `pytest tests/test_standings_width.py --snapshot-update`, then read the .ambr file.
"""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from debate.cli.console import STANDINGS_COLUMNS, Column, print_standings, standings_columns
from debate.domain.models import CategoryRecord, Standing, interval_text

NAMES = ["gpt-4o-2024-08-06", "claude-sonnet-4-5", "llama-3.1-70b-instruct", "qwen2.5-72b",
         "house-champion", "house-club", "mistral-large-2411", "house-novice"]


def field() -> list[Standing]:
    rows = []
    for i, name in enumerate(NAMES):
        mu, sigma = 34.0 - 2.5 * i, 3.0 + 0.25 * i
        rows.append(Standing(
            rank=i + 1, name=name, model=f"openai/{name}" if i % 2 else f"anthropic/{name}",
            mu=mu, sigma=sigma, conservative=mu - 3 * sigma, wins=10 - i, losses=i + 2, draws=i % 2,
            byes=i % 3 == 0, buchholz=float(40 - 3 * i), points=812.0 - 41 * i,
            dimensions={"norms": 8.1 - i / 4, "evidence": 7.2 - i / 5, "rebuttal": 6.9 - i / 6,
                        "style": 7.4 - i / 7},
            bt=1300.0 - 60 * i, bt_lo=1210.0 - 60 * i, bt_hi=1390.0 - 60 * i,
            rank_lo=max(1, i), rank_hi=min(8, i + 2), p_best=round(0.6 / (i + 1) ** 2, 3),
            categories={"economy": CategoryRecord(debates=6, wins=6 - i * 0.5,
                                                  dimensions={"norms": 7.0, "style": 6.0 - i / 8})}))
    return rows


def render(width: int, *, terminal: bool = True, wide: bool = False) -> str:
    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=terminal, color_system=None,
                      legacy_windows=False)
    print_standings(field(), "spring-league: final standings", console, wide=wide)
    return buf.getvalue()


@pytest.mark.parametrize("width", [80, 120])
def test_standings_fit_the_terminal(width: int, snapshot) -> None:
    text = render(width)
    table = text.split("By motion category")[0]
    assert max(len(line) for line in table.splitlines()) <= width
    for s in field():  # the columns that always stay are never cut short
        row = next(line for line in table.splitlines() if f" {s.name} " in line)
        for cell in (str(s.rank), interval_text(s.bt, s.bt_lo, s.bt_hi), f"{s.wins}-{s.losses}-{s.draws}"):
            assert f" {cell} " in row, (cell, row)
    assert "--wide shows all" in " ".join(table.split())
    assert text == snapshot


def test_columns_drop_lowest_priority_first() -> None:
    text = render(80)
    head = next(line for line in text.splitlines() if "name" in line)
    # the rank range (priority 1) outlives P(best) (2), which outlives TrueSkill and points (3),
    # the model (4), the rubric dimensions (5), mu and sigma (6), byes (7) and Buchholz (8)
    assert "BT" in head and "rank" in head
    for gone in ("Bhz", "bye", "sigma", "mu ", "model", "points"):
        assert gone not in head, gone
    wider = next(line for line in render(120).splitlines() if "name" in line)
    assert "P(best)" in wider and "TrueSkill" in wider and "Bhz" not in wider


@pytest.mark.parametrize("terminal, wide", [(True, True), (False, False)])
def test_wide_and_files_show_every_column_unwrapped(terminal: bool, wide: bool) -> None:
    text = render(80, terminal=terminal, wide=wide)
    head = next(line for line in text.splitlines() if "name" in line)
    for col in ("model", "mu", "sigma", "bye", "Bhz", "points", "BT", "rank", "P(best)", "TrueSkill",
                "norms", "style"):
        assert col in head, col
    assert "not shown for width" not in text
    rows = [line for line in text.splitlines() if any(f" {n} " in line for n in NAMES)]
    assert len(rows) >= len(NAMES)  # one line each: nothing wrapped


def test_a_new_column_is_one_entry_in_the_list(monkeypatch) -> None:
    extra = Column("rank range", lambda s: f"{s.rank}-{s.rank + 1}", priority=1)
    monkeypatch.setattr("debate.cli.console.STANDINGS_COLUMNS", [*STANDINGS_COLUMNS, extra])
    assert "rank range" in [c.header for c in standings_columns(field())]
    head = next(line for line in render(80).splitlines() if "name" in line)
    assert "rank range" in head and "points" not in head  # priority 1 outlives 3
