"""What a league will cost before it runs: calls, tokens and dollars per model (`--dry-run`).

Worst-case by design: every speech is assumed to use its whole word limit (so prompts grow
as long as the format allows), every judge reply its whole max_tokens, and every judge sits
on every panel. Malformed-ballot retries and failed attempts are not counted.

A debate costs its format's speeches plus, for each judge, one call per read: two (the position
swap) or one for two sides, `judging.reads` (default 2) for four. Four sides seat n // 4 rooms
a round.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain.models import Speech
from ..gateway import pricing
from ..league.config import League
from ..league.entries import ModelEntry
from .debate_run import speech_messages
from .judging import judge_prompt


@dataclass
class ModelEstimate:
    name: str
    model: str
    role: str  # "debater" | "judge"
    calls: float = 0.0
    prompt_tokens: float = 0.0
    completion_tokens: float = 0.0
    cost_usd: float | None = 0.0  # None: no known price

    def add(self, entry: ModelEntry, calls: float, prompt: int, completion: int) -> None:
        self.calls += calls
        self.prompt_tokens += calls * prompt
        self.completion_tokens += calls * completion
        cost = pricing.max_call_cost(entry, prompt, completion)
        if cost is None or self.cost_usd is None:
            self.cost_usd = None
        else:
            self.cost_usd += calls * cost


def _synthetic_transcript(league: League, upto: int) -> list[Speech]:
    out = []
    for i, turn in enumerate(league.format.turns[:upto]):
        speaker = f"{turn.side}-debater"
        out.append(Speech(index=i, side=turn.side, speaker=speaker, kind=turn.kind,
                          text=" ".join(["word"] * turn.word_limit), words=turn.word_limit,
                          word_limit=turn.word_limit))
    return out


def reads_per_judge(league: League) -> int:
    """Calls one judge makes on one debate (one per presentation order)."""
    judging = league.config.judging
    if league.format.four_sides:
        return judging.four_side_reads
    return 2 if judging.position_swap else 1


def calls_per_debate(league: League) -> int:
    """Speeches plus every judge's reads: what one debate (or room) costs in calls."""
    return len(league.format.turns) + len(league.config.judges) * reads_per_judge(league)


def estimate_league(league: League, rounds: range | None = None) -> list[ModelEstimate]:
    """Per model: expected calls and worst-case tokens and cost for the given rounds."""
    cfg, fmt = league.config, league.format
    rounds = rounds if rounds is not None else range(1, cfg.rounds + 1)
    n = len(cfg.debaters)
    seats = len(fmt.side_ids)
    # A mirrored league plays each pairing twice, sides swapped: twice the debates a round.
    debates_per_round = n // seats * (2 if cfg.mirror else 1)
    # Over a league each debater sits out byes evenly and takes each side about equally often.
    debates_each = debates_per_round * seats / n
    out = {e.name: ModelEstimate(e.name, e.model, "debater") for e in cfg.debaters}
    out.update({e.name: ModelEstimate(e.name, e.model, "judge") for e in cfg.judges})
    for r in rounds:
        _, motion = league.motion_for_round(r)
        for i, turn in enumerate(fmt.turns):
            transcript = _synthetic_transcript(league, i)
            completion = pricing.words_to_tokens(turn.word_limit)
            for e in cfg.debaters:
                msgs = speech_messages(league, motion, i, turn.side, transcript, persona=e.system_prompt)
                # turn i belongs to one side: a debater is on that side in 1/seats of its debates
                out[e.name].add(e, debates_each / seats, pricing.prompt_tokens_estimate(msgs), completion)
        full = _synthetic_transcript(league, len(fmt.turns))
        msgs = judge_prompt(league, motion, full, nonce="0" * 12, order=fmt.side_ids, notes=cfg.case_notes)
        for j in cfg.judges:
            out[j.name].add(j, debates_per_round * reads_per_judge(league), pricing.prompt_tokens_estimate(msgs),
                            pricing.max_output_tokens(j))
    return list(out.values())
