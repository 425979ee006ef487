"""Simulated judge panels that write ballots: votes and rubric scores, not only a winner.

`debate simulate --panel 3` judges each debate this way, so the margin rating mode can be
compared with win/loss on the same debates. A debate between pro (true skill s_p) and con
(s_c), judged by J judges, each reading twice with the sides swapped (the engine's position
swap), on a rubric of 4 dimensions of weight 1 scored 1-10:

    performance  P_k     = s_k + sd_shared * eta_k               the debate as it went: every judge sees it
    perception   Q_jrk   = P_k + sd_judge * zeta_jk + sd_read * xi_jrk     judge j's own view, read r's noise
    score        S_jrkd  = clip(round(7 + (Q_jrk - mean_k Q_jrk) + 0.7 * delta_jrkd), 1, 10)

for side k, judge j, read r, dimension d (eta, zeta, xi, delta independent N(0, 1)). A read's
winner is the side with the higher total (equal totals: the higher perception, as a judge must
name one). As the engine's panel (debate.domain.verdicts): a ballot's scores are its reads'
mean, its winner theirs when they agree and a split otherwise; the result is the majority (a
tied vote goes to the higher summed total; equal totals, a draw). Per debate the simulator keeps
the result, the vote share (splits half) and the margin: the mean over judges of pro's total
minus con's. Scores start at 7 because LLM judges crowd the top of the scale; a rout saturates.

The noise budget. The single simulated judge (`debate.domain.simulate`) has one number,
``noise``: P(pro wins) = Phi((s_p - s_c) / (noise sqrt 2)). That is the *panel's result* here:
the per-side noise (c * noise) is split into a share ``shared`` common to every judge and the
rest each judge's own (a fifth of which is re-reading noise, so some ballots split on a close
debate):

    sd_shared = c noise sqrt(shared),  sd_judge^2 + sd_read^2 = (c noise)^2 (1 - shared),  sd_read^2 = 0.2 of that

and c is calibrated (`calibrate`) so the panel majority's win curve matches the single judge's
(c = 1.17 at noise 0.5 and 1.21 at 1.0 for 3 judges, shared 0.5).
So the win/loss ratings see what they saw with the single judge, and the margin mode reads the
same panels' scores.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

MID, GAIN, SD_DIM, DIMS, LO, HI = 7.0, 1.0, 0.7, 4, 1.0, 10.0
READ_SHARE = 0.2  # of each judge's own noise, the part that differs between its two reads
# calibrate(noise, judges, shared) at 20,000 panels a point (about 20 s each); others are
# computed when asked, at 5,000 (about 4 s)
CALIBRATED = {(0.5, 3, 0.5): 1.172, (1.0, 3, 0.5): 1.208}


@dataclass(frozen=True)
class PanelNoise:
    shared: float  # sd of a side's performance, seen by every judge
    judge: float   # sd of one judge's own view of a side (both its reads)
    read: float    # sd of one read's extra noise

    @staticmethod
    def from_budget(noise: float, c: float, shared: float = 0.5) -> PanelNoise:
        total = c * noise
        return PanelNoise(shared=total * math.sqrt(shared),
                          judge=total * math.sqrt((1 - shared) * (1 - READ_SHARE)),
                          read=total * math.sqrt((1 - shared) * READ_SHARE))


@dataclass(frozen=True)
class Panels:
    result: np.ndarray  # pro's result: 1 win, 0 loss, 0.5 draw (the majority)
    votes: np.ndarray   # pro's vote share (a split counts half)
    margin: np.ndarray  # mean over judges of pro's total minus con's (a ballot: its reads' mean)


def simulate_panel(delta: np.ndarray, noise: PanelNoise, rng: np.random.Generator, judges: int = 3,
                   bias: np.ndarray | None = None) -> Panels:
    """Panels for debates with true skill gaps `delta` (pro minus con), vectorised.

    ``bias`` (debates x 2, optional): what every judge perceives each side as better by beyond
    its showing (e.g. a taste for length), in skill units.
    """
    delta = np.asarray(delta, dtype=float)
    G = len(delta)
    perf = np.stack([delta / 2, -delta / 2], axis=1) + noise.shared * rng.standard_normal((G, 2))
    if bias is not None:
        perf = perf + bias
    view = perf[:, None, :] + noise.judge * rng.standard_normal((G, judges, 2))
    q = view[:, :, None, :] + noise.read * rng.standard_normal((G, judges, 2, 2))  # debate, judge, read, side
    raw = MID + GAIN * (q - q.mean(axis=3, keepdims=True))
    scores = np.clip(np.rint(raw[..., None] + SD_DIM * rng.standard_normal((G, judges, 2, 2, DIMS))), LO, HI)
    totals = scores.sum(axis=4)
    read_margin = totals[..., 0] - totals[..., 1]
    read_pro = np.where(read_margin != 0, read_margin > 0, q[..., 0] > q[..., 1])
    agree = read_pro[..., 0] == read_pro[..., 1]
    ballot_margin = read_margin.mean(axis=2)
    pro_votes = (agree & read_pro[..., 0]).sum(axis=1)
    con_votes = (agree & ~read_pro[..., 0]).sum(axis=1)
    summed = ballot_margin.sum(axis=1)
    result = np.where(pro_votes > con_votes, 1.0, np.where(con_votes > pro_votes, 0.0,
                      np.where(summed > 0, 1.0, np.where(summed < 0, 0.0, 0.5))))
    return Panels(result=result, votes=(pro_votes + 0.5 * (judges - pro_votes - con_votes)) / judges,
                  margin=ballot_margin.mean(axis=1))


def _phi(z: np.ndarray) -> np.ndarray:
    return 0.5 * (1 + np.vectorize(math.erf)(z / math.sqrt(2)))


def calibrate(noise: float, judges: int = 3, shared: float = 0.5, reps: int = 5_000, seed: int = 7) -> float:
    """The c whose panel-majority curve is closest (least squares over z = delta / (noise sqrt 2)
    in [0, 3]) to the single judge's Phi(z); common random numbers, so the search is smooth."""
    if (noise, judges, shared) in CALIBRATED:
        return CALIBRATED[(noise, judges, shared)]
    if noise == 0:
        return 1.0
    z = np.linspace(0.0, 3.0, 13)
    target = _phi(z)
    delta = np.repeat(z * noise * math.sqrt(2), reps)

    def error(c: float) -> float:
        p = simulate_panel(delta, PanelNoise.from_budget(noise, c, shared), np.random.default_rng(seed), judges)
        return float(np.sum((p.result.reshape(len(z), reps).mean(axis=1) - target) ** 2))

    lo, hi = 0.8, 2.5  # golden-section search: the error is unimodal in c
    g = (math.sqrt(5) - 1) / 2
    a, b = hi - g * (hi - lo), lo + g * (hi - lo)
    fa, fb = error(a), error(b)
    while hi - lo > 0.005:
        if fa < fb:
            hi, b, fb = b, a, fa
            a = hi - g * (hi - lo)
            fa = error(a)
        else:
            lo, a, fa = a, b, fb
            b = lo + g * (hi - lo)
            fb = error(b)
    return round((lo + hi) / 2, 3)
