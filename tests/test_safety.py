"""Money and data safety: budget stops, dry runs, a canary API key, foreign or corrupt files."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from debate.record.state import load_state
from debate.record.store import Store
from debate.testing import FakeOpenAIServer, run_cli
from debate.testing.fake_openai import Reply
from tests import DATA
from tests._loopback import (HJ, SJ, good, is_judge, mini_data, mini_league, results, standings, state_of,
                             write_league)

ROOT = Path(__file__).resolve().parent.parent
CANARY = "sk-canary-7f3a9c1e5b2d4680aa"
PRICE = {"input_per_mtok": 1000.0, "output_per_mtok": 1000.0}  # $0.001 a token: easy money


def priced(path: Path, base_url: str, **top) -> Path:
    import yaml

    write_league(path, base_url, timeout_s=60, **top)
    data = yaml.safe_load(path.read_text())
    for d in data["debaters"]:
        d["price"] = PRICE
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def test_budget_stops_cleanly_before_exceeding_and_resumes_with_more(tmp_path: Path, monkeypatch,
                                                                    capsys) -> None:
    monkeypatch.setenv("LOOP_KEY", "sk-budget-test-000")
    # (without the preflight's probes, so the spend compares call for call with the free run)
    with FakeOpenAIServer(good) as srv:
        free = priced(tmp_path / "free.yaml", srv.base_url, rounds=2)
        assert run_cli("run", str(free), "--db", str(tmp_path / "free.db"), "-q", "--no-preflight") == 0
        with Store(tmp_path / "free.db", readonly=True) as st:
            full_cost = st.call_totals()["cost_usd"]
        srv.requests.clear()
        budget = round(full_cost / 3, 2)
        path = priced(tmp_path / "league.yaml", srv.base_url, rounds=2, budget_usd=budget)
        db = tmp_path / "b.db"
        capsys.readouterr()
        assert run_cli("run", str(path), "--db", str(db), "-q", "--no-preflight") == 3
        err = capsys.readouterr().err
        assert "budget reached" in err and "raise budget_usd (or --max-cost)" in err
        assert "Traceback" not in err
        with Store(db, readonly=True) as st:
            spent, stored = st.call_totals()["cost_usd"], st.call_totals()["calls"]
            assert not load_state(st).finished
        assert 0 < spent <= budget
        assert len(srv.requests) == stored  # nothing paid for was lost
        # the same budget again: at most a smaller call fits; the total stays within it
        assert run_cli("run", str(path), "--db", str(db), "-q", "--no-preflight") == 3
        with Store(db, readonly=True) as st:
            assert st.call_totals()["cost_usd"] <= budget
            assert len(srv.requests) == st.call_totals()["calls"]
        assert run_cli("run", str(path), "--db", str(db), "-q", "--max-cost", "1000", "--no-preflight") == 0
        assert len(srv.requests) == len({json.dumps(r["messages"]) + r["model"] for r in srv.requests})
    with Store(tmp_path / "free.db", readonly=True) as a, Store(db, readonly=True) as b:
        sa, sb = load_state(a), load_state(b)
        assert results(sa) == results(sb) and standings(sa) == standings(sb)
        assert abs(b.call_totals()["cost_usd"] - full_cost) < 1e-9


def test_dry_run_estimates_per_model_and_calls_nothing(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("LOOP_KEY", "sk-dry-run-000")
    path = priced(tmp_path / "league.yaml", "http://127.0.0.1:9/v1", rounds=3, budget_usd=0.5)
    code = ("import sys\nfrom debate.cli import main\nmain(sys.argv[1:])\n"
            "print('LITELLM IMPORTED' if 'litellm' in sys.modules else 'no litellm')")
    proc = subprocess.run([sys.executable, "-c", code, "run", str(path), "--dry-run", "--no-preflight",
                           "--db", str(tmp_path / "x.db")], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"}, timeout=120)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "no litellm" in out  # priced and house models: not even the price table was needed
    assert not (tmp_path / "x.db").exists()
    rows = {line.split("│")[1].strip(): [c.strip() for c in line.split("│")[2:-1]]
            for line in out.splitlines() if line.count("│") > 6}
    # 4 debaters, 3 rounds: 2 debates a round; oxford has 3 speeches a side: 9 calls each
    for name in ("ace", "solid", "plain", "weak"):
        role, model, calls, prompt, completion, cost = rows[name]
        assert (role, model, calls) == ("debater", f"openai/{name}", "9")
        # worst case: each speech at its word limit, 2 tokens a word + 16
        assert int(completion.replace(",", "")) == 3 * (616 + 516 + 416)
        assert float(cost) == pytest.approx((int(prompt.replace(",", "")) + int(completion.replace(",", ""))) / 1000, rel=1e-3)
    # 6 debates, each read twice (position swap is on by default)
    assert rows["hj"][:3] == ["judge", "house/judge", "12"] and float(rows["hj"][5]) == 0
    assert "OVER the budget of $0.5" in out


def test_dry_run_flags_unknown_prices(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("LOOP_KEY", "x")
    path = write_league(tmp_path / "league.yaml", "http://127.0.0.1:9/v1", rounds=1)
    assert run_cli("run", str(path), "--dry-run", "--no-preflight") == 0
    out = capsys.readouterr().out
    assert "unknown price" in out and "no price known for ace" in out


def test_canary_key_never_reaches_db_exports_or_output(tmp_path: Path) -> None:
    def responder(req: dict) -> Reply:
        # A careless provider echoes the key back in its errors.
        if is_judge(req):
            return Reply(status=500, error_body=json.dumps({"error": {"message": f"boom for {CANARY}"}}))
        if req["model"] == "weak":
            return Reply(status=401, error_body=json.dumps(
                {"error": {"message": f"Incorrect API key provided: {CANARY}", "code": "invalid_api_key"}}))
        return good(req)

    env = {**os.environ, "PYTHONPATH": str(ROOT), "LOOP_KEY": CANARY, "COLUMNS": "200"}
    with FakeOpenAIServer(responder) as srv:
        path = write_league(tmp_path / "league.yaml", srv.base_url, judges=[HJ, SJ], retries=1, rounds=2)
        db = tmp_path / "c.db"
        outputs = []
        # past the preflight (whose probe would stop at weak's refused key): the key must not
        # leak from the errors of a run either
        for args in (["run", str(path), "--db", str(db), "--no-preflight", "--verbose"], ["standings", str(db)],
                     ["export", str(db), "-f", "json"], ["export", str(db), "-f", "md"],
                     ["export", str(db), "-f", "csv", "--table", "debates"],
                     ["export", str(db), "-f", "json", "-o", str(tmp_path / "e.json")]):
            proc = subprocess.run([sys.executable, "-m", "debate", *args], capture_output=True,
                                  env=env, cwd=tmp_path, timeout=180)
            # weak never debates (its key refused): the run finishes, its results rank nobody
            assert proc.returncode == (4 if args[0] == "run" else 0), proc.stderr.decode()
            outputs += [proc.stdout, proc.stderr]
        assert all(r["_headers"]["authorization"] == f"Bearer {CANARY}" for r in srv.requests)
    state = state_of(db)
    assert any("authentication" in r.reason for r in state.results())
    assert any("[REDACTED]" in n.detail for n in state.notes)  # the provider's words, redacted
    assert any(b.failed and "[REDACTED]" in b.error for d in state.debates.values() for b in d.ballots)
    files = [p for p in tmp_path.rglob("*") if p.is_file() and p.name != "league.yaml"]
    assert any(p.name.endswith("-wal") for p in files) or any(p.suffix == ".db" for p in files)
    for blob in outputs + [p.read_bytes() for p in files]:
        assert CANARY.encode() not in blob
        assert CANARY[3:].encode() not in blob


@pytest.mark.parametrize("make", [
    lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\x13" * 4000),  # corrupt SQLite
    lambda p: _foreign_sqlite(p),  # another program's database
    lambda p: p.write_text("name,score\nada,3\n"),  # a CSV by mistake
])
def test_corrupt_or_foreign_db_is_refused_and_left_alone(tmp_path: Path, make, monkeypatch,
                                                        capsys) -> None:
    db = tmp_path / "precious.db"
    make(db)
    before = db.read_bytes()
    league = tmp_path / "league.yaml"
    league.write_text(f"name: t\nrounds: 1\nmotions: [{DATA / 'mini-pack.yaml'}]\n"
                      "debaters:\n  - {name: a, model: house/club}\n  - {name: b, model: house/novice}\n")
    for args in (["run", str(league), "--db", str(db), "-q"], ["standings", str(db)],
                 ["export", str(db)]):
        capsys.readouterr()
        assert run_cli(*args) == 2
        err = capsys.readouterr().err
        assert "refusing to touch it" in err or "not a results database" in err
        assert str(db) in err and "Traceback" not in err
    assert db.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["league.yaml", "precious.db"]


def _foreign_sqlite(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    con.execute("INSERT INTO notes (body) VALUES ('keep me')")
    con.commit()
    con.close()


def test_a_viewer_can_read_while_a_run_writes(tmp_path: Path) -> None:
    db = tmp_path / "w.db"
    with Store(db) as writer:
        assert writer.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        writer.db.execute("BEGIN IMMEDIATE")
        writer.db.execute("INSERT INTO meta VALUES ('pending', 'x')")
        with Store(db, readonly=True) as viewer:  # not blocked by the open write transaction
            assert viewer.get_meta("pending") is None
            assert viewer.get_meta("schema_version") == "1"
        writer.db.commit()


def test_budget_warns_about_models_without_a_price(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("LOOP_KEY", "sk-unpriced-000")
    with FakeOpenAIServer(good) as srv:
        path = write_league(tmp_path / "u.yaml", srv.base_url, rounds=1, budget_usd=1.0)
        assert run_cli("run", str(path), "--db", str(tmp_path / "u.db"), "-q") == 0
    notes = [n.message for n in state_of(tmp_path / "u.db").notes]
    assert any("budget cannot count calls to ace, solid, plain, weak" in m for m in notes)


@pytest.mark.parametrize("swap, mirror", [(True, False), (False, False), (False, True)])
def test_dry_run_counts_the_calls_a_run_makes(tmp_path: Path, swap: bool, mirror: bool) -> None:
    """An even field with no failures: the estimate's call count is exactly what gets stored."""
    import asyncio

    from debate.league.config import load_league
    from debate.orchestrator import run_tournament
    from debate.orchestrator.estimate import estimate_league

    league = load_league(mini_league(tmp_path, "league", debaters=mini_data()["debaters"][:4],
                                     judging={"position_swap": swap},
                                     mirror=mirror))  # each pairing debates twice: twice the calls
    estimated = round(sum(e.calls for e in estimate_league(league)))
    with Store(tmp_path / "x.db") as st:
        asyncio.run(run_tournament(league, st))
        assert st.call_totals()["calls"] == estimated
