"""The standings tab: the table, and under it what the engine says about how far to trust it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from ..text import plain
from ..viewstate import ViewState
from .standings_table import StandingsTable

NOTE = ("BT = Bradley-Terry posterior mean, Elo [95% interval; (wide): over 1,000 Elo] · rank = 95% range "
        "of its place · P(best) = chance it is the best · LC = length-controlled BT · TrueSkill = mu − 3σ "
        "· Bhz = opponents' wins · points = rubric points · enter: this debater's debates")


class StandingsPane(Vertical):
    def __init__(self, **kw) -> None:
        super().__init__(**kw)
        self._shown: tuple[str, ...] | None = None

    def compose(self) -> ComposeResult:
        yield StandingsTable(id="standings-table")
        yield Static(id="standings-summary", classes="summary-note")
        yield Static(plain(NOTE, "dim"), classes="dim-note")

    def show(self, vs: ViewState, filter_text: str = "") -> None:
        self.query_one(StandingsTable).show(vs, filter_text)
        lines = tuple(vs.state.summary.lines()) if vs.state.summary is not None else ()
        if lines != self._shown:
            self._shown = lines
            summary = self.query_one("#standings-summary", Static)
            summary.update(plain("\n".join(lines)))
            summary.display = bool(lines)
