"""The league file's rating mode: the margin mode reads the judges' rubric margins, is stored with
the tournament and kept within it; the robustness summary's reversal counts against brute force."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import numpy as np
import pytest

from debate.domain.bradley_terry import from_rows, map_fit, sigmoid
from debate.domain.margins import debate_margin, margin_posterior, ridge_fit
from debate.domain.models import Ballot, DebateResult, Dimension, Rubric
from debate.domain.rating import rate, table
from debate.domain.robustness import leader_flips_bt, leader_flips_linear, separability
from debate.testing import run_cli
from tests._loopback import state_of
from tests.test_tournament_rules import _refused
from tests.test_tournaments import _league, _pack2

RUBRIC = Rubric(id="r", title="r", judge_prompt="judge", dimensions=[
    Dimension(id="evidence", name="Evidence", description="d", weight=2.0),
    Dimension(id="style", name="Style", description="d")])


def _ballot(judge: str, pro: tuple[float, float], con: tuple[float, float], failed: bool = False) -> Ballot:
    return Ballot(judge=judge, winner="pro" if sum(pro) > sum(con) else "con", failed=failed,
                  scores={"pro": dict(zip(("evidence", "style"), pro)), "con": dict(zip(("evidence", "style"), con))})


def test_a_debate_margin_is_the_mean_weighted_total_difference_of_valid_ballots() -> None:
    ballots = [_ballot("j1", (8, 6), (6, 6)), _ballot("j2", (7, 7), (7, 5)), _ballot("j3", (1, 1), (9, 9), True)]
    assert debate_margin(ballots, RUBRIC) == pytest.approx(((22 - 18) + (21 - 19)) / 2)
    assert debate_margin(ballots[2:], RUBRIC) is None


def test_the_margin_mode_orders_by_how_much_was_won() -> None:
    # a and b each beat c and d once; a by a hair, b by a rout: win/loss cannot tell them apart,
    # the margins can
    games = [("a", "c", 1.0), ("b", "c", 12.0), ("d", "a", -1.0), ("b", "d", 10.0), ("c", "d", 0.5)]
    results = [DebateResult(debate_id=f"d{i}", round=1, motion_id="m", pro=p, con=c,
                            winner=p if m > 0 else c, result="decided") for i, (p, c, m) in enumerate(games)]
    ballots = {f"d{i}": [_ballot("j", (5 + m / 3, 5), (5, 5))] for i, (_, _, m) in enumerate(games)}
    rows, summary = table("abcd", rate({}, results), results, ballots=ballots, rubric=RUBRIC, mode="margin")
    assert [s.name for s in rows][:1] == ["b"] and rows[0].margin > 0
    assert [s.margin for s in rows] == sorted((s.margin for s in rows), reverse=True)
    assert summary.mode == "margin" and summary.flips_exact and summary.debates == 5
    assert all(s.bt_lo < s.bt < s.bt_hi for s in rows)  # the Elo intervals beside come from win/loss
    assert summary.lines()[0].startswith("Rating mode: margin")
    assert "the margin ratings' 95% intervals" in " ".join(summary.lines())  # not the BT ones beside


def test_margin_mode_without_any_margin_says_wins_and_losses_sort_the_table() -> None:
    games = [("a", "b"), ("b", "c"), ("a", "c")]
    results = [DebateResult(debate_id=f"d{i}", round=1, motion_id="m", pro=p, con=c, winner=p, result="decided")
               for i, (p, c) in enumerate(games)]
    rows, summary = table("abc", rate({}, results), results, ballots={}, rubric=RUBRIC, mode="margin")
    assert [s.name for s in rows] == ["a", "b", "c"] and all(s.margin is None for s in rows)
    assert summary.mode == "margin" and summary.level is None
    assert "no debate has two sides' rubric scores" in summary.lines()[0]


def test_each_margin_posterior_component_is_the_ridge_fit_at_its_spread() -> None:
    rng = np.random.default_rng(3)
    a = rng.integers(0, 6, 30)
    b = (a + rng.integers(1, 6, 30)) % 6
    c = from_rows("abcdef", [(int(i), int(j), 0.5, g) for g, (i, j) in enumerate(zip(a, b))])
    m = 3 * (np.arange(6)[a] - np.arange(6)[b]) / 5 + rng.normal(0, 2, 30)
    fit = margin_posterior(c, m)
    k = int(np.argmax(fit.posterior.weights))
    assert fit.posterior.means[k] == pytest.approx(ridge_fit(c, m, fit.ridge), abs=1e-9)
    assert fit.posterior.weights.sum() == pytest.approx(1.0)


@pytest.mark.parametrize("seed", range(4))
def test_the_margin_modes_reversal_count_is_the_minimum(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n, games = 6, 12
    a = rng.integers(0, n, games)
    b = (a + rng.integers(1, n, games)) % n
    m = rng.normal(0, 5, games) + 3 * (a == 0) - 3 * (b == 0)
    c = from_rows([f"p{i}" for i in range(n)], [(int(i), int(j), 0.5, g) for g, (i, j) in enumerate(zip(a, b))])
    got = leader_flips_linear(c, m, 0.1)
    lead = int(np.argmax(ridge_fit(c, m, 0.1)))
    assert got.leader == lead and got.exact
    brute = next(k for k in range(1, games + 1) for s in combinations(range(games), k)
                 if int(np.argmax(ridge_fit(c, np.where(np.isin(np.arange(games), s), -m, m), 0.1))) != lead)
    assert got.count == brute


def test_a_bradley_terry_reversal_count_is_verified_and_minimal_here() -> None:
    rng = np.random.default_rng(3)
    n, games = 8, 24
    a = rng.integers(0, n, games)
    b = (a + rng.integers(1, n, games)) % n
    y = (rng.random(games) < sigmoid(0.8 * (b - a) / 2)).astype(float)
    c = from_rows([f"p{i}" for i in range(n)], [(int(i), int(j), float(v), g) for g, (i, j, v) in enumerate(zip(a, b, y))])
    got = leader_flips_bt(c, prior_var=4.0)
    flipped = y.copy()
    flipped[list(got.debates)] = 1 - flipped[list(got.debates)]
    assert int(np.argmax(map_fit(c.with_outcomes(flipped), prior_var=4.0).theta)) != got.leader
    lead = int(np.argmax(map_fit(c, prior_var=4.0).theta))
    for k in range(1, got.count):  # no smaller set does it
        for s in combinations(range(games), k):
            yy = y.copy()
            yy[list(s)] = 1 - yy[list(s)]
            assert int(np.argmax(map_fit(c.with_outcomes(yy), prior_var=4.0).theta)) == lead


def test_separability_counts_disjoint_pairs() -> None:
    assert separability(np.array([0.0, 1.0, 5.0]), np.array([2.0, 3.0, 6.0])) == pytest.approx(2 / 3)


def test_the_rating_mode_is_stored_and_kept_within_a_tournament(tmp_path: Path, data_dir: Path, capsys) -> None:
    db, pack = tmp_path / "m.db", data_dir / "mini-pack.yaml"
    assert run_cli("run", str(_league(tmp_path, "a", pack, rounds=1, rating="margin")), "--db", str(db), "-q") == 0
    state = state_of(db)
    assert state.config.rating == "margin" and state.summary.mode == "margin"
    margins = [s.margin for s in state.standings]
    assert None not in margins and margins == sorted(margins, reverse=True)
    _refused(capsys, _league(tmp_path, "b", pack, rounds=2), db,
             "rating changed ('margin' -> 'win-loss')")
    # the league's next tournament may rate otherwise
    assert run_cli("run", str(_league(tmp_path, "c", _pack2(tmp_path, data_dir), rounds=1)), "--db", str(db),
                   "-q") == 0
    state = state_of(db)
    assert state.summary.mode == "win-loss" and all(s.margin is None for s in state.standings)


def test_a_league_file_names_a_known_rating_mode(tmp_path: Path, data_dir: Path, capsys) -> None:
    path = _league(tmp_path, "x", data_dir / "mini-pack.yaml", rating="votes")
    assert run_cli("run", str(path), "--db", str(tmp_path / "x.db"), "-q") == 2
    err = capsys.readouterr().err
    assert "rating" in err and "win-loss" in err and "margin" in err


def test_judges_that_score_both_sides_level_are_named_in_margin_mode() -> None:
    # a degenerate judge (as SmolLM2-135M in the corpus: every ballot 7-7 on every dimension)
    results = [DebateResult(debate_id=f"d{i}", round=1, motion_id="m", pro=p, con=c, winner=p, result="decided")
               for i, (p, c) in enumerate([("a", "b"), ("b", "c"), ("a", "c"), ("c", "d")])]
    ballots = {r.debate_id: [_ballot("j", (7, 7), (7, 7))] for r in results}
    rows, summary = table("abcd", rate({}, results), results, ballots=ballots, rubric=RUBRIC, mode="margin")
    assert summary.level == 1.0 and "scored both sides level in 100% of debates" in " ".join(summary.lines())
    assert all(abs(s.margin) < 1e-6 for s in rows) and rows[0].name == "a"  # level margins: wins decide


async def test_the_viewer_says_what_sorts_a_margin_league(tmp_path: Path, data_dir: Path) -> None:
    from tests.test_tui import shown
    from tests.tui_sample import SIZE, until_loaded
    from tui import make_app

    import asyncio

    db = tmp_path / "m.db"
    league = _league(tmp_path, "a", data_dir / "mini-pack.yaml", rounds=1, rating="margin")
    assert await asyncio.to_thread(run_cli, "run", str(league), "--db", str(db), "-q") == 0  # its own loop
    app = make_app(db=db)
    async with app.run_test(size=SIZE) as pilot:
        await until_loaded(pilot)
        await pilot.pause()
        note = shown(app.main.query_one("#standings-note"))
        summary = shown(app.main.query_one("#standings-summary"))
    assert note.startswith("margin = judges' rubric margin") and "Bradley-Terry posterior" in note
    assert summary.startswith("Rating mode: margin (sorted by the judges' rubric margins")


def test_win_loss_standings_say_when_the_margin_mode_would_have_scores_to_read() -> None:
    results = [DebateResult(debate_id=f"d{i}", round=1, motion_id="m", pro=p, con=c, winner=p, result="decided")
               for i, (p, c) in enumerate([("a", "b"), ("b", "c"), ("a", "c"), ("c", "d")])]
    scored = {r.debate_id: [_ballot("j", (8, 7), (6, 6))] for r in results}
    level = {r.debate_id: [_ballot("j", (7, 7), (7, 7))] for r in results}
    _, summary = table("abcd", rate({}, results), results, ballots=scored, rubric=RUBRIC)
    assert summary.mode == "win-loss" and summary.level == 0.0
    assert "rubric scores separate the sides in 100% of debates" in summary.lines()[-1]
    _, summary = table("abcd", rate({}, results), results, ballots=level, rubric=RUBRIC)
    assert summary.level == 1.0 and not any("rating: margin" in line for line in summary.lines())
