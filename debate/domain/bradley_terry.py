"""Bradley-Terry over pairwise outcomes: the data, the penalised fit (Newton), pure numpy.

TrueSkill updates online, so the order of the debates matters; Bradley-Terry fits all results
at once, as Chatbot Arena reports. Strengths are log-odds ("logits"): P(a beats b) =
s(theta_a - theta_b), s the logistic function. Printed on the Elo scale, ``CENTRE + SCALE *
(theta - mean theta)`` (a 400-point gap is 10:1 odds), centred on 1000 over the debaters fitted.

The input is a table of pairwise outcomes (`Comparisons`): rows (a, b, y, w, group), y being
a's share of the win (1, 0, 1/2 for a draw, or a fraction in the ballot-aware modes), w a
weight and `group` the debate (room) the row came from, so that a debate with several
pairwise outcomes (a four-side room gives six: 1st beat 2nd, 3rd and 4th; 2nd beat 3rd and
4th; 3rd beat 4th) can be reversed or down-weighted as one. Forfeits are
left out (an outage says nothing about debating skill), as in TrueSkill.

`fit` is the point estimate with the weak prior the README documents: one virtual win and one
virtual loss against a debater of strength 0, which keeps an unbeaten or winless debater
finite. It maximises

    l(theta) = sum_g w_g [y_g log s(d_g) + (1 - y_g) log s(-d_g)]
             + virtual * sum_i [log s(theta_i) + log s(-theta_i)] - |theta|^2 / (2 prior_var)

(d_g = theta_a - theta_b, plus X_g beta with covariates) by Newton's method: 5-10 steps to
1e-10, where Hunter's MM needs thousands in long leagues. The fit this replaces rescaled the
strengths to geometric mean 1 on every MM iteration while the virtual opponent stayed at 1,
which moved the fixed point off this maximum by up to 15 Elo (tests/test_bradley_terry.py
pins the fit against a reference and the score equations). Intervals come from the
hierarchical posterior (`bt_posterior`), not from this point fit.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from .models import DebateResult

CENTRE = 1000.0
SCALE = 400.0 / math.log(10)  # Elo points per logit


def to_elo(theta):  # noqa: ANN001, ANN201 - a float or an array, returned alike
    """Centred logits on the Elo scale."""
    return CENTRE + SCALE * theta


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * x))  # no overflow


def log_sigmoid(x: np.ndarray) -> np.ndarray:
    return np.minimum(x, 0.0) - np.log1p(np.exp(-np.abs(x)))


@dataclass(frozen=True)
class Comparisons:
    """Pairwise outcomes over debaters 0..n-1 (`names`), one row per outcome."""

    names: tuple[str, ...]
    a: np.ndarray      # int: one side
    b: np.ndarray      # int: the other
    y: np.ndarray      # a's share of the win, in [0, 1]
    w: np.ndarray      # weight > 0
    group: np.ndarray  # int: the debate each row came from (0..debates-1)
    debate_ids: tuple[str, ...] = ()  # the debates, by group number

    @property
    def n(self) -> int:
        return len(self.names)

    def __len__(self) -> int:
        return len(self.a)

    def with_outcomes(self, y: np.ndarray) -> Comparisons:
        return Comparisons(self.names, self.a, self.b, np.asarray(y, dtype=float), self.w,
                           self.group, self.debate_ids)


def ranking_weight(k: int) -> float:
    """The weight of each pairwise outcome of a ranking of k sides (1 for two sides).

    A ranking's k(k-1)/2 pairwise outcomes are not independent games (1st over 3rd follows from
    1st over 2nd and 2nd over 3rd). Weighted by this, they hold the likelihood the ranking does
    where the spread of the field is decided: at equal strengths a Plackett-Luce ranking of k has
    probability 1 / k!, the weighted outcomes (1/2)^(w k(k-1)/2), so w = log k! / (k(k-1)/2 log 2):
    0.76 for four sides. (Fully separated, both tend to 1.) The spread's evidence reads that
    range: matching instead the ranking's Fisher information at equal strengths (23/36, 0.64)
    made "everyone is equal" too cheap, over-shrank a wide field and covered the truth 38% of the
    time after two rooms each (benchmarks/rating_coverage.py --format bp; RESULTS.md).
    """
    pairs = k * (k - 1) / 2
    return math.lgamma(k + 1) / (pairs * math.log(2)) if k > 2 else 1.0


def comparisons(names: Sequence[str], results: Iterable[DebateResult]) -> Comparisons:
    """The win/loss table of `results` over `names`: each result's pairwise outcomes
    (DebateResult.outcomes; a four-side room's six weighted by `ranking_weight`), forfeits and
    unknown names left out."""
    idx = {n: i for i, n in enumerate(names)}
    rows: list[tuple[int, int, float, int]] = []
    weights: list[float] = []
    ids: list[str] = []
    for r in results:
        if r.result == "forfeit":
            continue
        got = [(idx[x], idx[z], y) for x, z, y in r.outcomes() if x in idx and z in idx]
        if got:
            rows += [(i, j, y, len(ids)) for i, j, y in got]
            weights += [ranking_weight(len(r.sides))] * len(got)
            ids.append(r.debate_id)
    return from_rows(names, rows, ids, weights)


def from_rows(names: Sequence[str], rows: Sequence[tuple[int, int, float, int]],
              debate_ids: Sequence[str] = (), weights: Sequence[float] | None = None) -> Comparisons:
    """A table from (a, b, y, group) rows."""
    arr = np.array(rows, dtype=float).reshape(len(rows), 4)
    w = np.ones(len(rows)) if weights is None else np.asarray(weights, dtype=float)
    return Comparisons(tuple(names), arr[:, 0].astype(np.int64), arr[:, 1].astype(np.int64),
                       arr[:, 2].copy(), w, arr[:, 3].astype(np.int64), tuple(debate_ids))


# --- the comparison graph ----------------------------------------------------------------------

def laplacian(n: int, a: np.ndarray, b: np.ndarray, v: np.ndarray) -> np.ndarray:
    """The weighted graph Laplacian sum_g v_g (e_a - e_b)(e_a - e_b)^T, dense n x n."""
    diag = np.bincount(a, v, n) + np.bincount(b, v, n)
    off = np.bincount(a * n + b, v, n * n) + np.bincount(b * n + a, v, n * n)
    out = -off.reshape(n, n)
    out[np.arange(n), np.arange(n)] += diag
    return out


def information(n: int, a: np.ndarray, b: np.ndarray, v: np.ndarray,
                X: np.ndarray | None = None) -> np.ndarray:
    """sum_g v_g x_g x_g^T for design rows x_g = (e_a - e_b, X_g): (n + k) x (n + k)."""
    k = 0 if X is None else X.shape[1]
    H = np.zeros((n + k, n + k))
    H[:n, :n] = laplacian(n, a, b, v)
    if k:
        assert X is not None
        Xv = X * v[:, None]
        H[n:, n:] = X.T @ Xv
        cross = np.zeros((n, k))
        np.add.at(cross, a, Xv)
        np.add.at(cross, b, -Xv)
        H[:n, n:] = cross
        H[n:, :n] = cross.T
    return H


def design_dot(m: np.ndarray, n: int, a: np.ndarray, b: np.ndarray,
               X: np.ndarray | None = None) -> np.ndarray:
    """x_g^T m for every row g."""
    d = m[a] - m[b]
    if X is not None and X.shape[1]:
        d = d + X @ m[n:]
    return d


def design_quadratic(S: np.ndarray, n: int, a: np.ndarray, b: np.ndarray,
                     X: np.ndarray | None = None) -> np.ndarray:
    """x_g^T S x_g for every row g (the variance of d_g under covariance S)."""
    q = S[a, a] + S[b, b] - 2.0 * S[a, b]
    if X is not None and X.shape[1]:
        q = q + 2.0 * np.einsum("gj,gj->g", X, S[a, n:] - S[b, n:])
        q = q + np.einsum("gi,ij,gj->g", X, S[n:, n:], X)
    return q


# --- the penalised fit -------------------------------------------------------------------------

@dataclass(frozen=True)
class MapFit:
    theta: np.ndarray    # log-strengths (not re-centred)
    beta: np.ndarray     # covariate coefficients (empty without covariates)
    hessian: np.ndarray  # minus the Hessian of the log posterior at the mode, (n + k) square
    iterations: int


def map_fit(c: Comparisons, *, prior_var: float | None = None, virtual: float = 0.0,
            X: np.ndarray | None = None, beta_prior_var: float = 1e4,
            theta0: np.ndarray | None = None, tol: float = 1e-10, max_iter: int = 100) -> MapFit:
    """Maximise the penalised log-likelihood (module docstring) by damped Newton steps.

    ``X`` (rows x k): covariate differences (a's minus b's) with coefficients under a
    N(0, beta_prior_var) prior. ``prior_var`` or ``virtual`` > 0 must make the problem
    strictly concave: an unbeaten debater has no finite maximum otherwise.
    """
    if prior_var is None and virtual <= 0:
        raise ValueError("prior_var or virtual: one is needed (an unbeaten debater has no finite fit)")
    n, a, b, y, w = c.n, c.a, c.b, c.y, c.w
    k = 0 if X is None else X.shape[1]
    z = np.zeros(n + k)
    if theta0 is not None:
        z[:n] = theta0
    prec = np.zeros(n + k)
    if prior_var is not None:
        prec[:n] = 1.0 / prior_var
    prec[n:] = 1.0 / beta_prior_var

    def objective(z: np.ndarray) -> float:
        d = design_dot(z, n, a, b, X)
        lp = float(np.sum(w * (y * log_sigmoid(d) + (1 - y) * log_sigmoid(-d))))
        lp -= 0.5 * float(np.sum(prec * z * z))
        if virtual:
            lp += virtual * float(np.sum(log_sigmoid(z[:n]) + log_sigmoid(-z[:n])))
        return lp

    lp = objective(z)
    it = 0
    for it in range(1, max_iter + 1):
        p = sigmoid(design_dot(z, n, a, b, X))
        r = w * (y - p)  # d loglik / d d_g
        g = -prec * z
        g[:n] += np.bincount(a, r, n) - np.bincount(b, r, n)
        if k:
            assert X is not None
            g[n:] += X.T @ r
        H = _neg_hessian(c, z, prec, virtual, X)
        if virtual:
            g[:n] += virtual * (1 - 2 * sigmoid(z[:n]))  # d/dt [log s(t) + log s(-t)]
        step = np.linalg.solve(H, g)
        # Halve the step until the objective does not fall (lopsided data can ask for a huge
        # first step; on a concave objective a full step is usually taken).
        t = 1.0
        while True:
            cand = z + t * step
            lp_c = objective(cand)
            if lp_c >= lp - 1e-12 or t < 1e-6:
                break
            t *= 0.5
        z, lp = cand, lp_c
        if np.max(np.abs(t * step)) < tol:
            break
    return MapFit(theta=z[:n].copy(), beta=z[n:].copy(), hessian=_neg_hessian(c, z, prec, virtual, X),
                  iterations=it)


def _neg_hessian(c: Comparisons, z: np.ndarray, prec: np.ndarray, virtual: float,
                 X: np.ndarray | None) -> np.ndarray:
    n = c.n
    p = sigmoid(design_dot(z, n, c.a, c.b, X))
    H = np.diag(prec) + information(n, c.a, c.b, c.w * p * (1 - p), X)
    if virtual:
        q = sigmoid(z[:n])
        H[np.arange(n), np.arange(n)] += 2 * virtual * q * (1 - q)
    return H


def point_fit(c: Comparisons) -> np.ndarray:
    """The documented point estimate (one virtual win and loss each), centred logits."""
    if c.n == 0:
        return np.zeros(0)
    t = map_fit(c, virtual=1.0).theta
    return t - t.mean()


def fit(names: Sequence[str], results: Iterable[DebateResult]) -> dict[str, float]:
    """Bradley-Terry scores on the Elo scale (the point estimate, no interval)."""
    names = list(names)
    theta = point_fit(comparisons(names, results))
    return {n: CENTRE + SCALE * float(v) for n, v in zip(names, theta)}
