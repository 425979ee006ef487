"""Bradley-Terry strengths with bootstrap confidence intervals, beside TrueSkill.

TrueSkill updates online, so the order of the debates matters; Bradley-Terry fits all
results at once, as Chatbot Arena reports. Scores are on the Elo scale (a 400-point gap means
10:1 odds) centred on 1000. A weak prior (one virtual win and one virtual loss against an
average debater) keeps an undefeated or winless debater finite. Forfeits are left out, as in
TrueSkill; a draw counts half a win to each side. A four-side room gives six pairwise outcomes
(1st beat 2nd, 3rd and 4th; 2nd beat 3rd and 4th; 3rd beat 4th).
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from .models import DebateResult, Standing

CENTRE = 1000.0
SCALE = 400.0 / math.log(10)


@dataclass(frozen=True)
class BTScore:
    score: float
    lo: float | None
    hi: float | None


def _games(names: Sequence[str], results: Iterable[DebateResult],
           ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Sparse form: pairs (i, j) with their game counts, and each debater's wins. A four-side
    room counts as its six pairwise outcomes (DebateResult.outcomes)."""
    idx = {n: i for i, n in enumerate(names)}
    counts: dict[tuple[int, int], int] = {}
    wins = np.zeros(len(names))
    for r in results:
        if r.result == "forfeit":
            continue
        for x, y, score in r.outcomes():
            if x not in idx or y not in idx:
                continue
            a, b = idx[x], idx[y]
            key = (a, b) if a < b else (b, a)
            counts[key] = counts.get(key, 0) + 1
            wins[a] += score
            wins[b] += 1.0 - score
    keys = sorted(counts)
    i = np.array([k[0] for k in keys], dtype=np.int64)
    j = np.array([k[1] for k in keys], dtype=np.int64)
    c = np.array([counts[k] for k in keys], dtype=float)
    return i, j, c, wins


def _fit(games: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray], iters: int = 500,
         tol: float = 1e-9) -> np.ndarray:
    """Hunter's MM iteration over the played pairs only; returns log-strengths centred on 0."""
    i, j, c, wins = games
    n = len(wins)
    p = np.ones(n)
    w = wins + 1.0  # prior: one virtual win ...
    for _ in range(iters):
        t = c / (p[i] + p[j])
        denom = np.bincount(i, t, n) + np.bincount(j, t, n) + 2.0 / (p + 1.0)  # ... of two games
        new = w / denom
        new /= math.exp(np.log(new).mean())
        if np.max(np.abs(new - p)) < tol:
            p = new
            break
        p = new
    logs = np.log(p)
    return logs - logs.mean()


def fit(names: Sequence[str], results: Iterable[DebateResult]) -> dict[str, float]:
    """Bradley-Terry scores on the Elo scale."""
    names = list(names)
    return {n: CENTRE + SCALE * float(v) for n, v in zip(names, _fit(_games(names, results)))}


def fit_with_intervals(names: Sequence[str], results: Iterable[DebateResult], *,
                       samples: int = 200, level: float = 0.95, seed: int = 0) -> dict[str, BTScore]:
    """Scores with percentile-bootstrap intervals (debates resampled with replacement).

    A four-side room is resampled whole, its six outcomes together: they come from one ranking
    (1st over 3rd follows from 1st over 2nd and 2nd over 3rd), and resampling them one by one
    would treat them as six independent games and make the intervals too narrow."""
    if samples < 1:
        raise ValueError("samples: at least one")
    if not 0 < level < 1:
        raise ValueError("level: between 0 and 1")
    names = list(names)
    played = [r for r in results if r.result != "forfeit"]
    point = fit(names, played)
    rng = random.Random(f"bt:{seed}")
    draws = np.empty((samples, len(names)))
    for s in range(samples):
        resample = [played[rng.randrange(len(played))] for _ in played] if played else []
        draws[s] = CENTRE + SCALE * _fit(_games(names, resample), iters=200, tol=1e-6)
    lo_q, hi_q = (1 - level) / 2 * 100, (1 + level) / 2 * 100
    lo, hi = np.percentile(draws, lo_q, axis=0), np.percentile(draws, hi_q, axis=0)
    return {n: BTScore(round(point[n], 1), round(float(lo[i]), 1), round(float(hi[i]), 1))
            for i, n in enumerate(names)}


def disagreements(trueskill_order: Sequence[str], bt: dict[str, BTScore]) -> list[str]:
    """Say where the two orders disagree: pairs ranked one way by TrueSkill, the other by BT.

    Adjacent-or-not, every inverted pair is named, marked "(within CI)" when the
    Bradley-Terry intervals overlap, i.e. the data cannot tell the two apart.
    """
    notes = []
    for i, a in enumerate(trueskill_order):
        for b in trueskill_order[i + 1:]:
            if bt[b].score > bt[a].score:
                la, ha, lb, hb = bt[a].lo, bt[a].hi, bt[b].lo, bt[b].hi
                overlap = None not in (la, ha, lb, hb) and ha >= lb and hb >= la  # type: ignore[operator]
                notes.append(f"TrueSkill ranks {a} above {b}; Bradley-Terry ranks {b} above {a}"
                             + (" (within CI)" if overlap else ""))
    return notes


def standings_disagreements(standings: Sequence[Standing]) -> list[str]:
    """`disagreements` for a standings table (rows in TrueSkill order)."""
    bt = {s.name: BTScore(s.bt, s.bt_lo, s.bt_hi) for s in standings if s.bt is not None}
    return disagreements([s.name for s in standings if s.name in bt], bt)
