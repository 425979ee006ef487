"""The ballots beside the transcript: the decision first, then each judge's card."""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from debate.record.state import DebateState

from ..text import plain
from .ballot_card import BallotCard

_PLACE = {1.0: "1st", 2.0: "2nd", 3.0: "3rd", 4.0: "4th"}


class BallotsPanel(VerticalScroll):
    def on_mount(self) -> None:
        self.mount(Static(id="decision"))

    def show(self, d: DebateState, dims: list[str], judges: int) -> None:
        decision = self.query_one("#decision", Static)
        if d.result is None:
            text = Text(f"awaiting ballots: {len(d.ballots)}/{judges or '?'}", style="dim")
        elif d.result.ranks:
            r = d.result
            text = Text(f"{r.result}: ", style="bold")
            for k, name in enumerate(r.ranking()):
                text.append(" · " if k else "")
                text.append(f"{_PLACE.get(r.ranks[name], f'{r.ranks[name]:g}')} ", style="bold")
                text.append_text(plain(name, "bold green" if k == 0 and r.result == "decided" else ""))
            if r.reason:
                text.append("\n")
                text.append_text(plain(r.reason, "dim"))
        else:
            r = d.result
            text = Text(f"{r.result}: ", style="bold")
            text.append_text(plain(r.winner or "no winner", "bold green"))
            pro = sum(1 for b in d.ballots if b.winner == "pro")
            con = sum(1 for b in d.ballots if b.winner == "con")
            text.append(f"   pro {pro} – {con} con")
            if r.reason:
                text.append("\n")
                text.append_text(plain(r.reason, "dim"))
        decision.update(text)
        cards = list(self.query(BallotCard))
        ballots = [*d.ballots, *d.human_ballots]  # the panel's, then people's (judge human:NAME)
        for i, b in enumerate(ballots):
            if i >= len(cards):
                card = BallotCard(classes="ballot")
                self.mount(card)
                cards.append(card)
            cards[i].show(b, d.sides, dims)
        for extra in cards[len(ballots):]:
            extra.remove()
