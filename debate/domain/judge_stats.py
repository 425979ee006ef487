"""How far the judges can be trusted: agreement, consistency, side and length bias. Pure.

For a tournament:
- winner agreement: Fleiss' kappa over debates, categories pro / con, one rating per judge
  whose ballot has a winner (failed and inconsistent ballots carry none);
- score agreement: Krippendorff's alpha (interval) over units (debate, side, dimension), one
  value per judge (its ballot's score: the mean of its reads), overall and per dimension;
- per judge: failed reads (malformed or degenerate, by ballot-gate check) and whether it was
  benched (and why); position consistency (share of swapped pairs of reads with the same winner),
  side bias (share of reads picking pro; share picking whichever side was shown as Side A),
  agreement with the panel's decision;
- length bias: Pearson's r between (pro words - con words) and a pro win over decided debates,
  and how often the longer side won.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .agreement import fleiss_kappa, krippendorff_alpha, pearson
from .models import Ballot, DebateResult, Speech


@dataclass
class JudgedDebate:
    debate_id: str
    pro: str
    con: str
    speeches: list[Speech] = field(default_factory=list)
    ballots: list[Ballot] = field(default_factory=list)
    result: DebateResult | None = None


def _rate(k: int, n: int) -> float | None:
    return round(k / n, 4) if n else None


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def _words(d: JudgedDebate, side: str) -> int:
    return sum(s.words for s in d.speeches if s.side == side)


def judges_report(debates: list[JudgedDebate], dimensions: list[str],
                  benched: dict[str, str] | None = None) -> dict[str, Any]:
    """The figures below; `benched`: judges taken off the panel -> why (shown per judge)."""
    judged = [d for d in debates if any(not b.failed for b in d.ballots)]
    judges = sorted({b.judge for d in debates for b in d.ballots})

    # Winner agreement.
    table = [[sum(b.winner == "pro" for b in d.ballots if not b.failed),
              sum(b.winner == "con" for b in d.ballots if not b.failed)] for d in judged]
    rated = [row for row in table if sum(row) >= 2]
    kappa = fleiss_kappa(rated) if rated else None

    # Score agreement: one coder row per judge, one column per (debate, side, dimension).
    units = [(d, side, dim) for d in judged for side in ("pro", "con") for dim in dimensions]
    by_judge = {d.debate_id: {b.judge: b for b in d.ballots if not b.failed} for d in judged}

    def value(judge: str, d: JudgedDebate, side: str, dim: str) -> float | None:
        b = by_judge[d.debate_id].get(judge)
        return None if b is None else b.scores.get(side, {}).get(dim)

    def alpha(dims: list[str]) -> float | None:
        cols = [(d, s, m) for d, s, m in units if m in dims]
        return krippendorff_alpha([[value(j, d, s, m) for d, s, m in cols] for j in judges], "interval")

    # Per judge.
    rows = []
    all_pairs = all_consistent = 0
    for j in judges:
        mine = [(d, b) for d in debates for b in d.ballots if b.judge == j]
        reads = [(d, r) for d, b in mine for r in b.reads if not r.failed and r.winner]
        pairs = [b for _, b in mine if len([r for r in b.reads if not r.failed]) == 2]
        consistent = sum(1 for b in pairs if not b.inconsistent)
        all_pairs += len(pairs)
        all_consistent += consistent
        first = sum(1 for _, r in reads if (r.winner == "pro") == (r.order == "AB"))
        decisive = [(d, b) for d, b in mine if not b.failed and b.winner and d.result and d.result.winner]
        agree = sum(1 for d, b in decisive if (d.pro if b.winner == "pro" else d.con) == d.result.winner)
        lens = [(_words(d, "pro") - _words(d, "con"), 1.0 if b.winner == "pro" else 0.0)
                for d, b in mine if not b.failed and b.winner]
        all_reads = [r for _, b in mine for r in b.reads]
        failed_reads = [r for r in all_reads if r.failed]
        rows.append({
            "judge": j, "ballots": len(mine), "failed": sum(b.failed for _, b in mine),
            # Reads that did not count: malformed, or stopped by the ballot gate (debate.domain.
            # ballot_gate), after their retries; by check for the gate's.
            "reads_total": len(all_reads), "reads_failed": len(failed_reads),
            "degenerate": dict(sorted(Counter(c for r in failed_reads for c in r.checks).items())),
            "benched": (benched or {}).get(j),
            "inconsistent": sum(b.inconsistent for _, b in mine),
            "consistency": _rate(consistent, len(pairs)), "swapped_pairs": len(pairs),
            "pro_rate": _rate(sum(r.winner == "pro" for _, r in reads), len(reads)),
            "first_position_rate": _rate(first, len(reads)), "reads": len(reads),
            "agreement_with_panel": _rate(agree, len(decisive)),
            "length_correlation": _r(pearson(*zip(*lens))) if len(lens) >= 2 else None,
        })

    decided = [d for d in judged if d.result and d.result.result == "decided" and d.result.winner]
    diffs = [float(_words(d, "pro") - _words(d, "con")) for d in decided]
    pro_won = [1.0 if d.result.winner == d.pro else 0.0 for d in decided]  # type: ignore[union-attr]
    longer = [(x, w) for x, w in zip(diffs, pro_won) if x != 0]
    flags = Counter(f for d in debates for s in d.speeches for f in s.flags)
    return {
        "debates": len(judged),
        "ballots": sum(len(d.ballots) for d in judged),
        "winner_agreement": {"fleiss_kappa": _r(kappa), "debates": len(rated),
                             "mean_raters": _r(sum(map(sum, rated)) / len(rated)) if rated else None},
        "score_agreement": {"krippendorff_alpha": _r(alpha(dimensions)), "level": "interval",
                            "units": len(units),
                            "by_dimension": {m: _r(alpha([m])) for m in dimensions}},
        "position_consistency": {"rate": _rate(all_consistent, all_pairs), "pairs": all_pairs},
        "length_bias": {"correlation": _r(pearson(diffs, pro_won)) if len(diffs) >= 2 else None,
                        "debates": len(decided),
                        "longer_side_win_rate": _rate(sum(1 for x, w in longer if (x > 0) == (w == 1.0)),
                                                      len(longer))},
        "speech_flags": dict(sorted(flags.items())),
        "judges": rows,
    }
