"""A British Parliamentary league of twelve house debaters over four rounds, end to end offline
(examples/bp-league.yaml): rooms of four, eight speeches, ranked ballots, balanced positions, the
house levels in order, and what the exports, the dry run and the judges report make of it."""

from __future__ import annotations

import io
import json
import re
import statistics
from pathlib import Path

import pytest
from rich.console import Console
from textual.widgets import DataTable

from debate.cli.console import ConsoleDisplay
from debate.domain.models import BP_SIDES
from debate.record.store import Store
from debate.league.config import load_league
from debate.orchestrator.estimate import calls_per_debate, estimate_league
from debate.testing import run_cli
from tests._loopback import calls_of, state_of
from tests.test_tui import shown
from tests.tui_sample import SIZE, until, until_loaded
from tui import make_app
from tui.screens import DebateScreen
from tui.widgets import BallotCard, BracketTable, SpeechCard, StandingsTable

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "bp-league.yaml"
LEVELS = ("champion", "expert", "club", "novice")  # strongest first


@pytest.fixture(scope="module")
def played(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("bp") / "bp.db"
    assert run_cli("run", str(EXAMPLE), "--db", str(db), "-q") == 0
    return db


def test_rooms_speeches_and_ballots_are_four_sided(played: Path) -> None:
    state = state_of(played)
    assert state.finished and sorted(state.rounds) == [1, 2, 3, 4]
    fmt = load_league(EXAMPLE).format
    for rnd in state.rounds.values():
        assert len(rnd.draw.pairings) == 3 and not rnd.draw.byes
        assert sorted(x for p in rnd.draw.pairings for x in p.debaters) == sorted(d.name for d in state.debaters)
    for d in state.debates.values():
        speeches = sorted(d.speeches, key=lambda s: s.index)
        assert [s.side for s in speeches] == [t.side for t in fmt.turns]
        assert all(s.speaker == d.seats[s.side] for s in speeches)
        assert len(d.ballots) == 2 and all(sorted(b.ranks) == sorted(BP_SIDES) and len(b.reads) == 2
                                           and not b.failed for b in d.ballots)
        assert d.result is not None and sorted(d.result.ranks.values()) == [1, 2, 3, 4]
        assert d.result.winner == d.result.ranking()[0]


def test_the_progress_lines_count_rooms_and_rank_each_room_with_positions(played: Path) -> None:
    out = io.StringIO()
    display = ConsoleDisplay(Console(file=out, width=100))
    with Store(played, readonly=True) as st:
        for _, ev in st.events():
            display(ev)
    text = out.getvalue()
    assert "12 debaters, 4 rounds (12 rooms), format bp" in text and "3 rooms on" in text
    lines = [ln for ln in text.splitlines() if ln.startswith("[")]
    assert [int(re.match(r"\[(\d+)/12\]", ln).group(1)) for ln in lines] == list(range(1, 13))
    results = {r.debate_id: r for r in state_of(played).results()}
    for ln in lines:
        room = results[ln.split("] ")[1].split(":")[0]]
        want = " > ".join(f"{n} ({room.side_of(n).upper()})" for n in room.ranking())
        assert ln.endswith(f": {want}"), ln


def test_positions_are_balanced_and_house_levels_finish_in_order(played: Path) -> None:
    """Balanced: after four rounds no debater has held a position more than twice or never more
    than once, i.e. every count is one off even at most. In order: the mean final standings
    rank of each level's three debaters, and the mean place they took in their rooms, both rise
    strictly from champion to expert to club to novice."""
    state = state_of(played)
    for s in state.standings:
        counts = [s.positions[x] for x in BP_SIDES]
        assert sum(counts) == 4 and all(abs(c - 1) <= 1 for c in counts), (s.name, counts)
        assert s.team_points == sum(3 * a + 2 * b + c for a, b, c, _ in [s.places])
    level = {d.name: d.model.split("/")[1] for d in state.debaters}
    rank = {lv: statistics.mean(s.rank for s in state.standings if level[s.name] == lv) for lv in LEVELS}
    place = {lv: statistics.mean(r.ranks[n] for r in state.results() for n in r.debaters if level[n] == lv)
             for lv in LEVELS}
    assert [rank[lv] for lv in LEVELS] == sorted(rank.values()) and len(set(rank.values())) == 4, rank
    assert [place[lv] for lv in LEVELS] == sorted(place.values()) and len(set(place.values())) == 4, place


def test_the_dry_run_counts_the_calls_the_league_made(played: Path) -> None:
    league = load_league(EXAMPLE)
    assert calls_per_debate(league) == 8 + 2 * 2
    assert sum(e.calls for e in estimate_league(league)) == calls_of(played) == 12 * calls_per_debate(league)


def test_exports_and_reports_show_seats_ranks_and_points(played: Path, capsys) -> None:
    assert run_cli("export", str(played), "-f", "json") == 0
    data = json.loads(capsys.readouterr().out)
    room = data["rounds"][0]["debates"][0]
    assert list(room["seats"]) == list(BP_SIDES) and "pro" not in room
    assert sorted(room["ranks"].values()) == [1, 2, 3, 4] and sorted(room["points"].values()) == [0, 1, 2, 3]
    assert sorted(room["ballots"][0]["ranks"]) == sorted(BP_SIDES) and room["ballots"][0]["winner"] is None
    assert [sp["role"] for sp in room["speeches"]][::7] == ["Prime Minister", "Opposition Whip"]
    assert {"team_points", "positions", "places"} <= set(data["standings"][0])
    assert set(data["judges"]["position_mean_rank"]) == set(BP_SIDES)
    assert run_cli("export", str(played), "-f", "csv", "--table", "debates") == 0
    head = capsys.readouterr().out.splitlines()[0].split(",")
    assert head[3:7] == list(BP_SIDES) and "og_place" in head
    assert run_cli("export", str(played), "-f", "md") == 0
    md = capsys.readouterr().out
    assert "(OG)" in md and " > " in md and "1st " in md and "(OG, Prime Minister, opening, " in md
    assert run_cli("standings", str(played)) == 0
    assert "places" in capsys.readouterr().out
    assert run_cli("motions", "stats", "general-en", "--db", str(played)) == 0
    got = capsys.readouterr()
    assert "pro = Government (OG, CG)" in got.err and sum(int(ln.split()[1]) for ln in got.out.splitlines()[1:-1]) == 12
    assert run_cli("judges", str(played)) == 0
    out = capsys.readouterr().out
    assert "mean rank by letter" in out and "first place" in out and "swapped pairs" not in out


async def test_the_viewer_shows_rooms_of_four_eight_speeches_and_ranked_ballots(played: Path) -> None:
    app = make_app(db=played)
    async with app.run_test(size=SIZE) as pilot:
        await until_loaded(pilot)
        await pilot.pause()
        standings = app.main.query_one(StandingsTable)
        labels = [str(c.label).split(" ")[0] for c in standings.ordered_columns]
        at = labels.index("pts")
        assert labels[at:at + 3] == ["pts", "1-2-3-4", "pos"] and "W-L-D" not in labels
        await pilot.press("2")
        await pilot.pause()
        bracket = app.main.query_one(BracketTable)
        assert [str(c.label) for c in bracket.ordered_columns][2:6] == ["OG", "OO", "CG", "CO"]
        first = [str(x) for x in bracket.get_row_at(0)]
        room = app.vs.state.debates[first[1]]
        assert [x.split(" ")[0] for x in first[2:6]] == room.debaters
        assert sorted(x.split(" ")[1] for x in first[2:6]) == ["1st", "2nd", "3rd", "4th"]
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, DebateScreen), "the debate screen")
        await pilot.pause()
        cards = list(app.screen.query(SpeechCard))
        assert len(cards) == 8
        assert "OG" in shown(cards[0]) and "Prime Minister" in shown(cards[0])
        assert "Opposition Whip" in shown(cards[7])
        ballots = [shown(b) for b in app.screen.query(BallotCard)]
        assert len(ballots) == 2 and all("rank" in b and "first" in b for b in ballots)
        assert "1st" in shown(app.screen.query_one("#decision"))
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("4")
        await pilot.pause()
        summary = shown(app.main.query_one("#judges-summary"))
        assert "kappa (first place)" in summary and "mean place by position OG" in summary
        assert "swapped pairs" not in summary and "length vs winning" not in summary
        judges = app.main.query_one("#judges-table", DataTable)
        labels = [str(c.label) for c in judges.ordered_columns]
        assert "A-D rank" in labels and "agrees w/ people" not in labels and judges.row_count == 2


def test_the_html_report_shows_team_points_roles_and_places(played: Path, tmp_path: Path) -> None:
    out = tmp_path / "bp.html"
    assert run_cli("report", str(played), "-o", str(out)) == 0
    html = out.read_text()
    assert "team points" in html and "OG-OO-CG-CO" in html and "W-L-D" not in html
    assert html.count("· Prime Minister ·") == 12 and html.count("· Opposition Whip ·") == 12
    assert html.count("places: ") >= 12 and "1st" in html
    # judges: kappa over first places, consistency over ballots of several reads; motions: the bench of
    # each room's first place (12 rooms over 4 motions: too few for a verdict)
    assert "Fleiss&#39; kappa, first place" in html and "swapped pairs" not in html and "length vs winning" not in html
    assert "gov-opp" in html and html.count(">inconclusive<") == 4 and "Government&#39;s share of first places" in html
