"""`mirror: true` leagues: every pairing debates twice with sides swapped."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import yaml

from debate.errors import UserError
from debate.league.config import load_league
from debate.orchestrator import run_tournament
from debate.record.state import load_state
from debate.record.store import Store


def _league(tmp_path: Path, data_dir: Path, mirror: bool) -> Path:
    league = {"name": "mirror", "seed": 2, "rounds": 2, "format": "oxford", "mirror": mirror,
              "motions": [str(data_dir / "mini-pack.yaml")],
              "debaters": [{"name": n, "model": f"house/{m}"} for n, m in
                           (("nov", "novice"), ("club", "club"), ("champ", "champion"))],
              "judges": [{"name": "j", "model": "house/judge"}]}
    path = tmp_path / f"league-{mirror}.yaml"
    path.write_text(yaml.safe_dump(league))
    return path


def test_mirror_league_runs_both_legs(tmp_path: Path, data_dir: Path) -> None:
    db = tmp_path / "m.db"
    with Store(db) as store:
        asyncio.run(run_tournament(load_league(_league(tmp_path, data_dir, True)), store))
    with Store(db, readonly=True) as store:
        state = load_state(store)
    assert state.finished
    results = state.results()
    assert sorted(r.debate_id for r in results) == ["r1-d1a", "r1-d1b", "r2-d1a", "r2-d1b"]
    legs = {r.debate_id: r for r in results}
    for rnd in (1, 2):
        a, b = legs[f"r{rnd}-d1a"], legs[f"r{rnd}-d1b"]
        assert (a.pro, a.con) == (b.con, b.pro)
    # three debaters, two rounds: two different byes, each worth two wins under mirror
    byes = state.byes()
    assert sorted(byes.values()) == [1, 1]
    # turning mirror off on the same database is refused
    with Store(db) as store, pytest.raises(UserError, match="mirror changed"):
        asyncio.run(run_tournament(load_league(_league(tmp_path, data_dir, False)), store))
