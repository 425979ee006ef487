"""The standings stored with each round count that round's results."""

from __future__ import annotations

import asyncio
from pathlib import Path

from debate.league.config import load_league
from debate.orchestrator import run_tournament
from debate.record.events import RoundCompleted, TournamentFinished
from debate.record.store import Store


def test_each_rounds_standings_count_its_own_debates(tmp_path: Path, mini_league_path: Path) -> None:
    league = load_league(mini_league_path)
    with Store(tmp_path / "s.db") as st:
        final = asyncio.run(run_tournament(league, st))
        events = [ev for _, ev in st.events()]
    done = [ev for ev in events if isinstance(ev, RoundCompleted)]
    assert [ev.round for ev in done] == [1, 2, 3]
    for ev in done:
        # every debater plays or sits out each round: results + byes = rounds played so far
        for s in ev.standings:
            assert s.wins + s.losses + s.draws + s.byes == ev.round, (ev.round, s)
    finished = next(ev for ev in events if isinstance(ev, TournamentFinished))
    assert finished.standings == done[-1].standings == final
