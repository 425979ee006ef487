"""Typed events: the orchestrator emits them, the store appends them, displays fold them.

A finished tournament is rebuilt by replaying its events (see `debate.record.state`). `TurnDelta`
is the one event not stored: it streams text to a live display; the completed speech arrives
as `SpeechDone`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, field_validator

from ..domain.models import Ballot, DebateResult, Draw, Format, OmitEmpty, RatingSummary, Rubric, Speech, Standing
from ..league.config import LeagueConfig


class _Event(BaseModel):
    ts: float = 0.0


class TournamentStarted(_Event):
    # `number` is stored as "stage" (its name in databases written before the word was
    # "tournament"): old databases load, new ones read the same.
    model_config = ConfigDict(validate_by_name=True, validate_by_alias=True, serialize_by_alias=True)

    type: Literal["tournament_started"] = "tournament_started"
    league: str
    # The league file as run: API keys are named (api_key_env), never held, so none is stored.
    config: LeagueConfig
    packs: dict[str, str] = Field(default_factory=dict)  # pack id -> sha256 of canonical pack
    rubric: Rubric | None = None
    format: Format | None = None
    resumed: bool = False
    # A database holds one league: a sequence of tournaments. Each tournament's rounds continue
    # the league's numbering from `first_round`; a database from before leagues held several
    # tournaments holds one, starting at round 1.
    number: int = Field(default=1, alias="stage")
    first_round: int = 1

    @field_validator("rubric", "format", mode="before")
    @classmethod
    def _empty_is_none(cls, value: Any) -> Any:
        return value or None  # an empty mapping: a writer that had none to record


class RoundPaired(_Event):
    type: Literal["round_paired"] = "round_paired"
    round: int
    motion_id: str
    motion_text: str = ""
    category: str = ""  # the motion's category, for profiles after its pack has left the league
    draw: Draw


class DebateStarted(_Event, OmitEmpty):
    _omit_empty = ("pro", "con", "seats")
    type: Literal["debate_started"] = "debate_started"
    debate_id: str
    round: int
    pro: str = ""
    con: str = ""
    motion_id: str
    attempt: int = 1
    seats: dict[str, str] = Field(default_factory=dict)  # four sides: og, oo, cg, co -> debater


class TurnDelta(_Event):
    type: Literal["turn_delta"] = "turn_delta"
    debate_id: str
    index: int
    side: str
    speaker: str
    text: str


class SpeechDone(_Event):
    type: Literal["speech_done"] = "speech_done"
    debate_id: str
    speech: Speech


class BallotCast(_Event):
    type: Literal["ballot_cast"] = "ballot_cast"
    debate_id: str
    ballot: Ballot


class HumanBallotCast(_Event):
    """A person's ballot (judge `human:NAME`), cast blind in the viewer or imported from a file.

    It sits beside the model panel's ballots and never changes a recorded result: with
    `judging: humans: vote` it counts as one more panel vote only if it is in the store when
    the engine decides the debate (see debate.orchestrator.judging).
    """

    type: Literal["human_ballot_cast"] = "human_ballot_cast"
    debate_id: str
    ballot: Ballot
    # The sides in the order they were shown (Side A first), e.g. ["con", "pro"]; drawn at
    # random per person and debate. Empty for an imported ballot that did not record it.
    blind_order: list[str] = Field(default_factory=list)
    source: Literal["viewer", "import"] = "viewer"


class JudgeBenched(_Event):
    """A judge taken off the panel for the rest of its tournament (debate.domain.judge_bench):
    position-locked, or failing too many reads. Debates already decided keep their ballots."""

    type: Literal["judge_benched"] = "judge_benched"
    judge: str
    round: int  # benched after this round: it sits on no debate of a later round
    kind: str
    reason: str


class DebateDecided(_Event):
    type: Literal["debate_decided"] = "debate_decided"
    result: DebateResult


class RatingsUpdated(_Event):
    type: Literal["ratings_updated"] = "ratings_updated"
    round: int
    ratings: dict[str, tuple[float, float]]  # name -> (mu, sigma)


class RoundCompleted(_Event):
    type: Literal["round_completed"] = "round_completed"
    round: int
    standings: list[Standing]
    summary: RatingSummary | None = None  # None in databases written before it existed


class TournamentFinished(_Event):
    type: Literal["tournament_finished"] = "tournament_finished"
    standings: list[Standing]
    summary: RatingSummary | None = None


class RunNote(_Event):
    """Something a reader of the log should know: a forfeit, a shrunken panel, a stop."""

    type: Literal["run_note"] = "run_note"
    level: Literal["info", "warning", "error"] = "info"
    message: str
    debate_id: str | None = None
    detail: str = ""  # the provider's own (redacted) error behind the message: for --verbose


Event = Annotated[Union[TournamentStarted, RoundPaired, DebateStarted, TurnDelta, SpeechDone,
                        BallotCast, HumanBallotCast, JudgeBenched, DebateDecided, RatingsUpdated,
                        RoundCompleted, TournamentFinished, RunNote], Field(discriminator="type")]
EVENT_ADAPTER: TypeAdapter[Event] = TypeAdapter(Event)


def parse_event(data: str | bytes | dict) -> Event:
    if isinstance(data, dict):
        return EVENT_ADAPTER.validate_python(data)
    return EVENT_ADAPTER.validate_json(data)
