"""How a panel's reads of a four-side (British Parliamentary) debate become a ranking. Pure.

Presentation. A judge sees the eight speeches in the order they were given; what a read changes
is the labels: the sides are shown as Side A to D, names and positions hidden, and the ballot
scores and ranks them in letter order. The orders come from a 4 x 4 Williams square (rows:
reads; columns: letters A-D; entries: sides, og=0, oo=1, cg=2, co=3):

    read 0: A=og B=oo C=co D=cg        read 2: A=cg B=co C=oo D=og
    read 1: A=oo B=cg C=og D=co        read 3: A=co B=og C=cg D=oo

Over four reads each side is shown under each letter once (so a bias by letter cancels in its
summed ranks and scores) and follows each other side once. Two reads (rows 0 and 2, or 1 and 3)
give every side the letters {A, D} or {B, C}: the same mean letter, which cancels a bias linear
in the letter (primacy, recency) but not a U-shaped one. A panel continues the square from judge
to judge, so judges x reads a multiple of four balances the letters over the panel. The default
is two reads per judge (``DEFAULT_READS``): the calls of the 1v1 position swap; `judging.reads`
sets 1 to 4.

One judge's ballot: each side's rank is its mean over the judge's reads (its scores too, as in
1v1). Reads that order the sides differently flag the ballot ``inconsistent`` (their mean
already splits the difference); a read whose ranks contradict its own rubric totals (a side
ranked above one it scored lower) flags it ``ranks_contradict_scores``.

The panel's ranking: sides by the sum of the judges' ranks (lower is better); ties by (1) the
summed weighted rubric totals, higher first, (2) head to head, the number of judges who placed
the side above each other tied side, (3) a lot drawn from sha256 of the debate id and the side,
so that the result is deterministic and no position wins ties systematically. Failed judges are
left out; a panel with no valid ballot gives no result.

A forfeit ranks the debaters who could speak above those who could not, each group sharing the
mean of its places (and so its team points): one forfeit leaves the other three 2 points each.
If nobody could speak, nobody scores.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from .models import BP_BYE_POINTS, BP_SIDES, Ballot, BallotRead, DebateResult, Pairing, Rubric, Speech
from .verdicts import failed_reads_error, penalty_flags

LETTERS = "ABCD"
DEFAULT_READS = 2
WILLIAMS_4: tuple[tuple[int, int, int, int], ...] = ((0, 1, 3, 2), (1, 2, 0, 3), (2, 3, 1, 0), (3, 0, 2, 1))


def presentation_orders(reads: int, judge_index: int = 0) -> list[str]:
    """The orders one judge reads, each named by its sides in letter order ("og-oo-co-cg")."""
    if not 1 <= reads <= 4:
        raise ValueError("reads: 1 to 4 per judge")
    if reads == 2:
        rows = [judge_index % 2, judge_index % 2 + 2]
    else:
        rows = [(judge_index * reads + k) % 4 for k in range(reads)]
    return ["-".join(BP_SIDES[i] for i in WILLIAMS_4[r]) for r in rows]


def order_sides(order: str) -> tuple[str, ...]:
    """The sides of a four-side order name, in letter order (Side A first)."""
    sides = tuple(order.split("-"))
    if sorted(sides) != sorted(BP_SIDES):
        raise ValueError(f"order: the four sides og, oo, cg, co joined by '-', not {order!r}")
    return sides


def _order(ranks: dict[str, float], totals: dict[str, float]) -> list[str]:
    return sorted(ranks, key=lambda s: (ranks[s], -round(totals.get(s, 0.0), 9), BP_SIDES.index(s)))


def combine_ranked(judge: str, reads: list[BallotRead], transcript: list[Speech], rubric: Rubric) -> Ballot:
    """One judge's ballot from its reads of a four-side debate (see the module docstring)."""
    good = [r for r in reads if not r.failed]
    if not good:
        return Ballot(judge=judge, failed=True, reads=reads, error=failed_reads_error(reads))
    sides = list(BP_SIDES)
    scores = {s: {d: sum(r.scores[s][d] for r in good) / len(good) for d in good[0].scores[s]} for s in sides}
    ranks = {s: sum(r.ranks[s] for r in good) / len(good) for s in sides}
    speech_scores = {i: sum(r.speech_scores[i] for r in good) / len(good)
                     for i in good[0].speech_scores if all(i in r.speech_scores for r in good)}
    flags = penalty_flags(transcript, rubric)
    if len(good) < len(reads):
        flags.append("single_order" if len(good) == 1 else "some_orders_failed")
    if len({tuple(sorted(sides, key=r.ranks.__getitem__)) for r in good}) > 1:
        flags.append("inconsistent")
    if any(contradictions(r, rubric) for r in good):
        flags.append("ranks_contradict_scores")
    reasons = good[0].reasons if len(good) == 1 else " | ".join(f"[{r.order}] {r.reasons}" for r in good)
    return Ballot(judge=judge, scores=scores, ranks=ranks, reasons=reasons, flags=flags, reads=reads,
                  speech_scores=speech_scores)


def contradictions(read: BallotRead, rubric: Rubric) -> list[tuple[str, str]]:
    """(a, b) pairs a read ranks a above b although its weighted rubric total for a is lower."""
    total = {s: rubric.weighted_total(read.scores.get(s, {})) for s in read.ranks}
    return [(a, b) for a in read.ranks for b in read.ranks
            if read.ranks[a] < read.ranks[b] and total[a] < total[b] - 1e-9]


def _lot(debate_id: str, side: str) -> str:
    return hashlib.sha256(f"bp-lot:{debate_id}:{side}".encode()).hexdigest()


def decide_ranked(pairing: Pairing, round_no: int, motion_id: str, ballots: list[Ballot],
                  rubric: Rubric) -> DebateResult | None:
    """The panel's ranking of a four-side debate: summed ranks, then the documented tie-break."""
    good = [b for b in ballots if not b.failed]
    if not good:
        return None
    summed = {s: sum(b.ranks[s] for b in good) for s in BP_SIDES}
    totals = {s: sum(b.total(s, rubric) for b in good) for s in BP_SIDES}
    orders = [_order(b.ranks, {s: b.total(s, rubric) for s in BP_SIDES}) for b in good]

    def above(a: str, b: str) -> int:
        return sum(o.index(a) < o.index(b) for o in orders)

    keyed = sorted(BP_SIDES, key=lambda s: (summed[s], -round(totals[s], 9)))
    out: list[str] = []
    notes: list[str] = []
    i = 0
    while i < 4:
        key = (summed[keyed[i]], round(totals[keyed[i]], 9))
        tied = [s for s in keyed[i:] if (summed[s], round(totals[s], 9)) == key]
        if len(tied) > 1:
            wins = {s: sum(above(s, t) for t in tied if t != s) for s in tied}
            tied.sort(key=lambda s: (-wins[s], _lot(pairing.debate_id, s)))
            how = "head to head" if len(set(wins.values())) == len(tied) else "head to head, then lot"
            notes.append(f"{'='.join(tied)} tied on ranks and totals: {how}")
        out += tied
        i += len(tied)
    if not notes and len(set(summed.values())) < 4:
        notes.append("equal summed ranks ordered by rubric totals")
    reason = ("summed ranks " + ", ".join(f"{s} {summed[s]:g}" for s in out) + f" ({len(good)} judge"
              + ("s" if len(good) > 1 else "") + ")" + "".join(f"; {n}" for n in notes))
    failed = len(ballots) - len(good)
    if failed:
        reason += f"; {failed} judge(s) failed"
    seats = pairing.sides
    ranks = {seats[s]: float(k + 1) for k, s in enumerate(out)}
    return DebateResult(debate_id=pairing.debate_id, round=round_no, motion_id=motion_id, seats=seats,
                        ranks=ranks, winner=seats[out[0]], result="decided", reason=reason)


def forfeit_ranks(debaters: Sequence[str], out: Sequence[str]) -> dict[str, float]:
    """Places when `out` could not speak: the others share the top places, `out` the rest."""
    spoke = [n for n in debaters if n not in out]
    if not spoke:
        return {n: 4.0 for n in debaters}  # nobody debated: nobody scores
    top = (1 + len(spoke)) / 2
    bottom = (len(spoke) + 1 + 4) / 2
    return {n: top if n in spoke else bottom for n in debaters}


def room_outcome(r: DebateResult) -> str:
    """A room of four: the debaters first place first, each with its position; a forfeit names
    who could not speak and what the others get (shared top places, or a bye's points)."""
    def seat(name: str) -> str:
        return f"{name} ({r.side_of(name).upper()})"

    if r.result != "forfeit":
        return " > ".join(seat(n) for n in r.ranking())
    out = [n for n in r.debaters if n in r.forfeited_by]
    who = " and ".join(seat(n) for n in out) or "?"
    ready = [n for n in r.debaters if n not in out]
    if r.void:
        return (f"not debated: {who} could not be reached (outage); no places, "
                f"{BP_BYE_POINTS:g} team points as for a bye to " + (_and(ready) if ready else "nobody"))
    head = (f"not debated: {who} could not be reached (outage)" if r.forfeit_cause == "outage"
            else f"{who} could not speak")
    if not ready:
        return head + "; no places"
    return head + f"; {_and(ready)} share the top places ({r.points()[ready[0]]:g} team points each)"


def _and(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
