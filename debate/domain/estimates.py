"""The standings' skill estimates: one pass over a league's results that gives every debater
its Bradley-Terry rating with a credible interval, its rank range and chance of being the best,
its margin rating (margin mode) and its length-controlled rating, and the league's robustness
summary. Pure: results, ballots and speech lengths in, numbers out.

Rating modes (the league file's ``rating:``, README "Ratings"):

- ``win-loss`` (default): the hierarchical Bradley-Terry posterior on the panels' results
  (`bt_posterior`); the standings are sorted by its posterior mean.
- ``margin``: the judges' rubric margins (`margins`); sorted by the margin posterior's mean,
  rank ranges and P(best) from it. The skill intervals (Elo) shown beside come from the
  win/loss posterior, as the margin posterior's own intervals are compressed at the ends.

Why the posterior mean and not TrueSkill's conservative rating sorts the standings: in the
engine's simulator the Bradley-Terry order over the same debates reaches Kendall tau 0.9 with
10-25% fewer debates than TrueSkill's (benchmarks/RESULTS.md), and mu - 3 sigma ranks a
debater by how sure TrueSkill is, which puts a newcomer last whatever it has shown.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from .bradley_terry import Comparisons, comparisons, to_elo
from .bt_posterior import hierarchical_posterior
from .margins import margin_posterior, margins_of
from .models import Ballot, DebateResult, RatingMode, RatingSummary, Rubric, StyleEffect
from .posterior import Posterior, draws, intervals, rank_summary
from .robustness import leader_flips_bt, leader_flips_linear, separability
from .speech_style import SideStyle
from .style_control import fit_style, style_matrix


@dataclass
class Estimates:
    rows: dict[str, dict[str, float | int | None]] = field(default_factory=dict)  # Standing fields
    key: dict[str, float] = field(default_factory=dict)  # the published order: larger first
    summary: RatingSummary = field(default_factory=RatingSummary)


def estimate(names: Sequence[str], results: Sequence[DebateResult], *, mode: RatingMode = "win-loss",
             ballots: Mapping[str, Sequence[Ballot]] | None = None, rubric: Rubric | None = None,
             styles: Mapping[str, Mapping[str, SideStyle]] | None = None, seed: int = 0,
             robustness: bool = True) -> Estimates:
    """Estimates for `names` from every result (debates against debaters who have left the
    league count too: they are fitted, not shown).

    ``styles`` (debate id -> side -> SideStyle) turns on the length-controlled rating;
    ``robustness=False`` skips the leader-flip count (the costliest part at scale).
    """
    names = list(names)
    fitted = names + sorted({x for r in results for x in r.debaters} - set(names))
    shown = np.array([n in set(names) for n in fitted])
    c = comparisons(fitted, results)
    out = Estimates(summary=RatingSummary(mode=mode, debaters=len(names)))
    if len(c) == 0 or not names:
        return out
    wl = hierarchical_posterior(c)
    lo, hi = intervals(wl)
    for i, n in enumerate(fitted[:len(names)]):
        out.rows[n] = {"bt": _r(to_elo(wl.mean[i])), "bt_lo": _r(to_elo(lo[i])), "bt_hi": _r(to_elo(hi[i]))}
        out.key[n] = float(wl.mean[i])
    ranked: Posterior = wl
    rated, m, ridge = c, np.zeros(0), None
    if mode == "margin" and rubric is not None:
        mc, mg = margins_of(c, ballots or {}, rubric)
        if len(mc):
            mf = margin_posterior(mc, mg)
            ranked, rated, m, ridge = mf.posterior, mc, mg, mf.ridge
            out.summary.level = round(float(np.mean(np.abs(mg) < 1e-9)), 3)
            for i, n in enumerate(names):
                out.rows[n]["margin"] = round(float(mf.posterior.mean[i]), 2)
                out.key[n] = float(mf.posterior.mean[i])
    elif rubric is not None and ballots:
        # win-loss: would the margin mode have anything to read? (the summary says so if it would)
        _, mg = margins_of(c, ballots, rubric)
        if len(mg):
            out.summary.level = round(float(np.mean(np.abs(mg) < 1e-9)), 3)
    _ranks(out, names, ranked, shown, seed)
    s = out.summary
    s.debates = len(set(rated.group.tolist()))
    if any(r.seats for r in results):
        s.outcomes = len(rated)
    rlo, rhi = (lo, hi) if ranked is wl else intervals(ranked)
    s.separability = round(separability(rlo[shown], rhi[shown]), 3)
    if robustness:
        flips = (leader_flips_linear(rated, m, ridge, shown) if ridge is not None
                 else leader_flips_bt(c, wl.likeliest_scale ** 2, shown))
        s.flips = flips.count if flips.count >= 0 else None
        s.flips_exact = flips.exact
        if flips.count > 0:
            s.challenger = fitted[flips.challenger]
            s.flip_debates = [rated.debate_ids[g] for g in flips.debates]
    if styles:
        _style(out, names, c, styles)
    return out


def _r(v: float) -> float:
    return round(float(v), 1)


def _ranks(out: Estimates, names: list[str], post: Posterior, shown: np.ndarray, seed: int) -> None:
    rs = rank_summary(draws(post, seed=seed)[:, shown])
    for i, n in enumerate(names):
        out.rows[n].update(rank_lo=int(rs.rank_lo[i]), rank_hi=int(rs.rank_hi[i]),
                           p_best=round(float(rs.p_best[i]), 3))
    lead = max(names, key=lambda n: (out.key[n], n))
    out.summary.leader = lead
    out.summary.p_best = round(float(rs.p_best[names.index(lead)]), 3)
    out.summary.top_set = [names[i] for i in sorted(rs.top_set, key=lambda i: (-rs.p_best[i], names[i]))]


def _style(out: Estimates, names: list[str], c: Comparisons,
           styles: Mapping[str, Mapping[str, SideStyle]]) -> None:
    """The style-controlled rating over the debates whose speeches are known (a = pro)."""
    rows = np.array([c.debate_ids[g] in styles for g in c.group], dtype=bool)
    if rows.sum() < 2:
        return
    idx = np.flatnonzero(rows)
    sub = Comparisons(c.names, c.a[idx], c.b[idx], c.y[idx], c.w[idx], c.group[idx], c.debate_ids)
    ids = [c.debate_ids[g] for g in sub.group]
    X, features = style_matrix([styles[d]["pro"] for d in ids], [styles[d]["con"] for d in ids])
    st = fit_style(sub, X, features)
    lo, hi = intervals(st.posterior)
    for i, n in enumerate(names):
        out.rows[n].update(lc=_r(to_elo(st.posterior.mean[i])), lc_lo=_r(to_elo(lo[i])),
                           lc_hi=_r(to_elo(hi[i])))
    out.summary.style = [StyleEffect(feature=f, beta=round(float(b), 3), lo=round(float(l_), 3),
                                     hi=round(float(h), 3))
                         for f, b, l_, h in zip(st.names, st.beta, st.beta_lo, st.beta_hi)]
