"""Snapshots of the main screens at 120x40 (update with `pytest --snapshot-update`, then look)."""

from __future__ import annotations

from pathlib import Path

from tests.tui_sample import write_db
from tui import make_app

SIZE = (120, 40)


def _loaded(*keys: str):
    async def run_before(pilot) -> None:
        app = pilot.app
        for _ in range(400):
            if app.vs.state.finished:
                break
            await pilot.pause(0.05)
        await pilot.press(*keys)
        await pilot.pause(0.3)
    return run_before


def test_standings_snapshot(snap_compare, tmp_path: Path) -> None:
    app = make_app(db=write_db(tmp_path / "s.db"))
    assert snap_compare(app, terminal_size=SIZE, run_before=_loaded())


def test_bracket_snapshot(snap_compare, tmp_path: Path) -> None:
    app = make_app(db=write_db(tmp_path / "s.db"))
    assert snap_compare(app, terminal_size=SIZE, run_before=_loaded("2", "down", "down", "down"))


def test_debate_snapshot(snap_compare, tmp_path: Path) -> None:
    app = make_app(db=write_db(tmp_path / "s.db"))
    assert snap_compare(app, terminal_size=SIZE, run_before=_loaded("2", "enter"))
