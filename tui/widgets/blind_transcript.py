"""A debate's transcript as a person judges it: Side A / Side B only, no speaker names, no flags."""

from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from debate.domain.human_queue import side_letter
from debate.domain.models import Speech

from ..text import plain

LETTER_STYLE = ["bold cyan", "bold magenta", "bold yellow", "bold green"]


class BlindTranscript(VerticalScroll):
    def show(self, speeches: list[Speech], order: list[str]) -> None:
        """`order`: the sides as shown, Side A first."""
        self.remove_children()
        cards = []
        for s in sorted(speeches, key=lambda s: s.index):
            i = order.index(s.side) if s.side in order else len(order)
            head = Text(f"{s.index + 1}. ", style="bold")
            head.append(f"Side {side_letter(i)}", style=LETTER_STYLE[i % len(LETTER_STYLE)])
            head.append(f" · {s.kind}", style="italic")
            head.append(f"  {s.words}/{s.word_limit} words", style="dim")
            body = plain(s.text) if s.text else Text("(no text stored)", style="dim italic")
            card = Static(Group(head, body), classes=f"speech side-{side_letter(i).lower()}")
            cards.append(card)
        self.mount(*cards)
