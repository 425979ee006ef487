"""The margin rating mode: debaters rated by the judges' rubric margins, not only by who won.

A panel stores much more than its majority: every judge's scores for both sides. The margin
mode reads the mean over the panel's valid ballots of (pro's weighted rubric total - con's),
a debate's *margin* m_g, and fits the Gaussian (Thurstone-Mosteller) model

    m_g = theta_pro - theta_con + e_g,   e_g ~ N(0, sigma^2),   theta_i ~ N(0, tau^2)

whose posterior is exact (conjugate) for given (tau, sigma); both are integrated out over log
grids relative to the margins' root mean square (flat in log), so the rubric's scale and the
judges' score use set the units and nothing else. A rating is in rubric points: theta_i -
theta_j is the margin i would win by against j, on average.

Measured (benchmarks/RESULTS.md, "Ratings (issue 15)", simulated 3-judge panels calibrated to
the engine's simulator, 24 seeds): Kendall tau 0.9 at 32 debaters in 15% of a round robin's
debates at judge noise 1.0 and 10% at 0.5, against 36% and 22% for the win/loss posterior on
the same panels (45% and 30% for TrueSkill). Its intervals *in points* are not: scores clip at the ends
of the scale, so a rout stops growing with the skill gap and the extremes are compressed. The
standings therefore show points, rank ranges and P(best) from this posterior and skill
intervals (Elo) from the win/loss posterior beside them.

A debate counts when at least one ballot is valid (not failed); each counts once, whatever
its panel's size.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .bradley_terry import Comparisons, laplacian
from .models import Ballot, Rubric
from .posterior import MIN_COMPONENT, Posterior, centring

TAU_REL = np.exp(np.linspace(math.log(0.02), math.log(20.0), 24))   # x rms(margin)
SIGMA_REL = np.exp(np.linspace(math.log(0.05), math.log(3.0), 16))  # x rms(margin)


def counted(ballots: Sequence[Ballot]) -> list[Ballot]:
    """The ballots a debate's margin reads: the valid ones (as the verdict does)."""
    return [b for b in ballots if not b.failed]


def debate_margin(ballots: Sequence[Ballot], rubric: Rubric) -> float | None:
    """Mean over valid ballots of pro's weighted rubric total minus con's (None: no ballot)."""
    good = counted(ballots)
    if not good:
        return None
    return sum(b.total("pro", rubric) - b.total("con", rubric) for b in good) / len(good)


def margins_of(c: Comparisons, ballots: Mapping[str, Sequence[Ballot]], rubric: Rubric
               ) -> tuple[Comparisons, np.ndarray]:
    """The rows of two-side debates (a = pro) that have a margin, and the margins. A four-side
    room (several rows) has no pro and con: the margin mode leaves it out."""
    keep, m = [], []
    rows_of = np.bincount(c.group, minlength=len(c.debate_ids))
    for g, group in enumerate(c.group):
        if rows_of[group] != 1:
            continue
        got = debate_margin(ballots.get(c.debate_ids[group], ()), rubric)
        if got is not None:
            keep.append(g)
            m.append(got)
    idx = np.array(keep, dtype=np.int64)
    sub = Comparisons(c.names, c.a[idx], c.b[idx], c.y[idx], c.w[idx], c.group[idx], c.debate_ids)
    return sub, np.array(m, dtype=float)


@dataclass(frozen=True)
class MarginFit:
    posterior: Posterior  # centred points
    ridge: float          # sigma^2 / tau^2 of the likeliest component: its mean is a ridge fit
    sigma: float          # the judges' noise per debate (points) of the likeliest component


def margin_posterior(c: Comparisons, m: np.ndarray) -> MarginFit:
    """The exact posterior of the margin model, (tau, sigma) integrated over the grids.

    One eigendecomposition of the comparison graph's Laplacian L = Q diag(D) Q^T makes every
    grid point O(n): the precision is Q diag(D / sigma^2 + 1 / tau^2) Q^T and

        log p(m | tau, sigma) = -1/2 [m'm / sigma^2 - sum_i q_i^2 / (p_i sigma^4)]
                                - 1/2 sum_i log p_i - n log tau - G log sigma + const,

    p = D / sigma^2 + 1 / tau^2, q = Q^T B^T m (B the rows' incidence e_a - e_b).
    """
    n, G = c.n, len(m)
    D, Q = np.linalg.eigh(laplacian(n, c.a, c.b, np.ones(G)))
    D = np.maximum(D, 0.0)
    q = Q.T @ (np.bincount(c.a, m, n) - np.bincount(c.b, m, n))
    unit = max(float(np.sqrt(np.mean(m * m))) if G else 0.0, 1e-9)
    mm = float(m @ m)
    grid = [(tau, sig) for tau in unit * TAU_REL for sig in unit * SIGMA_REL]
    logw = np.empty(len(grid))
    for i, (tau, sig) in enumerate(grid):
        prec = D / sig ** 2 + 1.0 / tau ** 2
        logw[i] = (-0.5 * (mm / sig ** 2 - float(np.sum(q * q / prec)) / sig ** 4)
                   - 0.5 * float(np.sum(np.log(prec))) - n * math.log(tau) - G * math.log(sig))
    wts = np.exp(logw - logw.max())
    keep = np.flatnonzero(wts >= MIN_COMPONENT)
    C = centring(n)
    means, covs = [], []
    for i in keep:
        tau, sig = grid[i]
        prec = D / sig ** 2 + 1.0 / tau ** 2
        means.append(C @ (Q @ (q / prec)) / sig ** 2)
        covs.append(C @ ((Q / prec) @ Q.T) @ C)
    tau, sig = grid[int(np.argmax(logw))]
    post = Posterior(weights=wts[keep] / wts[keep].sum(), means=np.array(means), covs=np.array(covs),
                     scales=np.array([grid[i][0] for i in keep]), beta=np.zeros((len(keep), 0)),
                     beta_covs=np.zeros((len(keep), 0, 0)))
    return MarginFit(posterior=post, ridge=sig * sig / (tau * tau), sigma=sig)


def ridge_fit(c: Comparisons, m: np.ndarray, ridge: float) -> np.ndarray:
    """Centred least squares m_g = theta_a - theta_b + e with penalty ridge |theta|^2: the
    posterior mean at one (tau, sigma), ridge = sigma^2 / tau^2."""
    n = c.n
    rhs = np.bincount(c.a, m, n) - np.bincount(c.b, m, n)
    theta = np.linalg.solve(laplacian(n, c.a, c.b, np.ones(len(m))) + ridge * np.eye(n), rhs)
    return theta - theta.mean()
