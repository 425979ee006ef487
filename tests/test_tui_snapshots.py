"""Snapshots of the main screens at 120x40 (update with `pytest --snapshot-update`, then look)."""

from __future__ import annotations

from pathlib import Path

from tests.tui_sample import SIZE, until, until_loaded
from tui import make_app


def _loaded(*keys: str):
    async def run_before(pilot) -> None:
        await until_loaded(pilot)
        await pilot.press(*keys)
        await pilot.pause(0.3)
    return run_before


def test_standings_snapshot(snap_compare, sample_db: Path) -> None:
    app = make_app(db=sample_db)
    assert snap_compare(app, terminal_size=SIZE, run_before=_loaded())


def test_bracket_snapshot(snap_compare, sample_db: Path) -> None:
    app = make_app(db=sample_db)
    assert snap_compare(app, terminal_size=SIZE, run_before=_loaded("2", "down", "down", "down"))


def test_debate_snapshot(snap_compare, sample_db: Path) -> None:
    app = make_app(db=sample_db)
    assert snap_compare(app, terminal_size=SIZE, run_before=_loaded("2", "enter"))


def test_judging_snapshot(snap_compare, tmp_path: Path) -> None:
    from tests.test_tui_judging import _blind_db
    from tui.screens import JudgeQueueScreen, JudgeScreen

    async def run_before(pilot) -> None:
        app = pilot.app
        await until(pilot, lambda: isinstance(app.screen, JudgeQueueScreen) and app.screen.queue, "the queue")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, JudgeScreen), "the judging screen")
        await pilot.press("8", "tab", "6", "tab")
        await pilot.pause(0.3)

    app = make_app(db=_blind_db(tmp_path / "blind.db"), judge="ann")
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
