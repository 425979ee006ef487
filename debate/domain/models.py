"""Pydantic records of the domain: data files (packs, formats, rubrics) and results.

Data-file models forbid unknown keys and carry a `schema_version`, so a typo is an error
that names its line rather than a silently ignored setting.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (BaseModel, ConfigDict, Field, StringConstraints, field_validator, model_serializer,
                      model_validator)

Side = Literal["pro", "con"]
SIDES: tuple[Side, Side] = ("pro", "con")
# British Parliamentary: Opening Government, Opening Opposition, Closing Government, Closing
# Opposition, in speaking order. A format says how many sides it has (`sides: 2` or `sides: 4`).
BPSide = Literal["og", "oo", "cg", "co"]
BP_SIDES: tuple[BPSide, BPSide, BPSide, BPSide] = ("og", "oo", "cg", "co")
SideId = Literal["pro", "con", "og", "oo", "cg", "co"]
SIDE_SETS: dict[int, tuple[str, ...]] = {2: SIDES, 4: BP_SIDES}
# Which way each side argues: the Government bench is for the motion, the Opposition against.
BENCH: dict[str, Side] = {"pro": "pro", "con": "con", "og": "pro", "oo": "con", "cg": "pro", "co": "con"}
SIDE_NAMES: dict[str, str] = {"og": "Opening Government", "oo": "Opening Opposition",
                              "cg": "Closing Government", "co": "Closing Opposition"}
# Team points for 1st to 4th place in a BP room; a place shared by a tie shares its points.
ROOM_POINTS: tuple[int, int, int, int] = (3, 2, 1, 0)
# A BP bye's team points: a room's mean, (3+2+1+0)/4 (see debate.domain.bp_draw).
BP_BYE_POINTS = 1.5
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


# The offline house models (debate.house): four debaters of graded skill and a judge.
HOUSE_MODELS = ("novice", "club", "expert", "champion", "judge")


def unknown_house_model(model: str) -> str | None:
    """Why `model` (house/...) is no house model, or None if it is one (or not a house model)."""
    provider, _, name = model.partition("/")
    if provider != "house" or name in HOUSE_MODELS:
        return None
    return (f"unknown house model {model!r}; the house models are "
            + ", ".join(f"house/{m}" for m in HOUSE_MODELS))


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


class OmitEmpty(BaseModel):
    """A record whose fields in `_omit_empty` are left out of its dump while they are empty.

    Fields added for four-side debates use it, so a two-side record dumps (and is stored,
    exported and hashed) exactly as before they existed.
    """

    _omit_empty: ClassVar[tuple[str, ...]] = ()

    @model_serializer(mode="wrap")
    def _drop_empty(self, handler: Any) -> Any:
        data = handler(self)
        if isinstance(data, dict):
            for key in self._omit_empty:
                if key in data and data[key] in (None, "", [], {}):
                    del data[key]
        return data


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


class MotionPack(Strict, OmitEmpty):
    _omit_empty = ("exam",)  # a pack without exam items dumps and hashes as before exams existed
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
    # Reference debates with known verdicts for judges' exams (see ExamItem).
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

class Turn(Strict, OmitEmpty):
    _omit_empty = ("role",)
    side: SideId
    kind: Slug  # opening, rebuttal, closing, cross-examination, answer, extension, summary, ...
    word_limit: int = Field(gt=0, le=20000)
    instructions: str = ""
    role: str = ""  # the speaker's title, e.g. "Prime Minister" (BP)


class Format(Strict, OmitEmpty):
    _omit_empty = ("sides",)
    schema_version: Literal[1] = 1
    id: Slug
    title: Text
    description: str = ""
    # 2: pro and con (one debater each); 4: British Parliamentary, og, oo, cg and co (one
    # debater each, who gives every speech of its side).
    sides: Literal[2, 4] | None = None
    turns: list[Turn] = Field(min_length=2)

    @property
    def side_ids(self) -> tuple[str, ...]:
        return SIDE_SETS[self.sides or 2]

    @property
    def four_sides(self) -> bool:
        return self.sides == 4

    @model_validator(mode="after")
    def _every_side_speaks(self) -> Format:
        want = set(self.side_ids)
        got = {t.side for t in self.turns}
        if got - want:
            raise ValueError(f"turns name sides {', '.join(sorted(got - want))}, but a format of "
                             f"{len(want)} sides has only {', '.join(self.side_ids)}"
                             + ("" if self.sides else " (set `sides: 4` for British Parliamentary)"))
        if got != want:
            raise ValueError("every side must have at least one turn" if self.sides else
                             "both sides must have at least one turn")
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


# Speech flags a rubric may charge norms points for (debate.domain.flags documents each).
PENALISABLE_FLAGS = ("prompt_injection", "format_echo", "repetition", "copied_opponent", "overrun",
                     "truncated", "identity_leak", "off_motion")


class Rubric(Strict, OmitEmpty):
    _omit_empty = ("penalties",)
    schema_version: Literal[1] = 1
    id: Slug
    title: Text
    language: str = "en"
    scale: Scale = Field(default_factory=Scale)
    dimensions: list[Dimension] = Field(min_length=1)
    judge_prompt: Text
    # Points taken from `norms` when a speech is flagged for prompt injection (issue-level rule).
    injection_penalty: int = Field(default=3, ge=0)
    # Norms points per speech flagged with another flag (flag -> points), e.g. {repetition: 1}.
    # Every penalty is taken from each read before the read's winner (debate.domain.verdicts).
    penalties: dict[str, int] = Field(default_factory=dict)

    @field_validator("penalties")
    @classmethod
    def _known_flags(cls, penalties: dict[str, int]) -> dict[str, int]:
        for flag, points in penalties.items():
            if flag not in PENALISABLE_FLAGS:
                raise ValueError(f"unknown flag {flag!r}; one of {', '.join(PENALISABLE_FLAGS)}")
            if points < 0:
                raise ValueError(f"penalties.{flag} must be 0 or more")
        return penalties

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
    side: SideId
    speaker: str
    kind: str
    text: str
    words: int
    word_limit: int
    flags: list[str] = Field(default_factory=list)


class BallotRead(OmitEmpty):
    """One reading of the debate by one judge, in one presentation order (see Ballot)."""

    _omit_empty = ("ranks", "stated", "checks", "note")
    # Two sides: AB (pro shown as Side A) or BA (con shown as Side A). Four sides: the sides in
    # letter order, e.g. "og-oo-co-cg" shows og as Side A, oo as B, co as C and cg as D.
    order: str
    # Two sides only: the side with the higher weighted total after the rubric's penalties (on
    # equal totals, the side the judge named).
    winner: SideId | None = None
    scores: dict[str, dict[str, float]] = Field(default_factory=dict)  # after the penalties
    speech_scores: dict[int, float] = Field(default_factory=dict)
    reasons: str = ""
    failed: bool = False
    error: str = ""
    ranks: dict[str, int] = Field(default_factory=dict)  # four sides: side -> place 1-4
    stated: str = ""  # the letter the judge named as the winner (position-lock statistics)
    # A failed read's ballot-gate findings (example_copy, placeholder, same_bound, ...).
    checks: list[str] = Field(default_factory=list)
    note: str = ""  # e.g. the penalties moved the win away from the side the judge named

    @property
    def letters(self) -> dict[str, str]:
        """Side -> the letter it was shown under in this read."""
        sides = ("pro", "con") if self.order == "AB" else ("con", "pro") if self.order == "BA" \
            else tuple(self.order.split("-"))
        return {side: "ABCD"[i] for i, side in enumerate(sides)}


class Ballot(OmitEmpty):
    _omit_empty = ("ranks",)
    judge: str
    # None for a failed ballot, and for an inconsistent one (the verdict flipped with the
    # presentation order: it counts as a split vote). Four sides: always None (see ranks).
    winner: SideId | None = None
    scores: dict[str, dict[str, float]] = Field(default_factory=dict)  # side -> dimension -> score
    reasons: str = ""
    flags: list[str] = Field(default_factory=list)
    failed: bool = False
    error: str = ""
    reads: list[BallotRead] = Field(default_factory=list)  # the raw readings, one per order
    speech_scores: dict[int, float] = Field(default_factory=dict)  # speech index -> score
    # Four sides: side -> the judge's place for it, its mean over the judge's reads (1 = best).
    ranks: dict[str, float] = Field(default_factory=dict)

    @property
    def inconsistent(self) -> bool:
        return "inconsistent" in self.flags

    def total(self, side: str, rubric: Rubric) -> float:
        return rubric.weighted_total(self.scores.get(side, {}))


ResultKind = Literal["decided", "draw", "forfeit"]


class _Seated(OmitEmpty):
    """Who sits where: `pro` and `con` in a two-side debate, `seats` (og, oo, cg, co) in BP.

    The subclasses declare the fields themselves (`pro`, `con`, `seats`), in the order their
    records have always been stored in."""

    @model_validator(mode="after")
    def _seated(self) -> _Seated:
        seats: dict[str, str] = self.seats  # type: ignore[attr-defined]
        if seats:
            if tuple(seats) != BP_SIDES or len(set(seats.values())) != 4:
                raise ValueError("seats: four different debaters, as og, oo, cg and co in that order")
            if self.pro or self.con:  # type: ignore[attr-defined]
                raise ValueError("a four-side debate has seats, not pro and con")
        elif not (self.pro and self.con):  # type: ignore[attr-defined]
            raise ValueError("pro and con are required (or seats, for four sides)")
        return self

    @property
    def sides(self) -> dict[str, str]:
        """Side id -> debater, in speaking order."""
        seats: dict[str, str] = self.seats  # type: ignore[attr-defined]
        return dict(seats) if seats else {"pro": self.pro, "con": self.con}  # type: ignore[attr-defined]

    @property
    def debaters(self) -> list[str]:
        return list(self.sides.values())

    @property
    def four_sides(self) -> bool:
        return bool(self.seats)  # type: ignore[attr-defined]

    def side_of(self, name: str) -> str:
        """The side a debater sat on."""
        return next(side for side, n in self.sides.items() if n == name)


class DebateResult(_Seated):
    _omit_empty = ("pro", "con", "seats", "ranks", "forfeit_cause", "forfeited_by")
    debate_id: str
    round: int
    motion_id: str
    pro: str = ""
    con: str = ""
    winner: str | None  # debater name, None for a draw (four sides: the first place)
    result: ResultKind
    reason: str = ""
    # A forfeit's cause: "outage" when a debater's model could not be reached or used (no
    # server, timeouts, 5xx, rate limits past the retries, a missing or refused key, an unknown
    # model): it says nothing about debating, so by default nobody wins (see domain.rating).
    # "speech" when the debater's own request failed (a content filter, its context window).
    # None: not a forfeit, or a result stored before causes were recorded (its winner stands).
    forfeit_cause: Literal["outage", "speech"] | None = None
    forfeited_by: list[str] = Field(default_factory=list)  # who could not debate
    seats: dict[str, str] = Field(default_factory=dict)  # four sides: og, oo, cg, co -> debater
    # Four sides: debater -> place, 1 to 4. A judged room has four different places; a room
    # with forfeits ranks those who spoke above those who did not, each group sharing the mean
    # of its places (three who spoke: 2.0 each, so 2 team points each).
    ranks: dict[str, float] = Field(default_factory=dict)

    @property
    def void(self) -> bool:
        """An outage forfeit that counts for nobody: no winner, no loss, no rating change (four
        sides: a room without places)."""
        return (self.result == "forfeit" and self.forfeit_cause == "outage"
                and (not self.ranks if self.seats else self.winner is None))

    @model_validator(mode="after")
    def _ranked(self) -> DebateResult:
        if self.seats and set(self.ranks) != set(self.seats.values()) and not self.void:
            raise ValueError("ranks: a place for each of the four debaters")
        if self.ranks and not self.seats:
            raise ValueError("ranks are for four-side debates")
        return self

    def points(self) -> dict[str, float]:
        """Four sides: team points, 3-2-1-0 from 1st to 4th (shared places share the mean); a
        void room, a bye's worth to each who was ready and nothing to those who failed."""
        if self.seats and self.void:
            return {n: 0.0 if n in self.forfeited_by else BP_BYE_POINTS for n in self.seats.values()}
        return {n: 4.0 - r for n, r in self.ranks.items()}

    def ranking(self) -> list[str]:
        """Four sides: the debaters, first place first (speaking order among equal places)."""
        order = list(self.seats.values())
        return sorted(order, key=lambda n: (self.ranks[n], order.index(n)))

    def outcomes(self) -> list[tuple[str, str, float]]:
        """The pairwise outcomes (a, b, a's score: 1 won, 0.5 drew, 0 lost) a result holds:
        one for two sides, six for a ranked room of four (1st beat 2nd, 3rd and 4th, ...)."""
        if not self.seats:
            if self.winner is None:
                return [(self.pro, self.con, 0.5)]
            return [(self.pro, self.con, 1.0 if self.winner == self.pro else 0.0)]
        order = self.ranking()
        return [(a, b, 1.0 if self.ranks[a] < self.ranks[b] else 0.5)
                for i, a in enumerate(order) for b in order[i + 1:]]


class Pairing(_Seated):
    _omit_empty = ("pro", "con", "seats", "bracket")
    debate_id: str
    pro: str = ""
    con: str = ""
    flags: list[str] = Field(default_factory=list)
    seats: dict[str, str] = Field(default_factory=dict)  # four sides: og, oo, cg, co -> debater
    bracket: float | None = None  # four sides: the team points of the bracket the room was drawn in


class Draw(BaseModel):
    round: int
    pairings: list[Pairing]
    byes: list[str] = Field(default_factory=list)

    @property
    def names(self) -> set[str]:
        """Everyone in this round's draw: the debaters of every pairing and the byes."""
        return {*self.byes, *(x for p in self.pairings for x in p.debaters)}


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


class Standing(OmitEmpty):
    # issue 15's figures too: a row without them (estimates off) dumps as before they existed
    _omit_empty = ("team_points", "positions", "places", "outages", "rank_lo", "rank_hi", "p_best",
                   "margin", "lc", "lc_lo", "lc_hi")
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
    outages: int | None = None  # debates its model could not give (an outage forfeit); None: 0
    points: float = 0.0  # total weighted rubric points received
    dimensions: dict[str, float] = Field(default_factory=dict)  # mean score per rubric dimension
    # Bradley-Terry on win/loss (Elo scale): the posterior mean and its 95% credible interval
    # (debate.domain.bt_posterior; databases written before it hold a bootstrap interval)
    bt: float | None = None
    bt_lo: float | None = None
    bt_hi: float | None = None
    categories: dict[str, CategoryRecord] = Field(default_factory=dict)  # by motion category
    # From the rating mode's posterior: the 95% range of the debater's rank (1 = top) and its
    # probability of being the strongest (debate.domain.posterior.rank_summary)
    rank_lo: int | None = None
    rank_hi: int | None = None
    p_best: float | None = None
    margin: float | None = None  # the margin mode's rating: rubric points against an average debater
    # length-controlled (style-controlled) Bradley-Terry: Elo, posterior mean and 95% interval
    lc: float | None = None
    lc_lo: float | None = None
    lc_hi: float | None = None

    # Four sides (BP): team points (3-2-1-0 a room, a bye's worth per bye), rooms per position
    # (og, oo, cg, co) and places (how many 1sts, 2nds, 3rds and 4ths).
    team_points: float | None = None
    positions: dict[str, int] = Field(default_factory=dict)
    places: list[int] = Field(default_factory=list)

    @property
    def rank_range(self) -> str:
        """'3' or '2-5'; '' without one."""
        if self.rank_lo is None or self.rank_hi is None:
            return ""
        return str(self.rank_lo) if self.rank_lo == self.rank_hi else f"{self.rank_lo}-{self.rank_hi}"


# An interval wider than this says little: the debater's chance against an equal opponent lies
# somewhere between about 5% and 95%. Tables show "(wide)" instead of its ends (exports keep them).
WIDE_ELO = 1000.0


def interval_text(v: float | None, lo: float | None, hi: float | None) -> str:
    """'1012 [930, 1104]', '1012 (wide)', or the point alone without an interval."""
    if v is None:
        return ""
    if lo is None or hi is None:
        return f"{v:.0f}"
    return f"{v:.0f} (wide)" if hi - lo > WIDE_ELO else f"{v:.0f} [{lo:.0f}, {hi:.0f}]"


RatingMode = Literal["win-loss", "margin"]
RATING_MODES: tuple[RatingMode, ...] = ("win-loss", "margin")


class StyleEffect(BaseModel):
    """One style covariate's coefficient: logits per standard deviation of its feature."""

    feature: str
    beta: float
    lo: float
    hi: float


_TOP_NAMED = 6  # a top set larger than this is named in part
# margin mode: say so when the judges scored this share of debates level; win-loss mode: below
# it, say that the margin mode would have margins to read
LEVEL_WARNING = 0.25
_STYLE_WORDS = {"length": ("the judges favour longer speeches", "the judges favour shorter speeches"),
            "markdown": ("the judges favour markdown", "the judges penalise markdown"),
            "side": ("the proposition is favoured", "the opposition is favoured")}


class RatingSummary(OmitEmpty):
    """How far a tournament's standings can be trusted (debate.domain.estimates)."""

    _omit_empty = ("outcomes",)
    mode: RatingMode = "win-loss"
    debaters: int = 0
    debates: int = 0  # debates the rating read (four sides: rooms)
    outcomes: int | None = None  # four sides: the pairwise outcomes those rooms hold (six a room)
    separability: float | None = None  # share of debater pairs whose 95% intervals do not overlap
    leader: str | None = None
    p_best: float | None = None  # the leader's
    top_set: list[str] = Field(default_factory=list)  # who the best is, at 95%
    flips: int | None = None  # fewest debates whose reversal would change the leader
    flips_exact: bool = False  # proven minimal (margin mode), else found and verified by a refit
    challenger: str | None = None  # who would lead after those reversals
    flip_debates: list[str] = Field(default_factory=list)  # which debates
    style: list[StyleEffect] = Field(default_factory=list)
    level: float | None = None  # the share of two-side debates the judges scored level (margin 0)

    def lines(self) -> list[str]:
        """The summary in plain sentences (standings, exports, the viewer, the report)."""
        s = self
        if not s.debates:
            return []
        how = ("the judges' rubric margins" if s.mode == "margin" else "wins and losses")
        read = (f"{s.debates} room{'s' if s.debates != 1 else ''}: {s.outcomes} pairwise outcomes"
                if s.outcomes else f"{s.debates} debates")
        if s.mode == "win-loss":
            out = [f"Rating mode: win-loss (Bradley-Terry posterior on {how}, {read})."]
        elif s.level is None:  # no debate had a margin to read (e.g. four-side rooms only)
            out = [f"Rating mode: margin, but no debate has two sides' rubric scores to read: sorted by the "
                   f"Bradley-Terry posterior on wins and losses ({read})."]
        else:
            out = [f"Rating mode: margin (sorted by {how}, {read})."]
        if s.top_set and len(s.top_set) == 1:
            out.append(f"{s.leader} leads: P(best) {s.p_best:.2f}.")
        elif s.top_set:
            named = s.top_set[:_TOP_NAMED]
            who = (", ".join(named) + f" and {len(s.top_set) - _TOP_NAMED} more" if len(s.top_set) > _TOP_NAMED
                   else ", ".join(named[:-1]) + f" and {named[-1]}")
            out.append(f"The top {len(s.top_set)} of {s.debaters} cannot be told apart: {who} "
                       f"({s.leader} leads, P(best) {s.p_best:.2f}).")
        if s.mode == "margin" and s.level is not None and s.level >= LEVEL_WARNING:
            out.append(f"The judges scored both sides level in {100 * s.level:.0f}% of debates: the margin "
                       "mode reads those as even, whoever won (judges that give both sides the same scores "
                       "say nothing to it; win-loss reads their verdicts).")
        if s.separability is not None:
            whose = "the margin ratings' " if s.mode == "margin" and s.level is not None else ""
            out.append(f"Separability {s.separability:.2f}: {100 * s.separability:.0f}% of debater pairs "
                       f"are told apart ({whose}95% intervals that do not overlap).")
        if s.flips and s.challenger:
            which = f" ({', '.join(s.flip_debates)})" if len(s.flip_debates) <= 3 else ""
            what = (f"the ranking of {s.flips} room{'s' if s.flips != 1 else ''}" if s.outcomes
                    else f"{s.flips} debate{'s' if s.flips != 1 else ''}")
            out.append(f"Reversing {what}{which} would make "
                       f"{s.challenger} the leader" + ("." if s.flips_exact or s.flips == 1 else
                                                      " (found by refitting: perhaps fewer would)."))
        for e in s.style:
            clear = e.lo > 0 or e.hi < 0
            what = _STYLE_WORDS.get(e.feature, e.feature)
            out.append(f"Style control, {e.feature}: {e.beta:+.2f} logits per sd [{e.lo:+.2f}, {e.hi:+.2f}]"
                       + (f" ({what[0] if e.beta > 0 else what[1]})" if clear else " (no clear effect)") + ".")
        if s.mode == "win-loss" and s.level is not None and s.level < LEVEL_WARNING:
            out.append(f"The judges' rubric scores separate the sides in {100 * (1 - s.level):.0f}% of debates: "
                       "`rating: margin` would use them (README, \"Ratings\").")
        return out
