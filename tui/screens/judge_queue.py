"""The debates a person has not judged yet, in the order to judge them (no model names)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from debate.reports.human_queue import judged_by, queue_for

from ..text import plain, short
from ..viewstate import ViewState
from .judge import JudgeScreen


class JudgeQueueScreen(Screen[None]):
    BINDINGS = [Binding("escape", "back", "The tabs"), Binding("enter", "open", "Judge it", show=True)]

    def __init__(self, vs: ViewState, person: str) -> None:
        super().__init__()
        self.vs, self.person = vs, person
        self.queue: list[str] = []
        self._ready = False  # the pump may tick before the screen is mounted

    def compose(self) -> ComposeResult:
        yield Static(id="queue-title")
        yield DataTable(id="queue-table", cursor_type="row", zebra_stripes=True)
        yield Static(plain("Blind: sides are shown as Side A / Side B in a random order, with no model "
                           "names and no flags until you cast your ballot. Every debater is covered "
                           "first; split panels and close debates come first.", "dim"), classes="dim-note")
        yield Footer()

    def on_mount(self) -> None:
        t = self.query_one(DataTable)
        for label in ("#", "debate", "round", "motion", "speeches"):
            t.add_column(label, key=label)
        self._ready = True
        self.refresh_view()
        t.focus()

    def refresh_view(self) -> None:
        if not self._ready:
            return
        state = self.vs.state
        queue = queue_for(state, self.person)
        done = len(judged_by(state, self.person))
        title = Text(f"Judging as {self.person}", style="bold")
        title.append(f"   {len(queue)} to judge · {done} judged   enter: judge · esc: the tabs", style="dim")
        self.query_one("#queue-title", Static).update(title)
        if queue == self.queue:
            return
        self.queue = queue
        t = self.query_one(DataTable)
        row = t.cursor_row
        t.clear()
        for i, debate_id in enumerate(queue):
            d = state.debates[debate_id]
            r = state.rounds.get(d.round)
            motion = short(r.motion_text or r.motion_id, 70) if r else d.motion_id
            t.add_row(str(i + 1), plain(debate_id), str(d.round), plain(motion), str(len(d.speeches)), key=debate_id)
        if queue:
            t.move_cursor(row=min(row, len(queue) - 1))

    def action_open(self) -> None:
        t = self.query_one(DataTable)
        if not self.queue:
            return
        self.open(self.queue[min(t.cursor_row, len(self.queue) - 1)])

    def open(self, debate_id: str) -> None:
        self.app.push_screen(JudgeScreen(self.vs, debate_id, self.person), callback=self._back_from_debate)

    def _back_from_debate(self, how: str | None) -> None:
        self.vs.watch(None)
        self.refresh_view()
        if how == "next" and self.queue:
            self.open(self.queue[0])

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.open(event.row_key.value)

    def action_back(self) -> None:
        self.dismiss()
