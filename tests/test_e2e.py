"""End to end: real HTTP through litellm to a loopback server, the CLI, the demo league."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from debate.league.config import load_league
from debate.orchestrator import run_tournament
from debate.record.state import load_state
from debate.record.store import Store
from debate.testing import FakeOpenAIServer, run_cli


def test_openai_debaters_over_loopback_http(tmp_path: Path, data_dir: Path, monkeypatch) -> None:
    monkeypatch.setenv("LOOPBACK_KEY", "sk-canary-e2e-0123456789")
    with FakeOpenAIServer() as srv:
        league = {
            "name": "loopback", "seed": 1, "rounds": 2, "format": "oxford",
            "motions": [str(data_dir / "mini-pack.yaml")],
            "debaters": [{"name": f"m{i}", "model": "openai/fake", "api_base": srv.base_url,
                          "api_key_env": "LOOPBACK_KEY", "params": {"temperature": 0.2}} for i in range(3)],
            "judges": [{"name": "hj", "model": "house/judge"}],
        }
        path = tmp_path / "league.yaml"
        path.write_text(yaml.safe_dump(league))
        db = tmp_path / "out.db"
        assert run_cli("run", str(path), "--db", str(db), "--quiet") == 0
        # 3 debaters, 2 rounds: one debate a round, six speeches each; and before round 1 one
        # preflight probe (one model, one server, one key: one probe, max_tokens 1)
        assert srv.calls == 13
        assert sum(r.get("max_tokens") == 1 for r in srv.requests) == 1
        assert not any(r.get("stream") for r in srv.requests)  # headless: whole replies, no streaming
        assert all(r["_headers"]["authorization"] == "Bearer sk-canary-e2e-0123456789" for r in srv.requests)
        assert all(r.get("temperature") == 0.2 for r in srv.requests)
    with Store(db, readonly=True) as st:
        state = load_state(st)
        assert state.finished and len(state.results()) == 2
        raw = db.read_bytes() + (tmp_path / "out.db-wal").read_bytes() if (tmp_path / "out.db-wal").exists() else db.read_bytes()
    assert b"sk-canary" not in raw
    assert run_cli("export", str(db), "-f", "json", "-o", str(tmp_path / "x.json")) == 0
    assert "sk-canary" not in (tmp_path / "x.json").read_text()


def test_mini_league_export_shape(tmp_path: Path, mini_league_path: Path, capsys) -> None:
    db = tmp_path / "mini.db"
    assert run_cli("run", str(mini_league_path), "--db", str(db), "-q") == 0
    capsys.readouterr()
    assert run_cli("export", str(db), "-f", "json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["league"]["name"] == "mini-league"
    assert len(data["rounds"]) == 3
    r1 = data["rounds"][0]
    assert r1["number"] == 1 and r1["motion"].startswith("mini/") and len(r1["byes"]) == 1
    d = r1["debates"][0]
    assert d["result"] in ("decided", "draw", "forfeit")
    assert d["winner"] in (d["pro"], d["con"], None)
    assert [s["side"] for s in d["speeches"]] == ["pro", "con"] * 3
    assert {"side", "speaker", "text", "flags"} <= set(d["speeches"][0])
    b = d["ballots"][0]
    assert b["winner"] in (d["pro"], d["con"]) or (b["winner"] is None and "inconsistent" in b["flags"])
    assert set(b["scores"]["pro"]) == {"norms", "evidence", "rebuttal", "style"}
    assert b["reasons"]
    ranks = [s["rank"] for s in data["standings"]]
    assert ranks == list(range(1, 6))
    assert {"name", "mu", "sigma", "wins", "losses"} <= set(data["standings"][0])
    for fmt in ("csv", "md"):
        assert run_cli("export", str(db), "-f", fmt) == 0
        assert "champ" in capsys.readouterr().out
    # The CSV tables carry what the JSON does: Bradley-Terry beside TrueSkill, and the
    # per-category profile as a table of its own.
    import csv
    import io

    assert run_cli("export", str(db), "-f", "csv") == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    by_name = {s["name"]: s for s in data["standings"]}
    for row in rows:
        assert float(row["bt"]) == by_name[row["name"]]["bt"]
        assert float(row["bt_lo"]) <= float(row["bt"]) <= float(row["bt_hi"])
    assert run_cli("export", str(db), "-f", "csv", "--table", "categories") == 0
    cats = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    want = {(s["name"], c, r["debates"]) for s in data["standings"] for c, r in s["categories"].items()}
    assert {(r["name"], r["category"], int(r["debates"])) for r in cats} == want and want


def test_same_seed_same_results_and_resume_is_free(tmp_path: Path, mini_league_path: Path) -> None:
    import asyncio

    league = load_league(mini_league_path)

    def play(db: Path) -> list:
        with Store(db) as st:
            return asyncio.run(run_tournament(league, st))

    a = play(tmp_path / "a.db")
    b = play(tmp_path / "b.db")
    assert [(s.name, round(s.mu, 6)) for s in a] == [(s.name, round(s.mu, 6)) for s in b]
    # Running the finished league again makes no new call and gives the same standings.
    with Store(tmp_path / "a.db") as st:
        calls = st.call_totals()["calls"]
    again = play(tmp_path / "a.db")
    with Store(tmp_path / "a.db") as st:
        assert st.call_totals()["calls"] == calls
    assert [(s.name, round(s.mu, 6)) for s in again] == [(s.name, round(s.mu, 6)) for s in a]


def test_demo_league_ranks_stronger_house_debaters_higher(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    assert run_cli("run", "--db", str(db), "-q") == 0
    with Store(db, readonly=True) as st:
        standings = load_state(st).standings
    level = {"novice": 0, "club": 1, "expert": 2, "champion": 3}
    mean_rank = {}
    for lv in level:
        ranks = [s.rank for s in standings if s.model == f"house/{lv}"]
        mean_rank[lv] = sum(ranks) / len(ranks)
    assert mean_rank["champion"] < mean_rank["novice"]
    assert mean_rank["expert"] < mean_rank["novice"]
    assert mean_rank["champion"] <= mean_rank["club"]
    assert len(standings) >= 8
