"""People's ballots: agreement figures against hand-computed values, import (all or nothing),
export, standings from human ballots, and old databases loading unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from debate.domain.human_agreement import HumanJudged, cohen_kappa, human_report
from debate.domain.models import Ballot, BallotRead, DebateResult, Rubric, Speech
from debate.record.events import HumanBallotCast
from debate.record.human_ballots import ImportErrors, check_rows, import_file, parse_file, to_csv, to_json
from debate.record.state import load_state
from debate.record.store import Store
from debate.reports.human_standings import human_standings
from debate.reports.judges import judges_of
from debate.testing import run_cli


def test_cohen_kappa_and_its_standard_error_by_hand() -> None:
    # 10 items: a\b table [[4, 1], [2, 3]] (pro, con).
    a = ["pro"] * 5 + ["con"] * 5
    b = ["pro"] * 4 + ["con"] + ["pro"] * 2 + ["con"] * 3
    k = cohen_kappa(a, b)
    assert k is not None and k.n == 10
    # p_o = 0.7; marginals a (0.5, 0.5), b (0.6, 0.4); p_e = 0.5; kappa = 0.4.
    assert k.kappa == pytest.approx(0.4)
    # Fleiss-Cohen-Everitt: A = .4(1 - 1.1*.6)^2 + .3(1 - .9*.6)^2 = .10972;
    # B = .6^2 (.1 * 1.1^2 + .2 * .9^2) = .10188; C = (.4 - .5*.6)^2 = .01;
    # var = (A + B - C) / (n (1 - p_e)^2) = .2016 / 2.5.
    assert k.se == pytest.approx((0.2016 / 2.5) ** 0.5)
    assert k.lo == pytest.approx(0.4 - 1.959964 * k.se)
    assert k.hi == pytest.approx(0.4 + 1.959964 * k.se)
    assert cohen_kappa(["pro", "con"], ["pro", "con"]).kappa == pytest.approx(1.0)  # type: ignore[union-attr]
    assert cohen_kappa(["pro"] * 3, ["pro"] * 3) is None  # chance agreement 1: undefined
    assert cohen_kappa([], []) is None
    with pytest.raises(ValueError, match="same items"):
        cohen_kappa(["pro"], [])


RUBRIC = Rubric(id="mini", title="Mini", judge_prompt="Judge.",
                dimensions=[{"id": "norms", "name": "Norms", "description": "Rules kept."}])


def _ballot(judge: str, winner: str, pro: float, con: float, first_ab: bool | None = None) -> Ballot:
    reads = []
    if first_ab is not None:  # one read, shown AB (pro first) or BA
        reads = [BallotRead(order="AB" if first_ab else "BA", winner=winner)]
    return Ballot(judge=judge, winner=winner, scores={"pro": {"norms": pro}, "con": {"norms": con}}, reads=reads)


def _debate(i: int, human: str, model: str, pro_words: int, h_score: tuple, m_score: tuple,
            human_order: list[str]) -> HumanJudged:
    speeches = [Speech(index=0, side="pro", speaker="p", kind="opening", text="", words=pro_words, word_limit=500),
                Speech(index=1, side="con", speaker="c", kind="opening", text="", words=100, word_limit=500)]
    winner = "p" if model == "pro" else "c"
    return HumanJudged(f"d{i}", 1, "m", "p", "c", speeches,
                       ballots=[_ballot("j1", model, *m_score, first_ab=True)],
                       human_ballots=[_ballot("human:ann", human, *h_score)],
                       blind_orders={"human:ann": human_order},
                       result=DebateResult(debate_id=f"d{i}", round=1, motion_id="m", pro="p", con="c",
                                           winner=winner, result="decided"))


def test_judges_against_people_by_hand() -> None:
    # Four debates; the model judge j1 always picks pro (the longer side in d0, d1), people split.
    debates = [_debate(0, "pro", "pro", 300, (8, 4), (9, 5), ["pro", "con"]),
               _debate(1, "con", "pro", 200, (5, 7), (7, 6), ["pro", "con"]),
               _debate(2, "con", "pro", 50, (4, 8), (6, 6), ["con", "pro"]),
               _debate(3, "pro", "pro", 60, (7, 6), (8, 4), ["con", "pro"])]
    rep = human_report(debates, RUBRIC)
    assert rep["humans"] == ["ann"] and rep["debates_with_verdict"] == 4
    j1 = rep["judges"][0]
    assert j1["judge"] == "j1" and j1["debates"] == 4
    assert j1["agreement"] == 0.5
    # a = j1 (pro x4), b = people (pro, con, con, pro): p_e = 1*0.5 + 0*0.5 = 0.5, p_o = 0.5.
    assert j1["kappa"] == 0.0
    # Score r over 8 units: people (8,4,5,7,4,8,7,6) vs j1 (9,5,7,6,6,6,8,4).
    xs, ys = [9, 5, 7, 6, 6, 6, 8, 4], [8, 4, 5, 7, 4, 8, 7, 6]
    mx, my = sum(xs) / 8, sum(ys) / 8
    r = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / (
        sum((x - mx) ** 2 for x in xs) * sum((y - my) ** 2 for y in ys)) ** 0.5
    assert j1["score_correlation"]["norms"] == pytest.approx(r, abs=1e-4)
    # Biases: j1 picks pro always (people 50%), its one read per debate shows pro first: 100%;
    # people picked the side shown first in d0 (pro first, pro) and ... d1 (pro first, con): no,
    # d2 (con first, con): yes, d3 (con first, pro): no -> 50%.
    assert j1["biases"]["pro_rate"] == 1.0 and rep["human_biases"]["pro_rate"] == 0.5
    assert j1["biases"]["first_position_rate"] == 1.0 and rep["human_biases"]["first_position_rate"] == 0.5
    assert j1["biases"]["length_correlation"] is None  # j1 never varies: undefined
    assert set(j1["biases_humans_do_not_share"]) == {"side", "position"}
    panel = rep["panel"]
    assert panel["agreement"] == 0.5 and panel["biases"]["first_position_rate"] is None


def _csv(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "ballots.csv"
    p.write_text(text, encoding="utf-8")
    return p


def test_import_of_good_and_bad_rows_is_all_or_nothing(sample_db: Path, tmp_path: Path, capsys) -> None:
    bad = _csv(tmp_path, "debate_id,judge,winner,pro_norms,con_norms,reasons,blind_order\n"
                         "r1-d1,ann,pro,8,6,clear,con pro\n"           # line 2: good
                         "r9-d9,ann,pro,,,,\n"                          # line 3: no such debate
                         "r1-d2,ann,maybe,,,,\n"                        # line 4: winner
                         "r2-d1,bob,con,11,5,,\n"                       # line 5: outside the scale
                         "r2-d2,bob,con,x,5,,\n"                        # line 6: not a number
                         "r2-d2,b\x1bob,con,,,,\n"                      # line 7: a bad name
                         "r1-d1,ann,con,,,,\n"                          # line 8: ann twice on r1-d1
                         "r2-d1,cat,pro,,,,pro pro\n")                  # line 9: blind order
    assert run_cli("ballots", "import", str(bad), str(sample_db)) == 2
    err = capsys.readouterr().err
    for line, what in [(3, "no debate 'r9-d9'"), (4, "winner"), (5, "outside the scale 1-10"),
                       (6, "not a number"), (7, "judge"), (8, "a second ballot by ann on r1-d1 (first at line 2)"),
                       (9, "blind_order")]:
        assert f"line {line}: " in err and what in err, (line, what, err)
    assert "line 2:" not in err and "nothing was imported" in err
    with Store(sample_db, readonly=True) as store:
        assert not list(store.events(types=("human_ballot_cast",)))  # nothing half-imported

    good = _csv(tmp_path, "debate_id,judge,winner,pro_norms,con_norms,reasons,blind_order\n"
                          "r1-d1,ann,pro,8,6,clear,con pro\n"
                          "r1-d2,human:ann,con,,,,\n")
    assert run_cli("ballots", "import", str(good), str(sample_db)) == 0
    with Store(sample_db, readonly=True) as store:
        state = load_state(store)
    d = state.debates["r1-d1"]
    assert [b.judge for b in d.human_ballots] == ["human:ann"] and d.blind_orders["human:ann"] == ["con", "pro"]
    assert d.human_ballots[0].scores == {"pro": {"norms": 8.0}, "con": {"norms": 6.0}}
    assert [b.judge for b in d.ballots] == ["j1", "j2"]  # the panel's ballots untouched
    assert d.result is not None and d.result.winner == "alpha"  # and the result

    # Export reads back as the same rows (CSV and JSON), and re-importing replaces, not adds.
    for text, suffix in ((to_csv(state), ".csv"), (to_json(state), ".json")):
        path = tmp_path / f"out{suffix}"
        path.write_text(text)
        events = check_rows(parse_file(path), state)
        assert [(e.debate_id, e.ballot.judge, e.ballot.winner, e.ballot.scores, e.blind_order) for e in events] == \
            [("r1-d1", "human:ann", "pro", {"pro": {"norms": 8.0}, "con": {"norms": 6.0}}, ["con", "pro"]),
             ("r1-d2", "human:ann", "con", {}, [])]
    import_file(tmp_path / "out.json", sample_db)
    with Store(sample_db, readonly=True) as store:
        assert len(load_state(store).debates["r1-d1"].human_ballots) == 1


def test_json_import_names_items(sample_db: Path, tmp_path: Path) -> None:
    p = tmp_path / "b.json"
    p.write_text(json.dumps([{"debate_id": "r1-d1", "judge": "ann", "winner": "pro"},
                             {"debate_id": "r1-d1", "judge": "bob", "winner": "pro", "colour": "red"}]))
    with pytest.raises(ImportErrors) as exc:
        import_file(p, sample_db)
    assert exc.value.problems == ["item 2: colour: Extra inputs are not permitted"]


def test_judges_report_and_human_standings(sample_db: Path, tmp_path: Path, capsys) -> None:
    # People reverse the panel on every debate of round 1 and agree on round 2.
    rows = "debate_id,judge,winner\nr1-d1,ann,con\nr1-d2,ann,pro\nr2-d1,ann,pro\nr2-d2,ann,con\n"
    assert run_cli("ballots", "import", str(_csv(tmp_path, rows)), str(sample_db)) == 0
    with Store(sample_db, readonly=True) as store:
        state = load_state(store)
    rep = judges_of(state)
    assert [r["judge"] for r in rep["judges"]] == ["j1", "j2"]  # the model report has no human in it
    h = rep["humans"]
    assert h["debates_with_verdict"] == 4
    assert {r["judge"]: r["agreement"] for r in h["judges"]} == {"j1": 0.5, "j2": 0.25}
    assert h["panel"]["agreement"] == 0.5
    hs = human_standings(state)
    assert hs.debates == 4
    # bravo won twice with people (r1-d1, r2-d2); alpha and charlie once each.
    assert (hs.standings[0].name, hs.standings[0].wins) == ("bravo", 2)
    assert {s.name: s.wins for s in hs.standings} == {"bravo": 2, "alpha": 1, "charlie": 1, "delta": 0, "echo": 0}
    assert hs.tau is not None and -1 <= hs.tau < 1
    assert run_cli("standings", str(sample_db), "--judges", "human") == 0
    out = capsys.readouterr().out
    assert "standings from human ballots alone (4 debates)" in out and "Kendall's tau" in out
    assert run_cli("judges", str(sample_db)) == 0
    assert "model judges against people" in capsys.readouterr().out


def test_an_old_database_loads_and_reports_as_before(sample_db: Path) -> None:
    with Store(sample_db, readonly=True) as store:
        state = load_state(store)
    assert "humans" not in judges_of(state)
    assert state.human_ballots() == {}
    ev = HumanBallotCast.model_validate({"debate_id": "r1-d1", "ballot": {"judge": "human:x", "winner": "pro"}})
    assert ev.blind_order == [] and ev.source == "viewer"


def _ctx(humans: str, stored: list[Ballot]):
    from debate.league.config import load_league
    from debate.orchestrator.debate_run import DebateContext
    from tests._loopback import DATA

    league = load_league(DATA / "mini-league.yaml")
    cfg = league.config.model_copy(update={"judging": league.config.judging.model_copy(update={"humans": humans})})
    league = league.model_copy(update={"config": cfg})
    return DebateContext(league, None, lambda ev: None, human_ballots=lambda debate_id: stored)  # type: ignore[arg-type]


def test_humans_vote_only_when_the_league_says_so() -> None:
    from debate.domain.models import Pairing
    from debate.orchestrator.judging import decide_with_humans

    pairing = Pairing(debate_id="r1-d1", pro="a", con="b")
    panel = [_ballot("j1", "pro", 7, 6), _ballot("j2", "con", 6, 7), _ballot("j3", "pro", 7, 6)]
    people = [_ballot("human:ann", "con", 5, 8), _ballot("human:bob", "con", 5, 8)]
    advisory = decide_with_humans(_ctx("advisory", people), pairing, 1, "m", panel)
    assert advisory is not None and advisory.winner == "a" and advisory.reason == "2-1 on the panel"
    vote = decide_with_humans(_ctx("vote", people), pairing, 1, "m", panel)
    assert vote is not None and vote.winner == "b"
    assert vote.reason == "2-3 on the panel (with 2 human ballot(s) voting)"
    # People join the panel; they do not replace it: with no valid model ballot, no decision.
    failed = [Ballot(judge="j1", failed=True, error="down")]
    assert decide_with_humans(_ctx("vote", people), pairing, 1, "m", failed) is None


def test_a_run_reads_the_people_ballots_of_the_current_attempt(tmp_path: Path) -> None:
    from debate.orchestrator.tournament import TournamentRun
    from debate.record.events import DebateStarted

    db = tmp_path / "x.db"
    with Store(db) as store:
        for ev in (DebateStarted(debate_id="r1-d1", round=1, pro="a", con="b", motion_id="m"),
                   HumanBallotCast(debate_id="r1-d1", ballot=_ballot("human:old", "pro", 1, 1)),
                   DebateStarted(debate_id="r1-d1", round=1, pro="a", con="b", motion_id="m", attempt=2),
                   HumanBallotCast(debate_id="r1-d1", ballot=_ballot("human:ann", "pro", 1, 1)),
                   HumanBallotCast(debate_id="r1-d1", ballot=_ballot("human:ann", "con", 1, 1))):
            store.append(ev)
        run = TournamentRun.__new__(TournamentRun)
        run.store = store
        got = run._human_ballots("r1-d1")
    assert [(b.judge, b.winner) for b in got] == [("human:ann", "con")]


def test_the_json_export_carries_human_ballots_apart(sample_db: Path, tmp_path: Path) -> None:
    from debate.reports.export import to_dict

    with Store(sample_db, readonly=True) as store:
        before = to_dict(load_state(store))
    assert all("human_ballots" not in d for r in before["rounds"] for d in r["debates"])
    import_file(_csv(tmp_path, "debate_id,judge,winner,blind_order\nr1-d1,ann,con,con pro\n"), sample_db)
    with Store(sample_db, readonly=True) as store:
        after = to_dict(load_state(store))
    d = after["rounds"][0]["debates"][0]
    assert d["human_ballots"] == [{"judge": "human:ann", "winner": "bravo", "winner_side": "con", "reasons": "",
                                   "scores": {}, "blind_order": ["con", "pro"]}]
    assert [b["judge"] for b in d["ballots"]] == ["j1", "j2"]
    assert after["judges"]["humans"]["debates"] == 1
