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

Four sides (British Parliamentary): a ballot's "winner" is the side it placed first (none on a
shared first place), so winner agreement is Fleiss' kappa over the four sides, the pro rate is
the share of reads placing a Government side (og, cg) first, the first-position rate the share
placing Side A first (a quarter when unbiased); consistency is the share of ballots whose reads
ranked the sides alike. Added: each judge's mean rank by letter (A-D), over its reads, and the
mean place of each position (og, oo, cg, co) over the decided rooms. No length bias.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .agreement import fleiss_kappa, krippendorff_alpha, pearson
from .models import BENCH, BP_SIDES, Ballot, BallotRead, DebateResult, Speech


@dataclass
class JudgedDebate:
    debate_id: str
    pro: str
    con: str
    speeches: list[Speech] = field(default_factory=list)
    ballots: list[Ballot] = field(default_factory=list)
    result: DebateResult | None = None
    seats: dict[str, str] = field(default_factory=dict)  # four sides: og, oo, cg, co -> debater

    @property
    def sides(self) -> dict[str, str]:
        return dict(self.seats) if self.seats else {"pro": self.pro, "con": self.con}


def _first(ranks: dict[str, float]) -> str | None:
    """The side placed first, if one alone was."""
    best = min(ranks.values(), default=None)
    tops = [s for s, r in ranks.items() if r == best]
    return tops[0] if len(tops) == 1 else None


def winner_of(b: Ballot | BallotRead) -> str | None:
    """A ballot's (or read's) winning side: its winner, or, four sides, its first place."""
    return _first(b.ranks) if b.ranks else b.winner


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
    four = any(d.seats for d in debates)
    categories = BP_SIDES if four else ("pro", "con")

    # Winner agreement.
    table = [[sum(winner_of(b) == c for b in d.ballots if not b.failed) for c in categories] for d in judged]
    rated = [row for row in table if sum(row) >= 2]
    kappa = fleiss_kappa(rated) if rated else None

    # Score agreement: one coder row per judge, one column per (debate, side, dimension).
    units = [(d, side, dim) for d in judged for side in d.sides for dim in dimensions]
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
        reads = [(d, r) for d, b in mine for r in b.reads if not r.failed and winner_of(r)]
        pairs = [b for _, b in mine if len([r for r in b.reads if not r.failed]) >= 2]
        consistent = sum(1 for b in pairs if not b.inconsistent)
        all_pairs += len(pairs)
        all_consistent += consistent
        first = sum(1 for _, r in reads if r.letters[winner_of(r)] == "A")  # type: ignore[index]
        decisive = [(d, b) for d, b in mine if not b.failed and winner_of(b) and d.result and d.result.winner]
        agree = sum(1 for d, b in decisive if d.sides[winner_of(b)] == d.result.winner)  # type: ignore[index,union-attr]
        lens = [(_words(d, "pro") - _words(d, "con"), 1.0 if b.winner == "pro" else 0.0)
                for d, b in mine if not b.failed and b.winner and not d.seats]
        all_reads = [r for _, b in mine for r in b.reads]
        failed_reads = [r for r in all_reads if r.failed]
        row = {
            "judge": j, "ballots": len(mine), "failed": sum(b.failed for _, b in mine),
            # Reads that did not count: malformed, or stopped by the ballot gate (debate.domain.
            # ballot_gate), after their retries; by check for the gate's.
            "reads_total": len(all_reads), "reads_failed": len(failed_reads),
            "degenerate": dict(sorted(Counter(c for r in failed_reads for c in r.checks).items())),
            "benched": (benched or {}).get(j),
            "inconsistent": sum(b.inconsistent for _, b in mine),
            "consistency": _rate(consistent, len(pairs)), "swapped_pairs": len(pairs),
            "pro_rate": _rate(sum(BENCH[winner_of(r)] == "pro" for _, r in reads), len(reads)),  # type: ignore[index]
            "first_position_rate": _rate(first, len(reads)), "reads": len(reads),
            "agreement_with_panel": _rate(agree, len(decisive)),
            "length_correlation": _r(pearson(*zip(*lens))) if len(lens) >= 2 else None,
        }
        if four:
            ranked = [r for _, b in mine for r in b.reads if not r.failed and r.ranks]
            row["mean_rank_by_letter"] = {x: _r(sum(r.ranks[s] for r in ranked for s, y in r.letters.items()
                                                   if y == x) / len(ranked)) if ranked else None
                                          for x in "ABCD"}
        rows.append(row)

    decided = [d for d in judged if d.result and d.result.result == "decided" and d.result.winner and not d.seats]
    diffs = [float(_words(d, "pro") - _words(d, "con")) for d in decided]
    pro_won = [1.0 if d.result.winner == d.pro else 0.0 for d in decided]  # type: ignore[union-attr]
    longer = [(x, w) for x, w in zip(diffs, pro_won) if x != 0]
    flags = Counter(f for d in debates for s in d.speeches for f in s.flags)
    out = {
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
    if four:
        rooms = [d.result for d in judged if d.seats and d.result and d.result.result == "decided"]
        out["position_mean_rank"] = {s: _r(sum(r.ranks[r.seats[s]] for r in rooms) / len(rooms)) if rooms else None
                                     for s in BP_SIDES}
    return out
