"""The judge panel: each judge scores the debate; the majority of valid ballots decides.

Bias controls (league file `judging:`):
- position swap: each judge reads the debate twice, once with the Proposition shown as Side A
  and once with the Opposition as Side A. A verdict that flips is recorded as inconsistent
  and counts as a split vote; its scores (the mean of both reads) still count for tie-breaks.
- no self-judging: a judge whose model (or family) is a debater's never sits on that debate.
- injection penalty: every speech flagged `prompt_injection` is docked on every reading.

The rules that turn reads into a ballot and ballots into a result are pure: debate.domain.verdicts.
"""

from __future__ import annotations

import asyncio
import hashlib

from ..domain import prompts
from ..domain.ballot_schema import ballot_response_format
from ..domain.models import Ballot, BallotRead, DebateResult, Motion, Pairing, Side, Speech
from ..domain.text import clean_text
from ..domain.verdicts import apply_injection_penalty, combine, decide
from ..gateway import CallError
from ..league.config import League
from ..league.entries import ModelEntry, judge_conflicts
from ..record.events import BallotCast, RunNote
from .debate_run import DebateContext, RunFatal

MALFORMED_RETRIES = 2
# A malformed reply is shown back to the judge, cut to this many characters.
ECHOED_REPLY_CHARS = 4000
ORDERS: dict[str, tuple[Side, Side]] = {"AB": ("pro", "con"), "BA": ("con", "pro")}


class JudgeFatal(RunFatal):
    """A judge failed in a way no retry fixes (auth, unknown model, context): stop the run."""


def nonce_for(seed: int, debate_id: str) -> str:
    return hashlib.sha256(f"fence:{seed}:{debate_id}".encode()).hexdigest()[:12]


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
            # the readable line, then the provider's own (redacted) words, kept for the export
            return BallotRead(order=order_name, failed=True,
                              error=f"{exc} (provider: {exc.detail})" if exc.detail else str(exc))
        try:
            got = prompts.parse_ballot(res.text, rubric, order, speech_numbers=numbers)
        except prompts.BallotError as exc:
            last_error = str(exc)
            msgs = msgs + [{"role": "assistant", "content": res.text[:ECHOED_REPLY_CHARS]},
                           {"role": "user", "content": f"That reply is not a valid ballot: {exc}. "
                            "Reply with the JSON object only, in the shape given."}]
            continue
        scores, _ = apply_injection_penalty(got.scores, transcript, rubric)
        return BallotRead(order=order_name, winner=got.winner, scores=scores,
                          speech_scores=got.speech_scores, reasons=clean_text(got.reasons, strip=True))
    return BallotRead(order=order_name, failed=True,
                      error=f"malformed ballot after {MALFORMED_RETRIES + 1} tries: {last_error}")


async def judge_once(ctx: DebateContext, judge: ModelEntry, debate_id: str, motion: Motion,
                     transcript: list[Speech], *, pass_no: int = 0) -> Ballot:
    orders = ["AB", "BA"] if ctx.league.config.judging.position_swap else ["AB"]
    reads = await asyncio.gather(*(read_once(ctx, judge, debate_id, motion, transcript, o, pass_no=pass_no)
                                   for o in orders))
    return combine(judge.name, list(reads), transcript, ctx.league.rubric)


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
    return list(ballots), decide_with_humans(ctx, pairing, round_no, motion_id, list(ballots))


def decide_with_humans(ctx: DebateContext, pairing: Pairing, round_no: int, motion_id: str,
                       ballots: list[Ballot]) -> DebateResult | None:
    """The panel decides; under `judging: humans: vote` every person's ballot stored for this
    debate by now is one more vote, under the same rule. A debate already decided is history:
    a later human ballot never changes it (it stays advisory, like every ballot under
    `humans: advisory`)."""
    rubric = ctx.league.rubric
    humans = (ctx.human_ballots(pairing.debate_id)
              if ctx.league.config.judging.humans == "vote" and ctx.human_ballots else [])
    humans = [b for b in humans if not b.failed]
    if not humans or not any(not b.failed for b in ballots):
        return decide(pairing, round_no, motion_id, ballots, rubric)
    result = decide(pairing, round_no, motion_id, ballots + humans, rubric)
    if result is not None:
        result.reason += f" (with {len(humans)} human ballot(s) voting)"
    return result
