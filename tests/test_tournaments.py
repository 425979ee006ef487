"""A league outlives one tournament: several tournaments in one database."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
import yaml

from debate.domain import pairing as pairing_mod
from debate.domain.rating import initial_rating, rate
from debate.errors import RunStopped
from debate.league.config import load_league
from debate.orchestrator import make_gateway, run_tournament
from debate.record.events import DebateDecided
from debate.record.store import Store
from debate.testing import run_cli
from tests._loopback import calls_of, state_of

DEBATERS = [{"name": "nov", "model": "house/novice"}, {"name": "club", "model": "house/club"},
            {"name": "exp", "model": "house/expert"}, {"name": "champ", "model": "house/champion"}]
NEW_TEXT = "This House would adopt a four-day working week for public servants."


def _pack2(tmp_path: Path, data_dir: Path) -> Path:
    """Next month's pack: the same pack id, edited (a motion reworded, a category renamed)."""
    text = (data_dir / "mini-pack.yaml").read_text()
    text = text.replace("This House would adopt a four-day working week.", NEW_TEXT)
    path = tmp_path / "mini-pack-v2.yaml"
    path.write_text(text.replace("category: education", "category: schools"))
    return path


def _league(tmp_path: Path, name: str, pack: Path, **changes) -> Path:
    data = {"name": "monthly", "seed": 3, "rounds": 2, "format": "oxford", "motions": [str(pack)],
            "debaters": DEBATERS, "judges": [{"name": "j1", "model": "house/judge"}], **changes}
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data))
    return path


def _seq(db: Path) -> int:
    with Store(db, readonly=True) as st:
        return st.last_seq()


def _results(state) -> list[tuple]:
    return sorted((r.debate_id, r.motion_id, r.pro, r.con, r.winner, r.result) for r in state.results())


@pytest.fixture(scope="module")
def two_tournaments(tmp_path_factory) -> tuple[Path, Path, Path]:
    """June on the mini pack, then July on its edited version, nov gone and late joined."""
    from tests import DATA

    tmp_path = tmp_path_factory.mktemp("stages")
    db = tmp_path / "league.db"
    june = _league(tmp_path, "june", DATA / "mini-pack.yaml")
    late = {"name": "late", "model": "house/club", "params": {"seed": 11}}
    july = _league(tmp_path, "july", _pack2(tmp_path, DATA), seed=7,
                   debaters=[d for d in DEBATERS if d["name"] != "nov"] + [late])
    assert run_cli("run", str(june), "--db", str(db), "-q") == 0
    assert run_cli("run", str(july), "--db", str(db), "-q") == 0
    return db, july, tmp_path / "mini-pack-v2.yaml"


def test_two_tournaments_in_one_database(two_tournaments, data_dir: Path, capsys) -> None:
    db, july, pack2 = two_tournaments
    state = state_of(db)
    assert state.finished and sorted(state.rounds) == [1, 2, 3, 4]
    assert [(s.number, s.first_round) for s in state.tournaments] == [(1, 1), (2, 3)]
    assert {p.debate_id.split("-")[0] for n in (3, 4) for p in state.rounds[n].draw.pairings} == {"r3", "r4"}
    # the second tournament's motions come from its own pack, in its own seeded order
    july_league = load_league(july)
    for n in (3, 4):
        qid, motion = july_league.motion_for_round(n, first_round=3)
        assert (state.rounds[n].motion_id, state.rounds[n].motion_text) == (qid, motion.text)
        assert state.rounds[n].category == motion.category
    assert NEW_TEXT not in {state.rounds[n].motion_text for n in (1, 2)}  # stored motions stand
    # nov left: out of the draw and the standings, its history kept
    seated = {x for n in (3, 4) for p in state.rounds[n].draw.pairings for x in (p.pro, p.con)}
    seated |= {x for n in (3, 4) for x in state.rounds[n].draw.byes}
    assert seated == {"club", "exp", "champ", "late"}
    assert {s.name for s in state.standings} == seated

    # ratings carry over: round 3 starts from round 2's ratings (late from a fresh rating)
    start = {**state.ratings[2], "late": initial_rating()}
    after3 = rate(start, state.results(since=3)[:len(state.rounds[3].draw.pairings)])
    for name in seated:
        assert state.ratings[3][name].mu == pytest.approx(after3[name].mu)
        assert state.ratings[3][name].sigma == pytest.approx(after3[name].sigma)
    assert state.ratings[4]["nov"] == state.ratings[2]["nov"]  # an absent debater's rating rests

    # the Swiss draw restarts: round 3 is paired as a first round, on the carried ratings
    names = [d["name"] for d in yaml.safe_load(july.read_text())["debaters"]]
    fresh = pairing_mod.entrants_from_history(names, start, [], {}, {n: 0.0 for n in names})
    expected = pairing_mod.pair(fresh, 3, seed=7)
    assert state.rounds[3].draw == expected

    # a re-run of the second tournament's file resumes it: no call, no new tournament
    before = calls_of(db)
    assert run_cli("run", str(july), "--db", str(db), "-q") == 0
    assert calls_of(db) == before and len(state_of(db).tournaments) == 2

    capsys.readouterr()
    assert run_cli("export", str(db), "-f", "json") == 0
    data = json.loads(capsys.readouterr().out)
    assert [(r["number"], r["stage"]) for r in data["rounds"]] == [(1, 1), (2, 1), (3, 2), (4, 2)]
    assert [s["rounds"] for s in data["league"]["stages"]] == [[1, 2], [3, 4]]
    assert run_cli("history", str(db), "--json") == 0
    chains = {c[0]["name"]: c[0] for c in json.loads(capsys.readouterr().out)["chains"]}
    assert [h["round"] for h in chains["nov"]["history"]] == [1, 2] and not chains["nov"]["active"]
    assert [h["round"] for h in chains["late"]["history"]] == [3, 4] and chains["late"]["active"]
    assert run_cli("standings", str(db)) == 0
    out = capsys.readouterr().out
    assert "late" in out and "schools" in out and "education" in out  # both versions' categories
    # each version of the pack matches the tournament that used it
    assert run_cli("motions", "verify", str(data_dir / "mini-pack.yaml"), str(db)) == 0
    assert "matches tournament 1 of league 'monthly'" in capsys.readouterr().out
    assert run_cli("motions", "verify", str(pack2), str(db)) == 0
    assert "matches tournament 2 of league 'monthly'" in capsys.readouterr().out


async def test_the_viewer_shows_every_tournament(two_tournaments) -> None:
    from tests.test_tui import SIZE, cells, shown, until
    from tests.tui_sample import until_loaded
    from tui import make_app
    from tui.widgets import BracketTable, StandingsTable

    app = make_app(db=two_tournaments[0])
    async with app.run_test(size=SIZE) as pilot:
        await until_loaded(pilot)
        await pilot.pause()
        assert sorted(cells(app.main.query_one(StandingsTable), 1)) == ["champ", "club", "exp", "late"]
        assert "round 4/4" in shown(app.main.query_one("#status"))
        await pilot.press("2")
        await pilot.pause()
        table = app.main.query_one(BracketTable)
        ids = cells(table, 1)
        assert {i.split("-")[0] for i in ids if i != "bye"} == {"r1", "r2", "r3", "r4"}
        # the motion line above the bracket names the tournament of the round under the cursor
        for first, stage in (("r3-", 2), ("r1-", 1)):
            table.move_cursor(row=next(i for i, d in enumerate(ids) if d.startswith(first)))
            await until(pilot, lambda: f"(tournament {stage})" in shown(app.main.query_one("#motion-line")),
                        f"the motion line to name tournament {stage}")


def _stop_on_first_result(round_no: int):
    """An on_event hook that asks the gateway to stop once a debate of `round_no` is decided."""
    holder: dict = {}

    def hook(ev) -> None:
        if isinstance(ev, DebateDecided) and ev.result.round == round_no:
            holder["gw"].request_stop("test stop")
    return holder, hook


def _run(path: Path, db: Path, *, stop_in_round: int | None = None) -> int:
    """Run a league in-process; return the calls the gateway made (not served from the store)."""
    league = load_league(path)
    with Store(db) as store:
        gw = make_gateway(league, store)
        holder, hook = _stop_on_first_result(stop_in_round or 0)
        holder["gw"] = gw
        try:
            asyncio.run(run_tournament(league, store, gateway=gw,
                                       on_event=hook if stop_in_round else None))
        except RunStopped:
            pass
        return gw.stats.calls


def test_an_interrupted_tournament_resumes_as_the_same_tournament(tmp_path: Path, data_dir: Path,
                                                             capsys) -> None:
    june = _league(tmp_path, "june", data_dir / "mini-pack.yaml", rounds=1)
    july = _league(tmp_path, "july", _pack2(tmp_path, data_dir), rounds=2)
    ref, db = tmp_path / "ref.db", tmp_path / "cut.db"
    _run(june, ref)
    ref_calls = _run(july, ref)
    _run(june, db)
    first = _run(july, db, stop_in_round=2)  # stopped mid-round 2, the new tournament's first
    state = state_of(db)
    assert not state.finished and len(state.tournaments) == 2 and not state.rounds[2].completed
    # new motions now would strand round 2: refused, nothing written
    august = _league(tmp_path, "august", data_dir / "mini-pack-zh.yaml")
    seq = _seq(db)
    capsys.readouterr()
    assert run_cli("run", str(august), "--db", str(db), "-q") == 2
    err = capsys.readouterr().err
    assert "august.yaml" in err and "round 2 of tournament 2 was paired but not completed" in err
    assert _seq(db) == seq
    # the same file resumes the same tournament and pays for no stored call again
    second = _run(july, db)
    state = state_of(db)
    assert state.finished and [(s.number, s.first_round) for s in state.tournaments] == [(1, 1), (2, 2)]
    assert first + second == ref_calls and calls_of(db) == calls_of(ref)
    assert _results(state) == _results(state_of(ref))


@pytest.mark.parametrize("change, words", [
    ({"format": "flageval"}, "format changed ('oxford' -> 'flageval')"),
    ({"mirror": True}, "mirror changed"),
    ({"debaters": [{**DEBATERS[0], "params": {"seed": 9}}, *DEBATERS[1:]]},
     "debater 'nov' changed model or params"),
    ({"motions": "first"}, "its motions are those of tournament 1"),
])
def test_what_a_new_tournament_may_not_change(tmp_path: Path, data_dir: Path, change: dict,
                                              words: str, capsys) -> None:
    db = tmp_path / "t.db"
    first, second = data_dir / "mini-pack.yaml", _pack2(tmp_path, data_dir)
    assert run_cli("run", str(_league(tmp_path, "a", first, rounds=1)), "--db", str(db), "-q") == 0
    if change.get("motions") == "first":  # back to the first tournament's motions, after a second
        assert run_cli("run", str(_league(tmp_path, "b", second, rounds=1)), "--db", str(db), "-q") == 0
        change, pack = {}, first
    else:
        pack = second
    seq, calls = _seq(db), calls_of(db)
    bad = _league(tmp_path, "next", pack, rounds=1, **change)
    capsys.readouterr()
    assert run_cli("run", str(bad), "--db", str(db), "-q") == 2
    err = capsys.readouterr().err
    assert f"{bad}:" in err and words in err and "Traceback" not in err
    assert _seq(db) == seq and calls_of(db) == calls
    if not change:  # a tournament name says "again, on purpose": a third tournament
        again = _league(tmp_path, "again", pack, rounds=1, tournament="rerun")
        assert run_cli("run", str(again), "--db", str(db), "-q") == 0
        state = state_of(db)
        assert [(s.number, s.first_round, s.name) for s in state.tournaments] == [
            (1, 1, None), (2, 2, None), (3, 3, "rerun")]
        assert state.rounds[3].motion_id == state.rounds[1].motion_id  # the schedule starts afresh


def test_a_tournament_stopped_between_rounds_may_be_followed_by_the_next(tmp_path: Path,
                                                                          data_dir: Path) -> None:
    from debate.record.events import RoundCompleted

    db = tmp_path / "early.db"
    june = load_league(_league(tmp_path, "june", data_dir / "mini-pack.yaml", rounds=3))
    with Store(db) as store:
        gw = make_gateway(june, store)

        def stop_after_round_1(ev) -> None:
            if isinstance(ev, RoundCompleted):
                gw.request_stop("enough for June")
        with pytest.raises(RunStopped):
            asyncio.run(run_tournament(june, store, gateway=gw, on_event=stop_after_round_1))
    # a July file that only edited the pack is refused (tests/test_stages_review.py); a named
    # tournament ends June early on purpose
    _run(_league(tmp_path, "july", _pack2(tmp_path, data_dir), rounds=1, tournament="july"), db)
    state = state_of(db)
    assert sorted(state.rounds) == [1, 2] and state.finished
    assert [(s.number, s.first_round) for s in state.tournaments] == [(1, 1), (2, 2)]
    assert any("tournament 1 ended after 1 of its 3 rounds" in n.message for n in state.notes)


def test_a_database_from_before_several_tournaments_continues_as_its_one_tournament(tmp_path: Path,
                                                                      data_dir: Path) -> None:
    import sqlite3

    db = tmp_path / "old.db"
    pack = data_dir / "mini-pack.yaml"
    assert run_cli("run", str(_league(tmp_path, "a", pack, rounds=1)), "--db", str(db), "-q") == 0
    con = sqlite3.connect(db)  # strip what older versions did not write
    for seq, payload in con.execute("SELECT seq, payload FROM events").fetchall():
        ev = json.loads(payload)
        for key in ("stage", "first_round", "category"):
            ev.pop(key, None)
        ev.get("config", {}).pop("tournament", None)
        con.execute("UPDATE events SET payload=? WHERE seq=?", (json.dumps(ev), seq))
    con.commit()
    con.close()
    assert run_cli("run", str(_league(tmp_path, "b", pack, rounds=2)), "--db", str(db), "-q") == 0
    state = state_of(db)
    assert state.finished and sorted(state.rounds) == [1, 2]
    assert [(s.number, s.first_round) for s in state.tournaments] == [(1, 1)]
    assert state.rounds[1].category == "" and state.rounds[2].category
    cats = {c for s in state.standings for c in s.categories}
    assert cats and "uncategorised" not in cats  # round 1's category is found in the pack
