"""The viewer's state: the engine's own fold (`LeagueState.apply`) plus what a screen needs.

The app never computes a rating: standings and ratings come from the events. To keep memory
flat over a long league, finished speeches keep their word counts and flags but drop their
text, except in the debate being watched; a transcript is read back from the store on demand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from debate.domain.models import Speech, Turn
from debate.record.events import (BallotCast, DebateDecided, DebateStarted, Event, HumanBallotCast,
                                  RatingsUpdated, RoundCompleted, RoundPaired, RunNote, SpeechDone, TournamentFinished,
                                  TournamentStarted, TurnDelta)
from debate.record.state import DebateState, LeagueState

# What a fold changed, so a flush repaints only the widgets that show it. HEADER (the status
# bar) must follow every event that changes what the bar shows: the league, the round and its
# decided count, the planned rounds, finished, the notes.
STANDINGS, BRACKET, RATINGS, JUDGES, NOTES, HEADER = ("standings", "bracket", "ratings", "judges",
                                                      "notes", "header")
_TOUCHES: dict[type, tuple[str, ...]] = {
    TournamentStarted: (HEADER, STANDINGS, BRACKET, JUDGES),
    RoundPaired: (BRACKET, HEADER),
    DebateStarted: (BRACKET, HEADER),  # a restart clears the debate's result
    TurnDelta: (BRACKET,),
    SpeechDone: (BRACKET,),
    BallotCast: (BRACKET, JUDGES),
    HumanBallotCast: (JUDGES,),
    DebateDecided: (BRACKET, JUDGES, HEADER),
    RatingsUpdated: (RATINGS,),
    RoundCompleted: (STANDINGS, BRACKET, HEADER),
    TournamentFinished: (STANDINGS, HEADER),
    RunNote: (NOTES, HEADER),
}


@dataclass
class ViewState:
    db: Path | None = None
    state: LeagueState = field(default_factory=LeagueState)
    watched: str | None = None  # the debate on screen keeps its full text
    touched_debates: set[str] = field(default_factory=set)
    events_seen: int = 0

    def fold(self, batch: list[tuple[int, Event]]) -> set[str]:
        """Apply a batch of events; return which views changed."""
        changed: set[str] = set()
        st = self.state
        streamed: dict[tuple[str, int], list[str]] = {}  # token deltas, joined once per batch
        for seq, ev in batch:
            self.events_seen += 1
            if type(ev) is TurnDelta:
                streamed.setdefault((ev.debate_id, ev.index), []).append(ev.text)
                continue
            if streamed:
                self._stream(streamed)
                changed.add(BRACKET)
            st.apply(ev)
            st.last_seq = max(st.last_seq, seq)
            changed.update(_TOUCHES.get(type(ev), ()))
            debate_id = getattr(ev, "debate_id", None)
            if isinstance(ev, DebateDecided):
                debate_id = ev.result.debate_id
            if debate_id:
                self.touched_debates.add(debate_id)
            if isinstance(ev, SpeechDone) and ev.debate_id != self.watched:
                self._drop_text(ev.debate_id, ev.speech.index)
        if streamed:
            self._stream(streamed)
            changed.add(BRACKET)
        return changed

    def _stream(self, streamed: dict[tuple[str, int], list[str]]) -> None:
        # Every debate keeps the speech in progress (one per debate: bounded), so a debate
        # opened mid-speech shows what was said so far; SpeechDone drops it.
        for (debate_id, index), parts in streamed.items():
            d = self.state.debates.get(debate_id)
            if d is None:
                continue
            d.live[index] = d.live.get(index, "") + "".join(parts)
            self.touched_debates.add(debate_id)
        streamed.clear()

    def _drop_text(self, debate_id: str, index: int | None = None) -> None:
        """Blank one speech's text, or (no index) every speech's."""
        d = self.state.debates.get(debate_id)
        if d is None:
            return
        d.speeches = [s.model_copy(update={"text": ""}) if index is None or s.index == index else s
                      for s in d.speeches]

    # --- transcripts on demand --------------------------------------------------------------
    def watch(self, debate_id: str | None) -> None:
        """Show one debate in full: read its speeches back from the store."""
        old, self.watched = self.watched, debate_id
        if old and old != debate_id:
            self._drop_text(old)
        if debate_id is None or debate_id not in self.state.debates:
            return
        d = self.state.debates[debate_id]
        if all(s.text for s in d.speeches):
            return
        stored = self._stored_speeches(debate_id)
        d.speeches = [stored.get(s.index, s) for s in d.speeches]

    def _stored_speeches(self, debate_id: str) -> dict[int, Speech]:
        if self.db is None or not self.db.exists():
            return {}
        from debate.record.store import Store

        out: dict[int, Speech] = {}
        try:
            with Store(self.db, readonly=True) as store:
                for _, ev in store.debate_events(debate_id, types=("debate_started", "speech_done")):
                    if isinstance(ev, DebateStarted):
                        out = {}  # a restarted debate: an earlier attempt's speeches do not count
                    elif isinstance(ev, SpeechDone):
                        out[ev.speech.index] = ev.speech
        except Exception:  # noqa: BLE001 - a database mid-write or gone: show what we have
            return {}
        return out

    # --- derived views ------------------------------------------------------------------------
    @property
    def turns(self) -> list[Turn]:
        return list(self.state.format.turns) if self.state.format else []

    @property
    def four_sides(self) -> bool:
        """A British Parliamentary league: rooms of four, ranked."""
        return self.state.format is not None and self.state.format.four_sides

    @property
    def judges(self) -> list[str]:
        return [j.name for j in self.state.judges]

    @property
    def debaters(self) -> list[str]:
        return [d.name for d in self.state.debaters]

    @property
    def total_rounds(self) -> int:
        # rounds are numbered across the league's tournaments: the current one's last round
        return self.state.planned_rounds

    def current_round(self) -> int:
        return max(self.state.rounds, default=0)

    def status(self, d: DebateState) -> str:
        if d.result is not None:
            # an outage is not a debate lost: said apart from a forfeit the debater owns
            return "outage" if d.result.forfeit_cause == "outage" else d.result.result
        turns = len(self.turns) or 1
        if d.live:
            return f"speech {max(d.live) + 1}/{turns}"
        if d.attempt == 0 and not d.speeches:
            return "pending"
        if len(d.speeches) < turns:
            return f"speech {len(d.speeches) + 1}/{turns}"
        return f"judging {len(d.ballots)}/{len(self.judges) or '?'}"
