"""The judge panel: each judge scores the debate; the majority of valid ballots decides."""

from __future__ import annotations

import asyncio
import hashlib

from ..config import League, ModelEntry
from ..domain import prompts
from ..domain.ballot_schema import ballot_response_format
from ..domain.models import Ballot, DebateResult, Motion, Pairing, Rubric, Side, Speech
from ..events import BallotCast, RunNote
from ..gateway import CallError
from .debate_run import DebateContext, clean_text

MALFORMED_RETRIES = 2


def nonce_for(seed: int, debate_id: str) -> str:
    return hashlib.sha256(f"fence:{seed}:{debate_id}".encode()).hexdigest()[:12]


async def judge_once(ctx: DebateContext, judge: ModelEntry, debate_id: str, motion: Motion,
                     transcript: list[Speech], *, pass_no: int = 0) -> Ballot:
    rubric = ctx.league.rubric
    nonce = nonce_for(ctx.league.config.seed, debate_id)
    order: tuple[Side, Side] = ("pro", "con")
    msgs = prompts.judge_messages(rubric, motion, transcript, nonce=nonce, order=order)
    last_error = ""
    # llama.cpp can hold a local judge to the ballot's JSON schema; remote APIs differ too much.
    extra = {"response_format": ballot_response_format(rubric)} if judge.provider == "local" else None
    for attempt in range(MALFORMED_RETRIES + 1):
        key = f"{debate_id}/judge/{judge.name}/p{pass_no}/try{attempt}"
        try:
            res = await ctx.gateway.complete(judge, msgs, key=key, extra=extra)
        except CallError as exc:
            return Ballot(judge=judge.name, failed=True, error=str(exc))
        try:
            winner, scores, reasons = prompts.parse_ballot(res.text, rubric, order)
        except prompts.BallotError as exc:
            last_error = str(exc)
            msgs = msgs + [{"role": "assistant", "content": res.text[:4000]},
                           {"role": "user", "content": f"That reply is not a valid ballot: {exc}. "
                            "Reply with the JSON object only, in the shape given."}]
            continue
        return Ballot(judge=judge.name, winner=winner, scores=scores, reasons=clean_text(reasons))
    return Ballot(judge=judge.name, failed=True,
                  error=f"malformed ballot after {MALFORMED_RETRIES + 1} tries: {last_error}")


def decide(pairing: Pairing, round_no: int, motion_id: str, ballots: list[Ballot],
           rubric: Rubric) -> DebateResult | None:
    """Majority of valid ballots; a tied vote goes to the higher summed weighted rubric total."""
    good = [b for b in ballots if not b.failed and b.winner]
    if not good:
        return None
    votes = {"pro": sum(b.winner == "pro" for b in good), "con": sum(b.winner == "con" for b in good)}
    reason = f"{votes['pro']}-{votes['con']} on the panel"
    if votes["pro"] != votes["con"]:
        side = "pro" if votes["pro"] > votes["con"] else "con"
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


def panel_for(league: League, pairing: Pairing) -> list[ModelEntry]:
    """The judges allowed on this debate: never a debater's own model."""
    debater_models = {league.entry(pairing.pro).model, league.entry(pairing.con).model}
    panel = [j for j in league.config.judges if j.model not in debater_models
             or j.model.startswith("house/")]
    return panel or list(league.config.judges)


async def judge_panel(ctx: DebateContext, pairing: Pairing, round_no: int, motion_id: str,
                      motion: Motion, transcript: list[Speech], *, pass_no: int = 0
                      ) -> tuple[list[Ballot], DebateResult | None]:
    panel = panel_for(ctx.league, pairing)
    ballots = await asyncio.gather(*(judge_once(ctx, j, pairing.debate_id, motion, transcript,
                                                pass_no=pass_no) for j in panel))
    for b in ballots:
        ctx.emit(BallotCast(debate_id=pairing.debate_id, ballot=b))
        if b.failed:
            ctx.emit(RunNote(level="warning", debate_id=pairing.debate_id,
                             message=f"judge {b.judge} failed: {b.error}"))
    return list(ballots), decide(pairing, round_no, motion_id, list(ballots), ctx.league.rubric)
