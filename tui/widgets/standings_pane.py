"""The standings tab: the table, and under it what the engine says about how far to trust it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from ..text import plain
from ..viewstate import ViewState
from .standings_table import StandingsTable

_BT = ("BT = Bradley-Terry posterior mean, Elo [95% interval; (wide): over 1,000 Elo] · rank = 95% range "
       "of its place · P(best) = chance it is the best · LC = length-controlled BT · TrueSkill = mu − 3σ · ")
NOTE = _BT + "Bhz = opponents' wins · points = rubric points · enter: this debater's debates"
NOTE_BP = (_BT + "pts: team points (3-2-1-0 a room) · 1-2-3-4: places · pos: rooms as OG-OO-CG-CO · "
           "Bhz = opponents' team points · points = rubric points · enter: this debater's debates")
MARGIN_NOTE = "margin = judges' rubric margin against an average debater (the order; rank and P(best) from it) · "


class StandingsPane(Vertical):
    def __init__(self, **kw) -> None:
        super().__init__(**kw)
        self._shown: tuple[str, ...] | None = None
        self._note: str | None = None

    def compose(self) -> ComposeResult:
        yield StandingsTable(id="standings-table")
        yield Static(id="standings-summary", classes="summary-note")
        yield Static(plain(NOTE, "dim"), id="standings-note", classes="dim-note")

    def show(self, vs: ViewState, filter_text: str = "") -> None:
        self.query_one(StandingsTable).show(vs, filter_text)
        margin = vs.state.summary is not None and vs.state.summary.mode == "margin"
        # a four-side league's record columns and a margin league's order, explained
        note = (MARGIN_NOTE if margin else "") + (NOTE_BP if vs.four_sides else NOTE)
        if note != self._note:
            self._note = note
            self.query_one("#standings-note", Static).update(plain(note, "dim"))
        lines = tuple(vs.state.summary.lines()) if vs.state.summary is not None else ()
        if lines != self._shown:
            self._shown = lines
            summary = self.query_one("#standings-summary", Static)
            summary.update(plain("\n".join(lines)))
            summary.display = bool(lines)
