"""Model judges against people: how far each judge, and the panel, agree with human ballots. Pure.

On the debates that people judged (a "human verdict": the decision the human ballots alone
give under the panel's own rule, `verdicts.decide`: majority, a tie to the rubric totals):
- winner agreement of each model judge and of the panel's recorded decision with the human
  verdict: the share of agreeing debates and Cohen's kappa with a 95% interval from the
  Fleiss-Cohen-Everitt (1969) large-sample standard error (the formula statsmodels'
  `cohens_kappa` uses);
- score correlation per rubric dimension: Pearson's r between the judge's score and the mean
  human score over units (debate, side);
- biases: the share of verdicts for the Proposition (side), for whichever side was shown first
  (position: a model's reads; a person's blind order), and Pearson's r between the length
  difference (pro words - con words) and a Proposition win (length). A bias the humans do not
  share is one the judge shows by at least BIAS_MARGIN more than the humans on the same debates.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .agreement import fleiss_kappa, pearson
from .models import Ballot, DebateResult, Pairing, Rubric, Side, Speech
from .verdicts import decide

HUMAN_PREFIX = "human:"
Z95 = 1.959964
# A rate this much further from 1/2 (or a length r this much further from 0) than the humans'
# is reported as a bias the humans do not share.
BIAS_MARGIN = 0.1


def is_human(judge: str) -> bool:
    return judge.startswith(HUMAN_PREFIX)


def human_name(judge: str) -> str:
    return judge[len(HUMAN_PREFIX):] if is_human(judge) else judge


@dataclass(frozen=True)
class Kappa:
    kappa: float
    se: float
    lo: float
    hi: float
    n: int


def cohen_kappa(a: Sequence[Hashable], b: Sequence[Hashable]) -> Kappa | None:
    """Cohen's kappa of two raters over the same items, with its asymptotic standard error
    (Fleiss, Cohen & Everitt 1969) and a 95% normal interval clipped to [-1, 1].

    None when it is undefined: no items, or chance agreement of 1 (both raters always chose
    one and the same category).
    """
    if len(a) != len(b):
        raise ValueError("a and b must rate the same items (same length)")
    n = len(a)
    if n == 0:
        return None
    cats = sorted(set(a) | set(b), key=str)
    idx = {c: i for i, c in enumerate(cats)}
    k = len(cats)
    p = [[0.0] * k for _ in range(k)]
    for x, y in zip(a, b):
        p[idx[x]][idx[y]] += 1 / n
    row = [sum(p[i]) for i in range(k)]
    col = [sum(p[i][j] for i in range(k)) for j in range(k)]
    p_o = sum(p[i][i] for i in range(k))
    p_e = sum(row[i] * col[i] for i in range(k))
    if p_e >= 1 - 1e-12:
        return None
    kappa = (p_o - p_e) / (1 - p_e)
    term_a = sum(p[i][i] * (1 - (row[i] + col[i]) * (1 - kappa)) ** 2 for i in range(k))
    term_b = (1 - kappa) ** 2 * sum(p[i][j] * (col[i] + row[j]) ** 2
                                    for i in range(k) for j in range(k) if i != j)
    term_c = (kappa - p_e * (1 - kappa)) ** 2
    var = max(0.0, (term_a + term_b - term_c) / ((1 - p_e) ** 2 * n))
    se = math.sqrt(var)
    return Kappa(kappa, se, max(-1.0, kappa - Z95 * se), min(1.0, kappa + Z95 * se), n)


@dataclass
class HumanJudged:
    """One debate as the comparison needs it: speeches (for lengths), both kinds of ballots."""

    debate_id: str
    round: int
    motion_id: str
    pro: str
    con: str
    speeches: list[Speech] = field(default_factory=list)
    ballots: list[Ballot] = field(default_factory=list)  # model judges'
    human_ballots: list[Ballot] = field(default_factory=list)
    blind_orders: dict[str, list[str]] = field(default_factory=dict)  # human judge -> sides shown
    result: DebateResult | None = None

    def words(self, side: str) -> int:
        return sum(s.words for s in self.speeches if s.side == side)


def human_result(d: HumanJudged, rubric: Rubric) -> DebateResult | None:
    """The result the human ballots alone give, under the panel's rule (None: no valid one)."""
    return decide(Pairing(debate_id=d.debate_id, pro=d.pro, con=d.con), d.round, d.motion_id,
                  d.human_ballots, rubric)


def human_verdict(d: HumanJudged, rubric: Rubric) -> Side | None:
    r = human_result(d, rubric)
    if r is None or r.winner is None:
        return None
    return "pro" if r.winner == d.pro else "con"


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def _rate(k: int, n: int) -> float | None:
    return round(k / n, 4) if n else None


def _mean_scores(ballots: list[Ballot]) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for side in ("pro", "con"):
        dims = {m for b in ballots for m in b.scores.get(side, {})}
        for m in dims:
            vals = [b.scores[side][m] for b in ballots if m in b.scores.get(side, {})]
            out.setdefault(side, {})[m] = sum(vals) / len(vals)
    return out


@dataclass
class _Rater:
    """One rater's verdicts on the human-judged debates, and what its biases are read from."""

    verdicts: dict[str, Side] = field(default_factory=dict)  # debate -> side
    scores: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)
    first_picks: list[bool] = field(default_factory=list)  # picked the side shown first, per read


def _biases(rater: _Rater, debates: dict[str, HumanJudged]) -> dict[str, float | None]:
    picks = list(rater.verdicts.items())
    lens = [(float(debates[i].words("pro") - debates[i].words("con")), 1.0 if s == "pro" else 0.0)
            for i, s in picks]
    return {"pro_rate": _rate(sum(s == "pro" for _, s in picks), len(picks)),
            "first_position_rate": _rate(sum(rater.first_picks), len(rater.first_picks)),
            "length_correlation": _r(pearson(*zip(*lens))) if len(lens) >= 2 else None}


def _not_shared(mine: dict[str, float | None], humans: dict[str, float | None]) -> list[str]:
    out = []
    for key, what, centre in (("pro_rate", "side", 0.5), ("first_position_rate", "position", 0.5),
                              ("length_correlation", "length", 0.0)):
        m, h = mine.get(key), humans.get(key)
        if m is None or h is None:
            continue
        if abs(m - centre) - abs(h - centre) >= BIAS_MARGIN - 1e-9:
            out.append(what)
    return out


def _compare(rater: _Rater, truth: dict[str, Side], human_scores: dict[str, dict[str, dict[str, float]]],
             dimensions: list[str], debates: dict[str, HumanJudged],
             human_biases: dict[str, float | None]) -> dict[str, Any]:
    both = [i for i in truth if i in rater.verdicts]
    k = cohen_kappa([rater.verdicts[i] for i in both], [truth[i] for i in both])
    score_r: dict[str, float | None] = {}
    for m in dimensions:
        xs, ys = [], []
        for i, sides in human_scores.items():
            mine = rater.scores.get(i, {})
            for side in ("pro", "con"):
                if m in sides.get(side, {}) and m in mine.get(side, {}):
                    xs.append(mine[side][m])
                    ys.append(sides[side][m])
        score_r[m] = _r(pearson(xs, ys)) if len(xs) >= 2 else None
    biases = _biases(rater, {i: debates[i] for i in rater.verdicts})
    return {"debates": len(both),
            "agreement": _rate(sum(rater.verdicts[i] == truth[i] for i in both), len(both)),
            "kappa": _r(k.kappa) if k else None, "kappa_se": _r(k.se) if k else None,
            "kappa_lo": _r(k.lo) if k else None, "kappa_hi": _r(k.hi) if k else None,
            "score_correlation": score_r, "biases": biases,
            "biases_humans_do_not_share": _not_shared(biases, human_biases)}


def human_report(debates: list[HumanJudged], rubric: Rubric) -> dict[str, Any]:
    """Each model judge and the panel against the human verdicts (see the module's docstring)."""
    dims = rubric.dimension_ids
    judged = {d.debate_id: d for d in debates if any(not b.failed for b in d.human_ballots)}
    truth = {i: v for i, d in judged.items() if (v := human_verdict(d, rubric)) is not None}
    on_truth = {i: judged[i] for i in truth}
    human_scores = {i: _mean_scores([b for b in d.human_ballots if not b.failed]) for i, d in on_truth.items()}

    humans = _Rater(verdicts=dict(truth))
    for d in on_truth.values():
        for b in d.human_ballots:
            order = d.blind_orders.get(b.judge) or []
            if b.winner and order:
                humans.first_picks.append(b.winner == order[0])
    human_biases = _biases(humans, on_truth)

    judges = sorted({b.judge for d in on_truth.values() for b in d.ballots})
    rows = []
    for j in judges:
        rater = _Rater()
        for i, d in on_truth.items():
            b = next((b for b in d.ballots if b.judge == j and not b.failed), None)
            if b is None:
                continue
            rater.scores[i] = b.scores
            if b.winner:
                rater.verdicts[i] = b.winner
            rater.first_picks += [(r.winner == "pro") == (r.order == "AB")
                                  for r in b.reads if not r.failed and r.winner]
        rows.append({"judge": j, **_compare(rater, truth, human_scores, dims, on_truth, human_biases)})

    panel = _Rater()
    for i, d in on_truth.items():
        good = [b for b in d.ballots if not b.failed]
        if good:
            panel.scores[i] = _mean_scores(good)
        if d.result is not None and d.result.winner is not None and d.result.result == "decided":
            panel.verdicts[i] = "pro" if d.result.winner == d.pro else "con"
        # the panel shows no side first: each judge read both orders (or its own)
    # Fleiss' kappa among the people themselves, on debates with two or more human ballots.
    table = [[sum(b.winner == "pro" for b in d.human_ballots if not b.failed),
              sum(b.winner == "con" for b in d.human_ballots if not b.failed)] for d in judged.values()]
    return {
        "humans": sorted({human_name(b.judge) for d in judged.values() for b in d.human_ballots}),
        "human_ballots": sum(len(d.human_ballots) for d in judged.values()),
        "debates": len(judged), "debates_with_verdict": len(truth),
        "humans_fleiss_kappa": _r(fleiss_kappa(table)) if any(sum(r) >= 2 for r in table) else None,
        "human_biases": human_biases,
        "judges": rows,
        "panel": {"judge": "panel", **_compare(panel, truth, human_scores, dims, on_truth, human_biases)},
    }
