"""How a panel's reads become a verdict: pure rules, no I/O.

- injection penalty: every speech flagged `prompt_injection` takes the rubric's
  `injection_penalty` points from its side's norms on every reading, never below the scale's
  minimum, whatever the judge was persuaded to write;
- one judge's ballot from its reads (position swap): agreeing reads decide, a verdict that
  flips with the presentation order is a split;
- the debate's result: the majority of valid ballots; a tied vote goes to the higher summed
  weighted rubric total.
"""

from __future__ import annotations

from .injection import PROMPT_INJECTION
from .models import Ballot, BallotRead, DebateResult, Pairing, Rubric, Side, Speech

PENALISED_DIMENSION = "norms"


def apply_injection_penalty(scores: dict[str, dict[str, float]], transcript: list[Speech],
                            rubric: Rubric) -> tuple[dict[str, dict[str, float]], list[str]]:
    """The rubric's rule: `injection_penalty` norms points per flagged speech, floored at the minimum."""
    out = {side: dict(row) for side, row in scores.items()}
    flags = []
    for side, n in _penalised_sides(transcript, rubric).items():
        if side in out and PENALISED_DIMENSION in out[side]:
            before = out[side][PENALISED_DIMENSION]
            out[side][PENALISED_DIMENSION] = max(float(rubric.scale.min),
                                                 before - n * rubric.injection_penalty)
            flags.append(f"injection_penalty:{side}")
    return out, flags


def _penalised_sides(transcript: list[Speech], rubric: Rubric) -> dict[str, int]:
    """Flagged speeches by side, if the rubric docks them (else none)."""
    if not rubric.injection_penalty or PENALISED_DIMENSION not in rubric.dimension_ids:
        return {}
    return _flagged(transcript)


def _flagged(transcript: list[Speech]) -> dict[str, int]:
    """Speeches flagged for prompt injection, by side (sides with none left out)."""
    out: dict[str, int] = {}
    for s in transcript:
        if PROMPT_INJECTION in s.flags:
            out[s.side] = out.get(s.side, 0) + 1
    return out


def combine(judge: str, reads: list[BallotRead], transcript: list[Speech], rubric: Rubric) -> Ballot:
    """One judge's ballot from its reads: agreeing reads decide, flipped reads split."""
    good = [r for r in reads if not r.failed]
    if not good:
        return Ballot(judge=judge, failed=True, reads=reads,
                      error="; ".join(f"order {r.order}: {r.error}" for r in reads))
    scores = {side: {d: sum(r.scores[side][d] for r in good) / len(good) for d in good[0].scores[side]}
              for side in ("pro", "con")}
    speech_scores = {i: sum(r.speech_scores[i] for r in good) / len(good)
                     for i in good[0].speech_scores if all(i in r.speech_scores for r in good)}
    winners = {r.winner for r in good}
    # Each read was docked already; name the docked sides on the ballot.
    flags = [f"injection_penalty:{side}" for side in _penalised_sides(transcript, rubric)]
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
