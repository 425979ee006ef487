"""The viewer, driven by Pilot: each tab, a debate and back, filter, help, quit, follow, live."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

from debate.record.store import Store
from debate.testing import run_cli
from tests.tui_sample import HOSTILE, SIZE, all_events, round_events, start_event, until, until_loaded, write_db
from tui import make_app
from tui.screens import DebateScreen, HelpScreen
from tui.widgets import (BallotCard, BracketTable, JudgesPanel, NotesLog, RatingsPane, SpeechCard,
                         StandingsTable)


def shown(widget) -> str:
    """What a Static shows, as plain text (its content rendered by rich, styles dropped)."""
    from rich.console import Console

    console = Console(width=100, record=True, file=io.StringIO(), color_system=None)
    console.print(widget.content)
    return console.export_text()


def cells(table, column: int) -> list[str]:
    return [str(table.get_row_at(i)[column]) for i in range(table.row_count)]


async def test_each_tab_of_a_finished_tournament(sample_db: Path) -> None:
    app = make_app(db=sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await until_loaded(pilot)
        await pilot.pause()
        standings = app.main.query_one(StandingsTable)
        assert cells(standings, 1) == ["alpha", "delta", "bravo", "echo", "charlie"]
        await pilot.press("s")  # sort by the Bradley-Terry rating: same order, the mark moves
        assert standings.sort_key == "bt"
        await pilot.press("r")
        assert cells(standings, 1)[0] == "charlie"

        await pilot.press("2")
        bracket = app.main.query_one(BracketTable)
        await pilot.pause()
        assert cells(bracket, 1) == ["r1-d1", "r1-d2", "bye", "r2-d1", "r2-d2", "bye"]
        assert cells(bracket, 4)[:2] == ["decided", "decided"]
        assert "pull-up:bravo" in cells(bracket, 8)[4] and "overrun:bravo" in cells(bracket, 8)[4]
        assert "injection:pro" in cells(bracket, 8)[0]

        await pilot.press("3")
        await pilot.pause()
        pane = app.main.query_one(RatingsPane)
        assert pane._names == ["alpha", "delta", "bravo", "echo", "charlie"]  # by latest mu

        await pilot.press("4")
        await pilot.pause()
        judges = app.main.query_one(JudgesPanel).query_one("#judges-table")
        assert cells(judges, 0) == ["j1", "j2"]
        assert cells(judges, 1) == ["4", "4"]
        assert cells(judges, 7) == ["100%", "75%"]  # j2 dissented once (r2-d1)

        await pilot.press("5")
        await pilot.pause()
        log = app.main.query_one(NotesLog)
        assert any("[blink]overran[/]" in line.text for line in log.lines)


async def test_drill_into_a_debate_and_back(sample_db: Path) -> None:
    app = make_app(db=sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await until_loaded(pilot)
        # Memory stays flat: finished speeches keep their counts but not their text.
        assert all(s.text == "" for d in app.vs.state.debates.values() for s in d.speeches)
        await pilot.press("2", "enter")
        await until(pilot, lambda: isinstance(app.screen, DebateScreen), "the debate screen")
        await pilot.pause()
        screen = app.screen
        assert screen.debate_id == "r1-d1"
        cards = list(screen.query(SpeechCard))
        assert len(cards) == 4
        first = shown(cards[0])
        # Untrusted text: markup shown literally, escape codes and bells removed.
        assert "[bold red]not markup[/]" in first and "\x1b" not in first and "\x07" not in first
        assert "alpha" in first and "10/40 words" in first
        ballots = list(screen.query(BallotCard))
        assert len(ballots) == 2
        assert "injection:pro" in shown(ballots[1])
        assert "[i]answered[/i]" in shown(ballots[0])
        assert app.vs.state.debates["r1-d1"].speeches[0].text == HOSTILE  # loaded on demand

        await pilot.press("right_square_bracket")
        await until(pilot, lambda: getattr(app.screen, "debate_id", "") == "r1-d2", "the next debate")
        assert app.vs.state.debates["r1-d1"].speeches[0].text == ""  # dropped again
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, DebateScreen), "the way back")
        assert app.vs.watched is None
        assert app.main.query_one("#tabs").active == "bracket"


async def test_filter_help_and_quit(sample_db: Path) -> None:
    app = make_app(db=sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await until_loaded(pilot)
        await pilot.press("2", "slash", *"delta", "enter")
        await pilot.pause()
        bracket = app.main.query_one(BracketTable)
        assert cells(bracket, 1) == ["r1-d2", "r2-d1"]
        await pilot.press("1")
        await pilot.pause()
        assert cells(app.main.query_one(StandingsTable), 1) == ["delta"]
        await pilot.press("slash", "escape")
        await pilot.pause()
        assert app.filter_text == "" and app.main.query_one(StandingsTable).row_count == 5

        await pilot.press("enter")  # the debater under the cursor (kept through the filter): their debates
        await pilot.pause()
        assert app.main.query_one("#tabs").active == "bracket" and app.filter_text == "delta"

        await pilot.press("question_mark")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen), "the help screen")
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, HelpScreen), "help to close")
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_judges_filter_typed_while_throttled_shows_the_last_text(sample_db: Path, monkeypatch) -> None:
    # A frozen clock makes the panel's once-a-second throttle deterministic: after the tab's
    # first paint, every show is throttled until the deferred repaint fires.
    from types import SimpleNamespace

    import tui.widgets.judges_panel as judges_panel

    monkeypatch.setattr(judges_panel, "time", SimpleNamespace(monotonic=lambda: 1000.0))
    app = make_app(db=sample_db)
    async with app.run_test(size=SIZE) as pilot:
        await until_loaded(pilot)
        await pilot.press("4")
        await pilot.pause()
        panel = app.main.query_one(JudgesPanel)
        judges = panel.query_one("#judges-table")
        assert cells(judges, 0) == ["j1", "j2"]
        await pilot.press("slash", "j")  # throttled: the panel defers its repaint
        await until(pilot, lambda: panel._pending, "the deferred repaint to be scheduled")
        await pilot.press("2")  # typed before the deferred repaint fires
        await until(pilot, lambda: not panel._pending, "the deferred repaint")
        await pilot.pause()
        assert app.filter_text == "j2"
        assert cells(judges, 0) == ["j2"]


async def test_follows_a_database_another_task_is_writing(tmp_path: Path) -> None:
    db = tmp_path / "growing.db"
    write_db(db, [start_event(), *round_events(1)])
    app = make_app(db=db)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: 1 in app.vs.state.rounds and app.vs.state.rounds[1].completed, "round 1")
        await pilot.press("2")
        assert not app.vs.state.finished

        async def writer() -> None:  # another writer, as a headless `debate run` would be
            with Store(db) as store:
                for ev in all_events()[len(round_events(1)) + 1:]:
                    store.append(ev)
                    await asyncio.sleep(0)

        task = asyncio.create_task(writer())
        await until(pilot, lambda: app.vs.state.finished, "the new rounds to appear")
        await task
        await pilot.pause(0.2)
        assert cells(app.main.query_one(BracketTable), 1)[-3:] == ["r2-d1", "r2-d2", "bye"]
        assert "finished" in shown(app.main.query_one("#status"))


TINY_LEAGUE = """
name: tiny
seed: 3
rounds: 2
format: oxford
motions: [{pack}]
debaters:
  - {{name: nov, model: house/novice}}
  - {{name: club, model: house/club}}
  - {{name: champ, model: house/champion}}
judges:
  - {{name: j1, model: house/judge}}
"""


async def test_runs_a_league_live(tmp_path: Path, data_dir: Path) -> None:
    from debate.league.config import load_league

    league = tmp_path / "tiny.yaml"
    league.write_text(TINY_LEAGUE.format(pack=data_dir / "mini-pack.yaml"))
    app = make_app(league=load_league(league), db=tmp_path / "live.db")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await until(pilot, lambda: app.vs.state.debates, "the first pairing", ticks=600)
        await pilot.press("enter")  # open a debate while it is being run
        await until(pilot, lambda: isinstance(app.screen, DebateScreen), "the debate screen")
        await until(pilot, lambda: app.vs.state.finished, "the league to finish", ticks=1200)
        await pilot.pause(0.2)
        watched = app.vs.state.debates[app.screen.debate_id]
        assert all(s.text for s in watched.speeches)  # the watched debate keeps its text
        others = [s for d in app.vs.state.debates.values() if d.debate_id != watched.debate_id
                  for s in d.speeches]
        assert others and all(not s.text for s in others)
        await pilot.press("escape", "1")
        await pilot.pause(0.2)
        assert app.main.query_one(StandingsTable).row_count == 3
        assert app.source.error is None


def test_cli_refuses_a_missing_or_foreign_database(tmp_path: Path, capsys) -> None:
    assert run_cli("tui", str(tmp_path / "missing.db")) == 2
    assert "no such results database" in capsys.readouterr().err
    other = tmp_path / "other.db"
    other.write_text("not sqlite")
    assert run_cli("tui", str(other)) == 2
    assert "not a results database" in capsys.readouterr().err
    assert run_cli("tui", str(tmp_path / "nope.yaml")) == 2


async def test_a_resumed_league_shows_what_the_database_already_holds(tmp_path: Path, data_dir: Path) -> None:
    import yaml

    from debate.league.config import parse_league

    db = write_db(tmp_path / "old.db", [start_event(), *round_events(1)])  # another league's history
    # A league whose engine refuses this database: the viewer still shows the stored rounds
    # and names the problem instead of going blank or crashing.
    league = parse_league(yaml.safe_load(TINY_LEAGUE.format(pack=data_dir / "mini-pack.yaml")),
                          tmp_path / "tiny.yaml")
    app = make_app(league=league, db=db)
    async with app.run_test(size=SIZE) as pilot:
        await until(pilot, lambda: app.source.done, "the engine to stop")
        await pilot.pause(0.2)
        assert sorted(app.vs.state.rounds) == [1] and len(app.vs.state.debates) == 2
        assert "different tournament" in (app.source.error or "")
        assert "different tournament" in shown(app.main.query_one("#status"))


async def test_house_pace_paces_the_stream_and_changes_nothing_said(monkeypatch) -> None:
    """`debate tui`'s demo streams house speeches at a reading pace: one pause per chunk of
    1/pace seconds, and the same words in the end (the results cannot depend on the pace)."""
    from debate.gateway import house_provider

    messages = [{"role": "system", "content": "You are the proposition. Speak for the motion."},
                {"role": "user", "content": "Motion: This House would ban homework. Opening speech, 120 words."}]

    async def stream() -> tuple[str, list[float], int]:
        pauses: list[float] = []
        real_sleep = asyncio.sleep

        async def fake_sleep(s: float) -> None:
            pauses.append(s)
            await real_sleep(0)

        monkeypatch.setattr(house_provider.asyncio, "sleep", fake_sleep)
        chunks = [c async for c in house_provider.stream_text("house/club", messages, {"seed": 3})]
        monkeypatch.setattr(house_provider.asyncio, "sleep", real_sleep)
        return "".join(chunks), pauses, len(chunks)

    monkeypatch.setattr(house_provider, "PACE_WPS", 0.0)
    fast, fast_pauses, n = await stream()
    monkeypatch.setattr(house_provider, "PACE_WPS", 40.0)
    paced, paced_pauses, m = await stream()
    assert paced == fast and len(fast.split()) > 20 and m == n
    assert all(p == 0 for p in fast_pauses)
    assert paced_pauses == [1 / 40] * (n - 1)


def test_cli_refuses_a_negative_pace() -> None:
    assert run_cli("tui", "--pace", "-1") == 2
