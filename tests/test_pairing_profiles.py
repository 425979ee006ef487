"""Standings beside TrueSkill: Bradley-Terry with intervals, profiles by motion category."""

from __future__ import annotations

from debate.domain.models import Ballot, DebateResult
from debate.domain.profiles import category_profiles, field_profile, weak_spots
from debate.domain.rating import rate, standings, table


def _r(i: int, pro: str, con: str, winner: str | None, motion: str = "p/m1",
       result: str = "decided") -> DebateResult:
    return DebateResult(debate_id=f"d{i}", round=1, motion_id=motion, pro=pro, con=con,
                        winner=winner, result=result)  # type: ignore[arg-type]


def _ballot(i: int, pro: dict[str, float], con: dict[str, float]) -> Ballot:
    return Ballot(debate_id=f"d{i}", judge="j", winner="pro", scores={"pro": pro, "con": con})


def test_standings_carry_bradley_terry_with_intervals() -> None:
    rs = [_r(i, "a", "b", "a") for i in range(4)] + [_r(10 + i, "b", "c", "b") for i in range(4)]
    rows = standings("abc", rate({}, rs), rs)
    by = {s.name: s for s in rows}
    assert by["a"].bt > by["b"].bt > by["c"].bt
    for s in rows:
        assert s.bt_lo < s.bt < s.bt_hi and 1 <= s.rank_lo <= s.rank_hi <= 3
    assert abs(sum(s.p_best for s in rows) - 1) < 0.01
    assert standings("abc", rate({}, rs), rs) == rows  # seeded posterior draws


def test_the_standings_are_sorted_by_the_bradley_terry_posterior_mean() -> None:
    # a beats the strong c once; b beats weak d many times: online TrueSkill and the batch fit
    # can order a and b differently; the table follows the fit, TrueSkill stays a column
    rs = [_r(0, "a", "c", "a")] + [_r(i, "c", "b", "c") for i in range(1, 4)] + \
         [_r(i, "b", "d", "b") for i in range(4, 9)] + [_r(9, "d", "a", "d")]
    rows, summary = table("abcd", rate({}, rs), rs)
    assert [s.bt for s in rows] == sorted((s.bt for s in rows), reverse=True)
    assert [s.rank for s in rows] == [1, 2, 3, 4] and summary.leader == rows[0].name
    assert summary.mode == "win-loss" and summary.debates == 10


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
    rows = standings("ab", rate({}, rs), rs, ballots=ballots, categories=cats, estimates=False)
    assert {s.name: set(s.categories) for s in rows} == {"a": {"economy", "health"},
                                                         "b": {"economy", "health"}}
    assert all(s.bt is None and s.rank_lo is None for s in rows)


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
