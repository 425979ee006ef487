"""Leagues outlive one run: entrants join, a new model version supersedes the old one."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from pydantic import ValidationError

from debate.cli import cli
from debate.domain.models import Rating
from debate.domain.rating import SIGMA, inherit, initial_rating, rate
from debate.league.config import LeagueConfig, load_league
from debate.orchestrator import run_tournament
from debate.record.state import load_state
from debate.record.store import Store
from debate.reports.history import version_chains


def _write(tmp_path: Path, data_dir: Path, rounds: int, debaters: list[dict]) -> Path:
    league = {"name": "versions", "seed": 4, "rounds": rounds, "format": "oxford",
              "motions": [str(data_dir / "mini-pack.yaml")], "debaters": debaters,
              "judges": [{"name": "j", "model": "house/judge"}]}
    path = tmp_path / f"league-{rounds}.yaml"
    path.write_text(yaml.safe_dump(league))
    return path


def _run(path: Path, db: Path) -> None:
    with Store(db) as store:
        asyncio.run(run_tournament(load_league(path), store))


def test_inherit_starts_a_new_version_from_the_old_rating() -> None:
    old = Rating(mu=31.0, sigma=2.0)
    out = inherit({"a": old}, {"a2": "a"}, seen=["a"])
    assert out["a2"].mu == 31.0 and 2.0 < out["a2"].sigma <= SIGMA
    assert inherit({"a": old, "a2": initial_rating()}, {"a2": "a"}, seen=["a2"])["a2"] == initial_rating()


def test_join_and_supersede_in_the_same_database(tmp_path: Path, data_dir: Path) -> None:
    db = tmp_path / "v.db"
    first = [{"name": "nov", "model": "house/novice"}, {"name": "club", "model": "house/club"},
             {"name": "champ", "model": "house/champion"}, {"name": "exp", "model": "house/expert"}]
    _run(_write(tmp_path, data_dir, 2, first), db)
    second = [d for d in first if d["name"] != "club"] + [
        {"name": "club-v2", "model": "house/club", "params": {"seed": 9}, "supersedes": "club"},
        {"name": "late", "model": "house/novice", "params": {"seed": 3}}]
    _run(_write(tmp_path, data_dir, 3, second), db)
    with Store(db, readonly=True) as store:
        state = load_state(store)
    assert state.finished
    r3 = state.rounds[3].draw
    seated = {x for p in r3.pairings for x in (p.pro, p.con)} | set(r3.byes)
    assert seated == {"nov", "champ", "exp", "club-v2", "late"}
    assert {s.name for s in state.standings} == seated
    # club-v2 started round 3 from club's rating after round 2, sigma widened
    start = inherit(state.ratings[2], {"club-v2": "club"}, seen=set())["club-v2"]
    assert start.mu == state.ratings[2]["club"].mu
    game = [r for r in state.results() if r.round == 3 and "club-v2" in (r.pro, r.con)]
    if game:
        opp = game[0].con if game[0].pro == "club-v2" else game[0].pro
        before = {"club-v2": start, opp: state.ratings[2].get(opp, initial_rating())}
        expected = rate(before, game)["club-v2"]
    else:
        expected = start
    assert state.ratings[3]["club-v2"].mu == pytest.approx(expected.mu)
    assert sorted(version_chains(state.debaters)) == [["champ"], ["club", "club-v2"], ["exp"], ["late"], ["nov"]]

    out = CliRunner().invoke(cli, ["history", str(db), "--json"])
    assert out.exit_code == 0, out.output
    chains = json.loads(out.output)["chains"]
    club = next(c for c in chains if c[0]["name"] == "club")
    assert [e["name"] for e in club] == ["club", "club-v2"]
    assert [h["round"] for h in club[0]["history"]] == [1, 2]
    assert [h["round"] for h in club[1]["history"]] == [3]
    text = CliRunner().invoke(cli, ["history", str(db)]).output
    assert "versions: club -> club-v2" in text


def test_removing_a_debater_without_a_successor_is_refused(tmp_path: Path, data_dir: Path) -> None:
    db = tmp_path / "r.db"
    first = [{"name": n, "model": "house/club", "params": {"seed": i}} for i, n in enumerate("abc")]
    _run(_write(tmp_path, data_dir, 1, first), db)
    from debate.errors import UserError
    with pytest.raises(UserError, match="debater 'c' was removed"):
        _run(_write(tmp_path, data_dir, 2, first[:2]), db)


@pytest.mark.parametrize("debaters,judges,message", [
    ([{"name": "a", "model": "house/club", "supersedes": "a"}, {"name": "b", "model": "house/club"}],
     None, "cannot supersede itself"),
    ([{"name": "a", "model": "house/club", "supersedes": "x"},
      {"name": "b", "model": "house/club", "supersedes": "x"}], None, "supersede the same"),
    ([{"name": "a", "model": "house/club"}, {"name": "b", "model": "house/club"}],
     [{"name": "j", "model": "house/judge", "supersedes": "k"}], "debaters only"),
])
def test_bad_supersedes_is_named(debaters, judges, message) -> None:
    data = {"name": "x", "rounds": 1, "debaters": debaters}
    if judges:
        data["judges"] = judges
    with pytest.raises(ValidationError, match=message):
        LeagueConfig.model_validate(data)


def test_supersedes_an_unknown_debater_is_a_user_error(tmp_path: Path, data_dir: Path) -> None:
    path = _write(tmp_path, data_dir, 1, [
        {"name": "a", "model": "house/club"},
        {"name": "b", "model": "house/club", "params": {"seed": 2}, "supersedes": "nobody"}])
    from debate.cli import main
    db = tmp_path / "u.db"
    with pytest.raises(SystemExit) as exc:
        main(["run", str(path), "--db", str(db), "-q"])
    assert exc.value.code == 2
    assert not db.exists()  # nothing recorded, not even an empty database
