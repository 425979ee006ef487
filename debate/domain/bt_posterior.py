"""Bradley-Terry intervals that cover: a hierarchical BT posterior by expectation propagation.

Model. Strengths theta_i ~ N(0, tau^2); each pairwise outcome enters through the BT likelihood
s(d)^(w y) s(-d)^(w (1 - y)), d = theta_a - theta_b (+ X beta with style covariates, whose
coefficients get a N(0, (0.5 tau)^2) prior: `style_control`). The spread tau is not known (a
league of near-equal models and one of a frontier model against small ones differ tenfold),
so it is integrated out over a grid with a hyperprior flat in log tau:

    p(theta | y) = sum_k w_k N(theta; m_k, S_k),   w_k proportional to p(y | tau_k)

Each component and its evidence p(y | tau_k) come from expectation propagation: each debate's
Gaussian site is set so the approximate posterior has the tilted distribution's mean and
variance along d_g (a 1-D integral per debate), so the skewed posterior of an unbeaten debater
(a prior cut off by a soft step, its mean well beyond its mode) gets the right centre and
width, and the evidence is accurate (tests: 2-D quadrature; benchmarks/RESULTS.md: coverage).

Why not the bootstrap it replaces: resampling debates breaks a Swiss draw (pairings depend on
earlier results, so a resample is a tournament that could not have happened), and a percentile
interval of a shrunk estimator is centred on the shrunk value; it covered the true skill 2-27%
of the time in simulation. The likelihood is the same whatever rule chose the pairings (the
draw depends only on earlier outcomes), so a posterior stays valid under Swiss pairing.

The grid (`TAU_GRID`): 0.2 to 24 logits (35 to 4,200 Elo standard deviation), 16 points, flat
in log tau. Both ends were measured: with few debates, or Swiss results that no order
contradicts, the data cannot bound tau from above and the posterior leans on the top of the
grid (a top of 16 covered 84% at 2 debates in a wide field, 24 covers 93-95%); mass near 0
("everyone is equal") over-shrinks a close field while data are thin (a floor of 0.05 covered
88% in a realistic field at 8 debates each, 0.2 92%). So after two debates each the intervals
are honestly thousands of Elo wide: nobody can know yet whether the field spans 200 or 4,000.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .bradley_terry import Comparisons, design_dot, design_quadratic, information, log_sigmoid, point_fit
from .posterior import MIN_COMPONENT, Posterior, centring

TAU_GRID = np.exp(np.linspace(math.log(0.2), math.log(24.0), 16))


# --- one EP fit at a known tau --------------------------------------------------------------

_Z = np.linspace(-9.6, 9.6, 49)  # trapezoid nodes in units of the tilted Laplace sd


def tilted_moments(mu_c: np.ndarray, v_c: np.ndarray, y: np.ndarray, w: np.ndarray,
                   start: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """log Z, mean and variance of N(d; mu_c, v_c) s(d)^(w y) s(-d)^(w (1 - y)), per row.

    The tilted density is log-concave: its mode by bracketed Newton (the mode solves
    (d - mu_c) / v_c = d loglik / dd, which lies in [-w(1-y), w y]; a step that leaves the
    bracket is replaced by bisection, as plain Newton from a far cavity can cycle), then a
    trapezoid rule around it. The rule converges geometrically on these smooth integrands.
    """
    wy, wn = w * y, w * (1 - y)
    lo, hi = mu_c - v_c * wn - 1e-9, mu_c + v_c * wy + 1e-9
    d = np.clip(mu_c if start is None else start, lo, hi)
    for _ in range(100):
        s = 0.5 * (1 + np.tanh(0.5 * d))
        grad = -(d - mu_c) / v_c + wy * (1 - s) - wn * s
        lo = np.where(grad > 0, d, lo)
        hi = np.where(grad > 0, hi, d)
        new = d + grad / (1.0 / v_c + w * s * (1 - s))
        # (non-strict: a converged row's step rounds to 0 and lands on its own bracket end)
        new = np.where((new >= lo) & (new <= hi), new, 0.5 * (lo + hi))
        done = np.max(np.abs(new - d), initial=0.0) < 1e-10
        d = new
        if done:
            break
    s = 0.5 * (1 + np.tanh(0.5 * d))
    sd = 1.0 / np.sqrt(1.0 / v_c + w * s * (1 - s))
    logz, mean, var = np.empty_like(d), np.empty_like(d), np.empty_like(d)
    # Most rows: a cavity at most twice as wide as the curvature at the mode says, so 49 nodes
    # over +-9.6 Laplace sd hold the mass and resolve the likelihood's soft step.
    easy = (v_c <= 4.0 * sd * sd) & (sd <= 5.0)
    if easy.any():
        pts = d[easy, None] + sd[easy, None] * _Z[None, :]
        logz[easy], mean[easy], var[easy] = _grid_moments(pts, mu_c[easy], v_c[easy], wy[easy], wn[easy])
    hard = ~easy
    if hard.any():
        # A wide cavity cut off by the step is much wider than its curvature at the mode says:
        # the union of the mode's grid, the same scaled by the cavity sd, and +-12 logits
        # around 0, where the step is (a grid scaled by the curvature alone was 50% off).
        pts = np.sort(np.concatenate([d[hard, None] + sd[hard, None] * _Z[None, :],
                                      d[hard, None] + np.sqrt(v_c[hard])[:, None] * _Z[None, :],
                                      np.broadcast_to(1.25 * _Z, (int(hard.sum()), len(_Z)))], axis=1),
                      axis=1)
        logz[hard], mean[hard], var[hard] = _grid_moments(pts, mu_c[hard], v_c[hard], wy[hard], wn[hard])
    return logz, mean, var


def _grid_moments(pts: np.ndarray, mu_c: np.ndarray, v_c: np.ndarray, wy: np.ndarray,
                  wn: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    gaps = np.diff(pts, axis=1)
    wt = np.zeros_like(pts)
    wt[:, 1:] += 0.5 * gaps
    wt[:, :-1] += 0.5 * gaps
    # log s(-d) = log s(d) - d
    logf = (-0.5 * (pts - mu_c[:, None]) ** 2 / v_c[:, None] + (wy + wn)[:, None] * log_sigmoid(pts)
            - wn[:, None] * pts)
    top = logf.max(axis=1, keepdims=True)
    f = np.exp(logf - top) * wt
    mass = f.sum(axis=1)
    mean = (f * pts).sum(axis=1) / mass
    var = np.maximum((f * (pts - mean[:, None]) ** 2).sum(axis=1) / mass, 1e-300)
    return top[:, 0] + np.log(mass) - 0.5 * np.log(2 * np.pi * v_c), mean, var


@dataclass(frozen=True)
class EPFit:
    mean: np.ndarray        # n (+ k) posterior mean (not centred)
    cov: np.ndarray         # its covariance
    log_evidence: float     # the EP approximation of log p(y | tau)
    site_prec: np.ndarray   # per-row site parameters (warm starts)
    site_shift: np.ndarray
    sweeps: int


def ep_fit(c: Comparisons, *, prior_var: float, X: np.ndarray | None = None,
           beta_prior_var: float = 1e4, sites: tuple[np.ndarray, np.ndarray] | None = None,
           damping: float = 0.7, tol: float = 1e-3, max_sweeps: int = 200) -> EPFit:
    """Parallel damped EP for BT with prior N(0, prior_var I) on theta (N(0, beta_prior_var)
    on the covariates). Logistic likelihoods are log-concave, so sites never get a negative
    precision and the posterior precision stays positive definite."""
    n, a, b, y, w = c.n, c.a, c.b, c.y, c.w
    k = 0 if X is None else X.shape[1]
    prior_prec = np.full(n + k, 1.0 / prior_var)
    prior_prec[n:] = 1.0 / beta_prior_var
    tt, nu = (np.zeros(len(a)), np.zeros(len(a))) if sites is None else (sites[0].copy(), sites[1].copy())

    def posterior_of(tt: np.ndarray, nu: np.ndarray) -> tuple:
        lam = np.diag(prior_prec) + information(n, a, b, tt, X)
        S = np.linalg.inv(lam)
        h = np.bincount(a, nu, n + k) - np.bincount(b, nu, n + k)
        if k:
            assert X is not None
            h[n:] += X.T @ nu
        m = S @ h
        mu = design_dot(m, n, a, b, X)
        v = design_quadratic(S, n, a, b, X)
        v_c = 1.0 / np.maximum(1.0 / v - tt, 1e-12)  # the cavity: the posterior without the site
        return lam, S, h, m, v_c, v_c * (mu / v - nu), mu

    sweeps = 0
    for sweeps in range(1, max_sweeps + 1):
        *_, v_c, mu_c, mu = posterior_of(tt, nu)
        _, mean, var = tilted_moments(mu_c, v_c, y, w, start=mu)
        tt_new = np.maximum(1.0 / var - 1.0 / v_c, 0.0)
        nu_new = mean / var - mu_c / v_c
        change = max(np.max(np.abs(tt_new - tt) / (1e-3 + tt_new), initial=0.0),
                     np.max(np.abs(nu_new - nu) / (1e-3 + np.abs(nu_new)), initial=0.0))
        tt = (1 - damping) * tt + damping * tt_new
        nu = (1 - damping) * nu + damping * nu_new
        if change < tol:
            break
    lam, S, h, m, v_c, mu_c, mu = posterior_of(tt, nu)
    logz, _, _ = tilted_moments(mu_c, v_c, y, w, start=mu)
    log_c = (logz + 0.5 * np.log1p(tt * v_c) + 0.5 * mu_c ** 2 / v_c
             - 0.5 * (mu_c / v_c + nu) ** 2 / (1.0 / v_c + tt))
    _, logdet = np.linalg.slogdet(lam)
    log_ev = float(log_c.sum() + 0.5 * np.sum(np.log(prior_prec)) - 0.5 * logdet + 0.5 * h @ m)
    return EPFit(mean=m, cov=S, log_evidence=log_ev, site_prec=tt, site_shift=nu, sweeps=sweeps)


# --- tau integrated out -----------------------------------------------------------------------

def flat_in_log_tau(tau: np.ndarray) -> np.ndarray:
    """The hyperprior: flat in log tau over the grid (a league's spread is anyone's guess)."""
    return np.zeros_like(tau)


def hierarchical_posterior(c: Comparisons, *, X: np.ndarray | None = None,
                           beta_sd_per_tau: float = 0.5, tau_grid: np.ndarray = TAU_GRID,
                           log_prior: Callable[[np.ndarray], np.ndarray] = flat_in_log_tau) -> Posterior:
    """The posterior of the centred strengths (logits), tau integrated over the grid.

    Only the grid values that matter are fitted: from a guess (1.5 x the spread of the point
    fit) hill-climb on the evidence to its peak, then widen on both sides while a value's
    weight is at least MIN_COMPONENT of the peak's (p(y | tau) was unimodal in log tau in every
    league tried), each EP warm-started from its neighbour's sites: 3-7 fits of 16.
    ``X``: style covariates (rows x p) whose coefficients have sd beta_sd_per_tau x tau.
    ``log_prior``: the hyperprior's log density per grid value (benchmarks/rating_coverage.py
    compares others).
    """
    n = c.n
    k = 0 if X is None else X.shape[1]
    if n == 0:
        raise ValueError("comparisons: no debaters")
    done: dict[int, EPFit] = {}
    prior = log_prior(tau_grid)

    def evidence(idx: int, near: int | None) -> float:
        if idx not in done:
            sites = None if near is None else (done[near].site_prec, done[near].site_shift)
            tau = float(tau_grid[idx])
            done[idx] = ep_fit(c, prior_var=tau * tau, X=X, beta_prior_var=(beta_sd_per_tau * tau) ** 2,
                               sites=sites)
        return done[idx].log_evidence + float(prior[idx])

    guess = float(point_fit(c).std()) if len(c) else 0.0
    best = int(np.argmin(np.abs(np.log(tau_grid) - math.log(max(1.5 * guess, 1e-3)))))
    evidence(best, None)
    for step in (1, -1):
        while 0 <= best + step < len(tau_grid) and evidence(best + step, best) > evidence(best, None):
            best += step
    top, cutoff = evidence(best, None), math.log(MIN_COMPONENT)
    for step in (1, -1):
        i = best
        while 0 <= i + step < len(tau_grid) and evidence(i + step, i) - top >= cutoff:
            i += step
    idxs = sorted(done)
    logw = np.array([evidence(i, None) for i in idxs])
    wts = np.exp(logw - logw.max())
    keep = [i for i, wt in zip(idxs, wts) if wt >= MIN_COMPONENT]
    wts = wts[wts >= MIN_COMPONENT]
    C = centring(n)
    fits = [done[i] for i in keep]
    return Posterior(weights=wts / wts.sum(),
                     means=np.array([C @ f.mean[:n] for f in fits]),
                     covs=np.array([C @ f.cov[:n, :n] @ C for f in fits]),
                     scales=tau_grid[keep],
                     beta=np.array([f.mean[n:] for f in fits]).reshape(len(fits), k),
                     beta_covs=np.array([f.cov[n:, n:] for f in fits]).reshape(len(fits), k, k))
