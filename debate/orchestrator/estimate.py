"""What a league will cost before it runs: calls, tokens and dollars per model (`--dry-run`).

Worst-case by design: every speech is assumed to use its whole word limit (so prompts grow
as long as the format allows), every judge reply its whole max_tokens, and every judge sits
on every panel. Malformed-ballot retries and failed attempts are not counted.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..domain import prompts
from ..domain.models import Speech
from ..gateway import pricing
from ..league.config import League
from ..league.entries import ModelEntry


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
        speaker = "pro-debater" if turn.side == "pro" else "con-debater"
        out.append(Speech(index=i, side=turn.side, speaker=speaker, kind=turn.kind,
                          text=" ".join(["word"] * turn.word_limit), words=turn.word_limit,
                          word_limit=turn.word_limit))
    return out


def estimate_league(league: League, rounds: range | None = None) -> list[ModelEstimate]:
    """Per model: expected calls and worst-case tokens and cost for the given rounds."""
    cfg, fmt = league.config, league.format
    rounds = rounds if rounds is not None else range(1, cfg.rounds + 1)
    n = len(cfg.debaters)
    # A mirrored league plays each pairing twice, sides swapped: twice the debates a round.
    debates_per_round = n // 2 * (2 if cfg.mirror else 1)
    # Over a league each debater sits out byes evenly and takes each side about equally often.
    debates_each = debates_per_round * 2 / n
    out = {e.name: ModelEstimate(e.name, e.model, "debater") for e in cfg.debaters}
    out.update({e.name: ModelEstimate(e.name, e.model, "judge") for e in cfg.judges})
    for r in rounds:
        _, motion = league.motion_for_round(r)
        for i, turn in enumerate(fmt.turns):
            transcript = _synthetic_transcript(league, i)
            completion = pricing.words_to_tokens(turn.word_limit)
            for e in cfg.debaters:
                msgs = prompts.debater_messages(motion, fmt, i, turn.side, transcript,
                                                case_notes=cfg.case_notes, persona=e.system_prompt)
                # turn i belongs to one side: a debater is on that side in half its debates
                out[e.name].add(e, debates_each / 2, pricing.prompt_tokens_estimate(msgs), completion)
        full = _synthetic_transcript(league, len(fmt.turns))
        msgs = prompts.judge_messages(league.rubric, motion, full, nonce="0" * 12,
                                      order=("pro", "con"), speech_scores=cfg.judging.speech_scores,
                                      notes=cfg.case_notes)
        reads = 2 if cfg.judging.position_swap else 1  # one read per presentation order
        for j in cfg.judges:
            out[j.name].add(j, debates_per_round * reads, pricing.prompt_tokens_estimate(msgs),
                            pricing.max_output_tokens(j))
    return list(out.values())
