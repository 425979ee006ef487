"""Resume a British Parliamentary league after SIGKILL, as tests/test_resume.py does for 1v1 (the
debaters are loopback models with a little latency, so kills land mid-room with calls in flight;
a call whose reply was stored before a kill never reaches the server again, and the finished
league equals an uninterrupted run's); and a debater that cannot speak forfeits its rooms."""

from __future__ import annotations

from html import escape as html_escape
from pathlib import Path

import pytest

from debate.domain.bp_verdicts import room_outcome
from debate.testing import FakeOpenAIServer, run_cli
from debate.testing.fake_openai import Reply
from tests._loopback import good, state_of, write_league
from tests.test_faults import _error
from tests.test_resume import KEY, Counting, kill_and_resume, reference, stored_hashes

DEBATERS = ["ace", "solid", "plain", "weak", "ace2", "solid2", "plain2", "weak2", "plain3"]


@pytest.fixture(autouse=True)
def _key(monkeypatch) -> None:
    monkeypatch.setenv("LOOP_KEY", KEY)


def rooms(db: Path) -> list[tuple]:
    return sorted((r.debate_id, tuple(r.seats.items()), tuple(sorted(r.ranks.items())), r.result)
                  for r in state_of(db).results())


def table(db: Path) -> list[tuple]:
    return [(s.name, round(s.mu, 6), round(s.sigma, 6), s.team_points, tuple(s.places), s.byes)
            for s in state_of(db).standings]


def test_sigkill_mid_room_then_resume_pays_nothing_twice(tmp_path: Path) -> None:
    counting = Counting()
    with FakeOpenAIServer(counting, latency_s=0.03) as srv:
        # nine debaters: two rooms of four and a bye a round; the house judge ranks the rooms
        path = write_league(tmp_path / "league.yaml", srv.base_url, debaters=DEBATERS, rounds=2,
                            format="bp", timeout_s=60)
        ref = reference(tmp_path, srv, path)
        debater_calls = {h for h, k in stored_hashes(ref).items() if "/turn" in k}
        assert len(debater_calls) == 2 * 2 * 8  # 2 rounds x 2 rooms x 8 speeches, all distinct
        db = tmp_path / "killed.db"
        # mid round 1, then mid round 2 of the resumed run
        repeated_in_flight = kill_and_resume(path, db, srv, counting, (3, 17))
        total = len(srv.requests)
    assert state_of(db).finished and state_of(ref).finished
    assert rooms(db) == rooms(ref) and table(db) == table(ref)
    assert all(len(dict(r[2])) == 4 for r in rooms(db))
    # only calls in flight at a kill were made twice: at most one a room
    assert total - len(debater_calls) == repeated_in_flight <= 2 * 2
    assert set(stored_hashes(db)) == set(stored_hashes(ref))


@pytest.mark.parametrize("reply, cause", [
    (_error(400, "This model's maximum context length is 4096 tokens.", "context_length_exceeded"), "speech"),
    (_error(401, "Incorrect API key provided", "invalid_api_key"), "outage"),
])
def test_a_debater_that_cannot_speak_forfeits_its_rooms_and_moves_no_rating(tmp_path: Path, reply: Reply,
                                                                             cause: str) -> None:
    """A fatal error stops the debater for the run. Its own failure (a context window too small)
    forfeits each of its rooms: the other three share the top places (2 team points each) and
    it takes the last. An outage (its key refused) voids the room as in 1v1: no places, a bye's
    worth (1.5) to each who was ready, nothing to it, no positions held."""
    def responder(req: dict) -> Reply:
        return reply if req["model"] == "weak" else good(req)

    with FakeOpenAIServer(responder) as srv:
        path = write_league(tmp_path / "league.yaml", srv.base_url, debaters=DEBATERS[:8], rounds=2,
                            format="bp")
        code = run_cli("run", str(path), "--db", str(tmp_path / "f.db"), "-q", "--no-preflight")
    assert code == (0 if cause == "speech" else 4)  # 4: weak never debated, its place means nothing
    state = state_of(tmp_path / "f.db")
    mine = [r for r in state.results() if "weak" in r.debaters]
    assert len(mine) == 2 and all(r.result == "forfeit" and r.forfeit_cause == cause and r.winner is None
                                  and r.forfeited_by == ["weak"] for r in mine)
    others = {n: p for r in mine for n, p in r.points().items() if n != "weak"}
    if cause == "speech":
        assert all(r.ranks["weak"] == 4.0 and {r.ranks[n] for n in r.debaters if n != "weak"} == {2.0} for r in mine)
        assert set(others.values()) == {2.0} and not any(r.void for r in mine)
    else:
        assert all(r.void and not r.ranks for r in mine) and set(others.values()) == {1.5}
    assert "stopped for the rest of this run" in mine[0].reason
    row = next(s for s in state.standings if s.name == "weak")
    assert row.team_points == 0 and row.mu == 25.0  # forfeits move no rating
    assert sum(row.positions.values()) == (2 if cause == "speech" else 0)
    assert all(r.result == "decided" for r in state.results() if "weak" not in r.debaters)
    # what the run, the exports and the report say of those rooms
    line = room_outcome(mine[0])
    assert "weak (" in line and ("share the top places (2 team points each)" if cause == "speech"
                                          else "no places, 1.5 team points as for a bye to ") in line
    db = str(tmp_path / "f.db")
    assert run_cli("export", db, "-f", "md", "-o", str(tmp_path / "f.md")) == 0
    md = (tmp_path / "f.md").read_text()
    assert f"### {mine[0].debate_id}: " in md
    assert run_cli("export", db, "-f", "csv", "--table", "debates", "-o", str(tmp_path / "f.csv")) == 0
    assert run_cli("report", db, "-o", str(tmp_path / "f.html")) == 0
    html = (tmp_path / "f.html").read_text()
    assert all(html_escape(room_outcome(r)) in html for r in mine)
