"""Four-side rooms in the ratings: TrueSkill's multi-team update, team points, Bradley-Terry over
six pairwise outcomes weighted as one ranking (not six games), and the BP league simulator."""

from __future__ import annotations

import json
import math
import random
import statistics

import pytest
import trueskill
from click.testing import CliRunner

from debate.cli import cli
from debate.cli import simulate as cli_simulate
from debate.domain import bp_verdicts
from debate.domain.bp_simulate import simulate_bp
from debate.domain.bradley_terry import comparisons, from_rows, point_fit, ranking_weight
from debate.domain.bt_posterior import hierarchical_posterior
from debate.domain.posterior import intervals
from debate.domain.models import BP_SIDES, DebateResult
from debate.domain.rating import ENV, initial_rating, rate, scores
from debate.domain.simulate import simulate


def room(order: list[str], rid: str = "r1-d1", seats: list[str] | None = None) -> DebateResult:
    """A ranked room: `order` first place first; seated in `seats` order (default: sorted)."""
    seated = dict(zip(BP_SIDES, seats or sorted(order)))
    return DebateResult(debate_id=rid, round=1, motion_id="m", seats=seated, winner=order[0],
                        result="decided", ranks={n: float(i + 1) for i, n in enumerate(order)})


def test_a_room_is_one_multi_team_trueskill_update() -> None:
    before = {n: initial_rating() for n in "abcd"}
    after = rate(before, [room(["c", "a", "d", "b"])])
    assert before == {n: initial_rating() for n in "abcd"}, "the input is not changed"
    assert sorted("abcd", key=lambda n: -after[n].mu) == ["c", "a", "d", "b"]
    # the reference: trueskill's own free-for-all of four one-player teams, ranked
    want = ENV.rate([(ENV.create_rating(),)] * 4, ranks=[1, 3, 0, 2])  # a, b, c, d as seated
    for n, (t,) in zip("abcd", want):
        assert after[n].mu == pytest.approx(t.mu) and after[n].sigma == pytest.approx(t.sigma)
    assert trueskill.__version__


def test_forfeited_rooms_move_no_rating_but_score_shared_points() -> None:
    r = DebateResult(debate_id="r1-d1", round=1, motion_id="m", seats=dict(zip(BP_SIDES, "abcd")),
                     winner=None, result="forfeit", ranks={"a": 2.0, "b": 2.0, "c": 2.0, "d": 4.0})
    assert rate({}, [r]) == {}
    assert scores("abcd", [r]) == {"a": 2.0, "b": 2.0, "c": 2.0, "d": 0.0}


def test_team_points_are_three_two_one_nil_and_byes_count() -> None:
    got = scores("abcde", [room(["c", "a", "d", "b"])], {"e": 1}, bye_value=1.5)
    assert got == {"a": 2.0, "b": 0.0, "c": 3.0, "d": 1.0, "e": 1.5}


def test_a_ranking_holds_six_pairwise_outcomes() -> None:
    assert room(["c", "a", "d", "b"]).outcomes() == [("c", "a", 1.0), ("c", "d", 1.0), ("c", "b", 1.0),
                                                     ("a", "d", 1.0), ("a", "b", 1.0), ("d", "b", 1.0)]


def _league(rooms: int, seed: int = 0) -> tuple[list[str], list[DebateResult]]:
    rng = random.Random(seed)
    names = [f"x{i:02d}" for i in range(16)]
    skill = {n: rng.gauss(0, 2) for n in names}
    out = []
    for k in range(rooms):
        four = rng.sample(names, 4)
        show = {n: skill[n] + rng.gauss(0, 1) for n in four}
        out.append(room(sorted(four, key=lambda n: -show[n]), f"r-{k}", seats=four))
    return names, out


def _as_pairs(rooms: list[DebateResult]) -> list[DebateResult]:
    return [DebateResult(debate_id=f"{r.debate_id}-{i}", round=1, motion_id="m", pro=a, con=b, winner=a,
                         result="decided") for r in rooms for i, (a, b, _) in enumerate(r.outcomes())]


def test_bradley_terry_of_rooms_is_the_fit_of_their_six_games() -> None:
    names, rooms = _league(60)
    table = comparisons(names, rooms)
    assert len(table) == 6 * 60 and set(table.group) == set(range(60))
    idx = {n: i for i, n in enumerate(names)}
    pairs = from_rows(names, [(idx[a], idx[b], y, g) for g, r in enumerate(rooms) for a, b, y in r.outcomes()],
                      weights=[ranking_weight(4)] * len(table))
    assert point_fit(table) == pytest.approx(point_fit(pairs), abs=1e-9)


def test_a_room_weighs_less_than_six_independent_games() -> None:
    """A room's six outcomes come from one ranking: weighted so that at equal strengths they are
    as likely as the ranking under Plackett-Luce (1/24), its posterior is wider than that of six
    independent games."""
    assert ranking_weight(2) == 1.0 and ranking_weight(4) == pytest.approx(math.log(24) / (6 * math.log(2)))
    for k in (3, 4, 5, 6):  # the weighted pairwise outcomes of any ranking at equal strengths: 1 / k!
        assert 0.5 ** (ranking_weight(k) * k * (k - 1) / 2) == pytest.approx(1 / math.factorial(k))
    names, rooms = _league(40)
    lo, hi = intervals(hierarchical_posterior(comparisons(names, rooms)))
    plo, phi = intervals(hierarchical_posterior(comparisons(names, _as_pairs(rooms))))
    assert statistics.mean(hi - lo) > 1.05 * statistics.mean(phi - plo)


def test_simulated_bp_leagues_repeat_and_learn() -> None:
    a = simulate_bp(16, 6, 1.0, seed=3)
    assert a.to_json() == simulate_bp(16, 6, 1.0, seed=3).to_json()
    assert a.debates == 6 * 4 and a.history[-1].kendall_tau > a.history[0].kendall_tau
    assert [sum(r.round == k for r in a.results) for k in range(1, 7)] == [4] * 6  # the rooms it played
    assert simulate_bp(16, 6, 0.0, seed=3).history[-1].kendall_tau > 0.8  # a noiseless judge
    odd = simulate_bp(14, 3, 1.0, seed=2)
    assert odd.debates == 3 * 3  # two byes a round


def test_bp_needs_fewer_calls_than_1v1_to_order_a_field() -> None:
    """The issue's claim, on a small field: one BP room (8 speeches, 2 reads) tells the ratings
    more than the 1v1 debates (8 calls each) that cost as much."""
    bp, one = [], []
    for seed in (1, 2, 3, 4):
        sim = simulate_bp(16, 20, 1.0, seed, stop_at_tau=0.8)
        bp.append(next(p.debates * 10 for p in sim.history if p.bt_kendall_tau >= 0.8))
        sim = simulate(16, 30, "swiss", 1.0, seed, stop_at_tau=0.8)
        one.append(next(p.debates * 8 for p in sim.history if p.bt_kendall_tau >= 0.8))
    assert sum(bp) < 0.75 * sum(one), (bp, one)


def test_bad_simulation_arguments_are_named() -> None:
    with pytest.raises(ValueError, match="players"):
        simulate_bp(3, 2)
    with pytest.raises(ValueError, match="letter_bias"):
        simulate_bp(8, 2, letter_bias=(1, 0))


def test_cli_simulates_bp_and_counts_calls() -> None:
    assert cli_simulate.DEFAULT_READS == bp_verdicts.DEFAULT_READS
    res = CliRunner().invoke(cli, ["simulate", "--format", "bp", "--players", "10", "--rounds", "3", "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.output)
    assert out["format"] == "bp" and out["debates"] == 6 and out["calls"] == 6 * (8 + 2)
    assert [p["calls"] for p in out["history"]] == [20, 40, 60]
    res = CliRunner().invoke(cli, ["simulate", "--players", "10", "--rounds", "2", "--json"])
    assert json.loads(res.output)["calls"] == 10 * (6 + 2)  # oxford: six speeches, two reads
    res = CliRunner().invoke(cli, ["simulate", "--format", "bp", "--mirror"])
    assert res.exit_code == 2 and "two-side" in res.output
