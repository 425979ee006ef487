"""How robust a tournament's result is: separability, and the fewest debates whose reversal
would change the leader. Pure numpy, deterministic.

Reversing a debate swaps its outcome: y -> 1 - y on each of its rows in a Bradley-Terry mode
(a win becomes a loss, a draw stays a draw), m -> -m in the margin mode.

Margin mode: exact. Its fit at one (tau, sigma) is linear in the margins: theta = A m with
A = (L + r I)^-1 B^T. For the leader l and a challenger c the gap D_c = (e_l - e_c)^T A m =
sum_g alpha_cg m_g, and reversing a set S of debates lowers it by exactly 2 sum_{g in S}
alpha_cg m_g, with no interaction. So the fewest reversals that put c above l are the largest
contributions taken in decreasing order until D_c < 0; the leader changes iff some challenger
passes it, so the answer is the minimum over challengers (proof of minimality: any k reversals
lower D_c by at most the sum of the k largest contributions).

Bradley-Terry modes: verified. BT is not linear: at the MAP (tau at the posterior's likeliest
value) the first-order effect of reversing debate g on D_c is sum over its rows of
w (1 - 2 y) (z_c[a] - z_c[b]), z_c = H^-1 (e_l - e_c); the same sort gives a first-order
count k1. The `beam` most promising sets of size k1, then k1 + 1, are refitted exactly; failing
that, reversals are added one at a time (re-linearised after each refit) until the leader
changes. The count returned is always verified by an exact refit (an upper bound on the
minimum); against brute force over every set of up to 3 debates it was the minimum in 40 of
40 small leagues (benchmarks/RESULTS.md).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .bradley_terry import Comparisons, laplacian, map_fit


@dataclass(frozen=True)
class LeaderFlips:
    leader: int
    count: int                # reversing `debates` changes the leader (0: nobody to flip; -1: not found)
    debates: tuple[int, ...]  # groups (debates) to reverse
    challenger: int           # who leads after the reversal
    exact: bool               # True: proven minimal (margin mode); False: a verified upper bound


def separability(lo: np.ndarray, hi: np.ndarray) -> float:
    """Share of pairs i < j whose intervals [lo, hi] are disjoint."""
    n = len(lo)
    if n < 2:
        return 0.0
    i, j = np.triu_indices(n, 1)
    return float(((hi[i] < lo[j]) | (hi[j] < lo[i])).mean())


def _fewest(gap: float, gains: np.ndarray) -> tuple[int, np.ndarray]:
    """Fewest of `gains` (each lowers the gap by its value) that bring the gap below 0."""
    order = np.argsort(-gains, kind="stable")
    useful = order[gains[order] > 0]
    k = int(np.searchsorted(np.cumsum(gains[useful]), gap, side="right"))
    if k >= len(useful):
        return -1, useful
    return k + 1, useful[:k + 1]


def _eligible(n: int, eligible: np.ndarray | None) -> np.ndarray:
    return np.ones(n, dtype=bool) if eligible is None else np.asarray(eligible, dtype=bool)


def _by_group(c: Comparisons, per_row: np.ndarray) -> np.ndarray:
    return np.bincount(c.group, per_row, int(c.group.max()) + 1 if len(c) else 0)


def leader_flips_linear(c: Comparisons, m: np.ndarray, ridge: float,
                        eligible: np.ndarray | None = None) -> LeaderFlips:
    """Exact fewest reversals for the margin mode's fit at `ridge` (margins.ridge_fit)."""
    n = c.n
    ok = _eligible(n, eligible)
    if len(c) == 0 or ok.sum() < 2:
        return LeaderFlips(-1, 0, (), -1, True)
    Minv = np.linalg.inv(laplacian(n, c.a, c.b, np.ones(len(c))) + ridge * np.eye(n))
    theta = Minv @ (np.bincount(c.a, m, n) - np.bincount(c.b, m, n))
    lead = int(np.flatnonzero(ok)[np.argmax(theta[ok])])
    best: tuple[int, np.ndarray, int] | None = None
    for ch in np.flatnonzero(ok):
        if ch == lead:
            continue
        z = Minv[lead] - Minv[ch]
        k, sel = _fewest(float(theta[lead] - theta[ch]), _by_group(c, 2 * (z[c.a] - z[c.b]) * m))
        if k > 0 and (best is None or k < best[0]):
            best = (k, sel, int(ch))
    if best is None:
        return LeaderFlips(lead, -1, (), lead, True)
    return LeaderFlips(lead, best[0], tuple(int(g) for g in np.sort(best[1])), best[2], True)


def leader_flips_bt(c: Comparisons, prior_var: float, eligible: np.ndarray | None = None, *,
                    beam: int = 12, max_extra: int = 64) -> LeaderFlips:
    """Verified reversal count for a BT mode (MAP with a N(0, prior_var) prior): module doc."""
    n = c.n
    ok = _eligible(n, eligible)
    if len(c) == 0 or ok.sum() < 2:
        return LeaderFlips(-1, 0, (), -1, False)
    groups = int(c.group.max()) + 1
    fit = map_fit(c, prior_var=prior_var)
    lead = int(np.flatnonzero(ok)[np.argmax(fit.theta[ok])])
    flip_gain = c.w * (1 - 2 * c.y)  # the change of w y when a row is reversed

    def leader_after(flipped: np.ndarray, theta0: np.ndarray):  # noqa: ANN202
        f = map_fit(c.with_outcomes(np.where(flipped[c.group], 1 - c.y, c.y)), prior_var=prior_var,
                    theta0=theta0)
        return int(np.flatnonzero(ok)[np.argmax(f.theta[ok])]), f

    def effects(theta: np.ndarray, H: np.ndarray, flipped: np.ndarray) -> list:
        """Per challenger: its gap to the leader, the first-order effect of reversing each
        debate on it, and the debates by decreasing effect (one Hessian inverse per fit)."""
        Hinv = np.linalg.inv(H)
        sign = np.where(flipped[c.group], -1.0, 1.0)  # reversing a reversed debate undoes it
        out = []
        for ch in np.flatnonzero(ok):
            if ch == lead:
                continue
            z = Hinv[lead, :n] - Hinv[ch, :n]
            effect = _by_group(c, -sign * flip_gain * (z[c.a] - z[c.b]))
            out.append((float(theta[lead] - theta[ch]), int(ch), effect, np.argsort(-effect, kind="stable")))
        return out

    def candidates(eff: list, k: int) -> list:
        """Per challenger, the k reversals of largest first-order effect and the gap they
        leave (most negative first): the sets worth an exact refit."""
        out = [(gap - float(effect[order[:k]].sum()), ch, order[:k]) for gap, ch, effect, order in eff]
        out.sort(key=lambda t: t[0])
        return out

    none = np.zeros(groups, dtype=bool)
    at_map = effects(fit.theta, fit.hessian, none)
    k1 = next((k for k in range(1, groups + 1)
               if (cand := candidates(at_map, k)) and cand[0][0] < 0), None)
    if k1 is None:
        return LeaderFlips(lead, -1, (), lead, False)
    for k in (k1, k1 + 1):
        for _, _, sel in candidates(at_map, k)[:beam]:
            flipped = none.copy()
            flipped[sel] = True
            top, _ = leader_after(flipped, fit.theta)
            if top != lead:
                return LeaderFlips(lead, int(flipped.sum()), tuple(int(g) for g in np.sort(sel)), top, False)
    flipped = none.copy()
    flipped[candidates(at_map, k1 + 1)[0][2]] = True
    theta = fit.theta
    for _ in range(max_extra):
        top, f = leader_after(flipped, theta)
        theta = f.theta
        if top != lead:
            return LeaderFlips(lead, int(flipped.sum()), tuple(int(g) for g in np.flatnonzero(flipped)),
                               top, False)
        g = next((int(o[2][0]) for o in candidates(effects(theta, f.hessian, flipped), 1)
                  if not flipped[o[2][0]]), None)
        if g is None:
            break
        flipped[g] = True
    return LeaderFlips(lead, -1, (), lead, False)
