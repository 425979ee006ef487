"""One debate: the transcript (streaming while a model speaks) beside the judges' ballots."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Footer, Static

from ..text import plain
from ..viewstate import ViewState
from ..widgets import BallotsPanel, Transcript
from ..widgets.speech_card import SIDE_LABEL, SIDE_STYLE


class DebateScreen(Screen[None]):
    BINDINGS = [
        Binding("escape,backspace", "back", "Back"),
        Binding("left_square_bracket", "step(-1)", "Prev debate"),
        Binding("right_square_bracket", "step(1)", "Next debate"),
        Binding("tab", "focus_next", "Transcript/ballots", show=False),
        Binding("j", "app.judge", "Judge blind"),
    ]

    def __init__(self, vs: ViewState, debate_id: str, order: list[str]) -> None:
        super().__init__()
        self.vs, self.debate_id, self.order = vs, debate_id, order

    def compose(self) -> ComposeResult:
        yield Static(id="debate-title")
        with Horizontal(id="debate-body"):
            yield Transcript(id="transcript")
            yield BallotsPanel(id="ballots")
        yield Footer()

    _ready = False

    def on_mount(self) -> None:
        self._ready = True
        self._first_paint()
        self.call_after_refresh(self._first_paint)  # in case the children were not there yet

    def _first_paint(self) -> None:
        try:
            self.refresh_view()
            self.query_one(Transcript).focus()
        except NoMatches:
            pass

    def refresh_view(self) -> None:
        d = self.vs.state.debates.get(self.debate_id)
        if d is None or not self._ready:  # the pump may tick before the screen is composed
            return
        r = self.vs.state.rounds.get(d.round)
        title = Text(f"Round {d.round} · ", style="bold")
        title.append_text(plain(d.debate_id, "dim"))
        title.append("   ")
        if d.seats:
            for k, (side, name) in enumerate(d.seats.items()):
                title.append(" · " if k else "")
                title.append_text(plain(name, SIDE_STYLE[side]))
                title.append(f" {SIDE_LABEL[side]}")
        else:
            title.append_text(plain(d.pro, "bold cyan"))
            title.append(" PRO (Proposition) vs ")
            title.append_text(plain(d.con, "bold magenta"))
            title.append(" CON (Opposition)")
        title.append(f"   {self.vs.status(d)}", style="yellow")
        if r is not None:
            title.append("\n")
            title.append_text(plain(r.motion_id, "dim"))
            title.append("  ")
            title.append_text(plain(r.motion_text, "italic"))
        self.query_one("#debate-title", Static).update(title)
        self.query_one(Transcript).show(d, self.vs.turns)
        rubric = self.vs.state.rubric
        dims = rubric.dimension_ids if rubric else []
        self.query_one(BallotsPanel).show(d, dims, len(self.vs.judges))

    def action_back(self) -> None:
        self.dismiss()

    def action_step(self, delta: int) -> None:
        if self.debate_id not in self.order:
            return
        i = self.order.index(self.debate_id) + delta
        if 0 <= i < len(self.order):
            self.app.open_debate(self.order[i], replace=True)  # type: ignore[attr-defined]
