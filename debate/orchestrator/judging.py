"""The judge panel: each judge scores the debate; the majority of valid ballots decides.

Bias controls (league file `judging:`):
- position swap: each judge reads the debate twice, once with the Proposition shown as Side A
  and once with the Opposition as Side A. A verdict that flips is recorded as inconsistent
  and counts as a split vote; its scores (the mean of both reads) still count for tie-breaks.
- no self-judging: a judge whose model (or family) is a debater's never sits on that debate.
- injection penalty: every speech flagged `prompt_injection` takes the rubric's
  `injection_penalty` points from its side's norms on every reading, never below the scale's
  minimum, whatever the judge was persuaded to write.
"""

from __future__ import annotations

import asyncio
import hashlib

from ..league.config import League
from ..league.entries import ModelEntry, judge_conflicts
from ..domain import prompts
from ..domain.ballot_schema import ballot_response_format
from ..domain.injection import PROMPT_INJECTION
from ..domain.models import Ballot, BallotRead, DebateResult, Motion, Pairing, Rubric, Side, Speech
from ..record.events import BallotCast, RunNote
from ..gateway import CallError
from .debate_run import DebateContext, RunFatal, clean_text

MALFORMED_RETRIES = 2
ORDERS: dict[str, tuple[Side, Side]] = {"AB": ("pro", "con"), "BA": ("con", "pro")}
PENALISED_DIMENSION = "norms"


class JudgeFatal(RunFatal):
    """A judge failed in a way no retry fixes (auth, unknown model, context): stop the run."""


def nonce_for(seed: int, debate_id: str) -> str:
    return hashlib.sha256(f"fence:{seed}:{debate_id}".encode()).hexdigest()[:12]


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


async def read_once(ctx: DebateContext, judge: ModelEntry, debate_id: str, motion: Motion,
                    transcript: list[Speech], order_name: str, *, pass_no: int = 0) -> BallotRead:
    """One judge, one presentation order; a malformed reply is shown to the judge and retried."""
    rubric = ctx.league.rubric
    order = ORDERS[order_name]
    want_speeches = ctx.league.config.judging.speech_scores
    msgs = prompts.judge_messages(rubric, motion, transcript, nonce=nonce_for(ctx.league.config.seed, debate_id),
                                  order=order, speech_scores=want_speeches)
    numbers = [s.index + 1 for s in transcript] if want_speeches else None
    last_error = ""
    # llama.cpp can hold a local judge to the ballot's JSON schema; remote APIs differ too much.
    extra = ({"response_format": ballot_response_format(rubric, numbers)}
             if judge.provider == "local" else None)
    for attempt in range(MALFORMED_RETRIES + 1):
        key = f"{debate_id}/judge/{judge.name}/p{pass_no}/order{order_name}/try{attempt}"
        try:
            res = await ctx.gateway.complete(judge, msgs, key=key, extra=extra)
        except CallError as exc:
            if exc.stops_model:
                raise JudgeFatal(f"judge {judge.name} cannot work: {exc}") from None
            return BallotRead(order=order_name, failed=True, error=str(exc))
        try:
            got = prompts.parse_ballot(res.text, rubric, order, speech_numbers=numbers)
        except prompts.BallotError as exc:
            last_error = str(exc)
            msgs = msgs + [{"role": "assistant", "content": res.text[:4000]},
                           {"role": "user", "content": f"That reply is not a valid ballot: {exc}. "
                            "Reply with the JSON object only, in the shape given."}]
            continue
        scores, _ = apply_injection_penalty(got.scores, transcript, rubric)
        return BallotRead(order=order_name, winner=got.winner, scores=scores,
                          speech_scores=got.speech_scores, reasons=clean_text(got.reasons))
    return BallotRead(order=order_name, failed=True,
                      error=f"malformed ballot after {MALFORMED_RETRIES + 1} tries: {last_error}")


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


async def judge_once(ctx: DebateContext, judge: ModelEntry, debate_id: str, motion: Motion,
                     transcript: list[Speech], *, pass_no: int = 0) -> Ballot:
    orders = ["AB", "BA"] if ctx.league.config.judging.position_swap else ["AB"]
    reads = await asyncio.gather(*(read_once(ctx, judge, debate_id, motion, transcript, o, pass_no=pass_no)
                                   for o in orders))
    return combine(judge.name, list(reads), transcript, ctx.league.rubric)


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


def conflicts(league: League, judge: ModelEntry, pairing: Pairing) -> bool:
    """Would this judge be judging its own model (or, by default, its own family)?"""
    same_family = league.config.judging.exclude_same_family
    return any(judge_conflicts(judge, league.entry(name), same_family)
               for name in (pairing.pro, pairing.con))


def panel_for(league: League, pairing: Pairing) -> list[ModelEntry]:
    """The judges allowed on this debate (the league file is refused if none would be)."""
    return [j for j in league.config.judges if not conflicts(league, j, pairing)]


async def judge_panel(ctx: DebateContext, pairing: Pairing, round_no: int, motion_id: str,
                      motion: Motion, transcript: list[Speech], *, pass_no: int = 0
                      ) -> tuple[list[Ballot], DebateResult | None]:
    panel = panel_for(ctx.league, pairing)
    if not panel:  # a league file validated by LeagueConfig cannot get here
        ctx.emit(RunNote(level="error", debate_id=pairing.debate_id,
                         message="no judge may judge this debate without judging its own model"))
        return [], None
    ballots = await asyncio.gather(*(judge_once(ctx, j, pairing.debate_id, motion, transcript,
                                                pass_no=pass_no) for j in panel))
    for b in ballots:
        ctx.emit(BallotCast(debate_id=pairing.debate_id, ballot=b))
    failed = [b for b in ballots if b.failed]
    for b in failed:
        left = len(ballots) - len(failed)
        ctx.emit(RunNote(level="warning", debate_id=pairing.debate_id,
                         message=f"judge {b.judge} failed: {b.error}; the panel shrinks to "
                                 f"{left} of {len(ballots)}" + ("" if left else
                                 ", so the debate will be judged again later")))
    return list(ballots), decide(pairing, round_no, motion_id, list(ballots), ctx.league.rubric)
