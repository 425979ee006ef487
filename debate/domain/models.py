"""Pydantic records of the domain: data files (packs, formats, rubrics) and results.

Data-file models forbid unknown keys and carry a `schema_version`, so a typo is an error
that names its line rather than a silently ignored setting.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_validator

Side = Literal["pro", "con"]
SIDES: tuple[Side, Side] = ("pro", "con")
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def other(side: Side) -> Side:
    return "con" if side == "pro" else "pro"


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[A-Za-z0-9\u00c0-\u024f]+(?:['’-][A-Za-z0-9\u00c0-\u024f]+)*")


def count_words(text: str) -> int:
    """Words in Latin scripts, characters in CJK scripts (each ideograph counts as one)."""
    return len(_CJK.findall(text)) + len(_WORD.findall(text))


def is_cjk(text: str) -> bool:
    return len(_CJK.findall(text)) > max(3, len(text) // 10)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --- motion packs -------------------------------------------------------------------------

class Argument(Strict):
    claim: Text
    evidence: list[Text] = Field(default_factory=list)


class MotionArguments(Strict):
    pro: list[Argument] = Field(default_factory=list)
    con: list[Argument] = Field(default_factory=list)


class SideLabels(Strict):
    pro: Text = "Proposition"
    con: Text = "Opposition"


class Motion(Strict):
    id: Slug
    text: Text
    category: Slug = "general"
    tags: list[str] = Field(default_factory=list)
    difficulty: Literal["easy", "medium", "hard"] = "medium"
    side_labels: SideLabels | None = None
    background: str = ""
    arguments: MotionArguments | None = None

    def label(self, side: Side) -> str:
        labels = self.side_labels or SideLabels()
        return labels.pro if side == "pro" else labels.con


class ExamSpeech(Strict):
    side: Side
    kind: Slug = "speech"
    text: Text


class ExamItem(Strict):
    """A reference debate with a known verdict, for a judge's exam (see debate.orchestrator.exam).

    `source` says how the verdict is known: `human` (people judged it), `house` (house debaters
    of a known strength gap), `constructed` (written to have a clearly better side). Every item
    is read in both presentation orders: accuracy counts reads with the known winner,
    consistency items whose two reads agree (the same speeches, the sides' order swapped).
    """

    id: Slug
    motion: Slug  # a motion id of this pack
    winner: Side
    source: Literal["human", "house", "constructed"] = "constructed"
    note: str = ""
    speeches: list[ExamSpeech] = Field(min_length=2)

    @model_validator(mode="after")
    def _both_sides(self) -> ExamItem:
        if {s.side for s in self.speeches} != {"pro", "con"}:
            raise ValueError("both sides must speak")
        return self


class MotionPack(Strict):
    schema_version: Literal[1] = 1
    id: Slug
    title: Text
    version: str = "1.0.0"
    language: str = "en"
    author: str = ""
    license: str = ""
    description: str = ""
    tags: list[str] = Field(default_factory=list)
    motions: list[Motion] = Field(min_length=1)
    # Reference debates with known verdicts for judges' exams (left out of the pack's hash
    # while empty, so seals published before exams existed stay valid).
    exam: list[ExamItem] = Field(default_factory=list)

    @model_validator(mode="after")
    def _exam_refs(self) -> MotionPack:
        ids = {m.id for m in self.motions}
        seen: set[str] = set()
        for item in self.exam:
            if item.motion not in ids:
                raise ValueError(f"exam item {item.id!r}: no motion {item.motion!r} in this pack")
            if item.id in seen:
                raise ValueError(f"duplicate exam item id {item.id!r}")
            seen.add(item.id)
        return self

    @field_validator("motions")
    @classmethod
    def _unique_ids(cls, motions: list[Motion]) -> list[Motion]:
        seen: set[str] = set()
        for m in motions:
            if m.id in seen:
                raise ValueError(f"duplicate motion id {m.id!r}")
            seen.add(m.id)
        return motions

    def motion(self, motion_id: str) -> Motion:
        for m in self.motions:
            if m.id == motion_id:
                return m
        raise KeyError(motion_id)


# --- formats ------------------------------------------------------------------------------

class Turn(Strict):
    side: Side
    kind: Slug  # opening, rebuttal, closing, cross-examination, answer, ...
    word_limit: int = Field(gt=0, le=20000)
    instructions: str = ""


class Format(Strict):
    schema_version: Literal[1] = 1
    id: Slug
    title: Text
    description: str = ""
    turns: list[Turn] = Field(min_length=2)

    @model_validator(mode="after")
    def _both_sides_speak(self) -> Format:
        if {t.side for t in self.turns} != {"pro", "con"}:
            raise ValueError("both sides must have at least one turn")
        return self


# --- rubrics ------------------------------------------------------------------------------

class Level(Strict):
    score: int
    descriptor: Text


class Dimension(Strict):
    id: Slug
    name: Text
    description: Text
    weight: float = Field(default=1.0, gt=0)
    levels: list[Level] = Field(default_factory=list)


class Scale(Strict):
    min: int = 1
    max: int = 10

    @model_validator(mode="after")
    def _ordered(self) -> Scale:
        if self.max <= self.min:
            raise ValueError("scale.max must be greater than scale.min")
        return self


class Rubric(Strict):
    schema_version: Literal[1] = 1
    id: Slug
    title: Text
    language: str = "en"
    scale: Scale = Field(default_factory=Scale)
    dimensions: list[Dimension] = Field(min_length=1)
    judge_prompt: Text
    # Points taken from `norms` when a speech is flagged for prompt injection (issue-level rule).
    injection_penalty: int = Field(default=3, ge=0)

    @field_validator("dimensions")
    @classmethod
    def _unique_dims(cls, dims: list[Dimension]) -> list[Dimension]:
        ids = [d.id for d in dims]
        if len(set(ids)) != len(ids):
            raise ValueError("dimension ids must be unique")
        return dims

    @property
    def dimension_ids(self) -> list[str]:
        return [d.id for d in self.dimensions]

    def weighted_total(self, scores: dict[str, float]) -> float:
        return sum(d.weight * float(scores.get(d.id, 0)) for d in self.dimensions)


# --- results ------------------------------------------------------------------------------

class Speech(BaseModel):
    index: int
    side: Side
    speaker: str
    kind: str
    text: str
    words: int
    word_limit: int
    flags: list[str] = Field(default_factory=list)


class BallotRead(BaseModel):
    """One reading of the debate by one judge, in one presentation order (see Ballot)."""

    order: Literal["AB", "BA"]  # AB: pro shown as Side A; BA: con shown as Side A
    winner: Side | None = None
    scores: dict[str, dict[str, float]] = Field(default_factory=dict)
    speech_scores: dict[int, float] = Field(default_factory=dict)
    reasons: str = ""
    failed: bool = False
    error: str = ""


class Ballot(BaseModel):
    judge: str
    # None for a failed ballot, and for an inconsistent one (the verdict flipped with the
    # presentation order: it counts as a split vote).
    winner: Side | None = None
    scores: dict[str, dict[str, float]] = Field(default_factory=dict)  # side -> dimension -> score
    reasons: str = ""
    flags: list[str] = Field(default_factory=list)
    failed: bool = False
    error: str = ""
    reads: list[BallotRead] = Field(default_factory=list)  # the raw readings, one per order
    speech_scores: dict[int, float] = Field(default_factory=dict)  # speech index -> score

    @property
    def inconsistent(self) -> bool:
        return "inconsistent" in self.flags

    def total(self, side: Side, rubric: Rubric) -> float:
        return rubric.weighted_total(self.scores.get(side, {}))


ResultKind = Literal["decided", "draw", "forfeit"]


class DebateResult(BaseModel):
    debate_id: str
    round: int
    motion_id: str
    pro: str
    con: str
    winner: str | None  # debater name, None for a draw
    result: ResultKind
    reason: str = ""


class Pairing(BaseModel):
    debate_id: str
    pro: str
    con: str
    flags: list[str] = Field(default_factory=list)


class Draw(BaseModel):
    round: int
    pairings: list[Pairing]
    byes: list[str] = Field(default_factory=list)

    @property
    def names(self) -> set[str]:
        """Everyone in this round's draw: the debaters of every pairing and the byes."""
        return {*self.byes, *(x for p in self.pairings for x in (p.pro, p.con))}


class Rating(BaseModel):
    mu: float
    sigma: float

    @property
    def conservative(self) -> float:
        return self.mu - 3 * self.sigma


class CategoryRecord(BaseModel):
    """How one debater did on the motions of one category."""

    debates: int = 0
    wins: float = 0.0  # a draw counts half
    dimensions: dict[str, float] = Field(default_factory=dict)  # mean score per rubric dimension


class Standing(BaseModel):
    rank: int
    name: str
    model: str = ""
    mu: float
    sigma: float
    conservative: float
    wins: int = 0
    losses: int = 0
    draws: int = 0
    byes: int = 0
    buchholz: float = 0.0
    points: float = 0.0  # total weighted rubric points received
    dimensions: dict[str, float] = Field(default_factory=dict)  # mean score per rubric dimension
    bt: float | None = None  # Bradley-Terry score (Elo scale) with its bootstrap 95% interval
    bt_lo: float | None = None
    bt_hi: float | None = None
    categories: dict[str, CategoryRecord] = Field(default_factory=dict)  # by motion category
