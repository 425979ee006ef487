"""Several tournaments in one league database: what the review of the feature found."""

from __future__ import annotations

from pathlib import Path

import yaml

from debate.testing import run_cli
from tests._loopback import calls_of, state_of
from tests.test_tournaments import DEBATERS, _league, _pack2, _seq


def _refused(capsys, path: Path, db: Path, *words: str) -> None:
    """Exit 2, the league file named, the reasons given, nothing written to the database."""
    seq, calls = _seq(db), calls_of(db)
    capsys.readouterr()
    assert run_cli("run", str(path), "--db", str(db), "-q") == 2
    err = capsys.readouterr().err
    assert f"{path}:" in err and "Traceback" not in err
    for w in words:
        assert w in err
    assert _seq(db) == seq and calls_of(db) == calls


def test_a_debater_back_in_a_resumed_tournament_keeps_its_model(tmp_path: Path, data_dir: Path,
                                                                capsys) -> None:
    db = tmp_path / "t.db"
    june = _league(tmp_path, "june", data_dir / "mini-pack.yaml", rounds=1)
    others = [d for d in DEBATERS if d["name"] != "nov"]
    july = _league(tmp_path, "july", _pack2(tmp_path, data_dir), rounds=1, debaters=others)
    assert run_cli("run", str(june), "--db", str(db), "-q") == 0
    assert run_cli("run", str(july), "--db", str(db), "-q") == 0
    # July continued with nov back under another model: its June rating is not that model's
    back = _league(tmp_path, "july2", _pack2(tmp_path, data_dir), rounds=2,
                   debaters=[*others, {"name": "nov", "model": "house/champion"}])
    _refused(capsys, back, db, "debater 'nov' changed model or params")
    # back as the same model, it rejoins July's tournament
    same = _league(tmp_path, "july3", _pack2(tmp_path, data_dir), rounds=2, debaters=DEBATERS)
    assert run_cli("run", str(same), "--db", str(db), "-q") == 0
    assert [s.number for s in state_of(db).tournaments] == [1, 2]


def test_judging_is_kept_within_a_tournament_and_may_change_with_the_next(tmp_path: Path,
                                                                         data_dir: Path,
                                                                         capsys) -> None:
    import json
    import sqlite3

    db, pack = tmp_path / "j.db", data_dir / "mini-pack.yaml"
    assert run_cli("run", str(_league(tmp_path, "a", pack, rounds=1)), "--db", str(db), "-q") == 0
    for judging in ({"position_swap": False}, {"exclude_same_family": False},
                    {"speech_scores": True}):
        bad = _league(tmp_path, "b", pack, rounds=2, judging=judging)
        (key, value), = judging.items()
        _refused(capsys, bad, db, f"judging.{key} changed ({not value!r} -> {value!r})")
    # a new tournament may judge otherwise (judges themselves may change between tournaments)
    nxt = _league(tmp_path, "c", _pack2(tmp_path, data_dir), rounds=1,
                  judging={"position_swap": False})
    assert run_cli("run", str(nxt), "--db", str(db), "-q") == 0
    assert [s.number for s in state_of(db).tournaments] == [1, 2]

    # a database written before `judging:` was in the league file still continues
    old = tmp_path / "old.db"
    assert run_cli("run", str(_league(tmp_path, "d", pack, rounds=1)), "--db", str(old), "-q") == 0
    con = sqlite3.connect(old)
    for seq, payload in con.execute("SELECT seq, payload FROM events WHERE type='tournament_started'"):
        ev = json.loads(payload)
        del ev["config"]["judging"]
        con.execute("UPDATE events SET payload=? WHERE seq=?", (json.dumps(ev), seq))
    con.commit()
    con.close()
    assert run_cli("run", str(_league(tmp_path, "e", pack, rounds=2)), "--db", str(old), "-q") == 0
    assert sorted(state_of(old).rounds) == [1, 2]


def _cost(db: Path) -> float:
    from debate.record.store import Store

    with Store(db, readonly=True) as st:
        return st.call_totals()["cost_usd"]


def test_a_budget_counts_the_tournament_its_league_file_runs(tmp_path: Path, data_dir: Path,
                                                             capsys) -> None:
    price = {"input_per_mtok": 10.0, "output_per_mtok": 30.0}
    priced = [{**d, "price": price} for d in DEBATERS]
    judges = [{"name": "j1", "model": "house/judge", "price": price}]
    db, ref = tmp_path / "b.db", tmp_path / "ref.db"
    june = _league(tmp_path, "june", data_dir / "mini-pack.yaml", rounds=2, debaters=priced,
                   judges=judges)
    july = _league(tmp_path, "july", _pack2(tmp_path, data_dir), rounds=1, debaters=priced,
                   judges=judges)
    assert run_cli("run", str(june), "--db", str(db), "-q") == 0
    june_cost = _cost(db)
    assert run_cli("run", str(july), "--db", str(ref), "-q") == 0
    july_cost = _cost(ref)
    assert 0 < july_cost < june_cost / 1.5  # one round against two: room for its worst cases
    # July's budget is July's: June's spending does not count against it
    capsys.readouterr()
    assert run_cli("run", str(july), "--db", str(db), "-q", "--max-cost", f"{june_cost:.6f}") == 0
    state = state_of(db)
    assert state.finished and state.rounds[3].completed and 0 < _cost(db) - june_cost < june_cost
    assert any("counts this tournament's calls" in n.message for n in state_of(db).notes)


def test_an_old_database_keeps_its_categories_when_the_next_tournament_starts(
        tmp_path: Path, data_dir: Path) -> None:
    """Rounds paired before categories were recorded take them from their own tournament's
    pack, not from the next tournament's version of it (which files ban-homework under
    'schools', not 'education')."""
    import json
    import sqlite3

    db = tmp_path / "old.db"
    june = _league(tmp_path, "june", data_dir / "mini-pack.yaml", rounds=3)
    assert run_cli("run", str(june), "--db", str(db), "-q") == 0
    con = sqlite3.connect(db)  # what a database written before stages holds
    for seq, payload in con.execute("SELECT seq, payload FROM events").fetchall():
        ev = json.loads(payload)
        for key in ("stage", "first_round", "category"):
            ev.pop(key, None)
        con.execute("UPDATE events SET payload=? WHERE seq=?", (json.dumps(ev), seq))
    con.commit()
    con.close()
    homework = [n for n, r in state_of(db).rounds.items() if r.motion_id == "mini/ban-homework"]
    assert homework  # three rounds, three motions
    july = _league(tmp_path, "july", _pack2(tmp_path, data_dir), rounds=1)
    assert run_cli("run", str(july), "--db", str(db), "-q") == 0
    state = state_of(db)
    june_debates = sum(len(state.rounds[n].draw.pairings) for n in (1, 2, 3))
    cats = {}
    for s in state.standings:
        for c, rec in s.categories.items():
            cats[c] = cats.get(c, 0) + rec.debates
    assert "uncategorised" not in cats and cats.get("education") == 2 * len(
        state.rounds[homework[0]].draw.pairings)
    assert sum(cats.values()) == 2 * (june_debates + len(state.rounds[4].draw.pairings))


def test_bradley_terry_counts_debates_against_a_debater_who_left() -> None:
    """TrueSkill counts a win over a debater who has since left the league: so must the
    Bradley-Terry score beside it in the standings."""
    from debate.domain.bradley_terry import fit
    from debate.domain.models import DebateResult
    from debate.domain.rating import rate, standings

    def res(i: int, pro: str, con: str, winner: str) -> DebateResult:
        return DebateResult(debate_id=f"r{i}-d1", round=i, motion_id="m/x", pro=pro, con=con,
                            winner=winner, result="decided")

    results = [res(1, "a", "gone", "a"), res(2, "b", "gone", "b"), res(3, "a", "b", "b"),
               res(4, "b", "a", "a"), res(5, "a", "gone", "a")]
    rows = {s.name: s for s in standings(["a", "b"], rate({}, results), results)}
    full = {s.name: s for s in standings(["a", "b", "gone"], rate({}, results), results)}
    assert rows["a"].bt == full["a"].bt and rows["b"].bt == full["b"].bt
    assert rows["a"].bt > rows["b"].bt  # a beat the departed debater twice, b once
    assert fit(["a", "b", "gone"], results)["a"] > fit(["a", "b", "gone"], results)["b"]


def test_another_leagues_file_does_not_join_the_database(tmp_path: Path, data_dir: Path,
                                                          capsys) -> None:
    db = tmp_path / "l.db"
    assert run_cli("run", str(_league(tmp_path, "a", data_dir / "mini-pack.yaml", rounds=1)),
                   "--db", str(db), "-q") == 0
    others = [{"name": f"x{i}", "model": "house/club", "params": {"seed": i}} for i in range(4)]
    for path in (_league(tmp_path, "b", _pack2(tmp_path, data_dir), rounds=1, debaters=others),
                 _league(tmp_path, "c", data_dir / "mini-pack.yaml", rounds=2)):
        # b would have been the league's next tournament, c a renamed continuation
        path.write_text(path.read_text().replace("name: monthly", "name: autumn"))
        _refused(capsys, path, db, "league 'monthly', not 'autumn'")



def test_an_edited_pack_does_not_end_a_tournament_halfway(tmp_path: Path, data_dir: Path,
                                                          capsys) -> None:
    """June stopped after 1 of its 3 rounds (a budget, Ctrl-C between rounds); the same file
    run again with its pack edited (or a stock pack changed by an upgrade) used to start
    tournament 2 silently: the draw restarted and `rounds: 3` meant three more rounds."""
    import asyncio

    from debate.errors import RunStopped
    from debate.league.config import load_league
    from debate.orchestrator import make_gateway, run_tournament
    from debate.record.events import RoundCompleted
    from debate.record.store import Store

    db = tmp_path / "e.db"
    pack = tmp_path / "pack.yaml"
    pack.write_text((data_dir / "mini-pack.yaml").read_text())
    june = _league(tmp_path, "june", pack, rounds=3)
    with Store(db) as store:
        gw = make_gateway(load_league(june), store)

        def stop_after_round_1(ev) -> None:
            if isinstance(ev, RoundCompleted):
                gw.request_stop("budget")
        try:
            asyncio.run(run_tournament(load_league(june), store, gateway=gw,
                                       on_event=stop_after_round_1))
        except RunStopped:
            pass
    pack.write_text(pack.read_text().replace("four-day working week.", "four-day week."))
    _refused(capsys, june, db, "tournament 1 has played 1 of its 3 rounds", "pack 'mini' changed",
             "set `tournament:`")
    # restored, the same file finishes June as one tournament
    pack.write_text((data_dir / "mini-pack.yaml").read_text())
    assert run_cli("run", str(june), "--db", str(db), "-q") == 0
    state = state_of(db)
    assert sorted(state.rounds) == [1, 2, 3] and len(state.tournaments) == 1 and state.finished


def test_who_a_debater_superseded_is_fixed_once_it_has_debated(tmp_path: Path, data_dir: Path,
                                                               capsys) -> None:
    """The ratings of rounds already played were folded from that link: a later file that
    names another predecessor, or one for a debater that began afresh, would rewrite them."""
    db = tmp_path / "v.db"
    v2 = {"name": "nov2", "model": "house/novice", "params": {"seed": 2}, "supersedes": "nov"}
    june = _league(tmp_path, "june", data_dir / "mini-pack.yaml", rounds=1,
                   debaters=[*DEBATERS, v2, {"name": "exp2", "model": "house/expert",
                                             "params": {"seed": 2}}])
    assert run_cli("run", str(june), "--db", str(db), "-q") == 0
    pack2 = _pack2(tmp_path, data_dir)
    for who, was in (("nov2", "as the successor of 'nov'"), ("exp2", "with a rating of its own")):
        moved = [{**d, "supersedes": "club"} if d["name"] == who else d
                 for d in yaml.safe_load(june.read_text())["debaters"]]
        _refused(capsys, _league(tmp_path, "july", pack2, rounds=1, debaters=moved), db,
                 f"debater {who!r} has already debated {was}")
    # dropping the line keeps the link; the league goes on
    kept = [{k: v for k, v in d.items() if k != "supersedes"}
            for d in yaml.safe_load(june.read_text())["debaters"]]
    assert run_cli("run", str(_league(tmp_path, "july", pack2, rounds=1, debaters=kept)),
                   "--db", str(db), "-q") == 0


def test_a_refused_league_file_leaves_no_new_database(tmp_path: Path, data_dir: Path,
                                                      capsys) -> None:
    ghost = [*DEBATERS[:3], {**DEBATERS[3], "supersedes": "ghost"}]
    bad = _league(tmp_path, "bad", data_dir / "mini-pack.yaml", rounds=1, debaters=ghost)
    db = tmp_path / "new.db"
    assert run_cli("run", str(bad), "--db", str(db), "-q") == 2
    assert "supersedes 'ghost'" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml"]


def _dry_run(capsys, path: Path, *args: str) -> tuple[int, str]:
    capsys.readouterr()
    code = run_cli("run", str(path), "--dry-run", *args)
    return code, capsys.readouterr().out


def test_a_dry_run_counts_the_rounds_this_file_would_still_play(tmp_path: Path, data_dir: Path,
                                                                capsys) -> None:
    db = tmp_path / "d.db"
    pack = data_dir / "mini-pack.yaml"
    assert run_cli("run", str(_league(tmp_path, "june1", pack, rounds=1)), "--db", str(db), "-q") == 0

    def total_calls(out: str) -> float:
        return float(next(line for line in out.splitlines() if "total" in line).split("│")[4])
    june3 = _league(tmp_path, "june3", pack, rounds=3)
    code, out = _dry_run(capsys, june3, "--db", str(db))
    assert code == 0 and f"{db}: resumes tournament 1, 2 of its 3 rounds to play" in out
    assert "dry run, 2 rounds" in out
    assert total_calls(out) == total_calls(_dry_run(capsys, june3)[1]) * 2 / 3  # no --db: all 3
    code, out = _dry_run(capsys, _league(tmp_path, "july", _pack2(tmp_path, data_dir), rounds=2),
                         "--db", str(db))
    assert code == 0 and f"{db}: starts tournament 2 at round 2" in out and "dry run, 2 rounds" in out
    seq = _seq(db)  # a file the run would refuse is refused by its dry run too
    assert run_cli("run", str(_league(tmp_path, "x", pack, rounds=2, format="flageval")),
                   "--dry-run", "--db", str(db)) == 2
    assert "format changed" in capsys.readouterr().err and _seq(db) == seq
