"""The fold: a league's events folded into its state (`LeagueState`), the one fold that resume,
standings, export and the viewer share."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..domain.models import Ballot, DebateResult, Draw, Format, Rating, RatingSummary, Rubric, Speech, Standing
from ..league.config import LeagueConfig
from ..league.entries import ModelEntry
from .events import (BallotCast, DebateDecided, DebateStarted, Event, HumanBallotCast, JudgeBenched,
                     RatingsUpdated, RoundCompleted, RoundPaired, RunNote, SpeechDone, TournamentFinished,
                     TournamentStarted, TurnDelta)


@dataclass
class DebateState:
    debate_id: str
    round: int
    pro: str
    con: str
    motion_id: str
    attempt: int = 0
    speeches: list[Speech] = field(default_factory=list)
    ballots: list[Ballot] = field(default_factory=list)  # the model judges'
    # People's ballots (judge `human:NAME`), apart from the panel's; the order each was shown in.
    human_ballots: list[Ballot] = field(default_factory=list)
    blind_orders: dict[str, list[str]] = field(default_factory=dict)
    result: DebateResult | None = None
    live: dict[int, str] = field(default_factory=dict)  # streaming text by turn index
    seats: dict[str, str] = field(default_factory=dict)  # four sides: og, oo, cg, co -> debater

    @property
    def sides(self) -> dict[str, str]:
        """Side id -> debater, in speaking order (pro and con, or og, oo, cg and co)."""
        return dict(self.seats) if self.seats else {"pro": self.pro, "con": self.con}

    @property
    def debaters(self) -> list[str]:
        return list(self.sides.values())


@dataclass
class RoundState:
    number: int
    motion_id: str
    motion_text: str
    draw: Draw
    completed: bool = False
    category: str = ""


@dataclass
class TournamentInfo:
    """One tournament of the league: its league file as last run, its packs, its first round."""

    number: int
    first_round: int
    config: LeagueConfig
    packs: dict[str, str]
    # Judges taken off the panel for the rest of this tournament -> why (JudgeBenched).
    benched: dict[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str | None:
        """The league file's `tournament:` name, if it gave one."""
        return self.config.tournament

    @property
    def planned_rounds(self) -> int:
        """The rounds its league file asked for."""
        return self.config.rounds

    @property
    def planned_last_round(self) -> int:
        return self.first_round + self.planned_rounds - 1


@dataclass
class LeagueState:
    """A league as its events tell it: every tournament, round, debate, rating and note."""

    league: str = ""
    config: LeagueConfig | None = None  # the current (last) tournament's
    packs: dict[str, str] = field(default_factory=dict)
    rubric: Rubric | None = None
    format: Format | None = None
    rounds: dict[int, RoundState] = field(default_factory=dict)
    tournaments: list[TournamentInfo] = field(default_factory=list)
    debates: dict[str, DebateState] = field(default_factory=dict)
    ratings: dict[int, dict[str, Rating]] = field(default_factory=dict)  # after round n
    standings: list[Standing] = field(default_factory=list)
    summary: RatingSummary | None = None  # the standings' robustness summary
    finished: bool = False
    notes: list[RunNote] = field(default_factory=list)
    last_seq: int = 0

    def apply(self, ev: Event) -> None:
        if isinstance(ev, TournamentStarted):
            self.league, self.config, self.packs = ev.league, ev.config, ev.packs
            self.rubric, self.format = ev.rubric, ev.format
            self.finished = False
            info = TournamentInfo(ev.number, ev.first_round, ev.config, ev.packs)
            if self.tournaments and self.tournaments[-1].number == ev.number:
                info.benched = self.tournaments[-1].benched  # a judge benched stays benched
                self.tournaments[-1] = info  # resumed: rounds may have been raised, debaters added
            else:
                self.tournaments.append(info)
        elif isinstance(ev, RoundPaired):
            self.rounds[ev.round] = RoundState(ev.round, ev.motion_id, ev.motion_text, ev.draw,
                                               category=ev.category)
            for p in ev.draw.pairings:
                self.debates.setdefault(p.debate_id, DebateState(p.debate_id, ev.round, p.pro, p.con,
                                                                 ev.motion_id, seats=dict(p.seats)))
        elif isinstance(ev, DebateStarted):
            d = self.debates.setdefault(ev.debate_id, DebateState(ev.debate_id, ev.round, ev.pro,
                                                                  ev.con, ev.motion_id, seats=dict(ev.seats)))
            d.attempt, d.speeches, d.ballots, d.result, d.live = ev.attempt, [], [], None, {}
            d.human_ballots, d.blind_orders = [], {}  # a ballot on other speeches no longer counts
        elif isinstance(ev, TurnDelta):
            d = self.debates.get(ev.debate_id)
            if d is not None:
                d.live[ev.index] = d.live.get(ev.index, "") + ev.text
        elif isinstance(ev, SpeechDone):
            d = self.debates.get(ev.debate_id)
            if d is not None:
                d.live.pop(ev.speech.index, None)
                d.speeches = [s for s in d.speeches if s.index != ev.speech.index] + [ev.speech]
        elif isinstance(ev, BallotCast):
            d = self.debates.get(ev.debate_id)
            if d is not None:
                d.ballots = [b for b in d.ballots if b.judge != ev.ballot.judge] + [ev.ballot]
        elif isinstance(ev, HumanBallotCast):
            d = self.debates.get(ev.debate_id)
            if d is not None:  # a person casting again replaces their ballot
                d.human_ballots = [b for b in d.human_ballots if b.judge != ev.ballot.judge] + [ev.ballot]
                d.blind_orders[ev.ballot.judge] = list(ev.blind_order)
        elif isinstance(ev, JudgeBenched):
            if self.tournaments:
                self.tournaments[-1].benched[ev.judge] = ev.reason
        elif isinstance(ev, DebateDecided):
            d = self.debates.get(ev.result.debate_id)
            if d is not None:
                d.result = ev.result
        elif isinstance(ev, RatingsUpdated):
            self.ratings[ev.round] = {n: Rating(mu=m, sigma=s) for n, (m, s) in ev.ratings.items()}
        elif isinstance(ev, RoundCompleted):
            if ev.round in self.rounds:
                self.rounds[ev.round].completed = True
            self.standings, self.summary = ev.standings, ev.summary
        elif isinstance(ev, TournamentFinished):
            self.standings, self.summary = ev.standings, ev.summary
            self.finished = True
        elif isinstance(ev, RunNote):
            self.notes.append(ev)

    # --- derived views ----------------------------------------------------------------------
    @property
    def benched(self) -> dict[str, str]:
        """Judges benched in the current (last) tournament -> why."""
        return self.tournaments[-1].benched if self.tournaments else {}

    @benched.setter
    def benched(self, value: dict[str, str]) -> None:
        if self.tournaments:
            self.tournaments[-1].benched = dict(value)

    def tournament_of(self, round_no: int) -> TournamentInfo | None:
        """The tournament a round belongs to: the last one starting at or before it."""
        found = None
        for t in self.tournaments:
            if t.first_round <= round_no:
                found = t
        return found

    def tournament_rounds(self, tournament: TournamentInfo) -> list[int]:
        return [n for n in sorted(self.rounds) if (t := self.tournament_of(n)) is not None
                and t.number == tournament.number]

    @property
    def planned_rounds(self) -> int:
        """The league's last round once the current tournament has run all its rounds."""
        return self.tournaments[-1].planned_last_round if self.tournaments else 0

    @property
    def debaters(self) -> list[ModelEntry]:
        """The current tournament's debaters."""
        return self.config.debaters if self.config is not None else []

    @property
    def judges(self) -> list[ModelEntry]:
        """The current tournament's judges."""
        return self.config.judges if self.config is not None else []

    def all_debaters(self) -> list[ModelEntry]:
        """Every debater any tournament of the league listed, as last defined, first seen first
        (a version link once declared is kept)."""
        out: dict[str, ModelEntry] = {}
        for t in self.tournaments:
            for d in t.config.debaters:
                prev = out[d.name].supersedes if d.name in out else None
                out[d.name] = d.model_copy(update={"supersedes": d.supersedes or prev})
        return list(out.values())

    def pack_hashes(self, pack_id: str) -> list[tuple[int, str]]:
        """(tournament number, the pack's hash) for each tournament of the league that used it."""
        return [(t.number, t.packs[pack_id]) for t in self.tournaments if pack_id in t.packs]

    def categories(self) -> dict[str, str]:
        """Debate id -> its motion's category, as recorded when its round was paired."""
        return {p.debate_id: r.category for r in self.rounds.values() if r.category
                for p in r.draw.pairings}

    def results(self, *, completed_rounds_only: bool = False, since: int = 1) -> list[DebateResult]:
        out = []
        for n in sorted(self.rounds):
            r = self.rounds[n]
            if completed_rounds_only and not r.completed or n < since:
                continue
            for p in r.draw.pairings:
                d = self.debates.get(p.debate_id)
                if d is not None and d.result is not None:
                    out.append(d.result)
        return out

    def problems(self) -> list[str]:
        """Why the current tournament's results rank nobody (domain.validity); empty if they do."""
        from ..domain.validity import meaningless

        if not self.tournaments:
            return []
        current = self.tournaments[-1]
        rounds = {n: [d.result for p in self.rounds[n].draw.pairings
                      if (d := self.debates.get(p.debate_id)) is not None and d.result is not None]
                  for n in self.tournament_rounds(current) if self.rounds[n].completed}
        return meaningless([d.name for d in current.config.debaters], rounds)

    def byes(self, *, completed_rounds_only: bool = False, since: int = 1) -> dict[str, int]:
        out: dict[str, int] = {}
        for r in self.rounds.values():
            if completed_rounds_only and not r.completed or r.number < since:
                continue
            for name in r.draw.byes:
                out[name] = out.get(name, 0) + 1
        return out

    def dimensions(self) -> list[str]:
        """The rubric's dimensions; for a database that recorded no rubric, those its ballots
        scored."""
        if self.rubric is not None:
            return self.rubric.dimension_ids
        return sorted({k for d in self.debates.values() for b in d.ballots for row in b.scores.values()
                       for k in row})

    def ballots(self) -> dict[str, list[Ballot]]:
        return {d.debate_id: d.ballots for d in self.debates.values()}

    def human_ballots(self) -> dict[str, list[Ballot]]:
        return {d.debate_id: d.human_ballots for d in self.debates.values() if d.human_ballots}

    def latest_ratings(self) -> dict[str, Rating]:
        return self.ratings[max(self.ratings)] if self.ratings else {}


def replay(events) -> LeagueState:
    state = LeagueState()
    for item in events:
        seq, ev = item if isinstance(item, tuple) else (0, item)
        state.apply(ev)
        state.last_seq = max(state.last_seq, seq)
    return state


def load_state(store) -> LeagueState:
    return replay(store.events())
