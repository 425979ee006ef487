"""Judging one debate blind: the transcript with Side A / Side B only beside the rubric form.

Nothing on this screen names a model or shows a flag until the ballot is cast: the sides are
shown in the order drawn for this person and debate (recorded with the ballot). Once cast, the
screen reveals who was who, the speeches' flags and the panel's ballots (the person's among them).
"""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

from debate.domain.human_agreement import HUMAN_PREFIX
from debate.domain.human_queue import blind_order, side_letter
from debate.domain.models import Ballot
from debate.record.events import HumanBallotCast

from ..text import plain
from ..viewstate import ViewState
from ..widgets import BallotForm, BallotsPanel, BlindTranscript

SIDE_NAME = {"pro": "Proposition", "con": "Opposition"}


class JudgeScreen(Screen[str]):
    """Dismissed with "next" (judge the next debate in the queue) or "back"."""

    BINDINGS = [
        Binding("escape", "back", "Back to the queue"),
        Binding("ctrl+s", "cast", "Cast ballot"),
        Binding("a", "choose(0)", "Side A wins"),
        Binding("b", "choose(1)", "Side B wins"),
        Binding("n", "next", "Next debate"),
    ]

    def __init__(self, vs: ViewState, debate_id: str, person: str) -> None:
        super().__init__()
        self.vs, self.debate_id, self.person = vs, debate_id, person
        fmt = vs.state.format
        self.order = blind_order(person, debate_id, fmt.side_ids if fmt is not None else ("pro", "con"))
        self.cast_done = False
        self._ready = False

    @property
    def judge(self) -> str:
        return HUMAN_PREFIX + self.person

    def compose(self) -> ComposeResult:
        yield Static(id="judge-title")
        with Horizontal(id="judge-body"):
            yield BlindTranscript(id="blind")
            with Vertical(id="judge-side"):
                if self.vs.state.rubric is not None:
                    yield BallotForm(self.vs.state.rubric, len(self.order), id="ballot-form")
                yield Static(id="reveal")
                yield BallotsPanel(id="judge-ballots")
        yield Footer()

    def on_mount(self) -> None:
        self.vs.watch(self.debate_id)  # read the speeches' text back from the store
        d = self.vs.state.debates[self.debate_id]
        self.cast_done = any(b.judge == self.judge for b in d.human_ballots)
        self.query_one("#judge-ballots").display = False
        self.query_one("#reveal").display = False
        self._ready = True
        self.refresh_view()
        if self.cast_done:
            self.reveal()
        elif self.vs.state.rubric is None:  # a database from before rubrics were recorded
            self.query_one("#reveal", Static).update(Text("no rubric is recorded in this database: "
                                                          "nothing to judge with", style="bold red"))
            self.query_one("#reveal").display = True
        else:
            fields = self.query_one(BallotForm).fields()
            if fields:
                fields[0].focus()

    def refresh_view(self) -> None:
        d = self.vs.state.debates.get(self.debate_id)
        if d is None or not self._ready:
            return
        r = self.vs.state.rounds.get(d.round)
        title = Text(f"Judging as {self.person} · ", style="bold")
        title.append_text(plain(d.debate_id, "dim"))
        title.append(f" · round {d.round} · sides in random order: "
                     + ", ".join(f"Side {side_letter(i)}" for i in range(len(self.order))))
        if r is not None:
            title.append("\n")
            title.append_text(plain(r.motion_text or r.motion_id, "italic"))
        self.query_one("#judge-title", Static).update(title)
        self.query_one(BlindTranscript).show(d.speeches, self.order)
        if self.cast_done:
            self._show_ballots()

    def _show_ballots(self) -> None:
        d = self.vs.state.debates[self.debate_id]
        dims = self.vs.state.rubric.dimension_ids if self.vs.state.rubric else []
        self.query_one(BallotsPanel).show(d, dims, len(self.vs.judges))

    def reveal(self) -> None:
        """After the ballot: who was who, the flags, the panel's ballots and the person's."""
        d = self.vs.state.debates[self.debate_id]
        lines = [Text("Revealed", style="bold")]
        for i, side in enumerate(self.order):
            name = d.pro if side == "pro" else d.con
            line = Text(f"Side {side_letter(i)} was the {SIDE_NAME.get(side, side)}: ")
            line.append_text(plain(name, "bold"))
            lines.append(line)
        flags = [(s.index, s.side, f) for s in d.speeches for f in s.flags]
        for index, side, f in flags:
            lines.append(Text(f"speech {index + 1} (Side {side_letter(self.order.index(side))}): ⚑ {f}",
                              style="magenta"))
        if d.result is not None:
            line = Text("panel: ")
            line.append_text(plain(d.result.winner or d.result.result, "bold green"))
            lines.append(line)
        lines.append(Text("n: next debate · esc: the queue", style="dim"))
        reveal = self.query_one("#reveal", Static)
        reveal.update(Group(*lines))
        reveal.display = True
        for form in self.query(BallotForm):
            form.display = False
        self.query_one("#judge-ballots").display = True
        self._show_ballots()

    @on(BallotForm.Cast)
    def _cast(self, event: BallotForm.Cast) -> None:
        scores = {self.order[i]: {k: float(v) for k, v in row.items()} for i, row in event.scores.items()}
        ballot = Ballot(judge=self.judge, winner=self.order[event.winner], scores=scores,  # type: ignore[arg-type]
                        reasons=event.reasons)
        ev = HumanBallotCast(debate_id=self.debate_id, ballot=ballot, blind_order=list(self.order))
        error = self.app.store_human_ballot(ev)  # type: ignore[attr-defined]
        if error:
            self.query_one(BallotForm).error(error)
            return
        self.cast_done = True
        self.reveal()

    def action_cast(self) -> None:
        if not self.cast_done and self.vs.state.rubric is not None:
            self.query_one(BallotForm).cast()

    def action_choose(self, side: int) -> None:
        if not self.cast_done and self.vs.state.rubric is not None:
            self.query_one(BallotForm).choose(side, then_reasons=True)

    def action_next(self) -> None:
        if self.cast_done:
            self.dismiss("next")

    def action_back(self) -> None:
        self.dismiss("back")
