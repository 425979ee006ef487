"""How a panel's reads become a verdict: pure rules, no I/O.

- penalties before verdicts: every speech flagged `prompt_injection` takes the rubric's
  `injection_penalty` points from its side's norms, and every speech flagged with a flag the
  rubric lists under `penalties` takes those points, on every read, never below the scale's
  minimum, whatever the judge was persuaded to write. Then the read's winner is the side with the
  higher weighted total; on equal totals, the side the judge named (the tie-break). So a read's
  winner never has the lower total on that read;
- one judge's ballot from its reads (position swap): agreeing reads decide, a verdict that
  flips with the presentation order is a split;
- the debate's result: the majority of valid ballots; a tied vote goes to the higher summed
  weighted rubric total.
"""

from __future__ import annotations

from .injection import PROMPT_INJECTION
from .models import Ballot, BallotRead, DebateResult, Pairing, Rubric, Side, Speech

PENALISED_DIMENSION = "norms"


def penalties(rubric: Rubric) -> dict[str, int]:
    """Flag -> norms points per flagged speech, as the rubric states (none without `norms`)."""
    if PENALISED_DIMENSION not in rubric.dimension_ids:
        return {}
    out = {f: p for f, p in rubric.penalties.items() if p}
    if rubric.injection_penalty:
        out[PROMPT_INJECTION] = rubric.injection_penalty
    return out


def penalty_points(transcript: list[Speech], rubric: Rubric) -> dict[str, dict[str, int]]:
    """Side -> flag -> the points its flagged speeches cost it (sides and flags with none left out)."""
    rules = penalties(rubric)
    out: dict[str, dict[str, int]] = {}
    for s in transcript:
        for flag in s.flags:
            if flag in rules:
                row = out.setdefault(s.side, {})
                row[flag] = row.get(flag, 0) + rules[flag]
    return out


def penalty_flags(transcript: list[Speech], rubric: Rubric) -> list[str]:
    """The ballot flags naming who was docked for what: `injection_penalty:SIDE` for prompt
    injection, `FLAG_penalty:SIDE` for the others."""
    out = []
    for side, row in penalty_points(transcript, rubric).items():
        for flag in row:
            out.append(f"{'injection' if flag == PROMPT_INJECTION else flag}_penalty:{side}")
    return out


def apply_penalties(scores: dict[str, dict[str, float]], transcript: list[Speech],
                    rubric: Rubric) -> tuple[dict[str, dict[str, float]], list[str]]:
    """The rubric's penalties taken from each side's norms, floored at the scale's minimum."""
    out = {side: dict(row) for side, row in scores.items()}
    for side, row in penalty_points(transcript, rubric).items():
        if side in out and PENALISED_DIMENSION in out[side]:
            out[side][PENALISED_DIMENSION] = max(float(rubric.scale.min),
                                                 out[side][PENALISED_DIMENSION] - sum(row.values()))
    return out, penalty_flags(transcript, rubric)


def read_winner(stated: str, scores: dict[str, dict[str, float]], rubric: Rubric) -> str:
    """A read's winner: the side with the highest weighted total (after the penalties); among
    sides level at the top, the side the judge named, else the first listed."""
    totals = {side: rubric.weighted_total(row) for side, row in scores.items()}
    best = max(totals.values())
    top = [side for side, t in totals.items() if abs(t - best) < 1e-9]
    return stated if stated in top else top[0]


def settle_read(read: BallotRead, transcript: list[Speech], rubric: Rubric) -> BallotRead:
    """A parsed read with the rubric's penalties taken and its verdict set by its totals; a note
    says when that is not what the judge gave. Two sides: the winner is the side with the higher
    weighted total (on equal totals, the side the judge named). Four sides: the ranks follow the
    weighted totals (sides level on total keep the judge's order); `stated` keeps the letter the
    judge itself placed first."""
    scores, _ = apply_penalties(read.scores, transcript, rubric)
    if read.ranks:
        return _settle_ranked(read, scores, rubric)
    stated = read.winner or ""
    winner = read_winner(stated, scores, rubric)
    note = read.note
    if stated and winner != stated:
        note = (f"the judge named {read.letters.get(stated, stated)} but, after the rubric's penalties, "
                f"{read.letters.get(winner, winner)} has the higher total: the totals decide")
    return read.model_copy(update={"scores": scores, "winner": winner, "note": note})


def _settle_ranked(read: BallotRead, scores: dict[str, dict[str, float]], rubric: Rubric) -> BallotRead:
    totals = {side: rubric.weighted_total(row) for side, row in scores.items()}
    order = sorted(read.ranks, key=lambda side: (-round(totals[side], 9), read.ranks[side]))
    ranks = {side: order.index(side) + 1 for side in read.ranks}
    first = min(read.ranks, key=read.ranks.__getitem__)
    note = read.note
    if ranks != read.ranks:
        shown = ", ".join(read.letters.get(side, side) for side in order)
        note = (f"the judge's ranking does not follow its weighted totals after the rubric's penalties; "
                f"the totals decide: {shown}")
    return read.model_copy(update={"scores": scores, "ranks": ranks, "note": note,
                                   "stated": read.stated or read.letters.get(first, "")})


def failed_reads_error(reads: list[BallotRead]) -> str:
    """A failed ballot's error: each read's, by order; said once when every read failed alike
    (a judge that copies the example fails the same way in every order)."""
    errors = {r.error for r in reads}
    if len(reads) > 1 and len(errors) == 1:
        return f"every order ({', '.join(r.order for r in reads)}): {reads[0].error}"
    return "; ".join(f"order {r.order}: {r.error}" for r in reads)


def combine(judge: str, reads: list[BallotRead], transcript: list[Speech], rubric: Rubric) -> Ballot:
    """One judge's ballot from its reads: agreeing reads decide, flipped reads split."""
    good = [r for r in reads if not r.failed]
    if not good:
        return Ballot(judge=judge, failed=True, reads=reads, error=failed_reads_error(reads))
    scores = {side: {d: sum(r.scores[side][d] for r in good) / len(good) for d in good[0].scores[side]}
              for side in ("pro", "con")}
    speech_scores = {i: sum(r.speech_scores[i] for r in good) / len(good)
                     for i in good[0].speech_scores if all(i in r.speech_scores for r in good)}
    winners = {r.winner for r in good}
    # Each read was docked already; name the docked sides on the ballot.
    flags = penalty_flags(transcript, rubric)
    if len(good) < len(reads):
        flags.append("single_order")
    winner: Side | None = good[0].winner
    if len(winners) > 1:
        flags.append("inconsistent")
        winner = None
    reasons = good[0].reasons if len(good) == 1 else " | ".join(f"[{r.order}] {r.reasons}" for r in good)
    return Ballot(judge=judge, winner=winner, scores=scores, reasons=reasons, flags=flags,
                  reads=reads, speech_scores=speech_scores)


def decide(pairing: Pairing, round_no: int, motion_id: str, ballots: list[Ballot],
           rubric: Rubric) -> DebateResult | None:
    """Majority of valid ballots (an inconsistent one is a split: half a vote each way); a tied
    vote goes to the higher summed weighted rubric total."""
    good = [b for b in ballots if not b.failed]
    if not good:
        return None
    votes = {"pro": sum(b.winner == "pro" for b in good), "con": sum(b.winner == "con" for b in good)}
    splits = sum(b.winner is None for b in good)
    reason = f"{votes['pro']}-{votes['con']} on the panel"
    if splits:
        reason += f" ({splits} split: verdict flipped with the order)"
    if votes["pro"] != votes["con"]:
        side: Side = "pro" if votes["pro"] > votes["con"] else "con"
    else:
        tp = sum(b.total("pro", rubric) for b in good)
        tc = sum(b.total("con", rubric) for b in good)
        if abs(tp - tc) < 1e-9:
            return DebateResult(debate_id=pairing.debate_id, round=round_no, motion_id=motion_id,
                                pro=pairing.pro, con=pairing.con, winner=None, result="draw",
                                reason=f"{reason}, equal rubric totals")
        side = "pro" if tp > tc else "con"
        reason += f", split broken by rubric totals ({tp:g} vs {tc:g})"
    failed = len(ballots) - len(good)
    if failed:
        reason += f"; {failed} judge(s) failed"
    winner = pairing.pro if side == "pro" else pairing.con
    return DebateResult(debate_id=pairing.debate_id, round=round_no, motion_id=motion_id,
                        pro=pairing.pro, con=pairing.con, winner=winner, result="decided", reason=reason)
