"""Run notes (forfeits, re-judging, stops), newest last."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import RichLog

from ..text import plain
from ..viewstate import ViewState

_STYLE = {"info": "dim", "warning": "yellow", "error": "bold red"}


class NotesLog(RichLog):
    def __init__(self, **kw) -> None:
        super().__init__(wrap=True, markup=False, highlight=False, **kw)
        self._shown = 0

    def show(self, vs: ViewState, filter_text: str = "") -> None:
        notes = vs.state.notes
        if len(notes) < self._shown or (notes and self._shown == 0):  # start over / drop the placeholder
            self.clear()
            self._shown = 0
        for note in notes[self._shown:]:
            line = Text(f"{note.level:<8}", style=_STYLE.get(note.level, ""))
            if note.debate_id:
                line.append_text(plain(f"{note.debate_id}  ", "cyan"))
            line.append_text(plain(note.message))
            self.write(line)
        self._shown = len(notes)
        if not notes and not self.lines:
            self.write(Text("no notes: nothing went wrong so far", style="dim"))
