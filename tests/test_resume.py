"""Resume: SIGKILL at several points, Ctrl-C once and twice, league-file changes.

The debaters are loopback models with a little latency, so kills land mid-round with calls in
flight. Each request the server sees is mapped back to the request hash the gateway stores:
a call whose response was stored before a kill must never reach the server again.
"""

from __future__ import annotations

import os
import selectors
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from debate.gateway.gateway import request_hash
from debate.league.config import load_league
from debate.record.store import Store
from debate.testing import FakeOpenAIServer, run_cli
from tests._loopback import calls_of, good, mini_data, mini_league, results, standings, state_of, write_league

ROOT = Path(__file__).resolve().parent.parent
KEY = "sk-resume-test-key-0000"


@pytest.fixture(autouse=True)
def _key(monkeypatch) -> None:
    monkeypatch.setenv("LOOP_KEY", KEY)


class Counting:
    """A responder that wakes the test when the server has seen a given number of requests."""

    def __init__(self, base=good) -> None:
        self.base, self.n, self.target = base, 0, None
        self.reached = threading.Event()
        self.lock = threading.Lock()

    def arm(self, target: int) -> None:
        with self.lock:
            self.target = target
            self.reached.clear()
            if self.n >= target:
                self.reached.set()

    def __call__(self, req: dict):
        with self.lock:
            self.n += 1
            if self.target is not None and self.n >= self.target:
                self.reached.set()
        return self.base(req)


def spawn(path: Path, db: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LOOP_KEY": KEY}
    return subprocess.Popen([sys.executable, "-m", "debate", "run", str(path), "--db", str(db), "-q",
                             "--no-preflight"],  # the kill points count the debates' requests
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=ROOT)


def stored_hashes(db: Path) -> dict[str, str]:
    if not db.exists():
        return {}
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return dict(con.execute("SELECT request_hash, key FROM calls").fetchall())
    finally:
        con.close()


class HashOf:
    def __init__(self, path: Path) -> None:
        league = load_league(path, check_env=False)
        self.entries = {e.model.split("/", 1)[1]: e for e in league.config.debaters}

    def __call__(self, req: dict) -> str:
        return request_hash(self.entries[req["model"]], req["messages"], {})


def reference(tmp_path: Path, srv: FakeOpenAIServer, path: Path) -> Path:
    ref = tmp_path / "ref.db"
    assert run_cli("run", str(path), "--db", str(ref), "-q", "--no-preflight") == 0
    srv.requests.clear()
    return ref


def same_tournament(a: Path, b: Path) -> None:
    x, y = state_of(a), state_of(b)
    assert x.finished and y.finished
    assert results(x) == results(y)
    assert standings(x) == standings(y)


def kill_and_resume(path: Path, db: Path, srv: FakeOpenAIServer, counting: Counting,
                    kills: tuple[int, ...]) -> int:
    """Run `path` on `db` and SIGKILL it once the server has seen each count in `kills` of new
    requests, each restart replaying what was stored; then let a last run finish. Asserts that
    no call stored before a kill reached the server again; returns how many calls in flight at
    a kill were made again."""
    hash_of = HashOf(path)
    repeated_in_flight = 0
    for extra in kills:
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
        after = stored_hashes(db)
        repeated_in_flight += sum(1 for h in seen if h not in after)
    start, before = len(srv.requests), stored_hashes(db)
    counting.arm(10 ** 9)
    proc = spawn(path, db)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err.decode()
    last = [hash_of(r) for r in srv.requests[start:]]
    assert not set(last) & set(before)
    return repeated_in_flight


def test_sigkill_at_several_points_then_resume_pays_nothing_twice(tmp_path: Path) -> None:
    counting = Counting()
    with FakeOpenAIServer(counting, latency_s=0.03) as srv:
        # a long timeout: on a loaded machine a slow reply must not be retried (and counted)
        path = write_league(tmp_path / "league.yaml", srv.base_url, rounds=3, timeout_s=60)
        ref = reference(tmp_path, srv, path)
        debater_calls = {h for h, k in stored_hashes(ref).items() if "/turn" in k}
        assert len(debater_calls) == 36  # 3 rounds x 2 debates x 6 speeches, all distinct
        db = tmp_path / "killed.db"
        # SIGKILL after the 3rd request of the first run (mid round 1), then mid-way through
        # the later rounds; each restart replays what was stored.
        repeated_in_flight = kill_and_resume(path, db, srv, counting, (3, 14, 12))
        total = len(srv.requests)
    same_tournament(ref, db)
    # Only calls in flight at a kill were made twice (at most the two debates of a round each).
    assert total - len(debater_calls) == repeated_in_flight <= 3 * 2
    assert set(stored_hashes(db)) == set(stored_hashes(ref))


def _read_until(proc: subprocess.Popen, text: str, timeout: float = 60) -> str:
    sel = selectors.DefaultSelector()
    sel.register(proc.stderr, selectors.EVENT_READ)
    buf, deadline = b"", time.monotonic() + timeout
    while text.encode() not in buf:
        left = deadline - time.monotonic()
        assert left > 0, buf.decode()
        if not sel.select(left):
            continue
        chunk = os.read(proc.stderr.fileno(), 4096)
        if not chunk:
            break
        buf += chunk
    sel.close()
    return buf.decode()


@pytest.mark.parametrize("presses", [1, 2])
def test_ctrl_c_saves_and_exits_130_then_resumes(tmp_path: Path, presses: int) -> None:
    counting = Counting()
    # A slow server for the twice case, so the second Ctrl-C lands with calls in flight.
    with FakeOpenAIServer(counting, latency_s=0.03 if presses == 1 else 0.4) as srv:
        path = write_league(tmp_path / "league.yaml", srv.base_url, rounds=2, timeout_s=60)
        ref = reference(tmp_path, srv, path)
        db = tmp_path / "int.db"
        counting.arm(counting.n + 5)
        proc = spawn(path, db)
        assert counting.reached.wait(60)
        proc.send_signal(signal.SIGINT)
        out = _read_until(proc, "stopping: no new calls")
        at_signal = len(srv.requests)
        if presses == 2:
            proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        err = out + err.decode()
        assert proc.returncode == 130, err
        assert "Traceback" not in err
        assert ("interrupted twice: stopped at once" if presses == 2 else "interrupted; run the same command") in err
        # no new call started after the first Ctrl-C (one may have been on its way already)
        assert len(srv.requests) - at_signal <= 2
        state = state_of(db)
        assert not state.finished
        assert any("run stopped" in n.message for n in state.notes) or presses == 2
        if presses == 1:  # calls in flight were let finish and stored
            assert len(stored_hashes(db)) >= at_signal - 2
        srv.requests.clear()
        assert run_cli("run", str(path), "--db", str(db), "-q") == 0
    same_tournament(ref, db)


def test_more_rounds_and_an_added_debater_continue(tmp_path: Path) -> None:
    db = tmp_path / "grow.db"
    assert run_cli("run", str(mini_league(tmp_path, "a", rounds=2)), "--db", str(db), "-q") == 0
    first = results(state_of(db))
    n2 = calls_of(db)
    base = mini_data()
    debaters = base["debaters"] + [{"name": "late", "model": "house/expert", "params": {"seed": 9}}]
    assert run_cli("run", str(mini_league(tmp_path, "b", rounds=4, debaters=debaters)), "--db", str(db), "-q") == 0
    state = state_of(db)
    assert state.finished and sorted(state.rounds) == [1, 2, 3, 4]
    assert set(first) <= set(results(state))  # the first two rounds stand as they were
    assert "late" in {s.name for s in state.standings}
    assert any("late" in (r.pro, r.con) for r in state.results() if r.round >= 3)
    assert calls_of(db) > n2  # new rounds were played; the first two were replayed for free


@pytest.mark.parametrize("change, words", [
    ({"format": "flageval"}, "format changed"),
    ({"seed": 4}, "seed changed"),
    ({"rounds": 1}, "rounds lowered to 1"),
    ({"debaters": "drop-one"}, "debater 'club2' was removed"),
    ({"debaters": "swap-model"}, "debater 'nov' changed model"),
])
def test_incompatible_league_change_is_refused_clearly(tmp_path: Path, change: dict, words: str,
                                                       capsys) -> None:
    db = tmp_path / "t.db"
    assert run_cli("run", str(mini_league(tmp_path, "a", rounds=2)), "--db", str(db), "-q") == 0
    before = calls_of(db)
    with Store(db, readonly=True) as st:
        events = st.last_seq()
    base = mini_data()
    if change.get("debaters") == "drop-one":
        change = {"debaters": base["debaters"][:-1]}
    elif change.get("debaters") == "swap-model":
        change = {"debaters": [{**d, "model": "house/champion"} if d["name"] == "nov" else d
                               for d in base["debaters"]]}
    capsys.readouterr()
    assert run_cli("run", str(mini_league(tmp_path, "b", **{"rounds": 2, **change})), "--db", str(db), "-q") == 2
    err = capsys.readouterr().err
    assert "this database holds a different tournament" in err and words in err
    assert "Traceback" not in err
    with Store(db, readonly=True) as st:
        assert st.last_seq() == events  # nothing written
    assert calls_of(db) == before
