"""`?`: the keys, on one page."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

KEYS = [
    ("1 … 5", "standings, bracket, ratings, judges & motions, notes"),
    ("tab / shift+tab", "move focus; ← → on the tab bar switch tabs"),
    ("↑ ↓ pgup pgdn", "move in a table, scroll a transcript"),
    ("enter", "bracket: open the debate · standings: that debater's debates"),
    ("/", "filter every tab by a name, debate id or motion"),
    ("s / r", "standings: next sort column / reverse (or click a header)"),
    ("esc", "back from a debate; clear the filter"),
    ("[ / ]", "debate: previous / next debate in the bracket"),
    ("j", "judge debates blind as the person named by --judge (their queue)"),
    ("judging", "tab / shift+tab fields · digits score (0 = 10) · a / b winner · ctrl+s cast · n next · esc back"),
    ("?", "this help"),
    ("q", "quit (a live league stops; run it again to resume)"),
]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark,enter", "dismiss", "Close")]

    def compose(self) -> ComposeResult:
        table = Table(box=None, padding=(0, 2), show_header=False)
        table.add_column(style="bold cyan", no_wrap=True)
        table.add_column()
        for key, what in KEYS:
            table.add_row(key, what)
        with Vertical(id="help-box"):
            yield Static(Text("Keys", style="bold"), classes="panel-title")
            yield Static(table)
            yield Static(Text("The viewer only shows events: ratings come from the engine. "
                              "Model text is shown as plain text.", style="dim"))
