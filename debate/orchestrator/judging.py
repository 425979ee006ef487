"""The judge panel: each judge scores the debate; the majority of valid ballots decides.

Bias controls (league file `judging:`):
- position swap: each judge reads the debate twice, once with the Proposition shown as Side A
  and once with the Opposition as Side A. A verdict that flips is recorded as inconsistent
  and counts as a split vote; its scores (the mean of both reads) still count for tie-breaks.
- no self-judging: a judge whose model (or family) is a debater's never sits on that debate.
- benching: a judge benched in this tournament (position-locked, or failing too many reads:
  debate.domain.judge_bench) sits on no later debate; the panel decides without it.
- penalties before verdicts: every speech flagged `prompt_injection` (and with any flag the
  rubric lists under `penalties`) is docked on every read before the read's winner is taken.
- the ballot gate: a read that copies the example, leaves placeholders, scores every dimension
  at one bound, does not engage with the debate or is cut off is a failed read.

Four sides (British Parliamentary): each judge reads the debate `judging.reads` times (default
2), the sides lettered A-D in the orders of a Williams square (debate.domain.bp_verdicts), and
ranks them 1-4; the panel ranks by summed ranks.

The rules that turn reads into a ballot and ballots into a result are pure: debate.domain.verdicts
and debate.domain.bp_verdicts.
"""

from __future__ import annotations

import asyncio

from ..domain import bp_prompts, bp_verdicts, prompts
from ..domain.ballot_gate import GateContext, check_ballot, explain
from ..domain.ballot_schema import ballot_max_tokens, ballot_response_format
from ..domain.models import Ballot, BallotRead, DebateResult, Motion, Pairing, Side, Speech
from ..domain.prompts import nonce_for
from ..domain.text import clean_text
from ..domain.verdicts import combine, decide, settle_read
from ..gateway import CallError
from ..league.config import League
from ..league.entries import ModelEntry, judge_conflicts
from ..record.events import BallotCast, RunNote
from .debate_run import DebateContext, RunFatal, reply_cap

MALFORMED_RETRIES = 2
# A malformed reply is shown back to the judge, cut to this many characters.
ECHOED_REPLY_CHARS = 4000
ORDERS: dict[str, tuple[Side, Side]] = {"AB": ("pro", "con"), "BA": ("con", "pro")}


class JudgeFatal(RunFatal):
    """A judge failed in a way no retry fixes (auth, unknown model, context): stop the run."""


def _gate_context(league: League, motion: Motion, transcript: list[Speech], order: tuple[str, ...]) -> GateContext:
    """What the ballot gate checks a read against: the debate as the judge read it, and the
    judge's instructions (its system message less the motion and the reference notes, which
    belong to the debate)."""
    rubric = league.rubric
    system = judge_prompt(league, motion, transcript, nonce="", order=order)[0]["content"]
    return GateContext(debate="\n".join([motion.text, *(s.text for s in transcript)]),
                       instructions=system.replace(motion.text, " "),
                       scale=(rubric.scale.min, rubric.scale.max),
                       example_reasons=prompts.example_reasons(rubric))


async def read_once(ctx: DebateContext, judge: ModelEntry, debate_id: str, motion: Motion,
                    transcript: list[Speech], order_name: str, *, pass_no: int = 0) -> BallotRead:
    """One judge, one presentation order. A reply that is not a ballot, or that fails the ballot
    gate (debate.domain.ballot_gate), is shown to the judge with the reason and retried; after
    the last try the read is failed, with the reason stored."""
    rubric = ctx.league.rubric
    four = ctx.league.format.four_sides
    want_speeches = ctx.league.config.judging.speech_scores
    sides = bp_verdicts.order_sides(order_name) if four else ORDERS[order_name]
    msgs = judge_prompt(ctx.league, motion, transcript, nonce=nonce_for(ctx.league.config.seed, debate_id),
                        order=sides, notes=ctx.league.config.case_notes)
    gate = _gate_context(ctx.league, motion, transcript, sides)
    numbers = [s.index + 1 for s in transcript] if want_speeches else None
    last_error, checks = "", []
    extra, max_tokens = None, reply_cap(judge)
    if judge.provider == "local":
        # llama.cpp can hold a local judge to the ballot's JSON schema (remote APIs differ too
        # much), with room for all the reasons the schema allows, so its first reply parses.
        extra = {"response_format": ballot_response_format(rubric, numbers, four_sides=four)}
        need = ballot_max_tokens(rubric, numbers, sides=len(sides))
        if max_tokens is None or max_tokens < need:
            extra["max_tokens"] = max_tokens = need
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
            if four:
                ranked = bp_prompts.parse_ranked_ballot(res.text, rubric, sides, speech_numbers=numbers)
            else:
                got = prompts.parse_ballot(res.text, rubric, sides, speech_numbers=numbers)  # type: ignore[arg-type]
        except prompts.BallotError as exc:
            last_error, checks = f"malformed ballot: {exc}", []
            msgs = msgs + [{"role": "assistant", "content": res.text[:ECHOED_REPLY_CHARS]},
                           {"role": "user", "content": f"That reply is not a valid ballot: {exc}. "
                            "Reply with the JSON object only, in the shape given."}]
            continue
        parsed = ranked if four else got
        checks = check_ballot(parsed.reasons, parsed.scores, gate, finish_reason=res.finish_reason,
                              completion_tokens=res.completion_tokens, max_tokens=max_tokens)
        if checks:
            last_error = f"degenerate ballot ({', '.join(checks)}): {explain(checks)}"
            msgs = msgs + [{"role": "assistant", "content": res.text[:ECHOED_REPLY_CHARS]},
                           {"role": "user", "content": f"That ballot cannot be counted: {explain(checks)}. "
                            "Judge this debate: score what each side argued and give your reasons, "
                            "in the JSON shape given."}]
            continue
        if four:
            read = BallotRead(order=order_name, scores=ranked.scores, ranks=ranked.ranks,
                              speech_scores=ranked.speech_scores, reasons=clean_text(ranked.reasons, strip=True))
        else:
            read = BallotRead(order=order_name, winner=got.winner, scores=got.scores,
                              speech_scores=got.speech_scores, reasons=clean_text(got.reasons, strip=True),
                              stated=prompts.side_letters(sides)[got.winner])  # type: ignore[arg-type]
        return settle_read(read, transcript, rubric)
    return BallotRead(order=order_name, failed=True, checks=checks,
                      error=f"{last_error} (after {MALFORMED_RETRIES + 1} tries)")


def judge_prompt(league: League, motion: Motion, transcript: list[Speech], *, nonce: str,
                 order: tuple[str, ...], notes: bool = False) -> list[dict[str, str]]:
    """A judge's messages for one read: `order` lists the sides in letter order (A first); with
    `notes`, the motion pack's reference notes (the league gives its debaters case notes)."""
    speech_scores = league.config.judging.speech_scores
    if league.format.four_sides:
        return bp_prompts.judge_messages(league.rubric, motion, transcript, nonce=nonce, order=order,
                                         speech_scores=speech_scores, notes=notes)
    return prompts.judge_messages(league.rubric, motion, transcript, nonce=nonce, order=order,  # type: ignore[arg-type]
                                  speech_scores=speech_scores, notes=notes)


def read_orders(league: League, judge: ModelEntry) -> list[str]:
    """The presentation orders a judge reads a debate in: AB and BA (or AB alone without the
    position swap); four sides, its rows of the Williams square (`judging.reads` of them)."""
    judging = league.config.judging
    if league.format.four_sides:
        index = [j.name for j in league.config.judges].index(judge.name)
        return bp_verdicts.presentation_orders(judging.four_side_reads, index)
    return ["AB", "BA"] if judging.position_swap else ["AB"]


async def judge_once(ctx: DebateContext, judge: ModelEntry, debate_id: str, motion: Motion,
                     transcript: list[Speech], *, pass_no: int = 0) -> Ballot:
    reads = await asyncio.gather(*(read_once(ctx, judge, debate_id, motion, transcript, o, pass_no=pass_no)
                                   for o in read_orders(ctx.league, judge)))
    combine_reads = bp_verdicts.combine_ranked if ctx.league.format.four_sides else combine
    return combine_reads(judge.name, list(reads), transcript, ctx.league.rubric)


def conflicts(league: League, judge: ModelEntry, pairing: Pairing) -> bool:
    """Would this judge be judging its own model (or, by default, its own family)?"""
    same_family = league.config.judging.exclude_same_family
    return any(judge_conflicts(judge, league.entry(name), same_family) for name in pairing.debaters)


def panel_for(league: League, pairing: Pairing) -> list[ModelEntry]:
    """The judges allowed on this debate (the league file is refused if none would be)."""
    return [j for j in league.config.judges if not conflicts(league, j, pairing)]


async def judge_panel(ctx: DebateContext, pairing: Pairing, round_no: int, motion_id: str,
                      motion: Motion, transcript: list[Speech], *, pass_no: int = 0
                      ) -> tuple[list[Ballot], DebateResult | None]:
    allowed = panel_for(ctx.league, pairing)
    panel = [j for j in allowed if j.name not in ctx.benched]
    if not panel:
        if allowed:  # every judge that may sit on it has been benched
            ctx.emit(RunNote(level="error", debate_id=pairing.debate_id, message=(
                "no judge is left for this debate: "
                + "; ".join(f"{j.name} is benched ({ctx.benched[j.name]})" for j in allowed)
                + "; it is not decided")))
        else:  # a league file validated by LeagueConfig cannot get here
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
    rule = bp_verdicts.decide_ranked if pairing.four_sides else decide
    humans = (ctx.human_ballots(pairing.debate_id)
              if ctx.league.config.judging.humans == "vote" and ctx.human_ballots else [])
    # a four-side room counts a person's ballot only if it ranks the sides
    humans = [b for b in humans if not b.failed and (b.ranks or not pairing.four_sides)]
    if not humans or not any(not b.failed for b in ballots):
        return rule(pairing, round_no, motion_id, ballots, rubric)
    result = rule(pairing, round_no, motion_id, ballots + humans, rubric)
    if result is not None:
        result.reason += f" (with {len(humans)} human ballot(s) voting)"
    return result
