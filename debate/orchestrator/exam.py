"""A judge's exam: reference debates with known verdicts (a pack's `exam:` items), read by each
judge through the gateway exactly as in a tournament, before it is trusted with one.

Every item is read twice, once with the Proposition shown as Side A and once with the
Opposition as Side A (the same speeches, the sides' order swapped):
- accuracy: the share of reads that name the known winner (a failed read counts as wrong);
- consistency: the share of items whose two reads name the same winner.
A judge that always answers "A" is right half the time and never consistent; a judge that
always answers "pro" is consistent and right only where the Proposition won.

A league file's `judging: exam: {pack, min_accuracy, min_consistency}` seats only judges that
reach both minimums: the exam runs before the tournament's first round (its calls are stored
like any other, so a rerun pays nothing again) and a judge below them stops the run before
anything else is recorded (exit 2), naming its scores.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

from ..domain.models import BallotRead, ExamItem, Format, MotionPack, Rubric, Speech, count_words
from ..gateway import Gateway
from ..league.config import League, LeagueConfig
from ..league.entries import ModelEntry
from .debate_run import DebateContext
from .judging import read_once

# The exam's league needs debaters to be a valid league file; nobody debates.
_EXAM_DEBATERS = [{"name": "exam-side-a", "model": "house/novice"}, {"name": "exam-side-b", "model": "house/novice"}]


@dataclass
class ItemResult:
    item: str
    winner: str
    reads: dict[str, str | None]  # order -> the winner read ("pro", "con", None: failed)


@dataclass
class JudgeExam:
    judge: str
    items: list[ItemResult] = field(default_factory=list)

    @property
    def reads(self) -> int:
        return sum(len(i.reads) for i in self.items)

    @property
    def accuracy(self) -> float:
        right = sum(1 for i in self.items for w in i.reads.values() if w == i.winner)
        return right / self.reads if self.reads else 0.0

    @property
    def consistency(self) -> float:
        both = [i for i in self.items if len(i.reads) == 2]
        same = sum(1 for i in both if len(set(i.reads.values())) == 1 and None not in i.reads.values())
        return same / len(both) if both else 0.0

    def passes(self, min_accuracy: float, min_consistency: float = 0.0) -> bool:
        return self.accuracy >= min_accuracy - 1e-9 and self.consistency >= min_consistency - 1e-9

    def to_json(self) -> dict[str, Any]:
        return {"judge": self.judge, "items": len(self.items), "reads": self.reads,
                "accuracy": round(self.accuracy, 4), "consistency": round(self.consistency, 4),
                "by_item": [{"item": i.item, "winner": i.winner, "reads": i.reads} for i in self.items]}


def exam_speeches(item: ExamItem) -> list[Speech]:
    """The item's speeches as a transcript; each one's limit is its own length (no overrun)."""
    out = []
    for i, s in enumerate(item.speeches):
        words = count_words(s.text)
        out.append(Speech(index=i, side=s.side, speaker="", kind=s.kind, text=s.text, words=words,
                          word_limit=max(words, 1)))
    return out


def exam_league(judges: list[ModelEntry], pack: MotionPack, rubric: Rubric, fmt: Format, *,
                seed: int = 0, retries: int = 2) -> League:
    """A league of no debaters that matter, so the exam reads through the tournament's own code."""
    config = LeagueConfig(name="exam", seed=seed, rounds=1, format=fmt.id, motions=[pack.id], rubric=rubric.id,
                          retries=retries, debaters=_EXAM_DEBATERS,  # type: ignore[arg-type]
                          judges=judges)
    return League(config=config, path="(exam)", format=fmt, packs=[pack], rubric=rubric)


async def run_exam(league: League, pack: MotionPack, gateway: Gateway) -> list[JudgeExam]:
    """Every judge of `league` on every exam item of `pack`, both orders, concurrently."""
    if not pack.exam:
        raise ValueError(f"pack {pack.id!r} has no exam items")
    ctx = DebateContext(league, gateway, lambda ev: None, stream=False)

    async def one(judge: ModelEntry, item: ExamItem) -> ItemResult:
        motion = pack.motion(item.motion)
        speeches = exam_speeches(item)
        reads: list[BallotRead] = await asyncio.gather(*(
            read_once(ctx, judge, f"exam/{pack.id}/{item.id}", motion, speeches, order) for order in ("AB", "BA")))
        return ItemResult(item.id, item.winner, {r.order: (None if r.failed else r.winner) for r in reads})

    out = []
    for judge in league.config.judges:
        items = await asyncio.gather(*(one(judge, item) for item in pack.exam))
        out.append(JudgeExam(judge.name, list(items)))
    return out
