"""The hierarchical Bradley-Terry posterior: EP against quadrature, identical debaters, rank
ranges and the top set, and what the standings say when the top cannot be told apart."""

from __future__ import annotations

import math

import numpy as np
import pytest

from debate.domain import bt_posterior as bp
from debate.domain.bradley_terry import from_rows, log_sigmoid
from debate.domain.models import DebateResult
from debate.domain.posterior import Posterior, draws, intervals, rank_summary
from debate.domain.rating import rate, table


def test_ep_evidence_and_mean_match_two_dimensional_quadrature() -> None:
    c = from_rows(["a", "b"], [(0, 1, 1.0, 0), (0, 1, 1.0, 1), (1, 0, 1.0, 2)])
    g = np.linspace(-60, 60, 2401)
    t0, t1 = np.meshgrid(g, g, indexing="ij")
    for tau in (0.5, 2.0, 8.0):
        d = t0 - t1
        lp = (2 * log_sigmoid(d) + log_sigmoid(-d) - 0.5 * (t0 ** 2 + t1 ** 2) / tau ** 2
              - math.log(2 * math.pi * tau ** 2))
        dz = (g[1] - g[0]) ** 2
        z = np.exp(lp).sum() * dz
        mean = (np.exp(lp) * t0).sum() * dz / z
        sd = math.sqrt((np.exp(lp) * (t0 - mean) ** 2).sum() * dz / z)
        f = bp.ep_fit(c, prior_var=tau * tau, tol=1e-9)
        assert f.log_evidence == pytest.approx(math.log(z), abs=0.02)  # 0.011 at tau 8
        assert f.mean[0] == pytest.approx(mean, abs=0.01 * sd)
        assert math.sqrt(f.cov[0, 0]) == pytest.approx(sd, rel=0.05)


def test_tilted_moments_match_a_fine_grid() -> None:
    rng = np.random.default_rng(2)
    rows = 200
    mu, v = rng.normal(0, 8, rows), np.exp(rng.normal(1, 1.5, rows))
    y, w = rng.choice([0.0, 0.5, 1.0], rows), rng.choice([1.0, 3.0], rows)
    _, mean, var = bp.tilted_moments(mu, v, y, w)
    d = mu[:, None] + np.sqrt(v)[:, None] * np.linspace(-40, 40, 40001)[None, :]
    logf = (-0.5 * (d - mu[:, None]) ** 2 / v[:, None]
            + w[:, None] * (y[:, None] * log_sigmoid(d) + (1 - y[:, None]) * log_sigmoid(-d)))
    f = np.exp(logf - logf.max(axis=1, keepdims=True))
    m_ref = (f * d).sum(1) / f.sum(1)
    v_ref = (f * (d - m_ref[:, None]) ** 2).sum(1) / f.sum(1)
    # deliberately extreme cavities (sd up to ~30 logits): within 2% of a standard deviation
    assert np.max(np.abs(mean - m_ref) / np.sqrt(v_ref)) < 2e-2
    assert np.max(np.abs(var / v_ref - 1)) < 2e-2


def test_mirrored_records_get_identical_intervals() -> None:
    # 0 and 1 are interchangeable: each beat 2, lost to 3, and they drew each other
    c = from_rows("abcd", [(0, 2, 1, 0), (1, 2, 1, 1), (3, 0, 1, 2), (3, 1, 1, 3), (0, 1, 0.5, 4)])
    lo, hi = intervals(bp.hierarchical_posterior(c))
    assert lo[0] == pytest.approx(lo[1], abs=1e-6) and hi[0] == pytest.approx(hi[1], abs=1e-6)


def test_the_posterior_mean_lies_inside_its_interval_even_for_the_unbeaten() -> None:
    # an unbeaten debater's point fit sat at the edge of its bootstrap interval
    c = from_rows("abcd", [(0, 1, 1, 0), (0, 2, 1, 1), (0, 3, 1, 2), (1, 2, 1, 3), (3, 2, 1, 4)])
    post = bp.hierarchical_posterior(c)
    lo, hi = intervals(post)
    assert np.all(lo < post.mean) and np.all(post.mean < hi)
    assert np.argmax(post.mean) == 0 and abs(post.weights.sum() - 1) < 1e-12


def test_rank_summary_names_the_top_set() -> None:
    rng = np.random.default_rng(0)
    samples = rng.standard_normal((4000, 3)) * 0.1 + np.array([2.0, 1.95, -3.0])
    rs = rank_summary(samples)
    assert set(rs.top_set) == {0, 1} and rs.rank_lo[2] == rs.rank_hi[2] == 3
    assert rs.p_best.sum() == pytest.approx(1.0)


def test_draws_are_seeded_and_centred() -> None:
    post = Posterior(weights=np.array([1.0]), means=np.zeros((1, 3)),
                     covs=np.array([np.eye(3) - 1 / 3]), scales=np.array([1.0]),
                     beta=np.zeros((1, 0)), beta_covs=np.zeros((1, 0, 0)))
    a, b = draws(post, 500, seed=4), draws(post, 500, seed=4)
    assert np.array_equal(a, b) and np.max(np.abs(a.sum(axis=1))) < 1e-9


def _identical_league() -> list[DebateResult]:
    """Four copies of one model after two rounds: whoever had the proposition won (as a judge
    that favours a side would decide), so the records split 2-0, 1-1, 1-1, 0-2."""
    games = [("a", "b", "a"), ("c", "d", "c"), ("a", "c", "a"), ("d", "b", "d")]
    return [DebateResult(debate_id=f"r{i // 2 + 1}-d{i % 2 + 1}", round=i // 2 + 1, motion_id="m",
                         pro=p, con=c, winner=w, result="decided") for i, (p, c, w) in enumerate(games)]


def test_identical_debaters_overlap_and_the_standings_say_they_cannot_be_told_apart() -> None:
    rs = _identical_league()
    rows, summary = table("abcd", rate({}, rs), rs)
    for i, x in enumerate(rows):
        for y in rows[i + 1:]:
            assert x.bt_lo <= y.bt_hi and y.bt_lo <= x.bt_hi  # every pair's intervals overlap
    assert rows[0].name == "a" and all(s.rank_lo == 1 for s in rows)
    assert summary.separability == 0.0 and len(summary.top_set) == 4
    text = " ".join(summary.lines())
    assert "cannot be told apart" in text and "top 4 of 4" in text
