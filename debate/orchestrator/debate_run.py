"""One debate: walk the format's turns, each speaker seeing the transcript so far."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from ..domain import bp_prompts, prompts
from ..domain.bp_verdicts import forfeit_ranks
from ..domain.flags import MotionTerms, SpeechContext, motion_terms, speech_flags
from ..domain.models import BENCH, Ballot, DebateResult, Motion, Pairing, Speech, count_words
from ..domain.text import clean_text
from ..gateway import CallError, Gateway
from ..gateway.pricing import DEFAULT_MAX_OUTPUT_TOKENS, words_to_tokens
from ..league.config import League
from ..league.entries import ModelEntry
from ..record.events import DebateStarted, Event, RunNote, SpeechDone, TurnDelta


def enforce_limit(text: str, limit: int) -> tuple[str, int, bool]:
    """Cut a speech at its word limit; return (text the judges see, words spoken, overran)."""
    words = count_words(text)
    if words <= limit:
        return text, words, False
    # Walk tokens until the limit is reached, keeping the original spacing.
    out, n = [], 0
    for tok in re.findall(r"\s+|[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]|[^\s\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]+", text):
        k = count_words(tok)
        if n + k > limit:
            break
        out.append(tok)
        n += k
    return "".join(out).rstrip() + " " + prompts.CUT_MARKER, words, True


CONTEXT_TRUNCATED = "context_truncated"


class SpeakerUnreachable(Exception):
    """A speaker's call still failed after its retries, but in a way a wait may cure (timeouts,
    429s, 5xx, refused connections): an outage, not the model's fault. The round tries the
    debate again after its other debates instead of forfeiting it at once."""

    detail = ""  # the provider's own message


class RunFatal(Exception):
    """A call failed in a way that every later call would too (no credit left): stop the run,
    leave the debate unfinished (resumable), forfeit nobody."""


@dataclass
class DebateContext:
    league: League
    gateway: Gateway
    emit: Callable[[Event], None]
    # Streaming costs ~0.4 ms of CPU per chunk inside litellm and the OpenAI client: worth it
    # only when a live display shows the text as it comes (see TournamentRun's `stream`).
    stream: bool = True
    # Debaters stopped by a fatal error (auth, unknown model, context window) -> the error;
    # they forfeit their remaining debates in this run without another call.
    stopped: dict[str, CallError] = field(default_factory=dict)
    # People's ballots stored for a debate (read when it is decided, under `judging: humans: vote`).
    human_ballots: Callable[[str], list[Ballot]] | None = None
    # Judges benched in this tournament -> why (the fold's record, updated as they are benched).
    benched: dict[str, str] = field(default_factory=dict)
    # Each motion's topic terms (for off_motion), made once per motion.
    topics: dict[str, MotionTerms] = field(default_factory=dict)

    def topic(self, motion_id: str, motion: Motion) -> MotionTerms:
        if motion_id not in self.topics:
            args = (motion.arguments.pro + motion.arguments.con) if motion.arguments else []
            notes = [motion.background] + [x for a in args for x in (a.claim, *a.evidence)]
            self.topics[motion_id] = motion_terms(motion.text, motion_id, notes)
        return self.topics[motion_id]


def _forfeit(ctx: DebateContext, pairing: Pairing, round_no: int, motion_id: str,
             failed: list[str], cause: str, reason: str) -> DebateResult:
    """The forfeit of the debaters in `failed`. An outage forfeit has no winner unless the
    league says so (outage_forfeit: win); any other forfeit goes to the side that could speak.
    Four sides: those who could speak share the top places (bp_verdicts.forfeit_ranks); a void
    outage room has no places, and those who were ready score as for a bye."""
    void = cause == "outage" and ctx.league.config.outage_forfeit == "void"
    if pairing.four_sides:
        if cause == "outage":
            reason += ("; a server outage, not a debate: no places, those ready score as for a bye" if void
                       else "; a server outage, counted as a forfeit (outage_forfeit: win)")
        return DebateResult(debate_id=pairing.debate_id, round=round_no, motion_id=motion_id,
                            seats=pairing.seats, ranks={} if void else forfeit_ranks(pairing.debaters, failed),
                            winner=None, result="forfeit", reason=reason, forfeit_cause=cause,
                            forfeited_by=failed)
    ready = [n for n in (pairing.pro, pairing.con) if n not in failed]
    winner = ready[0] if len(ready) == 1 and not void else None
    if cause == "outage":
        reason += ("; a server outage, not a debate: nobody wins it" if winner is None
                   else f"; a server outage, counted as a win for {winner} (outage_forfeit: win)")
    return DebateResult(debate_id=pairing.debate_id, round=round_no, motion_id=motion_id,
                        pro=pairing.pro, con=pairing.con, winner=winner, result="forfeit",
                        reason=reason, forfeit_cause=cause, forfeited_by=failed)


def _earlier(transcript: list[Speech], side: str) -> tuple[tuple[bool, str], ...]:
    """The earlier speeches a speech's flags read, as (the speaker's own?, text). Four sides: the
    other team of the speaker's own bench is neither its own words nor an opponent's (a closing
    team restating its bench's case is not copying an opponent), so it is left out."""
    return tuple((s.side == side, s.text) for s in transcript
                 if s.side == side or BENCH[s.side] != BENCH[side])


def reply_cap(entry: ModelEntry) -> int | None:
    """The reply bound a call to this model runs under, when it is known (truncated, cut_off)."""
    cap = entry.params.get("max_tokens") or entry.params.get("max_completion_tokens")
    if cap is None and entry.provider == "local":
        return DEFAULT_MAX_OUTPUT_TOKENS
    return int(cap) if isinstance(cap, (int, float)) else None


def speech_messages(league: League, motion: Motion, i: int, side: str, transcript: list[Speech], *,
                    persona: str | None = None) -> list[dict]:
    """The messages of turn `i` for `side`, in the league's format (two sides or four)."""
    write = bp_prompts.debater_messages if league.format.four_sides else prompts.debater_messages
    return write(motion, league.format, i, side, transcript, case_notes=league.config.case_notes,  # type: ignore[arg-type]
                 persona=persona)


def _speech_messages(ctx: DebateContext, motion: Motion, i: int, side: str,
                     transcript: list[Speech], dropped: int, persona: str | None) -> list[dict]:
    msgs = speech_messages(ctx.league, motion, i, side, transcript[dropped:], persona=persona)
    if dropped:
        note = "(The earliest speeches are left out: they do not fit in your context.)\n"
        msgs[-1] = {**msgs[-1], "content": note + msgs[-1]["content"]}
    return msgs


async def run_speeches(ctx: DebateContext, pairing: Pairing, round_no: int, motion_id: str,
                       motion: Motion, attempt: int, *, defer_outage: bool = False,
                       ) -> tuple[list[Speech], DebateResult | None]:
    """Return the transcript, or a forfeit result if a debater could not speak.

    The forfeit rule: a debater whose call fails for good (still failing after the retries,
    or at once on a fatal error) forfeits the debate to its opponent, with the reason recorded.
    A fatal error also stops that debater for the rest of the run. With `defer_outage`, a
    failure a wait may cure raises SpeakerUnreachable instead (the round tries again later).
    """
    out = [n for n in pairing.debaters if n in ctx.stopped]
    if out:
        reason = "; ".join(f"{n} forfeits: stopped earlier in this run ({ctx.stopped[n]})" for n in out)
        cause = "speech" if all(ctx.stopped[n].cause == "speech" for n in out) else "outage"
        result = _forfeit(ctx, pairing, round_no, motion_id, out, cause, reason)
        ctx.emit(RunNote(level="warning", message=result.reason, debate_id=pairing.debate_id))
        return [], result
    ctx.emit(DebateStarted(debate_id=pairing.debate_id, round=round_no, pro=pairing.pro,
                           con=pairing.con, seats=pairing.seats, motion_id=motion_id, attempt=attempt))
    fmt = ctx.league.format
    seated = pairing.sides
    transcript: list[Speech] = []
    for i, turn in enumerate(fmt.turns):
        side = turn.side
        speaker = seated[side]
        entry = ctx.league.entry(speaker)

        def delta(text: str, i: int = i, side: str = side, speaker: str = speaker) -> None:
            ctx.emit(TurnDelta(debate_id=pairing.debate_id, index=i, side=side, speaker=speaker,
                               text=clean_text(text, strip=True) if "\x1b" in text else text))

        dropped = 0
        while True:
            msgs = _speech_messages(ctx, motion, i, side, transcript, dropped, entry.system_prompt)
            try:
                res = await ctx.gateway.complete(entry, msgs, key=f"{pairing.debate_id}/turn{i}",
                                                 stream=ctx.stream, on_delta=delta if ctx.stream else None,
                                                 max_output_tokens=words_to_tokens(turn.word_limit))
                exc = None
                break
            except CallError as err:
                exc = err
                # Too long for the speaker's context: leave out the oldest speech and try again.
                if err.kind != "context-window" or dropped >= len(transcript):
                    break
                dropped += 1
        if exc is not None and exc.stops_run:
            raise RunFatal(f"{speaker} cannot work: {exc}")
        if exc is not None and defer_outage and not exc.fatal:
            err = SpeakerUnreachable(f"{speaker} could not give speech {i + 1} ({exc})")
            err.detail = exc.detail
            raise err
        if exc is not None:
            reason = f"{speaker} forfeits: could not give speech {i + 1} ({exc})"
            if exc.stops_model:
                ctx.stopped[speaker] = exc
                reason += f"; {speaker} is stopped for the rest of this run"
            result = _forfeit(ctx, pairing, round_no, motion_id, [speaker], exc.cause, reason)
            ctx.emit(RunNote(level="warning", message=result.reason, debate_id=pairing.debate_id,
                             detail=exc.detail))
            return transcript, result
        text = clean_text(res.text, strip=True)
        shown, words, _ = enforce_limit(text, turn.word_limit)
        flags = speech_flags(SpeechContext(
            text=text, words=words, word_limit=turn.word_limit, motion=ctx.topic(motion_id, motion),
            earlier=_earlier(transcript, side), finish_reason=res.finish_reason,
            completion_tokens=res.completion_tokens, max_tokens=reply_cap(entry),
            nonce=prompts.nonce_for(ctx.league.config.seed, pairing.debate_id)))
        if not text:
            flags.append("empty")
        if dropped:
            flags.append(CONTEXT_TRUNCATED)
            ctx.emit(RunNote(level="info", debate_id=pairing.debate_id,
                             message=f"{speaker}: speech {i + 1} was written without the {dropped} "
                                     "oldest speech(es), which did not fit in its context"))
        speech = Speech(index=i, side=side, speaker=speaker, kind=turn.kind, text=shown,
                        words=words, word_limit=turn.word_limit, flags=flags)
        transcript.append(speech)
        ctx.emit(SpeechDone(debate_id=pairing.debate_id, speech=speech))
    return transcript, None
