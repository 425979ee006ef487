"""Resume a British Parliamentary league after SIGKILL, as tests/test_resume.py does for 1v1 (the
debaters are loopback models with a little latency, so kills land mid-room with calls in flight;
a call whose reply was stored before a kill never reaches the server again, and the finished
league equals an uninterrupted run's); and a debater that cannot speak forfeits its rooms."""

from __future__ import annotations

import json
import signal
from pathlib import Path

import pytest

from debate.testing import FakeOpenAIServer, run_cli
from debate.testing.fake_openai import Reply
from tests._loopback import good, state_of, write_league
from tests.test_resume import KEY, Counting, HashOf, reference, spawn, stored_hashes

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
        hash_of = HashOf(path)
        db = tmp_path / "killed.db"
        repeated_in_flight = 0
        for extra in (3, 17):  # mid round 1, then mid round 2 of the resumed run
            before = stored_hashes(db)
            start = len(srv.requests)
            counting.arm(counting.n + extra)
            proc = spawn(path, db)
            assert counting.reached.wait(60), proc.stderr.read().decode() if proc.poll() is not None else ""
            proc.send_signal(signal.SIGKILL)
            proc.wait(30)
            assert proc.returncode == -signal.SIGKILL
            seen = [hash_of(r) for r in srv.requests[start:]]
            assert not set(seen) & set(before), "a stored call was paid for again"
            repeated_in_flight += sum(1 for h in seen if h not in stored_hashes(db))
        start, before = len(srv.requests), stored_hashes(db)
        counting.arm(10 ** 9)
        proc = spawn(path, db)
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
        assert not {hash_of(r) for r in srv.requests[start:]} & set(before)
        total = len(srv.requests)
    assert state_of(db).finished and state_of(ref).finished
    assert rooms(db) == rooms(ref) and table(db) == table(ref)
    assert all(len(dict(r[2])) == 4 for r in rooms(db))
    # only calls in flight at a kill were made twice: at most one a room
    assert total - len(debater_calls) == repeated_in_flight <= 2 * 2
    assert set(stored_hashes(db)) == set(stored_hashes(ref))


def test_a_debater_that_cannot_speak_forfeits_its_rooms_and_moves_no_rating(tmp_path: Path) -> None:
    """A fatal error (a bad key) stops the debater for the run: each of its rooms is a forfeit in
    which the other three share the top places (2 team points each) and it takes the last."""
    def responder(req: dict) -> Reply:
        if req["model"] == "weak":
            return Reply(status=401, error_body=json.dumps({"error": {
                "message": "Incorrect API key provided", "type": "invalid_request_error",
                "code": "invalid_api_key"}}))
        return good(req)

    with FakeOpenAIServer(responder) as srv:
        path = write_league(tmp_path / "league.yaml", srv.base_url, debaters=DEBATERS[:8], rounds=2,
                            format="bp")
        assert run_cli("run", str(path), "--db", str(tmp_path / "f.db"), "-q") == 0
    state = state_of(tmp_path / "f.db")
    mine = [r for r in state.results() if "weak" in r.debaters]
    assert len(mine) == 2 and all(r.result == "forfeit" and r.winner is None for r in mine)
    assert all(r.ranks["weak"] == 4.0 and {r.ranks[n] for n in r.debaters if n != "weak"} == {2.0} for r in mine)
    assert "stopped for the rest of this run" in mine[0].reason
    row = next(s for s in state.standings if s.name == "weak")
    assert row.team_points == 0 and row.mu == 25.0  # forfeits move no rating
    others = [r for r in state.results() if "weak" not in r.debaters]
    assert all(r.result == "decided" for r in others)
