"""Standings beside TrueSkill: Bradley-Terry with intervals, profiles by motion category."""

from __future__ import annotations

from debate.domain.bradley_terry import standings_disagreements
from debate.domain.models import Ballot, DebateResult
from debate.domain.profiles import category_profiles, field_profile, weak_spots
from debate.domain.rating import rate, standings


def _r(i: int, pro: str, con: str, winner: str | None, motion: str = "p/m1",
       result: str = "decided") -> DebateResult:
    return DebateResult(debate_id=f"d{i}", round=1, motion_id=motion, pro=pro, con=con,
                        winner=winner, result=result)  # type: ignore[arg-type]


def _ballot(i: int, pro: dict[str, float], con: dict[str, float]) -> Ballot:
    return Ballot(debate_id=f"d{i}", judge="j", winner="pro", scores={"pro": pro, "con": con})


def test_standings_carry_bradley_terry_with_intervals() -> None:
    rs = [_r(i, "a", "b", "a") for i in range(4)] + [_r(10 + i, "b", "c", "b") for i in range(4)]
    table = standings("abc", rate({}, rs), rs, bt_samples=50)
    by = {s.name: s for s in table}
    assert by["a"].bt > by["b"].bt > by["c"].bt
    for s in table:
        assert s.bt_lo <= s.bt <= s.bt_hi
    assert standings("abc", rate({}, rs), rs, bt_samples=50) == table  # seeded bootstrap


def test_disagreement_between_orders_is_reported() -> None:
    # a beats the strong c once; b beats weak d many times: online TrueSkill and the batch fit
    # can order a and b differently. Whatever they say, the note matches the two columns.
    rs = [_r(0, "a", "c", "a")] + [_r(i, "c", "b", "c") for i in range(1, 4)] + \
         [_r(i, "b", "d", "b") for i in range(4, 9)] + [_r(9, "d", "a", "d")]
    table = standings("abcd", rate({}, rs), rs, bt_samples=30)
    notes = standings_disagreements(table)
    ts = [s.name for s in table]
    bt = [s.name for s in sorted(table, key=lambda s: -s.bt)]
    assert (notes == []) == (ts == bt)
    for note in notes:
        assert "TrueSkill ranks" in note and "Bradley-Terry ranks" in note


def test_category_profiles_separate_topics_and_skip_forfeits() -> None:
    cats = {"p/m1": "economy", "p/m2": "health"}
    rs = [_r(0, "a", "b", "a", "p/m1"), _r(1, "b", "a", "b", "p/m2"), _r(2, "a", "b", None, "p/m2"),
          _r(3, "a", "b", "b", "p/m1", result="forfeit")]
    ballots = {"d0": [_ballot(0, {"evidence": 8}, {"evidence": 4})],
               "d1": [_ballot(1, {"evidence": 6}, {"evidence": 2})]}
    prof = category_profiles(rs, cats, ballots)
    assert prof["a"]["economy"].debates == 1 and prof["a"]["economy"].wins == 1
    assert prof["a"]["health"].debates == 2 and prof["a"]["health"].wins == 0.5
    assert prof["a"]["economy"].dimensions == {"evidence": 8} and prof["b"]["health"].dimensions == {"evidence": 6}
    assert field_profile(prof) == {"economy": {"evidence": 6.0}, "health": {"evidence": 4.0}}
    table = standings("ab", rate({}, rs), rs, ballots=ballots, categories=cats, bt_samples=0)
    assert {s.name: set(s.categories) for s in table} == {"a": {"economy", "health"},
                                                          "b": {"economy", "health"}}
    assert all(s.bt_lo is None and s.bt is not None for s in table)


def test_weak_spots_name_a_uniform_weakness() -> None:
    cats = {"p/e": "economy", "p/h": "health"}
    rs, ballots = [], {}
    for i in range(4):
        rs.append(_r(i, "a", "b", "a", "p/e"))
        ballots[f"d{i}"] = [_ballot(i, {"evidence": 8, "style": 6}, {"evidence": 7, "style": 6})]
        rs.append(_r(10 + i, "b", "a", "b", "p/h"))
        ballots[f"d{10 + i}"] = [_ballot(10 + i, {"evidence": 3, "style": 6}, {"evidence": 2, "style": 6})]
    notes = weak_spots(category_profiles(rs, cats, ballots))
    assert len(notes) == 1 and "evidence in health" in notes[0]
    assert weak_spots(category_profiles(rs[:2], cats, ballots)) == []  # too few debates to say
