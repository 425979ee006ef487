"""A rating posterior as a mixture of Gaussians, and what is read from it: intervals, draws,
rank ranges, the chance of being the best, and the set the top cannot be told apart within.

Both ratings' posteriors have this shape: the spread of the field (and in the margin mode the
judges' noise) is not known, so it is integrated over a grid, each grid value giving one
Gaussian component weighted by its evidence (`bt_posterior`, `margins`). Everything here is
about *centred* strengths (theta_i - mean theta over the debaters fitted), the scale the
standings print.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

DRAWS = 4000  # posterior draws for rank ranges and P(best): P(best) to about +-0.008
LEVEL = 0.95
MIN_COMPONENT = 1e-4  # mixture components lighter than this (relative to the heaviest) are dropped


@dataclass(frozen=True)
class Posterior:
    weights: np.ndarray    # k: posterior weight of each component (sums to 1)
    means: np.ndarray      # k x n component means (centred)
    covs: np.ndarray       # k x n x n component covariances (centred)
    scales: np.ndarray     # k: the spread (tau) of each component, in the rating's units
    beta: np.ndarray       # k x p covariate coefficients (style control); p = 0 without
    beta_covs: np.ndarray  # k x p x p

    @property
    def mean(self) -> np.ndarray:
        return self.weights @ self.means

    @property
    def beta_mean(self) -> np.ndarray:
        return self.weights @ self.beta

    def sd(self) -> np.ndarray:
        second = np.einsum("k,kii->i", self.weights, self.covs) + self.weights @ self.means ** 2
        return np.sqrt(np.maximum(second - self.mean ** 2, 0.0))

    @property
    def likeliest_scale(self) -> float:
        return float(self.scales[int(np.argmax(self.weights))])


def mixture_quantiles(means: np.ndarray, sds: np.ndarray, weights: np.ndarray, q: float,
                      iters: int = 60) -> np.ndarray:
    """Per-column quantile q of sum_k weights_k N(means[k, i], sds[k, i]^2), by bisection."""
    sds = np.maximum(sds, 1e-12)
    lo = (means - 9 * sds).min(axis=0)
    hi = (means + 9 * sds).max(axis=0)
    for _ in range(iters):
        mid = 0.5 * (lo + hi)
        below = weights @ norm_cdf((mid[None, :] - means) / sds) < q
        lo = np.where(below, mid, lo)
        hi = np.where(below, hi, mid)
    return 0.5 * (lo + hi)


def norm_cdf(x: np.ndarray) -> np.ndarray:
    return 0.5 * _erfc(-x / math.sqrt(2.0))


def _erfc(x: np.ndarray) -> np.ndarray:
    """erfc to ~1e-7 relative (Numerical Recipes' Chebyshev fit): numpy has none."""
    z = np.abs(x)
    t = 1.0 / (1.0 + 0.5 * z)
    r = t * np.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (
        -0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (
            -0.82215223 + t * 0.17087277)))))))))
    return np.where(x >= 0, r, 2.0 - r)


def intervals(post: Posterior, level: float = LEVEL) -> tuple[np.ndarray, np.ndarray]:
    """Equal-tailed marginal credible intervals of the centred strengths."""
    sds = np.sqrt(np.maximum(np.einsum("kii->ki", post.covs), 0.0))
    return (mixture_quantiles(post.means, sds, post.weights, (1 - level) / 2),
            mixture_quantiles(post.means, sds, post.weights, (1 + level) / 2))


def beta_intervals(post: Posterior, level: float = LEVEL) -> tuple[np.ndarray, np.ndarray]:
    """The same for the covariate coefficients."""
    sds = np.sqrt(np.maximum(np.einsum("kii->ki", post.beta_covs), 0.0))
    return (mixture_quantiles(post.beta, sds, post.weights, (1 - level) / 2),
            mixture_quantiles(post.beta, sds, post.weights, (1 + level) / 2))


def draws(post: Posterior, samples: int = DRAWS, seed: int = 0) -> np.ndarray:
    """`samples` x n draws of the centred strengths (seeded: the same every time)."""
    rng = np.random.default_rng([seed, 15])
    comp = rng.choice(len(post.weights), size=samples, p=post.weights)
    n = post.means.shape[1]
    out = np.empty((samples, n))
    for k in np.unique(comp):
        rows = np.flatnonzero(comp == k)
        vals, vecs = np.linalg.eigh(post.covs[k])  # centred: rank n - 1, so not Cholesky
        root = vecs * np.sqrt(np.where(vals > 1e-12 * max(vals.max(), 1e-300), vals, 0.0))
        out[rows] = post.means[k] + rng.standard_normal((len(rows), n)) @ root.T
    return out


@dataclass(frozen=True)
class RankSummary:
    rank_lo: np.ndarray  # best plausible rank (1 = top)
    rank_hi: np.ndarray  # worst plausible rank
    p_best: np.ndarray   # posterior probability of being the strongest
    top_set: np.ndarray  # indices: the fewest debaters that hold the strongest with prob >= level


def rank_summary(samples: np.ndarray, level: float = LEVEL) -> RankSummary:
    """Rank ranges ("2-5"), P(best) and the top set, from posterior draws (rows).

    Rank range: the equal-tailed `level` interval of a debater's rank over the draws. Top set:
    debaters by P(best), taken until their P(best) adds up to `level`: a credible set for who
    is best; a set of one names a clear leader, a larger one cannot be told apart.
    """
    m, n = samples.shape
    order = np.argsort(-samples, axis=1, kind="stable")
    ranks = np.empty_like(order)
    ranks[np.arange(m)[:, None], order] = np.arange(1, n + 1)[None, :]
    lo = np.quantile(ranks, (1 - level) / 2, axis=0, method="lower").astype(int)
    hi = np.quantile(ranks, (1 + level) / 2, axis=0, method="higher").astype(int)
    p_best = np.bincount(order[:, 0], minlength=n) / m
    by = np.argsort(-p_best, kind="stable")
    size = int(np.searchsorted(np.cumsum(p_best[by]), level - 1e-12) + 1)
    return RankSummary(rank_lo=lo, rank_hi=hi, p_best=p_best, top_set=np.sort(by[:min(size, n)]))


def centring(n: int) -> np.ndarray:
    """C = I - 11^T / n: C m and C S C are the centred mean and covariance."""
    return np.eye(n) - 1.0 / n
